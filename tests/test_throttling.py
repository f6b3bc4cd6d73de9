"""Guessing is throttled: the admin's login (django-axes, per user name and address), the
password form of restricted pages and private documents (per address and restriction), and
the join form (per address, valid or not). A throttled request is answered in Danish with 429,
checks no password and costs no database query."""

import uuid

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from join.models import JoinFormSubmission
from tests.test_join_form import URL as JOIN_URL
from tests.test_join_form import VALID, join_page  # noqa: F401 (a fixture)

LOGIN = "/admin/login/"
PASSWORD = "hemmeligt-kodeord-123"  # the admin_user fixture's
VISITOR = "198.51.100.7"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.VIEW_PASSWORD_FAILURE_LIMIT = 3


def html(response):
    return BeautifulSoup(response.content, "html.parser")


def sign_in(client, password, username="redaktoer", address=VISITOR, **extra):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def signed_in(client):
    return "_auth_user_id" in client.session


def assert_login_locked_out(response):
    assert response.status_code == 429
    page = html(response)
    assert page.find("html")["lang"] == "da"
    assert page.h1.get_text(strip=True) == "For mange loginforsøg"
    text = page.get_text(" ", strip=True)
    assert "spærret i 15 minutter" in text
    assert page.find("form") is None  # nothing to try again with until the time is up


# The admin's login ---------------------------------------------------------------------------


def test_wrong_passwords_lock_the_login_out_in_danish_even_for_the_right_one(client, admin_user):
    for _ in range(4):
        response = sign_in(client, "forkert")
        assert response.status_code == 200
        assert "login-form" in response.content.decode()
    assert_login_locked_out(sign_in(client, "forkert"))  # the fifth
    response = sign_in(client, PASSWORD)
    assert_login_locked_out(response)
    assert not signed_in(client)


def test_a_correct_login_before_the_limit_works(client, admin_user):
    for _ in range(4):
        assert sign_in(client, "forkert").status_code == 200
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)
    assert client.get("/admin/").status_code == 200


def test_the_lockout_is_per_user_name_and_address(client, admin_user, django_user_model):
    """Somebody guessing elsewhere can lock nobody out of their own login."""
    for _ in range(5):
        sign_in(client, "forkert")
    assert sign_in(client, PASSWORD).status_code == 429
    assert sign_in(client, PASSWORD, address="203.0.113.9").status_code == 302
    client.logout()
    django_user_model.objects.create_user("kollega", password=PASSWORD)
    assert sign_in(client, PASSWORD, username="kollega").status_code == 302


def test_behind_proxies_the_address_is_the_one_the_proxy_saw(client, admin_user, settings):
    """The same reading of X-Forwarded-For as the join form's: made-up entries to the left of
    the trusted proxy's do not give the guesser a fresh count."""
    settings.TRUSTED_PROXY_COUNT = 1
    for made_up in range(5):
        sign_in(
            client,
            "forkert",
            address="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"1.2.3.{made_up}, {VISITOR}",
        )
    assert sign_in(client, PASSWORD, HTTP_X_FORWARDED_FOR=VISITOR).status_code == 429
    assert sign_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 302


def test_a_locked_out_login_costs_no_database_query(client, admin_user, django_assert_num_queries):
    for _ in range(5):
        sign_in(client, "forkert")
    with django_assert_num_queries(0):
        assert sign_in(client, PASSWORD).status_code == 429


