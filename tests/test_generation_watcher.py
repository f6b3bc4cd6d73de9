"""caching/watcher.py against a real Redis: a process learns of every new generation through
pub/sub, asks Redis again whenever it cannot be sure, and never fails a request over it."""

import logging
import uuid

import pytest
import redis

from caching import watcher as watcher_module
from caching.watcher import GenerationWatcher, announce


class SharedGeneration:
    """Stands in for the generation stored in Redis; counts how often a watcher reads it."""

    def __init__(self):
        self.value = 1
        self.reads = 0

    def read(self, name):
        self.reads += 1
        return self.value


@pytest.fixture
def shared():
    return SharedGeneration()


@pytest.fixture
def make_watcher(redis_url, shared):
    made = []

    def make(url=redis_url, recheck_seconds=3600, on_change=None):
        channel = f"test:bumped:{uuid.uuid4().hex}"  # tests in parallel never hear each other
        made.append(
            GenerationWatcher(url, channel, shared.read, recheck_seconds, on_change=on_change)
        )
        return made[-1]

    yield make
    for watcher in made:
        watcher.close()


@pytest.fixture
def publisher(redis_url):
    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


def bump(shared, publisher, watcher):
    """A bump made by another process: it counts from the moment its announcement arrives."""
    shared.value += 1
    announce(publisher, watcher.channel)
    assert watcher.pubsub.connection.can_read(timeout=5), "the announcement did not arrive"


def test_reads_once_then_trusts_what_it_read_until_a_bump_is_announced(
    make_watcher, shared, publisher
):
    watcher = make_watcher()
    assert [watcher.generation() for _ in range(20)] == [1] * 20
    assert shared.reads == 1
    bump(shared, publisher, watcher)
    assert watcher.generation() == 2
    assert shared.reads == 2


def test_a_bump_made_by_this_process_counts_at_once(make_watcher, shared):
    watcher = make_watcher()
    watcher.generation()
    shared.value = 2
    watcher.mark_stale()
    assert watcher.generation() == 2


def test_a_bump_without_announcement_is_seen_at_the_periodic_re_read(make_watcher, shared):
    watcher = make_watcher(recheck_seconds=0)
    assert watcher.generation() == 1
    shared.value = 2
    assert watcher.generation() == 2


def test_each_named_generation_is_read_once_and_forgotten_together(make_watcher, shared, publisher):
    watcher = make_watcher()
    watcher.generation(), watcher.generation(":settings"), watcher.generation(":settings")
    assert shared.reads == 2
    bump(shared, publisher, watcher)
    watcher.generation(), watcher.generation(":settings")
    assert shared.reads == 4


def test_a_lost_connection_means_reading_on_every_request_until_subscribed_again(
    make_watcher, shared, publisher, monkeypatch, caplog
):
    watcher = make_watcher()
    watcher.generation()
    subscriber = next(c for c in publisher.client_list() if c["name"].endswith(watcher.channel))
    publisher.client_kill_filter(_id=subscriber["id"])
    shared.value = 2  # bumped while the watcher could not hear it
    with caplog.at_level(logging.WARNING, logger="caching.watcher"):
        assert watcher.generation() == 2
        assert watcher.generation() == 2
    assert shared.reads == 3
    assert "lost its connection" in caplog.text
    monkeypatch.setattr(watcher_module, "RETRY_SECONDS", 0)
    watcher.retry_at = 0
    assert watcher.generation() == 2  # subscribed again, and read afresh
    reads = shared.reads
    watcher.generation()
    assert shared.reads == reads
    bump(shared, publisher, watcher)
    assert watcher.generation() == 3


def test_a_silent_reconnection_counts_as_an_announcement(make_watcher, shared):
    """redis-py reconnects a dropped pub/sub connection by itself; what was announced while
    it was down never arrives."""
    watcher = make_watcher()
    watcher.generation()
    watcher.pubsub.connection.disconnect()
    shared.value = 2
    assert watcher.generation() == 2


def test_without_redis_it_reads_every_time_and_never_raises(make_watcher, shared, caplog):
    watcher = make_watcher(url="redis://127.0.0.1:1/0")  # nothing listens there
    with caplog.at_level(logging.WARNING, logger="caching.watcher"):
        assert [watcher.generation() for _ in range(3)] == [1, 1, 1]
    assert shared.reads == 3
    assert "cannot subscribe" in caplog.text


def test_an_unreachable_generation_is_never_remembered(make_watcher, shared):
    watcher = make_watcher()
    shared.value = None  # the shared cache did not answer
    assert watcher.generation() is None
    shared.value = 5
    assert watcher.generation() == 5


def test_a_forked_process_subscribes_on_its_own(make_watcher, shared, monkeypatch):
    watcher = make_watcher()
    watcher.generation()
    parents = watcher.pubsub
    monkeypatch.setattr(watcher_module.os, "getpid", lambda: watcher.pid + 1)
    assert watcher.generation() == 1
    assert watcher.pubsub is not parents
    assert shared.reads == 2
    parents.close()


def test_every_connection_and_announcement_is_told(make_watcher, shared, publisher):
    """Redis may come back from an old snapshot, and an announced bump may be a committed
    publish: the page cache then asks the database too (caching/anchor.py)."""
    told = []
    watcher = make_watcher(on_change=lambda: told.append(1))
    watcher.generation()
    assert (len(told), watcher.subscribed) == (1, True)  # subscribed
    watcher.generation()
    assert len(told) == 1  # nothing new
    bump(shared, publisher, watcher)
    watcher.generation()
    assert len(told) == 2  # an announcement
    watcher.pubsub.connection.disconnect()  # redis-py reconnects by itself
    watcher.generation()
    assert len(told) == 3
    subscriber = next(c for c in publisher.client_list() if c["name"].endswith(watcher.channel))
    publisher.client_kill_filter(_id=subscriber["id"])
    watcher.generation()
    assert not watcher.subscribed
