"""Purging the CDN: after any change that bumps the page cache, every address it may hold.

A publish can change any page (menus, listings, the home page's figures and news, the open
data, feeds, the sitemap), which is why the page cache starts a new generation for every
page. The CDN is purged as widely: every live, public page in every language, and the other
addresses the apps declare (this app knows none of them):

- `add_page_paths(function)`: function(page) gives paths below a page's own address
  ("feed.atom", "data.json", "?page=2"), as Wagtail's `get_cached_paths` does;
- `add_site_paths(function)`: function() gives the site's own paths ("/sitemap.xml").

The addresses are built on the configured public root URL (`set_root_url`, given by the app
that owns the site's address), not on the Wagtail Site's hostname, which is "localhost" until
someone sets it. The purge runs once per transaction, after it commits (never for a rolled-
back change), and a CDN that is down or slow never fails the editor's save: the first failure
ends the purge with one line in the log (the CDN then keeps its copies for at most their
s-maxage).
"""

import logging
import time
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.db import connection, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend as WagtailHTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.models import Page, Site

logger = logging.getLogger(__name__)

_page_paths = []
_site_paths = []
_root_url = None


def add_page_paths(function):
    _page_paths.append(function)
    return function


def add_site_paths(function):
    _site_paths.append(function)
    return function


def set_root_url(function):
    """function() gives the public root URL ("https://symbiosehillerod.dk")."""
    global _root_url
    _root_url = function


def root_url():
    if _root_url is not None:
        return _root_url().rstrip("/")
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


def addresses():
    """Every address the CDN may hold a copy of that a change can make stale."""
    root = root_url()
    if not root:
        return []
    pages = Page.objects.live().public().specific(defer=True)
    urls = {f"{root}{path}" for path in page_paths(pages)}
    for function in _site_paths:
        urls.update(f"{root}/{path.lstrip('/')}" for path in function())
    return sorted(urls)


def purge_paths(paths):
    """Purges these root-relative paths now (e.g. a file rebuilt after the commit)."""
    if settings.WAGTAILFRONTENDCACHE:
        root = root_url()
        purge([f"{root}/{path.lstrip('/')}" for path in paths])


class PendingPurge:
    """The purge waiting for the transaction to commit, with the addresses that are no longer
    a live, public page's (unpublished, moved, deleted, restricted) but may be in the CDN."""

    def __init__(self):
        self.urls = set()
        self.done = False

    def __call__(self):
        if self.done:  # asked for again in the same transaction: purged already
            return
        self.done = True
        try:
            urls = set(addresses())
            if urls:
                root = root_url()
                urls.update(f"{root}{path}" for path in self.urls)
        except Exception as error:  # noqa: BLE001 - logged; the save stands
            logger.error("CDN purge: could not list the addresses (%r)", error)
            return
        purge(sorted(urls))


def purge_after_commit(paths=()):
    """Purges every address (and these root-relative paths) once the current transaction
    commits; once per transaction, however many signals ask."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    # Django keeps the callbacks of the open transactions on the connection: they share one
    # purge, which the first of them to run does (each is kept: a savepoint rolled back
    # discards those registered inside it).
    pending = next(
        (entry[1] for entry in connection.run_on_commit if isinstance(entry[1], PendingPurge)),
        None,
    )
    if pending is None or pending.done:
        pending = PendingPurge()
    pending.urls.update(paths)
    transaction.on_commit(pending)


def page_paths(pages, moved_from=None, moved_to=None):
    """The root-relative addresses of `pages` (each with its declared paths), unpublished or
    restricted ones too; with `moved_from` and `moved_to` (the moved page's url_path before and
    after a move), where they were before it."""
    roots = Site.get_site_root_paths()
    for page in pages:
        url_path = page.url_path
        if moved_from is not None:
            url_path = moved_from + url_path[len(moved_to) :]
        path = relative_url(url_path, roots)
        if path is not None:
            for extra in declared_paths(page):
                yield f"{path}{extra.lstrip('/')}"


def relative_url(url_path, roots):
    """The address of a url_path, as Wagtail's Page.get_url_parts builds it."""
    for root in roots:  # the most specific first
        if url_path.startswith(root.root_path):
            try:
                with translation.override(root.language_code):
                    return reverse("wagtail_serve", args=(url_path[len(root.root_path) :],))
            except NoReverseMatch:
                return None
    return None


def declared_paths(page):
    paths = set(page.get_cached_paths())
    for function in _page_paths:
        paths.update(function(page))
    return paths


class Failures(logging.Handler):
    """Wagtail's backends log a failed purge (one line per address) instead of raising."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def purge(urls):
    """Purges `urls` from every configured backend; never raises."""
    if not urls:
        return
    started = time.monotonic()
    wagtail_logger = logging.getLogger("wagtail.frontendcache")
    for name, backend in get_backends().items():
        failures = Failures()
        wagtail_logger.addHandler(failures)
        propagate, wagtail_logger.propagate = wagtail_logger.propagate, False
        done = 0
        try:
            for chunk in chunks(backend, urls):
                backend.purge_batch(chunk)
                if failures.messages:
                    raise PurgeFailed(failures.messages[0])
                done += len(chunk)
        except Exception as error:  # noqa: BLE001 - a CDN down never fails the save
            logger.error(
                "CDN purge failed [%s]: %d of %d addresses purged, the rest skipped; "
                "the CDN keeps them for at most s-maxage (%s)",
                name,
                done,
                len(urls),
                error,
            )
        else:
            logger.info(
                "CDN purge [%s]: %d addresses in %.1f s",
                name,
                len(urls),
                time.monotonic() - started,
            )
        finally:
            wagtail_logger.removeHandler(failures)
            wagtail_logger.propagate = propagate


class PurgeFailed(Exception):
    pass


def chunks(backend, urls):
    """One address at a time for backends without a batch call (the first failure ends the
    purge), the whole list for those that batch (Cloudflare: 30 to a request)."""
    if type(backend).purge_batch is BaseBackend.purge_batch:
        return ([url] for url in urls)
    return [urls]


class HTTPBackend(WagtailHTTPBackend):
    """Wagtail's PURGE requests, with a timeout (Wagtail's have none: a CDN that hangs would
    hang the editor's save) and raising on failure, so that the first one ends the purge."""

    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", 5))
        super().__init__(params)

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        request = PurgeRequest(
            url=urlunsplit(
                [self.cache_scheme, self.cache_netloc, parts.path, parts.query, parts.fragment]
            ),
            headers={"Host": host, "User-Agent": f"Wagtail-frontendcache/{wagtail_version}"},
        )
        try:
            with urlopen(request, timeout=self.timeout):  # LOCATION: our setting
                pass
        except (URLError, OSError) as error:
            raise PurgeFailed(f"{url}: {getattr(error, 'reason', error)}") from error
