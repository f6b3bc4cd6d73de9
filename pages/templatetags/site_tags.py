import mimetypes

from django import template
from django.conf import settings
from django.utils.formats import number_format
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Site

from caching.fragments import cached

from ..site_settings import SiteSettings

register = template.Library()

LANGUAGE_PHRASES = {
    "da": lambda: _("in Danish"),
    "en": lambda: _("in English"),
    "de": lambda: _("in German"),
}


@register.simple_tag
def site_name():
    return settings.WAGTAIL_SITE_NAME


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    items = []
    if site is not None:

        def build():
            children = site.root_page.get_children().live().in_menu()
            return [{"title": page.title, "url": page.get_url(request)} for page in children]

        items = cached(f"menu:{site.pk}", build)
    current = context.get("page")
    return {"items": items, "current_url": current.get_url(request) if current else None}


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    site_settings = context.get("site_settings")  # the 500 page passes its own
    if site_settings is None:
        site_settings = cached("site-settings", SiteSettings.load, generation_name=":settings")
    return {"s": site_settings}


def human_size(size):
    """Danish file sizes: '180 KB', '1,2 MB'."""
    if size is None:
        return ""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{number_format(round(size / (1024 * 1024), 1), 1)} MB"


@register.simple_tag
def document_meta(document, language):
    """'PDF, 180 KB, på engelsk': what a visitor should know before opening a file."""
    parts = [document.file_extension.upper(), human_size(document.get_file_size())]
    phrase = LANGUAGE_PHRASES.get(language)
    if phrase:
        parts.append(phrase())
    return ", ".join(part for part in parts if part)


@register.filter
def document_mime_type(document):
    return mimetypes.guess_type(document.filename)[0] or "application/octet-stream"


@register.simple_tag
def meta_description(page):
    """The page's search description, else the start of its own text (search engines show it)."""
    for field in ("search_description", "intro", "description", "story"):
        text = strip_tags(str(getattr(page, field, "") or "")).strip()
        if text:
            return Truncator(" ".join(text.split())).chars(160)
    return _("Symbiose Hillerød creates partnerships that use resources better.")
