"""Faults answered fast: production servers (gunicorn, PostgreSQL, Redis) under visitors' load
while Redis is frozen (SIGSTOP), then while PostgreSQL is frozen (a proxy in between stops
forwarding, without closing anything). Cached pages go on answering, /healthz and /readyz
answer in well under 100 ms (the median of many, the machine being busy), /readyz says 503
and names what is frozen, and the servers' logs hold a few lines per kind of failure, not a
traceback per request."""

import contextlib
import html
import json
import logging
import os
import re
import signal
import statistics
import threading
import time

import pytest
import requests

from devtools.proxy import FreezableProxy

from .conftest import PG_HOST, PG_PORT, PG_USER
from .test_two_servers import OM, PROXY_HEADERS, h1, visit

logger = logging.getLogger(__name__)

FAULT_SECONDS = 8  # each fault lasts this long (more than one breaker interval, 5 s)
HEALTH_BOUND = 0.1  # seconds: the median of /healthz and of /readyz during a fault
PAGE_BOUND = 1.0  # seconds: the median of the cached page under load during a fault
LOAD_THREADS = 3  # visitors asking for the cached page all the time
TITLE = "Om Symbiose Hillerød"
SEARCH = "/soeg/?q=vand"  # never cached: it needs the database on every request
UNCACHED_THREADS = 8  # visitors asking for it: more than a server's threads (2 x 4)
UNAVAILABLE = "Siden kan ikke vises lige nu"  # the 503 page's h1 (symbiose/views.py)
SEARCH_TITLE = "Søg"  # its h1
# The longest a request may wait: the watchdog's client timeout (the statement timeout, 5 s,
# plus 2) and a margin; no answer in this time is a request held by the frozen database.
CLIENT_SECONDS = 12


@pytest.fixture
def pg_proxy():
    proxy = FreezableProxy((PG_HOST, PG_PORT))
    yield proxy
    proxy.close()


@pytest.fixture
def production_env(production_env, own_redis, pg_proxy, database):
    """The servers reach PostgreSQL through the proxy and cache in a Redis of the test's own;
    the default intervals, as in production."""
    env = {
        **production_env,
        "REDIS_URL": own_redis.url,
        "DATABASE_URL": f"postgres://{PG_USER}@127.0.0.1:{pg_proxy.port}/{database}",
    }
    env.pop("PAGE_CACHE_RECHECK_SECONDS")
    return env


def heading(text):
    match = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
    return html.unescape(match.group(1)).strip() if match else text[:200]


def timed_get(url, timeout):
    started = time.perf_counter()
    try:
        response = requests.get(url, headers=PROXY_HEADERS, timeout=timeout)
    except requests.RequestException as error:
        return time.perf_counter() - started, None, str(error)
    return time.perf_counter() - started, response.status_code, response.text


class Load:
    """Visitors asking for a page without pause, on every server: the cached page, or (with
    `path`) one that needs the database on every request."""

    def __init__(self, servers, path=OM, threads=LOAD_THREADS):
        self.servers = servers
        self.path = path
        self.stop = threading.Event()
        self.results = []  # (seconds, status, h1 or error)
        self.threads = [threading.Thread(target=self.visit, args=(n,)) for n in range(threads)]

    def visit(self, number):
        while not self.stop.is_set():
            server = self.servers[number % len(self.servers)]
            seconds, status, text = timed_get(server.url + self.path, timeout=CLIENT_SECONDS)
            self.results.append((seconds, status, heading(text) if status else text))
            number += 1

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=15)


def during_fault(servers, uncached=None):
    """Asks /healthz and /readyz of every server, in turn, for FAULT_SECONDS, while visitors
    ask for the cached page (and, given `uncached`, for a page that needs the database)."""
    probes = {"/healthz": [], "/readyz": []}
    others = Load(servers, path=uncached, threads=UNCACHED_THREADS) if uncached else None
    with Load(servers) as load, others or contextlib.nullcontext():
        deadline = time.monotonic() + FAULT_SECONDS
        while time.monotonic() < deadline:
            for server in servers:
                for path, answers in probes.items():
                    answers.append(timed_get(server.url + path, timeout=5))
            time.sleep(0.1)
    return probes, load.results, others.results if others else []


def report(probes, pages, frozen):
    """What was measured (shown with --log-cli-level=INFO)."""
    medians = {
        path: statistics.median(seconds for seconds, _, _ in answers) * 1000
        for path, answers in {**probes, OM: pages}.items()
    }
    counts = {path: len(answers) for path, answers in {**probes, OM: pages}.items()}
    logger.info("%s frozen: medians (ms) %s, requests %s", frozen, medians, counts)


