"""What the brochure shows, read from the live content in the active language: the about
page's text (its translation when there is one), the network's key figures, the featured
symbioses, the network diagram, how to join and the contact details of the site settings."""

import base64
import logging

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Site
from wagtail.rich_text import expand_db_html

from pages.blocks import alt_text
from pages.site_settings import SiteSettings
from symbioses.choices import PartnerKind
from symbioses.diagram import network_diagram
from symbioses.models import SymbiosePage
from symbioses.summary import latest_results, total_effect

from .models import BrochureSettings

logger = logging.getLogger(__name__)

IMAGE_SPEC = "max-1200x800|format-jpeg|jpegquality-80"
FALLBACK_FEATURED = 3  # shown when editors chose none: those with the most results

# The colour of each kind of partner, as in the site's diagram (static/css/site.css,
# .network__node--<kind>); the PDF's inline SVG takes presentation attributes, not the site's CSS.
KIND_COLOURS = {
    PartnerKind.CITIZEN: "#b03a2e",
    PartnerKind.ASSOCIATION: "#c13a8f",
    PartnerKind.COMPANY: "#2347d0",
    PartnerKind.MUNICIPALITY: "#1b8a5a",
    PartnerKind.EDUCATION: "#a08400",
    PartnerKind.RESEARCH: "#55207f",
    PartnerKind.UTILITY: "#263238",
}


def localized(page, language):
    """The live translation of the page in `language`, else the page itself, and the language
    its text is in; (None, None) without a page."""
    if page is None:
        return None, None
    page = page.specific
    locale = Locale.objects.filter(language_code=language).first()
    if locale is not None and page.locale_id != locale.pk:
        other = page.get_translation_or_none(locale)
        if other is not None and other.live:
            return other.specific, language
    return page, page.locale.language_code


def image_source(image):
    """The image as a data: URI (the PDF fetches nothing), or None when its file is missing."""
    try:
        rendition = image.get_rendition(IMAGE_SPEC)
        with rendition.file.open("rb") as handle:
            data = handle.read()
    except OSError:  # also Wagtail's SourceImageIOError
        logger.warning("Brochure: the image %s has no readable file; left out", image.pk)
        return None
    return f"data:image/jpeg;base64,{base64.b64encode(data).decode('ascii')}"


def image_item(value):
    image = value.get("image")
    alt = alt_text(value)
    source = image_source(image) if image is not None and alt is not None else None
    if source is None:
        return None
    return {"kind": "image", "src": source, "alt": alt, "caption": value.get("caption") or ""}


def body_sections(page):
    """The about page's sections (heading, items) for print: paragraphs, subheadings, images
    with their alternative text, and videos and documents as links."""
    sections = []
    for block in page.body:
        if block.block_type != "section":
            continue
        items = []
        for child in block.value["content"]:
            kind, value = child.block_type, child.value
            if kind == "paragraph":
                items.append({"kind": "paragraph", "html": expand_db_html(value.source)})
            elif kind == "subheading":
                items.append({"kind": "subheading", "text": value["text"]})
            elif kind == "image":
                item = image_item(value)
                if item:
                    items.append(item)
            elif kind == "video" and value.get("file"):  # the site's own video file
                items.append({"kind": "link", "text": value["title"], "url": value["file"].url})
            elif kind == "video" and value["url"]:
                items.append({"kind": "link", "text": value["title"], "url": value["url"]})
            elif kind == "document" and value["document"]:
                items.append(
                    {"kind": "link", "text": value["link_text"], "url": value["document"].url}
                )
        sections.append({"heading": block.value["heading"], "items": items})
    return sections


def symbiose_entry(symbiose, language):
    shown, text_language = localized(symbiose, language)
    images = [image_item(block.value) for block in shown.images if block.block_type == "image"]
    return {
        "page": shown,
        "lang": text_language,
        "url": shown.full_url,
        "story": expand_db_html(shown.story) if shown.story else "",
        "source": symbiose.source_and_target[0],
        "target": symbiose.source_and_target[1],
        "results": sorted(latest_results(symbiose), key=lambda result: result.indicator),
        "image": next((image for image in images if image), None),
    }


def featured_symbioses(brochure_settings, symbioses, language):
    by_id = {symbiose.pk: symbiose for symbiose in symbioses}
    chosen = [by_id[pk] for pk in brochure_settings.featured_ids() if pk in by_id]
    if not brochure_settings.featured_ids():
        with_results = [symbiose for symbiose in symbioses if latest_results(symbiose)]
        with_results.sort(key=lambda symbiose: -len(latest_results(symbiose)))
        chosen = with_results[:FALLBACK_FEATURED]
    return [symbiose_entry(symbiose, language) for symbiose in chosen]


def contact(site_settings):
    """The general contact and the emergency line, labelled apart: the emergency number is
    never given as the general contact. The hotline's texts in the active language."""
    return {
        "organisation": site_settings.organisation_name,
        "name": site_settings.contact_name,
        "email": site_settings.contact_email,
        "phone": site_settings.contact_phone_display,
        "phone_href": site_settings.contact_phone_href,
        "hotline_heading": site_settings.localized_hotline_heading,
        "hotline_text": site_settings.localized_hotline_text,
        "hotline_phone": site_settings.hotline_phone_display,
        "hotline_href": site_settings.hotline_phone_href,
    }


def edition_context(language):
    """Everything the template shows, for the edition in `language` (already active)."""
    brochure_settings = BrochureSettings.load()
    site_settings = SiteSettings.load()
    site = Site.objects.filter(is_default_site=True).first()
    default_locale = Locale.get_default()
    symbioses = list(SymbiosePage.objects.published().filter(locale=default_locale))
    about, about_language = localized(brochure_settings.about_page, language)
    join, _join_language = localized(brochure_settings.join_page, language)
    diagram = network_diagram(symbioses)
    return {
        "language": language,
        "title": _("Symbiose Hillerød – brochure for partners"),
        "subtitle": _("Partnerships that use resources better"),
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_url": site.root_url if site else "",
        "about": about,
        "about_lang": about_language if about_language != language else "",
        "about_url": about.full_url if about else "",
        "sections": body_sections(about) if about is not None else [],
        "symbiose_count": len(symbioses),
        "partner_count": len(diagram.nodes) if diagram else 0,
        "totals": total_effect(symbioses),
        "featured": featured_symbioses(brochure_settings, symbioses, language),
        "diagram": diagram,
        "nodes": [{"node": node, "colour": KIND_COLOURS[node.kind]} for node in diagram.nodes]
        if diagram
        else [],
        "legend": [{"item": item, "colour": KIND_COLOURS[item.kind]} for item in diagram.legend]
        if diagram
        else [],
        "join": join,
        "join_url": join.full_url if join else "",
        "contact": contact(site_settings),
        "text_direction": "rtl" if translation.get_language_bidi() else "ltr",
    }
