"""A publish is counted in the database with the change itself (caching/anchor.py), so a
shared cache that forgets, or comes back from a snapshot taken before the publish, can never
serve the old page again; and a process keeps its own copies of pages for a bounded time.

The whole sequence with a real Redis server that stops and restarts from its snapshot, and
two gunicorn servers, is in tests/multiserver/test_redis_restart.py."""

import time

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import RequestFactory

from caching.anchor import anchor
from caching.models import Generation
from caching.pagecache import GENERATION_KEY, PageCacheMiddleware, generation
from pages.site_settings import SiteSettings

OM = "/om-symbiose-hillerod/"


def counted(name=""):
    return Generation.objects.get(name=name).value


def test_a_publish_is_counted_in_the_database_with_the_change(launch):
    before = counted()
    launch["om"].save_revision().publish()
    assert counted() == before + 1


def test_a_publish_that_is_rolled_back_is_not_counted(launch):
    before = counted()
    with pytest.raises(RuntimeError), transaction.atomic():
        launch["om"].save_revision().publish()
        raise RuntimeError("the publish failed")
    assert counted() == before


def snapshot(*keys):
    store = caches["default"]
    return {key: store.get(key) for key in keys}


def restore(taken):
    """The shared cache comes back from its snapshot: what it learnt since is gone."""
    store = caches["default"]
    store.clear()
    for key, value in taken.items():
        store.set(key, value, timeout=None)


def page_key(path):
    return PageCacheMiddleware.key(RequestFactory().get(path))


def test_a_cache_restored_from_before_a_publish_never_serves_the_old_page(client, launch):
    client.get(OM)
    assert client.get(OM)["X-Cache"] == "hit"
    taken = snapshot(GENERATION_KEY, page_key(OM))
    assert all(taken.values())

    om = launch["om"]
    om.title = "Om netværket"
    om.save_revision().publish()
    assert "<h1>Om netværket</h1>" in client.get(OM).content.decode()

    restore(taken)
    response = client.get(OM)
    assert "<h1>Om netværket</h1>" in response.content.decode(), response["X-Cache"]
    assert response["X-Cache"] == "miss"
    assert client.get(OM)["X-Cache"] == "hit"  # and cached again, the new page


def test_a_cache_restored_from_before_a_hotline_change_never_serves_the_old_number(client, launch):
    assert "48 23 10 00" in client.get(OM).content.decode()
    footer_key = f"fragment:{generation(':settings')}:site-settings"
    taken = snapshot(GENERATION_KEY, f"{GENERATION_KEY}:settings", page_key(OM), footer_key)
    assert all(taken.values())

    site_settings = SiteSettings.load()
    site_settings.hotline_phone = "70102030"
    site_settings.save()
    assert "70 10 20 30" in client.get(OM).content.decode()

    restore(taken)
    page = client.get(OM).content.decode()
    assert "70 10 20 30" in page and "48 23 10 00" not in page


def test_a_cached_page_costs_no_query(client, launch, django_assert_num_queries):
    client.get(OM)
    with django_assert_num_queries(0):
        assert client.get(OM)["X-Cache"] == "hit"


def test_the_database_is_read_again_after_a_response_once_the_interval_passed(
    client, launch, settings, django_assert_num_queries
):
    """Another server's publish reaches this process's copy of the database's count even
    when the shared cache never heard of it."""
    client.get(OM)
    Generation.objects.filter(name="").update(value=10**12)  # "another server published"
    settings.PAGE_CACHE_ANCHOR_SECONDS = 10
    anchor.read_at = time.monotonic() - 15  # due, but not so old that it is read first
    with django_assert_num_queries(1):  # the page comes from the cache; then the count is read
        assert client.get(OM)["X-Cache"] == "hit"
    assert client.get(OM)["X-Cache"] == "miss"


def test_an_old_copy_of_the_count_is_read_before_it_is_used(client, launch, settings):
    """A process that was idle does not trust what it read long ago."""
    client.get(OM)
    Generation.objects.filter(name="").update(value=10**12)
    settings.PAGE_CACHE_ANCHOR_SECONDS = 10
    anchor.read_at = time.monotonic() - 60
    assert client.get(OM)["X-Cache"] == "miss"


def test_pages_kept_in_a_process_have_a_bounded_life(client, launch, settings):
    client.get(OM)
    caches["default"].delete(page_key(OM))  # only this process's copy is left
    assert client.get(OM)["X-Cache"] == "hit"
    settings.PAGE_CACHE_LOCAL_SECONDS = 0
    assert client.get(OM)["X-Cache"] == "miss"
