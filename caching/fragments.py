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


# Functions an app registers (restricted_with): given the restricted paths, the paths of other
# pages that are as private, e.g. a symbiosis that names a restricted partner. This app knows no
# app; they tell it.
RESTRICTED_WITH = []


def restricted_with(paths_of):
    RESTRICTED_WITH.append(paths_of)
    return paths_of


def restricted_paths():
    """The paths of the pages with a view restriction (their subtrees are restricted too), and
    of the pages private with them (RESTRICTED_WITH)."""
    own = cached(
        "restricted-paths",
        lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)),
        generation_name=":restrictions",
    )
    if not own or not RESTRICTED_WITH:
        return own
    # Follows the pages' generation: a publish may name a restricted page anew.
    related = cached(
        "restricted-with",
        lambda: sorted({path for paths_of in RESTRICTED_WITH for path in paths_of(own)}),
    )
    return own + related


def without_restricted(pages):
    """The pages without those under a view restriction: like PageQuerySet.public(), without a
    query for the restrictions on every listing."""
    restricted = restricted_paths()
    if not restricted:
        return pages
    private = Q()
    for path in restricted:
        private |= Q(path__startswith=path)
    return pages.exclude(private)


def is_restricted(page):
    """Whether the page is under a view restriction (no query: the paths are cached)."""
    return page is not None and any(page.path.startswith(path) for path in restricted_paths())
