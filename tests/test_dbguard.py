"""A database that stops answering (dbguard/): PostgreSQL reached through a proxy that stops
forwarding, as the real backend's connection sees a frozen server. A query is ended at the
client timeout; while a request's query hangs, other requests that need the database get a
Danish (or English) 503 with the hotline at once; commands are never refused; requests that
only wait for a free slot go on when it frees."""

import threading
import time

import psycopg
import pytest
from bs4 import BeautifulSoup
from django.db import OperationalError
from django.test import Client

from dbguard.guard import DatabaseStalled, guard
from dbguard.postgresql.base import DatabaseWrapper
from devtools.proxy import FreezableProxy
from tests.test_footer_and_errors import assert_hotline, footer_of

PG = ("127.0.0.1", 5432)
# Requests answered as a visitor gets them: Django's handler500, not the exception.
visitor = Client(raise_request_exception=False)
STALL = 0.3  # seconds, DATABASE_STALL_SECONDS here
CLIENT_TIMEOUT = 1.0  # seconds, DATABASE_CLIENT_TIMEOUT here
SEARCH = "/soeg/?q=vand"  # a page that needs the database on every request


@pytest.fixture
def proxy():
    try:
        psycopg.connect(
            f"postgresql://postgres@{PG[0]}:{PG[1]}/postgres", connect_timeout=3
        ).close()
    except psycopg.Error as error:  # part of every set-up here (make test, CI): never skipped
        pytest.fail(f"PostgreSQL is needed at {PG[0]}:{PG[1]} ({error})")
    proxy = FreezableProxy(PG)
    yield proxy
    proxy.close()


@pytest.fixture
def fresh_guard(settings):
    """The process's guard, as after a start, with short intervals."""
    settings.DATABASE_STALL_SECONDS = STALL
    settings.DATABASE_CLIENT_TIMEOUT = CLIENT_TIMEOUT
    settings.DATABASE_BREAKER_SECONDS = 1.0
    settings.DATABASE_REQUEST_SLOTS = 1
    settings.DATABASE_SLOT_WAIT = 5.0
    guard.operations.clear()
    guard.open_until = float("-inf")
    guard.slots = None
    yield guard
    guard.operations.clear()
    guard.open_until = float("-inf")
    guard.slots = None


@pytest.fixture
def remote(proxy, django_db_blocker):
    """A connection of the guarded backend to PostgreSQL, through the proxy."""
    wrapper = DatabaseWrapper(
        {
            "NAME": "postgres",
            "USER": "postgres",
            "HOST": "127.0.0.1",
            "PORT": proxy.port,
            "PASSWORD": "",
            "OPTIONS": {"connect_timeout": 2},
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "TIME_ZONE": None,
            "TEST": {},
        },
        alias="frozen-test",
    )
    wrapper.inc_thread_sharing()  # the test's "requests" run on threads of their own
    with django_db_blocker.unblock():  # not the test database: a server of its own
        yield wrapper
        wrapper.close()
    wrapper.dec_thread_sharing()


def select(wrapper, value=1):
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT %s", [value])
        return cursor.fetchone()[0]


class Query(threading.Thread):
    """`SELECT 2` on a thread of its own: a request's (holding a slot), or a command's."""

    def __init__(self, wrapper, request=True):
        super().__init__(daemon=True)
        self.wrapper = wrapper
        self.request = request
        self.error = None
        self.seconds = None

    def run(self):
        if self.request:
            guard.enter()
        started = time.monotonic()
        try:
            select(self.wrapper, 2)
        except Exception as error:  # noqa: BLE001 - what it ended with is the point
            self.error = error
        finally:
            self.seconds = time.monotonic() - started
            if self.request:
                guard.leave()

    def ended(self, within):
        """Whether it ended within `within` seconds (a test never waits for ever)."""
        self.join(timeout=within)
        return not self.is_alive()


