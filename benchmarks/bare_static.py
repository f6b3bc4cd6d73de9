"""The bare static limit: the static files served by whitenoise alone, as a plain WSGI
application (no Django at all), with gunicorn as the site. `make bench` compares cached pages
with it. Serves STATIC_ROOT at /static/, and /healthz and /readyz for the start-up check."""

import os

from whitenoise import WhiteNoise


def not_found(environ, start_response):
    if environ.get("PATH_INFO") in ("/healthz", "/readyz"):  # the start-up check asks /readyz
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
        return [b"ok"]
    start_response("404 Not Found", [("Content-Type", "text/plain"), ("Content-Length", "0")])
    return [b""]


application = WhiteNoise(not_found, root=os.environ["STATIC_ROOT"], prefix="static/")
