"""The home page's latest news, and a news page's structured data (JSON-LD).

The project template templates/pages/home_page.html loads this library, so pages/ (below the
feature apps) never imports news.
"""

import json
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Site

from caching.fragments import without_restricted
from pages.feeds import site_settings
from pages.locales import swap_translations

from ..models import NewsPage

register = template.Library()

LATEST_SHOWN = 3


@dataclass
class LatestNews:
    items: list
    index_url: str | None  # the news listing's address in the page's language
    feed_url: str | None = None  # its feed's, in full (an alternate link of the head)


@register.simple_tag(takes_context=True)
def latest_news(context):
    """The three latest live, public news in the page's language (their Danish originals'
    order), in one query; kept on the request, as both the head (the feed's link) and the body
    ask."""
    request = context.get("request")
    kept = getattr(request, "_latest_news", None)
    if kept is not None:
        return kept
    language = get_language() or settings.LANGUAGE_CODE
    latest = NewsPage.objects.listed().values("translation_key")[:LATEST_SHOWN]
    found = list(
        without_restricted(NewsPage.objects.live())
        .filter(
            translation_key__in=latest,
            locale__language_code__in={settings.LANGUAGE_CODE, language},
        )
        .select_related("locale")
    )
    originals = sorted(
        (page for page in found if page.locale.language_code == settings.LANGUAGE_CODE),
        key=lambda page: (page.date, page.first_published_at, page.pk),
        reverse=True,
    )
    translations = {
        page.translation_key: page for page in found if page.locale.language_code == language
    }
    items = swap_translations(originals, translations, language)
    # A news page's parent is always the listing (NewsPage.parent_page_types): its address is
    # the news page's without the last part; no query for it.
    in_language = [page for page in items if page.locale.language_code == language] or items
    index_url = feed_url = None
    if in_language:
        url = in_language[0].get_url(request)
        index_url = url.rstrip("/").rsplit("/", 1)[0] + "/" if url else None
        full = in_language[0].get_full_url(request)
        feed_url = f"{full.rstrip('/').rsplit('/', 1)[0]}/feed.atom" if full else None
    result = LatestNews(items, index_url, feed_url)
    if request is not None:
        request._latest_news = result
    return result


def ld_json(data):
    """A <script type="application/ld+json"> data block; <, > and & escaped as Django's
    json_script does, so no text can end the element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag(takes_context=True)
def news_article_data(context, page):
    """schema.org NewsArticle of a news page, for search engines."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else page.get_site()
    root = site.root_url if site else ""
    organisation = {
        "@type": "Organization",
        "name": site_settings().organisation_name,
        "url": f"{root}/",
    }
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.teaser,
        "datePublished": page.date.isoformat(),
        "dateModified": (page.last_published_at or timezone.now()).isoformat(),
        "inLanguage": get_language()
        or settings.LANGUAGE_CODE,  # the page is shown in its own language
        "mainEntityOfPage": page.get_full_url(request),
        "author": organisation,
        "publisher": organisation,
    }
    if page.image:
        url = page.image.get_rendition("width-1200").url
        data["image"] = url if url.startswith(("http://", "https://")) else f"{root}{url}"
    return ld_json(data)
