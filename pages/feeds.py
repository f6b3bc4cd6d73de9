"""Atom feeds of pages (Django's syndication framework): the base the feature apps' feeds share.

A feed is served at its page's address plus `feed.atom` (symbiose/urls.py), with full
addresses from the site's hostname (Wagtail's Site, SITE_HOSTNAME), never from the request's
Host header. Ids are tag URIs of the site's hostname and the page's id, so they stay the same
when a title or slug changes. Feeds are cached by the page cache like pages: every publish
starts a new generation, so the next request shows it.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Site

from caching.fragments import cached

from .site_settings import SiteSettings

FEED_SUFFIX = "feed.atom"
TAG_DATE = "2026"  # the year the site's ids were minted: part of every id, never changed
MAX_ENTRIES = 50


def site_settings():
    # The footer's cached copy: no query of its own.
    return cached("site-settings", SiteSettings.load, generation_name=":settings")


class PageFeed(Feed):
    """The feed of one page (`page`), e.g. a listing; subclasses give items()."""

    feed_type = Atom1Feed
    language = None  # the active language (Django's default): da, or en under /en/
    item_guid_is_permalink = False

    def __init__(self, page):
        self.page = page
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.site = Site.find_for_request(request)
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return self.page

    def tag(self, *parts):
        return f"tag:{self.site.hostname},{TAG_DATE}:{'/'.join(str(part) for part in parts)}"

    def full_url(self, page):
        return page.get_full_url(self.request)

    def site_name(self):
        return self.site.site_name if self.site and self.site.site_name else ""

    def title(self, obj):
        return " – ".join(part for part in (obj.title, self.site_name()) if part)

    def link(self, obj):
        return self.full_url(obj)

    def feed_url(self, obj):
        return f"{self.full_url(obj)}{FEED_SUFFIX}"

    def feed_guid(self, obj):
        return self.tag("feed", obj.pk)

    def author_name(self, obj):
        return site_settings().organisation_name

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return self.full_url(item)

    def item_guid(self, item):
        return self.tag("page", item.pk)

    def item_updateddate(self, item):
        return item.last_published_at
