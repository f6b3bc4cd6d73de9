"""Shared fixtures: the real launch content in the real test database, and the one fake we
allow, the video host's oEmbed answer."""

import os
import shutil

import pytest
import responses
from aiosmtpd.controller import Controller
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation
from wagtail.models import Page

from caching.pagecache import bump_generation
from pages.models import ContentPage, HomePage
from tests.test_email import Mailbox, free_port

VIDEO_URL = "https://www.youtube.com/watch?v=Symbiose123"
VIDEO_ID = "Symbiose123"
OEMBED_ANSWER = {
    "type": "video",
    "version": "1.0",
    "title": "Symbiose Hillerød",
    "provider_name": "YouTube",
    "width": 200,
    "height": 113,
    "html": (
        f'<iframe width="200" height="113" src="https://www.youtube.com/embed/{VIDEO_ID}?'
        'feature=oembed" frameborder="0" allowfullscreen></iframe>'
    ),
}


@pytest.fixture(autouse=True)
def _empty_caches():
    """Pages cached by one test must not be served in the next one."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _danish():
    """Each test starts in Danish: a request to an English page leaves English active in the
    thread, and messages made outside a request (model validation) would follow it."""
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _temporary_media_root(settings, tmp_path):
    """Uploads made by tests (the brochure, images) go to a temporary folder, not ./media."""
    settings.MEDIA_ROOT = tmp_path / "media"


REDIS_TEST_URL = "redis://127.0.0.1:6379/14"  # a database of its own


@pytest.fixture
def redis_url():
    """The local Redis server's test database: skipped without it, except in CI, where it fails."""
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail("CI needs the Redis server on 127.0.0.1:6379")
        pytest.skip("no Redis server on 127.0.0.1:6379")
    finally:
        client.close()
    return REDIS_TEST_URL


@pytest.fixture(scope="session")
def launched_rows(django_db_setup, django_db_blocker, tmp_path_factory):
    """What `load_launch_content` makes in a fresh test database: run for real once per test
    process, in a transaction that is then rolled back, and kept as Django's serialized
    rollback keeps a database (with the pages that were there, to remove Wagtail's welcome
    page as the command does), and the files it uploads (the explainer video and its captions
    and poster), kept in a folder of their own."""
    media = tmp_path_factory.mktemp("launched-media")
    with (
        override_settings(MEDIA_ROOT=media),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("load_launch_content", verbosity=0)
        rows = connection.creation.serialize_db_to_string()
        pages = set(Page.objects.values_list("pk", flat=True))
        transaction.set_rollback(True)
    return rows, pages, media


@pytest.fixture
def launch(db, launched_rows, settings):
    """The launch content exactly as `make run` loads it; returns the two Danish pages.

    Restored from `launched_rows`: making the English pages through wagtail-localize costs
    seconds, and hundreds of tests start here. Tests of the command itself call it directly.
    """
    restore(launched_rows)
    media = launched_rows[2]
    shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)  # the test's own MEDIA_ROOT
    home = HomePage.objects.get(locale__language_code="da")
    om = ContentPage.objects.get(slug="om-symbiose-hillerod")
    return {"home": home, "om": om}


def restore(saved):
    rows, pages = saved[:2]
    Page.objects.exclude(pk__in=pages).delete()  # Wagtail's welcome page, as the command does
    connection.creation.deserialize_db_from_string(rows)


# One address for every page type, for the checks that hold on every page.
PAGE_TYPE_URLS = {
    "HomePage": "/",
    "ContentPage": "/om-symbiose-hillerod/",
    "SymbioseIndexPage": "/symbioser/",
    "SymbiosePage": "/symbioser/eksempel-overskudsvarme-datacenter/",
    "PartnerIndexPage": "/partnere/",
    "PartnerPage": "/partnere/eksempel-forsyningen/",
    "ThemeGroupIndexPage": "/temagrupper/",
    "ThemeGroupPage": "/temagrupper/energi/",
    "JoinFormPage": "/bliv-en-del-af-symbiose-hillerod/",
    "NewsIndexPage": "/nyheder/",
    "NewsPage": "/nyheder/foerste-konkrete-resultat-spildevandsledning/",
}
# Pages with a form: never cached, and they set the CSRF cookie their form posts with.
FORM_PAGE_URLS = {PAGE_TYPE_URLS["JoinFormPage"]}


@pytest.fixture(scope="session")
def example_rows(launched_rows, django_db_blocker):
    """What `load_example_symbioses` adds to the launch content, made once per test process
    like `launched_rows` (the command takes seconds; a hundred tests start from it)."""
    with (
        override_settings(MEDIA_ROOT=launched_rows[2]),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        restore(launched_rows)
        call_command("load_example_symbioses", verbosity=0)
        rows = connection.creation.serialize_db_to_string()
        pages = set(Page.objects.values_list("pk", flat=True))
        transaction.set_rollback(True)
    return rows, pages


@pytest.fixture
def examples(launch, example_rows):
    """The launch content plus the example catalogue, so every page type has a page."""
    restore(example_rows)
    return launch


@pytest.fixture
def oembed():
    """Fakes YouTube's oEmbed endpoint; any other outgoing HTTP request fails the test."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get("https://www.youtube.com/oembed", json=OEMBED_ANSWER)
        yield mock


def section_blocks(body):
    """Every block inside the sections of a content page's raw body, in order."""
    return [child for section in body for child in section["value"]["content"]]


SELF_HOSTED_FIELDS = ("file", "poster", "captions", "captions_en", "transcript")


def publish_video(page, url):
    """What an editor does: fill in the video address of the page's video block (instead of
    the launch content's video file, which the block refuses beside an address) and publish."""
    body = list(page.body.raw_data)
    videos = [block for block in section_blocks(body) if block["type"] == "video"]
    assert videos, "the page has no video block"
    for block in videos:
        block["value"]["url"] = url
        for field in SELF_HOSTED_FIELDS:
            block["value"].pop(field, None)
    page.body = body
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


@pytest.fixture
def video_page(launch, oembed):
    """The Om page with the video address filled in by an editor, and published."""
    return publish_video(launch["om"], VIDEO_URL)


@pytest.fixture
def uncached_queries():
    """Queries to render a page right after a publish invalidated the page cache (the footer
    settings and restricted paths stay cached: they have their own invalidation)."""

    def measure(client, url):
        client.get(url)
        bump_generation()  # what publishing any page does
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        if url in FORM_PAGE_URLS:  # never cached: every request renders
            assert "X-Cache" not in response and "no-store" in response["Cache-Control"]
        else:
            assert response["X-Cache"] == "miss"
        return queries

    return measure


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser(
        "redaktoer", "redaktoer@example.com", "hemmeligt-kodeord-123"
    )


@pytest.fixture
def mailbox(settings):
    """A real SMTP server on loopback, and the site configured to send through it."""
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "Symbiose Hillerød <noreply@symbiosehillerod.dk>"
    yield box
    controller.stop()