def assert_fast_answers(probes, pages, frozen, answering):
    report(probes, pages, frozen)
    for path, answers in probes.items():
        median = statistics.median(seconds for seconds, _, _ in answers)
        assert median < HEALTH_BOUND, f"{path}: median {median * 1000:.0f} ms with {frozen} frozen"
    assert all(status == 200 for _, status, _ in probes["/healthz"]), probes["/healthz"][:5]
    # After the first answers (which may still be waiting for their short timeout), /readyz
    # says what is frozen, and that the other one answers.
    late = probes["/readyz"][len(probes["/readyz"]) // 2 :]
    bodies = []
    for _, status, text in late:
        assert status == 503, f"/readyz answered {status} with {frozen} frozen: {text}"
        bodies.append(json.loads(text))
        assert bodies[-1][frozen] != "ok", bodies[-1]
    # The other one answers: mostly within READYZ_TIMEOUT (50 ms), which a busy 2-core machine
    # running the suite beside it may miss now and then.
    answered = [body for body in bodies if body[answering] == "ok"]
    assert len(answered) > len(bodies) / 2, bodies[:5]
    assert len(pages) > 10, "the visitors got almost no answers"
    failed = [(status, title) for _, status, title in pages if status != 200 or title != TITLE]
    assert not failed, f"{len(failed)} of {len(pages)} page requests failed: {failed[:3]}"
    median = statistics.median(seconds for seconds, _, _ in pages)
    assert median < PAGE_BOUND, f"the cached page: median {median:.2f} s with {frozen} frozen"


def log_since(server, offset):
    return server.log.read_bytes()[offset:].decode(errors="replace")


def logged(text):
    """The records in a server's log, and how many of them carry a traceback (a chained
    exception's traceback is part of its record's)."""
    records = [
        line
        for line in text.splitlines()
        if line and line[0] not in " \t" and not line.startswith(("Traceback", "The above"))
    ]
    return records, text.count("Traceback (most") - text.count("The above exception")


def assert_few_log_lines(servers, offsets, needle):
    for server, offset in zip(servers, offsets, strict=True):
        text = log_since(server, offset)
        records, tracebacks = logged(text)
        # Two workers, each: the first failure of a kind with its traceback, then one line per
        # interval; a few kinds (a frozen database: a connection attempt timed out, a query
        # ended by the watchdog, a request refused in its view), and the scheduler's job.
        assert tracebacks <= 8, f"{server}: {tracebacks} tracebacks:\n{text[-3000:]}"
        assert len(records) <= 60, f"{server}: {len(records)} records:\n{text[-3000:]}"
        assert needle in text, f"{server} did not log the fault ({needle!r}):\n{text[-3000:]}"


def wait_until_ready(servers, seconds=20):
    deadline = time.monotonic() + seconds
    for server in servers:
        while True:
            _, status, text = timed_get(server.url + "/readyz", timeout=5)
            if status == 200:
                break
            assert time.monotonic() < deadline, f"{server} not ready again: {text}"
            time.sleep(0.2)


def warm_everywhere(servers):
    for _ in range(6):  # every worker of each server holds it, and Redis does
        for server in servers:
            assert h1(visit(server, OM)) == TITLE


@pytest.mark.multiserver
def test_a_frozen_redis_costs_visitors_and_health_checks_almost_nothing(servers, own_redis):
    warm_everywhere(servers)
    wait_until_ready(servers)
    offsets = [server.log.stat().st_size for server in servers]
    os.kill(own_redis.process.pid, signal.SIGSTOP)
    try:
        probes, pages, _ = during_fault(servers)
    finally:
        os.kill(own_redis.process.pid, signal.SIGCONT)
    assert_fast_answers(probes, pages, frozen="redis", answering="database")
    assert_few_log_lines(servers, offsets, "unreachable")
    wait_until_ready(servers)  # and back once Redis answers


@pytest.mark.multiserver
def test_a_frozen_database_costs_cached_pages_and_health_checks_almost_nothing(servers, pg_proxy):
    """More visitors than the servers have threads ask for a page that needs the database:
    they hold a thread each at most until the database counts as stalled (1 s) or the
    watchdog ends their query (7 s), then get the 503 page at once (dbguard/)."""
    warm_everywhere(servers)
    wait_until_ready(servers)
    for server in servers:
        assert h1(visit(server, SEARCH)) == SEARCH_TITLE
    offsets = [server.log.stat().st_size for server in servers]
    pg_proxy.freeze()
    try:
        probes, pages, searches = during_fault(servers, uncached=SEARCH)
    finally:
        pg_proxy.thaw()
    assert_fast_answers(probes, pages, frozen="database", answering="redis")
    logger.info(
        "database frozen: %s: %d answers, median %.0f ms, longest %.1f s, %s",
        SEARCH,
        len(searches),
        statistics.median(seconds for seconds, _, _ in searches) * 1000,
        max(seconds for seconds, _, _ in searches),
        sorted({(status, title) for _, status, title in searches}),
    )
    assert all(status == 503 and title == UNAVAILABLE for _, status, title in searches), {
        (status, title) for _, status, title in searches
    }
    assert len(searches) > 20, "the visitors of the search got almost no answers"
    assert statistics.median(seconds for seconds, _, _ in searches) < PAGE_BOUND
    assert_few_log_lines(servers, offsets, "")
    wait_until_ready(servers)
    for server in servers:  # and back once each worker's breaker closes (5 s at most)
        deadline = time.monotonic() + 15
        while (answer := timed_get(server.url + SEARCH, timeout=5))[1] != 200:
            assert time.monotonic() < deadline, f"{server}: {SEARCH} answers {answer[1]}"
            time.sleep(0.2)
        assert heading(answer[2]) == SEARCH_TITLE
