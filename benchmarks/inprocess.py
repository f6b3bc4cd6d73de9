"""SQL queries and server time per page, measured in this process (no network)."""

import gzip
import os
import statistics
import sys
import time
from pathlib import Path

from .config import PAGES, REPO, STATIC_FILE, STATIC_SOURCE, BenchError, say
from .results import Page

HOST = "127.0.0.1"


def forget_cached_pages():
    """The next request renders afresh, as after an editor publishes.

    Uses the page cache's own invalidation. Never `cache.clear()`: with Redis that is FLUSHDB.
    """
    from caching.pagecache import bump_generation  # once Django is set up

    bump_generation()


def measure_in_process(env, requests):
    """SQL queries and median time per page, through the whole middleware stack, no network."""
    say(f"Measuring in-process ({requests} requests per page, uncached and cached)...")
    os.environ.clear()
    os.environ.update(env)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)

    def get(url):
        response = client.get(url)
        if response.status_code != 200:
            raise BenchError(f"{url} answered {response.status_code} in-process")
        return response

    def median_ms(url, before):
        times = []
        for _ in range(requests):
            before()
            started = time.perf_counter()
            get(url)
            times.append(time.perf_counter() - started)
        return statistics.median(times) * 1000

    pages = []
    for url, label in PAGES:
        page = Page(url, label)
        get(url)  # first rendering in this process: template compilation and the like
        forget_cached_pages()
        with CaptureQueriesContext(connection) as queries:
            response = get(url)
        if response.get("X-Cache") == "hit":
            raise BenchError("forget_cached_pages() no longer works: adapt it to caching/")
        page.queries_uncached = len(queries)
        with CaptureQueriesContext(connection) as queries:
            response = get(url)
        page.queries_cached = len(queries)
        page.x_cache = response.get("X-Cache", "-")  # replaced by gunicorn's answer later
        page.ms_uncached = median_ms(url, before=forget_cached_pages)
        page.ms_cached = median_ms(url, before=lambda: None)
        pages.append(page)
        say(
            f"  {url}: {page.queries_uncached} queries, {page.ms_uncached:.1f} ms uncached; "
            f"{page.queries_cached} queries, {page.ms_cached:.2f} ms cached"
        )

    static_file = Path(env["STATIC_ROOT"]) / STATIC_FILE
    static_file.parent.mkdir(parents=True, exist_ok=True)
    html = get(STATIC_SOURCE).content
    static_file.write_bytes(html)
    # whitenoise serves the .gz beside it to clients that accept gzip, as the page cache does.
    static_file.with_name(static_file.name + ".gz").write_bytes(gzip.compress(html, mtime=0))
    connection.close()
    return pages
