"""The page cache cannot be bypassed cheaply (issue 14, findings 2 and 7): query strings that
do not change the page, the Host's spelling and cookies that are no session all get the page
from the cache; junk values never make new entries."""

import gzip

import pytest
from django.conf import settings
from django.core.cache import caches

from caching.keys import accepts_gzip
from symbioses.filters import SymbioseFilter
from tests.catalogue import make_partner, make_symbiose

OM = "/om-symbiose-hillerod/"


def page_entries():
    return sorted(key for key in caches["default"]._cache if ":pagecache:page:" in key)


@pytest.mark.parametrize(
    "query", ["utm_source=x", "foo=1", "fbclid=abc&gclid=def", "utm_campaign=a&utm_medium=b"]
)
def test_unknown_and_tracking_parameters_get_the_cached_page(client, launch, query):
    first = client.get(OM)
    assert first["X-Cache"] == "miss"
    again = client.get(f"{OM}?{query}")
    assert again["X-Cache"] == "hit"
    assert again.content == first.content
    assert len(page_entries()) == 1


def test_ignored_parameters_never_reach_the_view_or_the_page(client, launch):
    marker = "echoMARKER123"
    response = client.get(f"/symbioser/?utm_content={marker}&foo={marker}")
    assert response.status_code == 200
    assert marker not in response.content.decode()
    assert client.get("/symbioser/")["X-Cache"] == "hit"


def test_filter_variants_are_cached_once_with_their_parameters_sorted(client, launch):
    a, b = make_partner("A", "forening"), make_partner("B")
    make_symbiose("Social symbiose", a, b, environmental=False, social=True)
    make_symbiose("Grøn symbiose", a, b)
    client.get("/symbioser/")  # the catalogue declares its filters while rendering
    first = client.get("/symbioser/?dimension=social&status=drift")
    assert first["X-Cache"] == "miss"
    assert "Grøn symbiose" not in first.content.decode()
    again = client.get("/symbioser/?status=drift&utm_source=x&dimension=social")
    assert again["X-Cache"] == "hit"
    assert again.content == first.content
    assert "Grøn symbiose" in client.get("/symbioser/").content.decode()


def test_junk_filter_values_make_no_entries(client, launch):
    client.get("/symbioser/")
    entries = page_entries()
    for n in range(20):
        response = client.get(f"/symbioser/?dimension=junk{n}&tema=nope{n}&page={n}")
        assert response.status_code == 200
    assert page_entries() == entries  # all of them were the catalogue's own page
    assert client.get("/symbioser/?dimension=junk99")["X-Cache"] == "hit"


def test_a_filter_variant_asked_for_before_the_page_itself_is_not_mixed_up(client, launch):
    a, b = make_partner("A", "forening"), make_partner("B")
    make_symbiose("Social symbiose", a, b, environmental=False, social=True)
    make_symbiose("Grøn symbiose", a, b)
    social = client.get("/symbioser/?dimension=social")
    junk = client.get("/symbioser/?dimension=junk")
    assert "Grøn symbiose" not in social.content.decode()
    assert "Grøn symbiose" in junk.content.decode()
    assert "Grøn symbiose" in client.get("/symbioser/").content.decode()
    assert "Grøn symbiose" not in client.get("/symbioser/?dimension=social").content.decode()


def test_variant_parameters_cover_the_catalogue_filters():
    assert set(SymbioseFilter.allowed(_NoThemes())) <= set(settings.PAGE_CACHE_VARIANT_PARAMETERS)


class _NoThemes:
    def values_list(self, *args, **kwargs):
        return []


def test_searches_are_never_cached(client, launch):
    client.get("/soeg/?q=varme")
    response = client.get("/soeg/?q=varme")
    assert "X-Cache" not in response
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "host", ["LOCALHOST", "localhost.", "localhost:8000", "LocalHost.:8080", "127.0.0.1:9000"]
)
def test_every_spelling_of_an_allowed_host_is_one_entry(client, launch, settings, host):
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    assert client.get(OM, headers={"host": "localhost"})["X-Cache"] == "miss"
    assert client.get(OM, headers={"host": host})["X-Cache"] == "hit"
    assert len(page_entries()) == 1


