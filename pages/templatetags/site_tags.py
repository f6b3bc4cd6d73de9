import mimetypes
from datetime import date, datetime

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html, strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from caching.fragments import cached, without_restricted

from ..languages import versions
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
    """The children of the home page in the page's language that are marked for menus."""
    request = context.get("request")
    found = versions(request, context.get("page")) if request is not None else None
    home = found.homes.get(get_language()) if found else None
    items = []
    if home is not None:

        def build():
            children = without_restricted(home.get_children().live().in_menu())
            return [{"title": page.title, "url": page.get_url(request)} for page in children]

        items = cached(f"menu:{home.pk}", build)
    current = context.get("page")
    return {"items": items, "current_url": current.get_url(request) if current else None}


@register.filter
def lang_attr(page):
    """' lang="da"' on a page shown untranslated among pages in another language
    (symbioses/locales.py), so that screen readers read its text in Danish."""
    code = getattr(page, "untranslated_language", "")
    return format_html(' lang="{}"', code) if code else ""


@register.simple_tag
def home_url():
    """The home page in the active language: / or /en/."""
    return reverse("wagtail_serve", args=[""])


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The page in each language, for the header's switch and the head's hreflang links:
    [{"code", "name", "url", "full_url", "current", "translated"}], the page's own translation
    where there is a live one, else that language's home page."""
    request = context.get("request")
    current = get_language()
    # A view that is not a page (the search) names its own address in each language.
    alternates = getattr(request, "language_alternates", None)
    if alternates:
        return [
            {
                "code": code,
                "name": name,
                "url": alternates[code],
                "full_url": request.build_absolute_uri(alternates[code]),
                "current": code == current,
                "translated": True,
            }
            for code, name in settings.LANGUAGES
            if code in alternates
        ]
    found = versions(request, context.get("page")) if request is not None else None
    if found is None:
        return []
    shown = []
    for code, name in settings.LANGUAGES:
        page = found.translations.get(code) or found.homes.get(code)
        if page is not None:
            shown.append(
                {
                    "code": code,
                    "name": name,
                    "url": page.get_url(request),  # the switch: relative, on this host
                    "full_url": page.get_full_url(request),  # hreflang wants absolute
                    "current": code == current,
                    "translated": code in found.translations,
                }
            )
    return shown


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    site_settings = context.get("site_settings")  # the 500 page passes its own
    if site_settings is None:
        site_settings = cached("site-settings", SiteSettings.load, generation_name=":settings")
    return {"site_settings": site_settings}


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
    for field in ("search_description", "teaser", "intro", "description", "story"):
        text = strip_tags(str(getattr(page, field, "") or "")).strip()
        if text:
            return Truncator(" ".join(text.split())).chars(160)
    return _("Symbiose Hillerød creates partnerships that use resources better.")


@register.filter
def html_datetime(value, precision="date"):
    """A valid value for <time datetime>: 'YYYY-MM-DD' (the default, for a date or the local
    date of a moment: what the visible text shows), or with "full" the moment to the second
    with its offset, 'YYYY-MM-DDThh:mm:ss+01:00'. Django's date:"c" gives six digits of
    seconds' fraction, which the HTML standard does not allow (three at most)."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        if precision == "full":
            return value.replace(microsecond=0).isoformat()
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""


@register.simple_tag
def responsive_picture(image, formats, widths, **attrs):
    """{% picture image format-{avif,webp,jpeg} width-{480,800,1200} ... %}, but without two
    candidates of the same width: Wagtail never enlarges an image, so an image narrower than
    some of the widths would get the same rendition several times, and a srcset that lists one
    width twice is invalid HTML (browsers may ignore it). Widths at or above the image's own
    are replaced by the image at its own width, once. With one width left, `sizes` goes too:
    it is allowed only beside a srcset of widths."""
    if not image:
        return ""
    formats = formats.split(",")
    wanted = [int(width) for width in widths.split(",")]
    kept = [width for width in wanted if width < image.width]
    if len(kept) < len(wanted):
        kept.append(image.width)
    specs = [f"format-{fmt}|width-{width}" for fmt in formats for width in kept]
    renditions, seen = {}, set()
    # A missing source file gives placeholder renditions, all 0 wide: keep one of each format.
    for spec, rendition in get_renditions_or_not_found(image, specs).items():
        key = (spec.split("|")[0], rendition.width)
        if key not in seen:
            seen.add(key)
            renditions[spec] = rendition
    if len(renditions) == len(formats):
        attrs.pop("sizes", None)
    return Picture(renditions, attrs).__html__()
