"""An anonymous visitor inside this process: requests go through Django's whole WSGI handler
(every middleware, the page cache included) on the configured site, SITE_HOSTNAME, without a
network or a server. The snapshot is what such a visitor sees."""

from contextlib import contextmanager
from io import BytesIO
from urllib.parse import unquote

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from pages.site_address import parse_site_address


class Answer:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def content_type(self):
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@contextmanager
def one_connection():
    """The handler closes old database connections around each request; the snapshot makes
    hundreds in a row (and in tests, inside a transaction), so it keeps one, as Django's test
    client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


class Visitor:
    def __init__(self):
        self.handler = WSGIHandler()
        self.hostname, self.port = parse_site_address(settings.SITE_HOSTNAME)
        self.scheme = "https" if self.port == 443 else "http"  # as Site.root_url
        default = {"http": 80, "https": 443}[self.scheme]
        self.host = self.hostname if self.port == default else f"{self.hostname}:{self.port}"

    def get(self, path):
        """GET `path` (already percent-encoded, no query string) as an anonymous visitor."""
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": unquote(path).encode("utf-8").decode("iso-8859-1"),
            "SCRIPT_NAME": "",
            "QUERY_STRING": "",
            "SERVER_NAME": self.hostname,
            "SERVER_PORT": str(self.port),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": self.host,
            "HTTP_USER_AGENT": "symbiose-snapshot",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": self.scheme,
            "wsgi.input": BytesIO(),
            "wsgi.errors": BytesIO(),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        started = {}

        def start_response(status, headers, exc_info=None):
            started["status"] = int(status.split(" ", 1)[0])
            started["headers"] = {name.lower(): value for name, value in headers}

        result = self.handler(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        return Answer(started["status"], started["headers"], body)