def wait_for(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited in vain"
        time.sleep(0.02)


def test_a_query_to_a_frozen_database_ends_at_the_client_timeout(fresh_guard, proxy, remote):
    assert select(remote) == 1
    proxy.freeze()
    query = Query(remote, request=False)
    query.start()
    assert query.ended(within=CLIENT_TIMEOUT + 3), "the query still waits"
    assert isinstance(query.error, OperationalError)
    assert CLIENT_TIMEOUT <= query.seconds < CLIENT_TIMEOUT + 1.5
    proxy.thaw()
    remote.close()  # as Django does at the end of the request whose query failed
    wait_for(lambda: fresh_guard.stalled() is None, seconds=3)  # the breaker closes by itself
    assert select(remote, 3) == 3


def test_while_a_request_waits_on_the_database_others_get_a_danish_503_at_once(
    fresh_guard, proxy, remote, client, launch
):
    assert client.get(SEARCH).status_code == 200
    select(remote)
    proxy.freeze()
    fresh_guard.slots = threading.BoundedSemaphore(2)  # the hanging request's and one more
    hanging = Query(remote)
    hanging.start()
    wait_for(lambda: fresh_guard.stalled() is not None)  # after STALL seconds

    started = time.monotonic()
    response = visitor.get(SEARCH)
    seconds = time.monotonic() - started
    assert response.status_code == 503
    assert seconds < 0.5  # not a wait for the database
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = BeautifulSoup(response.content, "html.parser")
    assert html.html["lang"] == "da"
    assert html.h1.get_text(strip=True) == "Siden kan ikke vises lige nu"
    assert_hotline(footer_of(response))
    assert html.find("a", href="/", string="Gå til forsiden")

    english = visitor.get("/en/search/?q=water")
    assert english.status_code == 503
    html = BeautifulSoup(english.content, "html.parser")
    assert html.html["lang"] == "en"
    assert html.h1.get_text(strip=True) == "The site is unavailable right now"
    assert html.find("a", href="/en/")

    assert hanging.ended(within=5)
    assert isinstance(hanging.error, OperationalError)  # ended by the watchdog, not for ever
    assert hanging.seconds < CLIENT_TIMEOUT + 1.5
    proxy.thaw()
    wait_for(lambda: fresh_guard.stalled() is None, seconds=3)
    assert client.get(SEARCH).status_code == 200


def test_cached_pages_are_served_while_the_database_is_stalled(
    fresh_guard, proxy, remote, client, launch
):
    assert client.get("/om-symbiose-hillerod/").status_code == 200  # now in the page cache
    proxy.freeze()
    fresh_guard.slots = threading.BoundedSemaphore(2)
    hanging = Query(remote)
    hanging.start()
    wait_for(lambda: fresh_guard.stalled() is not None)
    response = client.get("/om-symbiose-hillerod/")
    assert response.status_code == 200
    assert client.get("/healthz").status_code == 200
    assert hanging.ended(within=5)


def test_commands_are_never_refused_only_requests(fresh_guard, remote):
    fresh_guard.open_until = time.monotonic() + 60  # as after the watchdog ended a query
    assert select(remote) == 1  # a management command's thread: watched, not refused
    fresh_guard.local.guarded = True  # a request's thread
    try:
        with pytest.raises(DatabaseStalled):
            select(remote)
    finally:
        fresh_guard.local.guarded = False


def test_a_request_waits_for_a_free_slot_and_goes_on(fresh_guard, client, launch):
    fresh_guard.request_slots()  # one slot
    fresh_guard.slots.acquire()  # taken by a request that renders (not waiting on the database)
    threading.Timer(0.3, fresh_guard.slots.release).start()
    started = time.monotonic()
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert time.monotonic() - started >= 0.25


def test_a_request_that_finds_no_slot_in_time_gets_the_503(fresh_guard, settings, client, launch):
    settings.DATABASE_SLOT_WAIT = 0.2
    fresh_guard.request_slots()
    fresh_guard.slots.acquire()
    try:
        response = visitor.get(SEARCH)
    finally:
        fresh_guard.slots.release()
    assert response.status_code == 503
    assert "Prøv igen om et øjeblik" in response.content.decode()


@pytest.mark.parametrize(
    ("error", "status"),
    [(ValueError("a defect"), 500), (OperationalError("server closed the connection"), 503)],
)
def test_only_a_database_that_does_not_answer_makes_the_error_page_a_503(error, status):
    from django.test import RequestFactory

    from symbiose.views import server_error

    try:
        raise error
    except Exception:  # noqa: BLE001 - Django calls handler500 while handling the exception
        response = server_error(RequestFactory().get("/symbioser/"))
    assert response.status_code == status
    assert ("Retry-After" in response) == (status == 503)
