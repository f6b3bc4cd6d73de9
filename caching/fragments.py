"""Small, shared pieces every page needs (footer settings, menu, restricted paths), cached
under the same generation as the pages, so they are never staler than the pages themselves."""

from django.conf import settings
from django.db.models import Q
from wagtail.models import PageViewRestriction

from .pagecache import cache, generation


def cached(name, build):
    key = f"fragment:{generation()}:{name}"
    value = cache().get(key)
    if value is None:
        value = build()
        cache().set(key, value, timeout=settings.PAGE_CACHE_SECONDS)
    return value


def public(pages):
    """Like PageQuerySet.public(), without a query for the restrictions on every listing."""
    restricted = cached(
        "restricted-paths",
        lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )
    if not restricted:
        return pages
    private = Q()
    for path in restricted:
        private |= Q(path__startswith=path)
    return pages.exclude(private)
