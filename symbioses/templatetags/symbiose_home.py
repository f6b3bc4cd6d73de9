"""The home page's catalogue and links: the project template templates/pages/home_page.html
loads this library, so pages/ (below symbioses/ in the layers) never imports the catalogue.

Two queries for the published symbioses (with their translations in the page's language and
their results) and one for every other page the home page links to (the catalogue's listing,
the theme groups, the "read more" page and the join page, with their translations), whatever
the number of symbioses, groups or languages.
"""

from dataclasses import dataclass, field

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import get_language
from wagtail.models import Page

from caching.fragments import without_restricted

from ..models import SymbioseIndexPage, SymbiosePage, ThemeGroupPage
from ..summary import total_effect

register = template.Library()

NEWEST_SHOWN = 3  # symbioses shown when editors chose none


@dataclass
class HomeCatalogue:
    symbiose_count: int
    partner_count: int
    totals: list
    featured: list
    chosen: bool  # editors chose the featured symbioses (else: the newest)
    index: Page | None = None  # the catalogue's listing, in the page's language
    theme_groups: list = field(default_factory=list)
    read_more: Page | None = None  # the page the introduction leads on to
    join: Page | None = None  # the call to action's page


def in_language(pages, language):
    """{translation_key: page}: each page in `language` where it has one, else in Danish
    (marked untranslated, pages/locales.py)."""
    shown = {}
    for page in pages:
        code = page.locale.language_code
        if code == language or page.translation_key not in shown:
            shown[page.translation_key] = page
    for page in shown.values():
        if page.locale.language_code != language:
            page.untranslated_language = page.locale.language_code
    return shown


@register.simple_tag
def home_catalogue(page):
    """The network's key figures, the featured symbioses, the theme groups and the pages the
    home page `page` (a pages.HomePage) links to, in the active language."""
    language = get_language() or settings.LANGUAGE_CODE
    languages = {settings.LANGUAGE_CODE, language}

    found = list(
        SymbiosePage.objects.listed()
        .filter(locale__language_code__in=languages)
        .select_related("locale")
    )
    symbioses = [s for s in found if s.locale.language_code == settings.LANGUAGE_CODE]
    shown = in_language(found, language)
    partners = {
        partner.pk
        for symbiose in symbioses
        for partner in (symbiose.partner_a, symbiose.partner_b)
        if partner is not None and partner.live
    }
    # Page references stay on the Danish symbioses in a translated home page (wagtail-localize).
    by_pk = {symbiose.pk: symbiose for symbiose in symbioses}
    chosen = [by_pk[pk] for pk in page.featured_symbiose_ids if pk in by_pk]
    featured = (
        chosen
        or sorted(symbioses, key=lambda symbiose: symbiose.first_published_at, reverse=True)[
            :NEWEST_SHOWN
        ]
    )
    cards = []
    for original in featured:
        card = shown[original.translation_key]
        # A translation's partners are its original's (already fetched): no query per card.
        card.partner_a, card.partner_b = original.partner_a, original.partner_b
        cards.append(card)

    links = [pk for pk in (page.featured_page_id, page.join_page_id) if pk]
    wanted = Q(locale__language_code__in=languages) & Page.objects.type_q(
        SymbioseIndexPage, ThemeGroupPage
    )
    wanted |= Q(pk__in=links)
    if language != settings.LANGUAGE_CODE and links:
        keys = Page.objects.filter(pk__in=links).values("translation_key")
        wanted |= Q(translation_key__in=keys, locale__language_code=language)
    pages = list(
        without_restricted(Page.objects.filter(wanted).live())
        .select_related("locale")
        .order_by("path")
    )
    linked = in_language(pages, language)
    key_of = {page.pk: page.translation_key for page in pages}
    originals = [p for p in pages if p.locale.language_code == settings.LANGUAGE_CODE]

    def of_type(model):
        content_type = ContentType.objects.get_for_model(model)  # cached after the first time
        return [
            linked[p.translation_key] for p in originals if p.content_type_id == content_type.pk
        ]

    def link(pk):
        return linked.get(key_of.get(pk)) if pk else None

    indexes = of_type(SymbioseIndexPage)
    return HomeCatalogue(
        symbiose_count=len(symbioses),
        partner_count=len(partners),
        totals=total_effect(symbioses),
        featured=cards,
        chosen=bool(chosen),
        index=indexes[0] if indexes else None,
        theme_groups=of_type(ThemeGroupPage),
        read_more=link(page.featured_page_id),
        join=link(page.join_page_id),
    )
