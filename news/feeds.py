"""The news feeds: all news (at the news listing's address + feed.atom) and the news about one
theme group (at the theme group's address + feed.atom). Served by symbiose/urls.py."""

from datetime import datetime, time

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _

from pages.feeds import MAX_ENTRIES, PageFeed
from pages.locales import localized, source_of

from .models import PER_PAGE, NewsIndexPage, NewsPage


class NewsFeed(PageFeed):
    def news(self):
        return NewsPage.objects.listed().child_of(source_of(self.page))

    def items(self, obj):
        return localized(self.news()[:MAX_ENTRIES])

    def item_description(self, item):
        return item.teaser

    def item_pubdate(self, item):
        # The news's own date, at the start of the day in Denmark.
        return timezone.make_aware(datetime.combine(item.date, time()))

    def item_updateddate(self, item):
        return max(item.last_published_at or self.item_pubdate(item), self.item_pubdate(item))


class ThemeGroupNewsFeed(NewsFeed):
    def title(self, obj):
        title = _("News about %(group)s") % {"group": obj.title}
        return " – ".join(part for part in (title, self.site_name()) if part)

    def feed_guid(self, obj):
        return self.tag("feed", "news", source_of(obj).pk)

    def news(self):
        return NewsPage.objects.listed().filter(theme_groups=source_of(self.page))


def feed_for(page):
    """The news feed at `page`'s address, or None."""
    if isinstance(page, NewsIndexPage):
        return NewsFeed(page)
    if isinstance(page, apps.get_model("symbioses", "ThemeGroupPage")):
        return ThemeGroupNewsFeed(page)
    return None


def listing_paths(page):
    """What a CDN may hold below `page` besides the page: its news feed, and for the listing
    its further pages (?page=2…, one more than there are: a news item may just have gone)."""
    if feed_for(page) is None:
        return []
    paths = ["feed.atom"]
    if isinstance(page, NewsIndexPage):
        last = -(-page.news().count() // PER_PAGE) + 1
        paths += [f"?page={number}" for number in range(1, last + 1)]
    return paths
