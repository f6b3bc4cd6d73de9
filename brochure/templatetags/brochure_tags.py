"""{% brochure_links page %}: on the about page (and its translations), the links to both
editions of the brochure at their stable addresses, with type, size and language in the page's
language, e.g. "Brochuren (PDF, 42 KB, på dansk)"; nothing on any other page.

Cached per page generation: a rebuilt edition bumps it (brochure/editions.py)."""

from django import template
from django.utils import translation

from caching.fragments import cached
from pages.documents import is_private
from pages.templatetags.site_tags import LANGUAGE_PHRASES, human_size

from ..editions import address
from ..models import LANGUAGES, BrochureEdition, BrochureSettings

register = template.Library()


def link_facts():
    """The about page's translation key and each edition's address and size: two queries
    (three with a designed PDF), once per page generation."""
    chosen = BrochureSettings.objects.select_related(
        "about_page", "designed_pdf_da__collection", "designed_pdf_en__collection"
    ).first()
    about = chosen.about_page if chosen is not None else None
    sizes = dict(BrochureEdition.objects.values_list("language", "size"))
    editions = []
    for language in LANGUAGES:
        designed = chosen.designed_pdf(language) if chosen is not None else None
        if designed is not None and not is_private(designed):
            size = designed.get_file_size()
        else:
            size = sizes.get(language)
        editions.append({"language": language, "url": address(language), "size": size})
    return {"about_key": about.translation_key if about is not None else None, "editions": editions}


def edition_meta(edition):
    """'PDF, 42 KB, på dansk' in the active language (the size only once it is built)."""
    parts = ["PDF", human_size(edition["size"]), LANGUAGE_PHRASES[edition["language"]]()]
    return ", ".join(part for part in parts if part)


@register.inclusion_tag("brochure/includes/links.html")
def brochure_links(page):
    facts = cached("brochure-links", link_facts)
    if page is None or facts["about_key"] is None or page.translation_key != facts["about_key"]:
        return {"editions": []}
    language = translation.get_language() or "da"
    editions = sorted(facts["editions"], key=lambda edition: edition["language"] != language)
    return {
        "editions": [{**edition, "meta": edition_meta(edition)} for edition in editions],
    }
