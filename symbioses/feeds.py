"""The catalogue's feed: symbioses published or changed, the latest first (at the catalogue's
address + feed.atom; symbiose/urls.py)."""

from pages.feeds import MAX_ENTRIES, PageFeed
from pages.locales import localized

from .models import SymbioseIndexPage, SymbiosePage


class SymbioseFeed(PageFeed):
    def items(self, obj):
        # The Danish pages with their translations swapped in; an English translation's own
        # publishing counts for its entry.
        latest = (
            SymbiosePage.objects.published()
            .prefetch_related(None)
            .order_by("-last_published_at", "-pk")[:MAX_ENTRIES]
        )
        shown = localized(latest)
        return sorted(shown, key=lambda page: page.last_published_at, reverse=True)

    def item_description(self, item):
        return item.resource

    def item_pubdate(self, item):
        return item.first_published_at


def feed_for(page):
    if isinstance(page, SymbioseIndexPage):
        return SymbioseFeed(page)
    return None
