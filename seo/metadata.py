"""What a page tells search engines and link previews: its canonical address, its Open Graph
and Twitter card tags, its breadcrumbs and its structured data (JSON-LD). Built in Python once
per request; the template tags (seo/templatetags/seo_tags.py) only print it."""

import json

from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from caching.fragments import cached
from pages.languages import versions
from pages.site_settings import SiteSettings
from pages.templatetags.site_tags import meta_description

OG_LOCALES = {"da": "da_DK", "en": "en_GB"}
SHARE_IMAGE = ("img/share-default.png", 1200, 630)
SHARE_RENDITION = "fill-1200x630"
LOGO = "img/logo.png"
# Hillerød Forsyning, the utility that hosts the network (the address our sources use).
PARENT_ORGANISATION_URL = "https://hillerodforsyning.dk/"
WEEK = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def site_root(request):
    """https://host of the configured site (its hostname in Wagtail's Site), never the
    request's Host header."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


def absolute(request, url):
    return url if "://" in url else f"{site_root(request)}{url}"


def ancestors(request, page):
    """The page's ancestors from its home page down to its parent. HomePage.route has found
    them already when it served the page (request.page_ancestors); else one query."""
    found = getattr(request, "page_ancestors", None)
    if found is not None and found[0] == page.pk:
        return found[1]
    if not page.pk or page.depth <= 2:
        return []
    return list(Page.objects.ancestor_of(page).filter(depth__gte=2).order_by("depth"))


def breadcrumbs(request, page):
    """[{"title", "url", "full_url"}] from the home page to the page itself; [] on the home
    page and on pages that are not Wagtail pages."""
    if not isinstance(page, Page) or not page.pk or page.depth is None or page.depth <= 2:
        return []  # also a new page's preview: it has no address yet
    key = getattr(request, "_breadcrumbs", None)
    if key is not None and key[0] == page.pk:
        return key[1]
    trail = []
    for number, crumb in enumerate([*ancestors(request, page), page]):
        title = _("Front page") if number == 0 else crumb.title
        trail.append(
            {
                "title": title,
                "url": crumb.get_url(request),
                "full_url": crumb.get_full_url(request),
            }
        )
    request._breadcrumbs = (page.pk, trail)
    return trail


def canonical_url(request, page):
    """The page's own address, absolute, without a query: a filtered or paginated listing
    points at the listing itself."""
    if not isinstance(page, Page) or not page.pk:
        return ""
    return page.get_full_url(request) or ""


def share_image(request, page):
    """{"url", "width", "height", "alt"} for og:image: the editor's share image, else the
    page's own image, else the site's default image (static/img/share-default.png)."""
    candidates = []
    chosen = getattr(page, "share_image", None)
    if chosen is not None:
        candidates.append((chosen, chosen.description or page.title))
    own = getattr(page, "page_image", None)
    if own is not None:
        image, alt = own()
        if image is not None:
            candidates.append((image, alt or page.title))
    for image, alt in candidates:
        try:
            rendition = image.get_rendition(SHARE_RENDITION)
        except OSError:  # Wagtail's SourceImageIOError: the file is gone
            continue
        return {
            "url": absolute(request, rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": alt,
        }
    path, width, height = SHARE_IMAGE
    return {
        "url": absolute(request, static(path)),
        "width": width,
        "height": height,
        "alt": settings.WAGTAIL_SITE_NAME,
    }


def open_graph(request, page):
    """The Open Graph tags, in order: [(property, content)]."""
    language = get_language() or settings.LANGUAGE_CODE
    title = (getattr(page, "seo_title", "") or getattr(page, "title", "")) or (
        settings.WAGTAIL_SITE_NAME
    )
    found = versions(request, page) if request is not None else None
    other_languages = [code for code in (found.translations if found else {}) if code != language]
    image = share_image(request, page)
    tags = [
        ("og:type", getattr(page, "og_type", "website")),
        ("og:site_name", settings.WAGTAIL_SITE_NAME),
        ("og:title", title),
        ("og:description", meta_description(page)),
        ("og:url", canonical_url(request, page)),
        ("og:locale", OG_LOCALES.get(language, language)),
        *(("og:locale:alternate", OG_LOCALES.get(code, code)) for code in other_languages),
        ("og:image", image["url"]),
        ("og:image:width", str(image["width"])),
        ("og:image:height", str(image["height"])),
        ("og:image:alt", image["alt"]),
    ]
    return [(name, value) for name, value in tags if value]


def site_settings():
    return cached("site-settings", SiteSettings.load, generation_name=":settings")


def organisation(request, page=None):
    """schema.org Organization: the network, hosted by Hillerød Forsyning, with the emergency
    line of the site settings as its ContactPoint."""
    settings_ = site_settings()
    # With the page: versions() keeps its first answer on the request for the header too.
    found = versions(request, page) if request is not None else None
    home = found.homes.get(settings.LANGUAGE_CODE) if found else None
    url = home.get_full_url(request) if home is not None else f"{site_root(request)}/"
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": f"{url}#organisation",
        "name": settings.WAGTAIL_SITE_NAME,
        "url": url,
        "logo": absolute(request, static(LOGO)),
        "parentOrganization": {
            "@type": "Organization",
            "name": settings_.organisation_name,
            "url": PARENT_ORGANISATION_URL,
        },
        "contactPoint": {
            "@type": "ContactPoint",
            "contactType": "emergency",
            "telephone": f"+45{settings_.hotline_phone}",
            "hoursAvailable": {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": [f"https://schema.org/{day}" for day in WEEK],
                "opens": "00:00",
                "closes": "23:59",
            },
            "areaServed": [
                {"@type": "AdministrativeArea", "name": "Hillerød Kommune"},
                {"@type": "Country", "name": "DK"},
            ],
            "availableLanguage": ["da", "en"],
        },
    }


def breadcrumb_list(trail):
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb["title"],
                "item": crumb["full_url"],
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


# What Django's json_script escapes: the data cannot end the <script> element or start markup.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data):
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