@pytest.fixture
def redis_cache(settings, redis_url):
    """The production cache: Redis, as configured in symbiose/settings/base.py, under a key
    prefix of this test's own (the database is shared), removed afterwards."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": f"throttling-test-{uuid.uuid4().hex}",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.25},
        }
    }
    yield caches["default"]
    caches["default"].delete_pattern("*")


def test_with_redis_the_lockouts_hold(client, admin_user, restricted_page, redis_cache):
    for _ in range(5):
        sign_in(client, "forkert")
    assert_login_locked_out(sign_in(client, PASSWORD))
    page, restriction = restricted_page
    action = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    for _ in range(3):
        assert client.post(action, {"return_url": page.url, "password": "x"}).status_code == 200
    assert_password_form_locked_out(client.post(action, {"password": "hemmelig"}))
    assert 0 < redis_cache.ttl(next(iter(redis_cache.keys("throttle:*")))) <= 900


def test_the_operator_can_lift_a_lockout(client, admin_user):
    for _ in range(5):
        sign_in(client, "forkert")
    call_command("axes_reset_ip_username", VISITOR, "redaktoer", verbosity=0)
    assert sign_in(client, PASSWORD).status_code == 302


def test_tests_still_sign_in(client, admin_user, settings):
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200
    client.logout()
    # Django's Client.login() authenticates without a request, which axes refuses; the test
    # settings (symbiose/settings/test.py) turn axes off for the tests that use it.
    settings.AXES_ENABLED = False
    assert client.login(username="redaktoer", password=PASSWORD)
    assert client.get("/admin/").status_code == 200


# The password form of restricted pages and private documents -------------------------------------


def assert_password_form_locked_out(response):
    assert response.status_code == 429
    page = html(response)
    assert page.find("html")["lang"] == "da"
    assert page.h1.get_text(strip=True) == "For mange forsøg"
    assert "Vent 15 minutter" in page.get_text(" ", strip=True)
    assert "no-store" in response["Cache-Control"]


@pytest.fixture
def restricted_page(launch):
    om = launch["om"]
    restriction = PageViewRestriction.objects.create(
        page=om, restriction_type="password", password="hemmelig"
    )
    return om, restriction


def test_wrong_page_passwords_lock_the_form_out(client, restricted_page):
    page, restriction = restricted_page
    action = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    form = {"return_url": page.url}
    for _ in range(3):
        response = client.post(action, {**form, "password": "forkert"}, REMOTE_ADDR=VISITOR)
        assert response.status_code == 200
        assert 'type="password"' in response.content.decode()
    response = client.post(action, {**form, "password": "hemmelig"}, REMOTE_ADDR=VISITOR)
    assert_password_form_locked_out(response)
    assert 'type="password"' in client.get(page.url).content.decode()  # still not let in
    # Another visitor is not affected.
    response = client.post(action, {**form, "password": "hemmelig"}, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302


def test_a_locked_out_page_password_costs_no_database_query(
    client, restricted_page, django_assert_num_queries
):
    page, restriction = restricted_page
    action = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    for _ in range(3):
        client.post(action, {"return_url": page.url, "password": "forkert"})
    with django_assert_num_queries(0):
        assert client.post(action, {"password": "hemmelig"}).status_code == 429


def test_wrong_document_passwords_lock_the_form_out(client, db):
    collection = Collection.get_first_root_node().add_child(name="Bestyrelsen")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="x1"
    )
    action = f"/documents/authenticate_with_password/{restriction.pk}/"
    for _ in range(3):
        assert client.post(action, {"password": "forkert", "return_url": "/"}).status_code == 200
    assert_password_form_locked_out(client.post(action, {"password": "x1", "return_url": "/"}))


# The join form ----------------------------------------------------------------------------------


def test_a_flood_of_invalid_join_submissions_is_limited_too(client, join_page, settings):  # noqa: F811
    """Correcting typing errors never reaches the limit; a script posting rubbish does."""
    settings.JOIN_RATE_LIMIT, settings.JOIN_ATTEMPT_LIMIT = 1, 4
    for _ in range(4):
        assert client.post(JOIN_URL, {**VALID, "email": "forkert"}).status_code == 200
    response = client.post(JOIN_URL, VALID)
    assert response.status_code == 429
    summary = html(response).find(class_="error-summary")
    assert summary.h2.get_text(strip=True) == "Vent venligst lidt"
    assert not JoinFormSubmission.objects.exists()


def test_a_throttled_join_submission_writes_nothing(client, join_page, settings):  # noqa: F811
    settings.JOIN_RATE_LIMIT = 1
    assert client.post(JOIN_URL, VALID).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.post(JOIN_URL, VALID).status_code == 429
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].split(None, 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}
    ]
    assert writes == []
    assert JoinFormSubmission.objects.count() == 1
