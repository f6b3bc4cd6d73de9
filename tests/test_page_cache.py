"""The shared page cache: fast for visitors, never stale, never personal."""

import logging

import pytest
from django.test import RequestFactory, override_settings

from pages.site_settings import SiteSettings
from tests.catalogue import make_partner, make_symbiose

OM = "/om-symbiose-hillerod/"


def test_second_visit_is_served_from_the_cache(client, launch):
    first = client.get(OM)
    second = client.get(OM)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content


def test_http_caching_headers_and_304(client, launch):
    response = client.get(OM)
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=60", "s-maxage=600"}
    etag = response["ETag"]
    assert client.get(OM, headers={"if-none-match": etag}).status_code == 304
    assert client.get(OM, headers={"if-none-match": '"something-else"'}).status_code == 200


def test_publishing_shows_on_the_very_next_request(client, launch):
    client.get(OM)
    om = launch["om"]
    om.title = "Om netværket"
    om.save_revision().publish()
    response = client.get(OM)
    assert response["X-Cache"] == "miss"
    assert "<h1>Om netværket</h1>" in response.content.decode()
    # The menu on every other page shows it too.
    assert "Om netværket" in client.get("/").content.decode()


def test_unpublishing_and_deleting_take_effect_at_once(client, launch):
    assert client.get(OM).status_code == 200
    launch["om"].unpublish()
    assert client.get(OM).status_code == 404
    assert "/om-symbiose-hillerod/" not in client.get("/").content.decode()


def test_moving_a_page_takes_effect_at_once(client, launch):
    from pages.models import ContentPage

    client.get(OM)
    parent = ContentPage(title="Mere", slug="mere")
    launch["home"].add_child(instance=parent)
    parent.save_revision().publish()
    launch["om"].move(parent, pos="last-child")
    old = client.get(OM)  # Wagtail leaves a redirect at the old address
    assert (old.status_code, old["Location"]) == (301, "/mere/om-symbiose-hillerod/")
    assert client.get("/mere/om-symbiose-hillerod/").status_code == 200


def test_deleting_a_symbiose_takes_effect_at_once(client, launch):
    a, b = make_partner("A"), make_partner("B")
    symbiose = make_symbiose("Forsvinder", a, b)
    assert "Forsvinder" in client.get("/symbioser/").content.decode()
    symbiose.delete()
    assert "Forsvinder" not in client.get("/symbioser/").content.decode()


def test_hotline_change_shows_on_every_cached_page(client, launch):
    for url in ["/", OM]:
        client.get(url)
    settings = SiteSettings.load()
    settings.hotline_phone = "70102030"
    settings.save()
    for url in ["/", OM]:
        assert "tel:+4570102030" in client.get(url).content.decode()


def test_logged_in_editors_are_never_served_or_cached(client, launch, admin_user):
    client.get(OM)  # cached for visitors
    client.force_login(admin_user)
    response = client.get(OM)
    assert "X-Cache" not in response
    assert "Cache-Control" not in response or "public" not in response["Cache-Control"]


def test_filtered_listings_are_not_mixed_up(client, launch):
    a, b = make_partner("A", "forening"), make_partner("B")
    make_symbiose("Social symbiose", a, b, environmental=False, social=True)
    make_symbiose("Grøn symbiose", a, b)
    social = client.get("/symbioser/?dimension=social")  # a variant of its own
    assert "Grøn symbiose" not in social.content.decode()
    assert "Grøn symbiose" in client.get("/symbioser/").content.decode()
    assert "Grøn symbiose" not in client.get("/symbioser/?dimension=social").content.decode()


def test_admin_and_previews_are_never_cached(client, launch, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert "X-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_not_found_pages_are_not_cached(client, launch):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert "X-Cache" not in response


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens here: Redis is "gone"
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.1,
                "SOCKET_TIMEOUT": 0.1,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    },
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS=True,
)
def test_pages_are_served_when_redis_is_gone(client, launch, caplog):
    with caplog.at_level(logging.WARNING):
        response = client.get(OM)
        again = client.get(OM)
    assert response.status_code == again.status_code == 200
    assert "Om Symbiose Hillerød" in again.content.decode()
    assert any(record.levelno >= logging.WARNING for record in caplog.records)


