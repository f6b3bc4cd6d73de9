"""A publish is never undone by the cache: Redis stops, a page is published meanwhile, Redis
comes back from a snapshot taken before the publish. Both servers must go on showing the
published page, and cache it again, although Redis handed back the old generation and the old
pages."""

import time

import pytest

from .test_two_servers import OM, Editor, assert_cache_hit, h1, visit, warm

NEW_TITLE = "Om Symbiose Hillerød efter genstart"
WATCH_SECONDS = 4  # longer than every interval at which a process re-reads a generation


@pytest.fixture
def production_env(production_env, own_redis):
    """The servers cache in a Redis server of the test's own, with the default re-read
    intervals (as in production)."""
    env = {**production_env, "REDIS_URL": own_redis.url}
    env.pop("PAGE_CACHE_RECHECK_SECONDS")
    # A process tries a Redis that failed again only after its breaker's interval: shorter
    # than WATCH_SECONDS, so that the page cache is back in use when the test looks.
    env["REDIS_BREAKER_SECONDS"] = "1"
    return env


@pytest.mark.multiserver
def test_a_redis_restart_from_an_old_snapshot_never_undoes_a_publish(servers, db_query, own_redis):
    a, b = servers
    editor = Editor(a)
    editor.log_in()
    (om_id,) = db_query("SELECT id FROM wagtailcore_page WHERE slug = %s", [OM.strip("/")])

    # The old page is cached in Redis and in both servers' memory; Redis saves its snapshot
    # and stops.
    for _ in range(3):  # every worker of each server holds it
        assert h1(warm(OM, a, b)) == "Om Symbiose Hillerød"
    own_redis.snapshot()
    own_redis.stop()

    # Published while Redis is down: visitors of both servers see the new page.
    editor.publish_page(om_id, title=NEW_TITLE)
    for server in (a, b, a, b):
        assert h1(visit(server, OM)) == NEW_TITLE

    # Redis comes back with the generation and the pages of its snapshot.
    own_redis.start()
    assert own_redis.client().dbsize() > 0, "the snapshot held no cached pages"
    deadline = time.monotonic() + WATCH_SECONDS
    while time.monotonic() < deadline:
        for server in (a, b):
            response = visit(server, OM)
            assert h1(response) == NEW_TITLE, (
                f"{server} served the page from before the publish "
                f"(X-Cache: {response.headers.get('X-Cache')})"
            )
        time.sleep(0.1)

    # And the page cache works again, with the published page.
    assert h1(warm(OM, a, b)) == NEW_TITLE
    assert_cache_hit(visit(b, OM), b)
