"""Faults answered fast: the Redis circuit breaker, logs that fold repeats into one line with a
count, and the health addresses. (The same under real servers, with a frozen Redis and a
frozen PostgreSQL: tests/multiserver/test_faults.py.)"""

import io
import json
import logging
import socket
import threading

import pytest
import redis
from django_redis.cache import RedisCache

from caching.breaker import Breaker, BreakerConnection, CircuitOpen
from symbiose.logfilter import RepeatFilter


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


class FrozenServer:
    """A TCP server that accepts connections and never answers: a Redis stopped with SIGSTOP
    (its kernel still completes the handshake)."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.accepted = []
        self.thread = threading.Thread(target=self.accept, daemon=True)
        self.thread.start()

    def accept(self):
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.accepted.append(connection)  # kept open, never read

    def close(self):
        self.socket.close()
        for connection in self.accepted:
            connection.close()


@pytest.fixture
def frozen_redis():
    server = FrozenServer()
    yield server
    server.close()


# The breaker --------------------------------------------------------------------------------


def test_after_a_failure_calls_are_refused_until_the_interval_passed():
    clock = Clock()
    breaker = Breaker("Redis test", seconds=5, clock=clock)
    assert breaker.allow()
    breaker.failure(redis.TimeoutError("Timeout reading from socket"))
    assert not breaker.allow()
    clock.now += 4.9
    assert not breaker.allow()
    clock.now += 0.2
    assert breaker.allow()  # one trial


def test_only_one_thread_tries_again_and_an_answer_closes_the_breaker():
    clock = Clock()
    breaker = Breaker("Redis test", seconds=5, clock=clock)
    breaker.failure(redis.ConnectionError("Connection refused"))
    clock.now += 6
    assert breaker.allow()
    assert breaker.allow()  # the trial's own thread may go on (connect, then send)
    others = []
    thread = threading.Thread(target=lambda: others.append(breaker.allow()))
    thread.start()
    thread.join()
    assert others == [False]
    breaker.success()
    assert not breaker.is_open
    thread = threading.Thread(target=lambda: others.append(breaker.allow()))
    thread.start()
    thread.join()
    assert others == [False, True]


def test_a_failed_trial_opens_it_for_another_interval():
    clock = Clock()
    breaker = Breaker("Redis test", seconds=5, clock=clock)
    breaker.failure(redis.ConnectionError("refused"))
    clock.now += 6
    assert breaker.allow()
    breaker.failure(redis.ConnectionError("refused"))
    clock.now += 4
    assert not breaker.allow()


def test_a_frozen_redis_costs_one_timeout_then_commands_are_refused_at_once(frozen_redis):
    client = redis.Redis.from_url(
        f"redis://127.0.0.1:{frozen_redis.port}/0",
        socket_timeout=0.1,
        socket_connect_timeout=0.1,
        connection_class=BreakerConnection,
        breaker_seconds=30,
    )
    with pytest.raises(redis.TimeoutError):
        client.get("a")
    for _ in range(20):
        with pytest.raises(CircuitOpen):
            client.get("a")
    assert len(frozen_redis.accepted) == 1  # not a new connection (and timeout) per command


def test_the_cache_renders_instead_of_waiting_on_a_frozen_redis(frozen_redis, caplog):
    """Django's cache as production configures it: one timeout, then nothing is tried, and
    the misses are not logged one by one."""
    options = {
        "SOCKET_CONNECT_TIMEOUT": 0.1,
        "SOCKET_TIMEOUT": 0.1,
        "IGNORE_EXCEPTIONS": True,
        "CONNECTION_POOL_KWARGS": {"connection_class": BreakerConnection, "breaker_seconds": 30},
    }
    cache = RedisCache(f"redis://127.0.0.1:{frozen_redis.port}/0", {"OPTIONS": options})
    with caplog.at_level(logging.WARNING):
        for _ in range(50):
            assert cache.get("pagecache:page:x") is None
            cache.set("pagecache:page:x", "page")
    assert len(frozen_redis.accepted) == 1
    unreachable = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(unreachable) == 1
    assert not [r for r in caplog.records if r.name == "django_redis.cache"]


# Logs that fold repeats ---------------------------------------------------------------------


@pytest.fixture
def folded():
    clock = Clock()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RepeatFilter(seconds=10, clock=clock))
    logger = logging.getLogger("tests.folded")
    logger.addHandler(handler)
    logger.propagate = False
    yield logger, clock, stream
    logger.removeHandler(handler)
    logger.propagate = True


def fail(logger, path):
    try:
        raise ConnectionError("connection to server at 127.0.0.1 failed")
    except ConnectionError:
        logger.exception("Internal Server Error: %s", path)


def test_an_outage_writes_one_line_per_kind_per_interval_with_a_count(folded):
    logger, clock, stream = folded
    for number in range(1000):
        fail(logger, f"/page-{number}/")
        logger.warning("Redis %s unreachable (%s)", "127.0.0.1:6379", "TimeoutError")
        clock.now += 0.005
    first = stream.getvalue()
    assert first.count("Traceback") == 1
    assert first.count("Internal Server Error") == 1
    assert first.count("unreachable") == 1

    clock.now += 10
    fail(logger, "/page-1000/")
    logger.warning("Redis %s unreachable (%s)", "127.0.0.1:6379", "TimeoutError")
    later = stream.getvalue()[len(first) :].splitlines()
    assert later == [
        "Internal Server Error: /page-1000/ [1000 times in the last 15 s]",
        "Redis 127.0.0.1:6379 unreachable (TimeoutError) [1000 times in the last 15 s]",
    ]


def test_a_kind_that_was_quiet_for_an_interval_starts_afresh(folded):
    logger, clock, stream = folded
    fail(logger, "/a/")
    clock.now += 30
    fail(logger, "/b/")
    assert stream.getvalue().count("Traceback") == 2
    assert "times in the last" not in stream.getvalue()


def test_different_failures_are_not_folded_together(folded):
    logger, clock, stream = folded
    fail(logger, "/a/")
    try:
        raise KeyError("x")
    except KeyError:
        logger.exception("Internal Server Error: %s", "/b/")
    assert stream.getvalue().count("Traceback") == 2


def test_the_console_handler_folds_repeats():
    from django.conf import settings

    handler = settings.LOGGING["handlers"]["console"]
    assert "repeats" in handler["filters"]
    assert settings.LOGGING["filters"]["repeats"]["()"] == "symbiose.logfilter.RepeatFilter"


# The health addresses -----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_liveness_and_readiness_answer_for_any_host_and_over_plain_http(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    for path in ("/healthz", "/readyz"):
        response = client.get(path, HTTP_HOST="unknown.example")
        assert response.status_code == 200, path
        assert response["Cache-Control"] == "no-store"
    assert client.get("/healthz").content == b"ok\n"
    body = json.loads(client.get("/readyz").content)
    assert body == {"status": "ok", "database": "ok", "redis": "not used"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_readiness_names_a_frozen_redis(client, settings, frozen_redis):
    settings.REDIS_URL = f"redis://127.0.0.1:{frozen_redis.port}/0"
    settings.READYZ_TIMEOUT = 0.1
    for _ in range(5):
        response = client.get("/readyz")
        assert response.status_code == 503
        body = json.loads(response.content)
        assert body["status"] == "unavailable"
        assert body["database"] == "ok"
        assert "Timeout" in body["redis"] or "CircuitOpen" in body["redis"]
    assert len(frozen_redis.accepted) == 1  # asked once, then answered from the breaker


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_readiness_names_a_database_that_does_not_answer(client, settings):
    from symbiose import health

    release = threading.Event()

    def hang():
        release.wait(10)

    settings.READYZ_TIMEOUT = 0.05
    health._database.start(hang)  # the previous check is still waiting on the database
    try:
        response = client.get("/readyz")
    finally:
        release.set()
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["redis"] == "not used"
    assert body["database"].startswith("no answer")


# The page cache's database read -------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_hanging_database_read_never_holds_a_cached_page(settings, monkeypatch):
    """The anchor's read waits at most PAGE_CACHE_ANCHOR_WAIT, keeps the last copy, and while
    that read hangs, nothing waits for it again: the cached page is still served."""
    from caching import anchor as anchor_module
    from caching.anchor import anchor
    from caching.sidecall import SideCall

    settings.PAGE_CACHE_ANCHOR_WAIT = 0.05
    monkeypatch.setattr(anchor, "side", SideCall("test-anchor"))
    anchor.read()
    known = dict(anchor.values)
    release, calls = threading.Event(), []

    class Hanging:
        def values_list(self, *args):
            calls.append(args)
            release.wait(10)  # a frozen database
            return []

    monkeypatch.setattr(anchor_module.Generation, "objects", Hanging())
    try:
        anchor.expire()
        assert anchor.value() == known.get("", 0)  # the last copy, not waited for
        anchor.expire()
        assert anchor.value() == known.get("", 0)
        assert len(calls) == 1  # the hanging read is not started again
        assert not release.is_set()
    finally:
        release.set()