@pytest.fixture
def redis_cache(settings, redis_url):
    """The page cache in Redis, as in production, with its pub/sub watcher and no periodic
    re-read: a change must reach the watcher through the announcement alone."""
    import redis

    from caching import pagecache

    redis.Redis.from_url(redis_url).flushdb()
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
    settings.PAGE_CACHE_REDIS_URL = redis_url
    settings.PAGE_CACHE_RECHECK_SECONDS = 3600
    yield
    pagecache.close_watcher()


def test_redis_cache_serves_and_invalidates(client, launch, redis_cache):
    assert client.get(OM)["X-Cache"] == "miss"
    assert client.get(OM)["X-Cache"] == "hit"
    om = launch["om"]
    om.title = "Ny titel"
    om.save_revision().publish()
    assert "<h1>Ny titel</h1>" in client.get(OM).content.decode()
    site_settings = SiteSettings.load()
    site_settings.hotline_phone = "70102030"
    site_settings.save()
    assert "70 10 20 30" in client.get(OM).content.decode()


def test_redis_is_not_asked_for_the_generation_on_every_hit(client, launch, redis_cache):
    from caching import pagecache

    client.get(OM)
    watcher = pagecache.watcher()
    reads = []
    watcher.read = lambda name: reads.append(name) or pagecache.stored_generation(name)
    for _ in range(5):
        assert client.get(OM)["X-Cache"] == "hit"
    assert reads == []
    launch["om"].save_revision().publish()
    assert client.get(OM)["X-Cache"] == "miss"
    assert "" in reads


def test_the_publishing_process_does_not_wait_for_its_own_announcement(
    client, launch, redis_cache, monkeypatch
):
    monkeypatch.setattr("caching.watcher.announce", lambda client, channel: None)
    client.get(OM)
    assert client.get(OM)["X-Cache"] == "hit"
    om = launch["om"]
    om.title = "Om netværket"
    om.save_revision().publish()
    assert "<h1>Om netværket</h1>" in client.get(OM).content.decode()


def test_a_page_rendered_before_the_publish_commits_is_not_kept(
    client, launch, django_capture_on_commit_callbacks
):
    """Another server may render the page between the publish and its commit, from the old
    data, and store it under the new generation: the bump after the commit discards it."""
    from caching.pagecache import PageCacheMiddleware, cache, generation, stored_form

    stale = client.get(OM)
    om = launch["om"]
    with django_capture_on_commit_callbacks(execute=True):
        om.title = "Om netværket"
        om.save_revision().publish()
        request = RequestFactory().get(OM)
        cache().set(PageCacheMiddleware.key(request), (generation(), stored_form(stale)))
        assert "<h1>Om netværket</h1>" not in client.get(OM).content.decode()  # the stale page
    response = client.get(OM)
    assert response["X-Cache"] == "miss"
    assert "<h1>Om netværket</h1>" in response.content.decode()


def test_restricting_a_page_hides_it_from_listings_at_once(client, launch):
    from wagtail.models import PageViewRestriction

    a, b = make_partner("Åben partner"), make_partner("Lukket partner")
    make_symbiose("Synlig", a, b)
    assert "Lukket partner" in client.get("/partnere/").content.decode()
    PageViewRestriction.objects.create(page=b, restriction_type="password", password="hemmelig")
    assert "Lukket partner" not in client.get("/partnere/").content.decode()


def test_cached_pages_are_gzipped_for_browsers_that_ask(client, launch):
    import gzip

    plain = client.get(OM)
    zipped = client.get(OM, headers={"accept-encoding": "gzip, deflate, br"})
    assert zipped["X-Cache"] == "hit"
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert gzip.decompress(zipped.content) == plain.content
    assert int(zipped["Content-Length"]) == len(zipped.content) < len(plain.content) / 2
    assert zipped["ETag"] != plain["ETag"]
    again = client.get(OM, headers={"accept-encoding": "gzip", "if-none-match": zipped["ETag"]})
    assert again.status_code == 304
    assert "Content-Encoding" not in client.get(OM)  # a client that did not ask gets plain HTML


def test_an_emptied_cache_never_revives_old_pages(client, launch):
    """After a Redis restart the generation starts afresh; the pages a process still holds in
    memory from before must not match it."""
    from django.core.cache import caches

    client.get(OM)
    assert client.get(OM)["X-Cache"] == "hit"
    caches["default"].clear()  # e.g. Redis restarted
    response = client.get(OM)
    assert response["X-Cache"] == "miss"
