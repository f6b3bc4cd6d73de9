"""Which cached page a request gets, so that nothing a visitor can vary cheaply makes a new one.

- The site: the configured one (SITE_HOSTNAME), never the raw Host header: `LOCALHOST`,
  `localhost.` and every port ALLOWED_HOSTS accepts are one page. The site has one Wagtail
  Site, whose pages do not depend on the Host the request came in by.
- The query string: only the parameters in PAGE_CACHE_VARIANT_PARAMETERS exist for the cache
  and the views; the rest (utm_*, fbclid, anything) are taken off the request before any view
  sees it. The view owning a parameter declares, while rendering, which of its values make
  another page (`vary_on`); the cache keeps that declaration with the generation, and from then
  on keys the parameter's valid values only, sorted. A junk value is dropped as the view drops
  it, so it can never make an entry of its own.
- PAGE_CACHE_UNCACHED_PARAMETERS (the search's `q`) are never cached: one visitor's search.
- A session cookie bypasses the cache only if it is an editor's session; a cookie that is no
  session is taken off the request (the visitor gets the cached page, and no Set-Cookie).
"""

import hashlib
import re
from functools import lru_cache
from importlib import import_module
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import QueryDict

# What Django's session stores make (get_random_string(32, VALID_KEY_CHARS)); anything else is
# not looked up at all.
SESSION_KEY_FORM = re.compile(r"[a-z0-9]{32}")


@lru_cache(maxsize=8)
def _site(hostname):
    return hostname.strip().lower().rstrip(".")


def site():
    return _site(settings.SITE_HOSTNAME)


def page_key(path, variant=()):
    address = f"{site()}{path}?{urlencode(variant)}"
    return f"pagecache:page:{hashlib.sha256(address.encode()).hexdigest()}"


def declaration_key(path):
    """Where the parameters a path's view reads (and their values) are kept."""
    address = f"{site()}{path}"
    return f"pagecache:params:{hashlib.sha256(address.encode()).hexdigest()}"


def known_query(request):
    """{name: value} of the known parameters in the request (the last value, as QueryDict.get
    gives the views)."""
    names = (*settings.PAGE_CACHE_VARIANT_PARAMETERS, *settings.PAGE_CACHE_UNCACHED_PARAMETERS)
    query = request.GET
    return {name: query.get(name) for name in names if name in query}


def never_cached(query):
    return any(name in query for name in settings.PAGE_CACHE_UNCACHED_PARAMETERS)


def canonical(query, allowed):
    """The variant a query makes: the declared parameters' valid values, sorted."""
    return tuple(
        sorted((name, value) for name, value in query.items() if value in allowed.get(name, ()))
    )


def restrict(request, pairs=None):
    """Leaves the view only the known parameters (all their values), or only `pairs`."""
    if pairs is None:
        names = (*settings.PAGE_CACHE_VARIANT_PARAMETERS, *settings.PAGE_CACHE_UNCACHED_PARAMETERS)
        pairs = [(name, value) for name in names for value in request.GET.getlist(name)]
    query = urlencode(pairs)
    if query != request.META.get("QUERY_STRING", ""):
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)


def vary_on(request, allowed):
    """Called by a view while rendering: `allowed` ({parameter: its valid values}) are the only
    values of the query that change what it shows; any other value it ignores (or treats as
    absent). The page cache then keys on those alone."""
    request.pagecache_allowed = {name: frozenset(values) for name, values in allowed.items()}


def is_editor(request):
    """Whether the request carries a logged-in session. A session cookie that is not one (not
    of a session key's form, or no session stored under it) is taken off the request."""
    cookie = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if cookie is None:
        return False
    session = {}
    if SESSION_KEY_FORM.fullmatch(cookie):
        session = import_module(settings.SESSION_ENGINE).SessionStore(cookie).load()
    if SESSION_KEY in session:
        return True
    if not session:
        del request.COOKIES[settings.SESSION_COOKIE_NAME]
    return False


def accepts_gzip(header):
    """Whether an Accept-Encoding header accepts gzip, q-values read (RFC 9110, 12.5.3):
    `gzip;q=0`, `identity` alone and `*;q=0` do not. Django has no public parser for this."""
    gzip_q = star_q = None
    for part in header.split(","):
        coding, _, params = part.partition(";")
        coding = coding.strip().lower()
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 0.0
        if coding in ("gzip", "x-gzip"):
            gzip_q = q if gzip_q is None else max(gzip_q, q)
        elif coding == "*":
            star_q = q
    q = gzip_q if gzip_q is not None else star_q if star_q is not None else 0.0
    return 0.0 < q <= 1.0
