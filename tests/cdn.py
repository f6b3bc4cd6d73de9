"""A stand-in for the CDN's purge endpoint, on loopback: records the PURGE requests Wagtail's
front-end cache invalidation sends (the generic HTTP backend)."""

import contextlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextlib.contextmanager
def recording_cdn(settings):
    """Points WAGTAILFRONTENDCACHE at a local server; yields the (Host, path) pairs purged."""
    purged = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # the HTTP method's name
            purged.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    try:
        yield purged
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
