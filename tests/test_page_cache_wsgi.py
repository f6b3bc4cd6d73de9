"""Cached pages answered before Django (caching/wsgi.py): the same page and headers as Django's
own answer, and nothing else answered there."""

import gzip
import io
from dataclasses import dataclass

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from caching.wsgi import PageCacheApplication

OM = "/om-symbiose-hillerod/"


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes
    by_django: bool


class Server:
    """The WSGI application as gunicorn runs it, and whether Django itself answered."""

    def __init__(self):
        self.django = WSGIHandler()
        self.calls = 0
        self.application = PageCacheApplication(self.inner)

    def inner(self, environ, start_response):
        self.calls += 1
        return self.django(environ, start_response)

    def get(self, path, method="GET", host="localhost", scheme="http", cookie="", **headers):
        path, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SCRIPT_NAME": "",
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": host,
            "wsgi.url_scheme": scheme,
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": io.StringIO(),
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        if cookie:
            environ["HTTP_COOKIE"] = cookie
        for name, value in headers.items():
            environ[f"HTTP_{name.upper()}"] = value
        started = {}
        calls = self.calls

        def start_response(status, response_headers, exc_info=None):
            started["status"] = int(status.split()[0])
            started["headers"] = dict(response_headers)

        # As Django's test client does: the test's transaction must survive the request.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            result = self.application(environ, start_response)
            body = b"".join(result)
            result.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        return Answer(started["status"], started["headers"], body, self.calls > calls)


@pytest.fixture
def server(launch):
    return Server()


def test_a_cached_page_is_answered_before_django_with_the_same_headers(server):
    first = server.get(OM)
    assert (first.status, first.headers["X-Cache"], first.by_django) == (200, "miss", True)
    hit = server.get(OM)
    assert (hit.status, hit.headers["X-Cache"], hit.by_django) == (200, "hit", False)
    assert hit.body == first.body
    assert {**hit.headers, "X-Cache": "miss"} == first.headers
    for name in (  # set by middleware above and below the page cache
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "X-Frame-Options",
        "Cache-Control",
        "ETag",
        "Vary",
    ):
        assert name in hit.headers, name


def test_https_requests_get_hsts_from_the_layer_too(launch, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    server = Server()  # the middleware reads its settings when it starts
    server.get(OM, x_forwarded_proto="https")
    hit = server.get(OM, x_forwarded_proto="https")
    assert not hit.by_django
    assert hit.headers["Strict-Transport-Security"] == "max-age=3600"
    assert "Strict-Transport-Security" not in server.get(OM).headers  # not over plain HTTP


def test_plain_http_is_redirected_by_django(launch, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    server = Server()
    server.get(OM, x_forwarded_proto="https")
    answer = server.get(OM)
    assert (answer.status, answer.by_django) == (301, True)
    assert answer.headers["Location"] == f"https://localhost{OM}"


def test_conditional_gets_and_gzip_from_the_layer(server):
    plain = server.get(OM)
    assert server.get(OM, if_none_match=plain.headers["ETag"]).status == 304
    zipped = server.get(OM, accept_encoding="gzip")
    assert not zipped.by_django
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.body) == plain.body
    not_modified = server.get(OM, accept_encoding="gzip", if_none_match=zipped.headers["ETag"])
    assert (not_modified.status, not_modified.body, not_modified.by_django) == (304, b"", False)
    refused = server.get(OM, accept_encoding="gzip;q=0")
    assert "Content-Encoding" not in refused.headers and refused.body == plain.body


def test_ignored_parameters_and_other_host_spellings_are_hits(server, settings):
    settings.ALLOWED_HOSTS = ["localhost"]
    server.get(OM)
    for path, host in [(f"{OM}?utm_source=x", "localhost"), (OM, "LOCALHOST.:8000")]:
        answer = server.get(path, host=host)
        assert (answer.headers["X-Cache"], answer.by_django) == ("hit", False)


def test_an_unknown_host_gets_djangos_400(server, settings):
    settings.ALLOWED_HOSTS = ["localhost"]
    server.get(OM)
    answer = server.get(OM, host="evil.example")
    assert (answer.status, answer.by_django) == (400, True)


def test_editors_go_to_django(server, client, admin_user, settings):
    server.get(OM)
    client.force_login(admin_user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    answer = server.get(OM, cookie=cookie)
    assert answer.by_django and "X-Cache" not in answer.headers
    garbage = server.get(OM, cookie=f"{settings.SESSION_COOKIE_NAME}=garbage; csrftoken=x")
    assert (garbage.headers["X-Cache"], garbage.by_django) == ("hit", False)


def test_a_publish_is_seen_at_once(server, launch):
    server.get(OM)
    om = launch["om"]
    om.title = "Om netværket"
    om.save_revision().publish()
    answer = server.get(OM)
    assert answer.by_django and "<h1>Om netværket</h1>" in answer.body.decode()


def test_the_admin_and_searches_go_to_django(server):
    for path in ["/admin/login/", "/soeg/?q=varme", "/soeg/?q=varme"]:
        assert server.get(path).by_django


def test_head_requests_are_answered_too_with_headers_only(server):
    page = server.get(OM)
    for _ in range(2):  # built from the cache, then the ready answer
        answer = server.get(OM, method="HEAD")
        assert (answer.status, answer.by_django, answer.body) == (200, False, b"")
        assert answer.headers["Content-Length"] == str(len(page.body))
    assert server.get(OM).body == page.body  # a HEAD never leaves an empty page behind


def test_a_ready_answer_is_reused_until_the_page_changes(server, launch, monkeypatch):
    first = server.get(OM)
    second = server.get(OM)
    zipped = server.get(OM, accept_encoding="gzip")

    def no_request(environ):
        raise AssertionError("built a request")

    monkeypatch.setattr("caching.wsgi.WSGIRequest", no_request)
    third = server.get(OM)
    assert (third.body, third.headers, third.by_django) == (second.body, second.headers, False)
    assert server.get(OM, accept_encoding="gzip").body == zipped.body
    monkeypatch.undo()
    om = launch["om"]
    om.title = "Om netværket"
    om.save_revision().publish()
    changed = server.get(OM)
    assert changed.by_django and "<h1>Om netværket</h1>" in changed.body.decode()
    assert "<h1>Om netværket</h1>" not in first.body.decode()


def test_a_failure_before_django_leaves_the_request_to_django(server, monkeypatch):
    server.get(OM)

    def unreachable(*args, **kwargs):
        raise ConnectionError("the session store is gone")

    monkeypatch.setattr("caching.wsgi.Lookup", unreachable)
    answer = server.get(OM)
    assert (answer.status, answer.by_django) == (200, True)
