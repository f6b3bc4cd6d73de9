"""Cached pages through the page cache's WSGI layer (caching/wsgi.py) against static files.

For each cache (the default file cache, then Redis), two gunicorns with the same options: the
site (production settings), and whitenoise alone as a plain WSGI application serving the same
static files (benchmarks/bare_static.py, no Django). At TARGET_CONNECTIONS, in rounds, one
after the other: the static copy of the Om page from the bare whitenoise ("bare static"), the
same file through the site's Django (whitenoise's middleware), and the Om page from the page
cache. Judged: the cached page's req/s over the bare static file's (LAYER_TARGET_RATIO); also
printed: over the static file through Django.
"""

import statistics
import urllib.request

from .config import STATIC_FILE, STATIC_SOURCE, TARGET_CONNECTIONS, WORKERS, BenchError, say
from .load import start_gunicorn as start
from .load import wrk
from .report import table

LAYER_TARGET_RATIO = 0.9
BENCH_REDIS_URL = "redis://127.0.0.1:6379/12"  # when REDIS_URL is not set: a database of its own


def redis_url(env):
    url = env.get("REDIS_URL") or BENCH_REDIS_URL
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception:  # noqa: BLE001 (any failure: measured without Redis, and said so)
        return None
    return url


def warm(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    for _ in range(10):
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            x_cache = response.headers.get("X-Cache", "-")
    return x_cache


def measure_layer(env, tmp, seconds, rounds):
    """[(cache, {name: [req/s per round]}, x_cache)] for the file cache and Redis."""
    caches = [("file cache", {key: value for key, value in env.items() if key != "REDIS_URL"})]
    url = redis_url(env)
    if url:
        caches.append(("Redis", {**env, "REDIS_URL": url}))
    else:
        say("  Redis not reachable: the page cache's layer is measured with the file cache only.")
    results = []
    for name, site_env in caches:
        say(f"The page cache's WSGI layer with the {name}, {TARGET_CONNECTIONS} connections:")
        site = start(site_env, tmp / f"layer-{name.split()[0]}.log")
        bare = start(
            {**env, "SCHEDULER_SECONDS": "0"}, tmp / "bare.log", app="benchmarks.bare_static"
        )
        try:
            urls = {
                "bare static": f"{bare.url}/static/{STATIC_FILE}",
                "static through Django": f"{site.url}/static/{STATIC_FILE}",
                "cached page": f"{site.url}{STATIC_SOURCE}",
            }
            x_cache = "-"
            for label, address in urls.items():
                found = warm(address)
                if label == "cached page":
                    x_cache = found
            runs = {label: [] for label in urls}
            for _ in range(rounds):
                for label, address in urls.items():
                    run = wrk(address, TARGET_CONNECTIONS, seconds)
                    if run.errors:
                        raise BenchError(f"{address}: {run.errors} errors under load")
                    runs[label].append(run.rps)
                    say(f"  {label}: {run.rps:.0f} req/s, p99 {run.p99_ms:.1f} ms")
        finally:
            site.stop()
            bare.stop()
        results.append((name, runs, x_cache))
    return results


def ratios(runs):
    """Per round, the cached page over each static run of the same round; the medians."""
    bare = [p / s for p, s in zip(runs["cached page"], runs["bare static"], strict=True)]
    django = [
        p / s for p, s in zip(runs["cached page"], runs["static through Django"], strict=True)
    ]
    return statistics.median(bare), statistics.median(django)


def layer_passes(results):
    return all(round(ratios(runs)[0], 2) >= LAYER_TARGET_RATIO for _, runs, _ in results)


def layer_table(results, seconds, rounds):
    rows = []
    for name, runs, x_cache in results:
        over_bare, over_django = ratios(runs)
        rows.append(
            [
                name,
                x_cache,
                *(f"{statistics.median(runs[label]):.0f}" for label in runs),
                f"{over_bare:.2f}",
                f"{over_django:.2f}",
                "PASS" if round(over_bare, 2) >= LAYER_TARGET_RATIO else "FAIL",
            ]
        )
    header = [
        "Page cache", "X-Cache", "bare static req/s", "static through Django req/s",
        "cached page req/s", "× bare static", "× static through Django",
        f"target ≥ {LAYER_TARGET_RATIO} × bare",
    ]  # fmt: skip
    title = (
        f"The cached Om page through the page cache's WSGI layer against its HTML as a static "
        f"file, served by whitenoise alone (bare) and through Django; gunicorn ({WORKERS} "
        f"workers), wrk at {TARGET_CONNECTIONS} connections, {seconds} s per run, {rounds} "
        "rounds; req/s and ratios are medians over the rounds (each ratio within its round)."
    )
    return f"{title}\n\n{table(header, rows, text_columns=2)}"
