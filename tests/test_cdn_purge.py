"""The CDN forgets everything a change touches, at the site's public address: a publish
changes listings, the home page, the open data, the feeds and the sitemap, not only the page
itself (issue 14, finding 5). A CDN that is down never fails the editor's save."""

import logging

import pytest
from wagtail.models import Page, PageViewRestriction

from pages.models import ContentPage
from symbioses.models import ThemeGroupPage
from tests.cdn import recording_cdn

HOST = "symbiosehillerod.dk"


@pytest.fixture
def cdn(launch, settings):
    """The launch content, SITE_HOSTNAME set (the Wagtail Site keeps its own address), and a
    recording CDN; yields the (Host, path) pairs purged."""
    settings.SITE_HOSTNAME = HOST
    with recording_cdn(settings) as purged:
        yield purged


def paths(purged):
    return {path for _host, path in purged}


def publish(page):
    page.save_revision().publish()


def energi():
    return ThemeGroupPage.objects.get(slug="energi", locale__language_code="da")


def test_publishing_a_theme_group_purges_everything_it_shows_on(
    cdn, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(energi())
    assert {
        "/temagrupper/energi/",  # the page itself, in both languages
        "/en/theme-groups/energy/",
        "/temagrupper/",  # its listing
        "/symbioser/",  # the catalogue (its theme group filter)
        "/",  # the home page (figures, theme groups)
        "/en/",
        "/symbioser/data.json",  # the open data
        "/symbioser/data.csv",
        "/symbioser/data-excel.csv",
        "/symbioser/feed.atom",  # the feeds
        "/nyheder/feed.atom",
        "/temagrupper/energi/feed.atom",
        "/driftsforstyrrelser.atom",
        "/nyheder/",  # the news listing (its pages too)
        "/nyheder/?page=2",
        "/sitemap.xml",
        "/status.json",
        "/brochure.pdf",
        "/en/brochure.pdf",
    } <= paths(cdn)


def test_purges_go_to_the_configured_hostname_not_the_sites(
    cdn, django_capture_on_commit_callbacks
):
    """The Wagtail Site of the launch content has its own hostname; the CDN knows the public one."""
    with django_capture_on_commit_callbacks(execute=True):
        publish(energi())
    assert cdn
    assert {host for host, _path in cdn} == {HOST}


def test_one_purge_per_transaction(cdn, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish(energi())
        publish(ContentPage.objects.get(slug="om-symbiose-hillerod"))
    # Each address once; the brochure's twice: again once its rebuild after the commit is stored.
    again = [pair for pair in cdn if cdn.count(pair) > 1]
    assert set(again) == {(HOST, "/brochure.pdf"), (HOST, "/en/brochure.pdf")}
    assert cdn.count((HOST, "/sitemap.xml")) == 1


def test_nothing_is_purged_before_the_commit(cdn, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        publish(energi())
    assert cdn == []


def test_unpublishing_purges_the_page_itself(cdn, django_capture_on_commit_callbacks):
    page = energi()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert {"/temagrupper/energi/", "/temagrupper/energi/feed.atom", "/temagrupper/"} <= paths(cdn)


def test_a_new_slug_purges_the_old_address(cdn, django_capture_on_commit_callbacks):
    page = energi()
    page.slug = "energi-og-varme"
    with django_capture_on_commit_callbacks(execute=True):
        publish(page)
    assert {"/temagrupper/energi/", "/temagrupper/energi-og-varme/"} <= paths(cdn)


def test_deleting_a_page_purges_it(cdn, django_capture_on_commit_callbacks):
    page = ContentPage.objects.get(slug="om-symbiose-hillerod")
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert {"/om-symbiose-hillerod/", "/", "/sitemap.xml"} <= paths(cdn)


def test_restricting_a_page_purges_it(cdn, django_capture_on_commit_callbacks):
    page = Page.objects.get(slug="om-symbiose-hillerod")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    assert {"/om-symbiose-hillerod/", "/sitemap.xml"} <= paths(cdn)


def test_a_cdn_that_is_down_never_fails_the_publish(
    launch, settings, caplog, django_capture_on_commit_callbacks
):
    settings.SITE_HOSTNAME = HOST
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "caching.cdn.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",  # the discard port: nothing listens
            "TIMEOUT": 1,
        }
    }
    page = energi()
    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        publish(page)
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1, [r.getMessage() for r in errors]
    assert "CDN purge failed [http]: 0 of" in errors[0].getMessage()


def test_wagtails_backend_failing_is_one_line_too(
    launch, settings, caplog, django_capture_on_commit_callbacks
):
    """Wagtail's own HTTP backend logs each failed address; we log one line."""
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }
    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        publish(energi())
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1, [r.getMessage() for r in errors]
