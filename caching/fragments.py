"""Small, shared pieces every page needs (footer settings, menu, restricted paths), cached so
that rendering a page after a publish costs only the queries of the page itself. The menu
follows the pages' generation; settings and restrictions have their own, bumped (together with
the pages') only when they change."""

from django.conf import settings
from django.db.models import Q
from wagtail.models import PageViewRestriction

from .pagecache import cache, generation


def cached(name, build, generation_name=""):
    """build() once per generation: the pages' own, or a narrower one (e.g. the settings')."""
    key = f"fragment:{generation(generation_name)}:{name}"
    value = cache().get(key)
    if value is None:
        value = build()
        cache().set(key, value, timeout=settings.PAGE_CACHE_SECONDS)
    return value


def restricted_paths():
    """The paths of the pages with a view restriction (their subtrees are restricted too)."""
    return cached(
        "restricted-paths",
        lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)),
        generation_name=":restrictions",
    )


def without_restricted(pages, *related):
    """The pages without those under a view restriction: like PageQuerySet.public(), without a
    query for the restrictions on every listing. `related`: the names of page foreign keys
    whose page must be public too (e.g. a symbiosis's partners)."""
    restricted = restricted_paths()
    if not restricted:
        return pages
    for field in ("", *related):
        lookup = f"{field}__path__startswith" if field else "path__startswith"
        private = Q()
        for path in restricted:
            private |= Q(**{lookup: path})
        pages = pages.exclude(private)
    return pages


def is_restricted(page):
    """Whether the page is under a view restriction (no query: the paths are cached)."""
    return page is not None and any(page.path.startswith(path) for path in restricted_paths())