def test_an_unknown_host_never_gets_a_cached_page(client, launch, settings):
    settings.ALLOWED_HOSTS = ["localhost"]
    client.get(OM, headers={"host": "localhost"})
    assert client.get(OM, headers={"host": "evil.example"}).status_code == 400


@pytest.mark.parametrize(
    "cookies",
    [
        {"sessionid": "garbage"},
        {"sessionid": "a" * 32},  # the form of a session key, but no session
        {"csrftoken": "x" * 32},
        {"sessionid": "garbage", "csrftoken": "x" * 32},
    ],
)
def test_a_cookie_that_is_no_session_gets_the_cached_page(client, launch, cookies):
    first = client.get(OM)
    for name, value in cookies.items():
        client.cookies[name] = value
    response = client.get(OM)
    assert response["X-Cache"] == "hit"
    assert response.content == first.content
    assert not response.cookies  # no Set-Cookie: nothing to delete, nothing to set


def test_a_cookie_that_is_no_session_does_not_stop_the_page_being_stored(client, launch):
    client.cookies["sessionid"] = "garbage"
    response = client.get(OM)
    assert response["X-Cache"] == "miss"
    assert not response.cookies
    assert client.get(OM)["X-Cache"] == "hit"


def test_an_editors_session_still_bypasses_the_cache(client, launch, admin_user):
    client.get(OM)
    client.force_login(admin_user)
    response = client.get(OM)
    assert "X-Cache" not in response
    client.logout()
    assert client.get(OM)["X-Cache"] == "hit"


@pytest.mark.parametrize(
    "header",
    ["gzip;q=0", "identity", "gzip;q=0, identity", "*;q=0", "gzip; q=0.000", "deflate, br"],
)
def test_refused_gzip_is_not_sent(client, launch, header):
    plain = client.get(OM)
    response = client.get(OM, headers={"accept-encoding": header})
    assert response["X-Cache"] == "hit"
    assert "Content-Encoding" not in response
    assert response.content == plain.content


@pytest.mark.parametrize("header", ["gzip", "GZIP;q=0.5", "br, gzip;q=0.8", "*", "identity, *;q=1"])
def test_accepted_gzip_is_sent(client, launch, header):
    plain = client.get(OM)
    response = client.get(OM, headers={"accept-encoding": header})
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == plain.content


def test_accept_encoding_parser():
    assert accepts_gzip("gzip, deflate")
    assert not accepts_gzip("")
    assert not accepts_gzip("gzip;q=nan")
    assert not accepts_gzip("gzip;q=abc")
    assert not accepts_gzip("*;q=1, gzip;q=0")


def test_news_pages_that_exist_are_cached_junk_page_numbers_are_the_first(client, launch):
    from datetime import date, timedelta

    from tests.test_news import make_news

    for number in range(12):
        make_news(f"Nyhed {number:02d}", date(2030, 1, 1) + timedelta(days=number))
    first = client.get("/nyheder/")
    second = client.get("/nyheder/?page=2")
    assert second["X-Cache"] == "miss" and "Nyhed 01" in second.content.decode()
    assert client.get("/nyheder/?page=2&utm_source=x")["X-Cache"] == "hit"
    entries = page_entries()
    for bad in ("abc", "0", "999", "1", "%00"):
        response = client.get(f"/nyheder/?page={bad}")
        assert (response["X-Cache"], response.content) == ("hit", first.content), bad
    assert page_entries() == entries


def test_a_file_cache_generation_is_read_only_when_it_changed(
    client, launch, settings, tmp_path, monkeypatch
):
    """The default set-up without Redis: a hit costs a stat of the generation's file, not a
    read; a publish replaces the file and shows on the very next request."""
    from caching import pagecache

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    client.get(OM)
    client.get(OM)
    reads = []
    read = pagecache.stored_generation
    monkeypatch.setattr(
        pagecache, "stored_generation", lambda name="": reads.append(name) or read(name)
    )
    for _ in range(3):
        assert client.get(OM)["X-Cache"] == "hit"
    assert reads == []
    om = launch["om"]
    om.title = "Om netværket"
    om.save_revision().publish()
    response = client.get(OM)
    assert response["X-Cache"] == "miss"
    assert "<h1>Om netværket</h1>" in response.content.decode()
