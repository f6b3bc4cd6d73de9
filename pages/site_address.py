"""The site's public address, SITE_HOSTNAME: "host[:port]".

Wagtail builds every full URL from its default Site's hostname and port (the open data's
addresses, the pages purged from the CDN, the links in admin e-mails): port 443 gives
https://host, 80 gives http://host, any other http://host:port. Without a port the site is
taken to be served over HTTPS, as in production (symbiosehillerod.dk → port 443); for a local
run give the port (127.0.0.1:8000). A leading http:// or https:// is accepted and sets the
default port (80 or 443). Plain Python, so the settings can use it too.
"""

import re
from urllib.parse import urlsplit

HOSTNAME = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")
DEFAULT_PORTS = {"http": 80, "https": 443, "": 443}


def parse_site_address(value):
    """(hostname, port) from "host[:port]"; ValueError when it is not such an address."""
    text = str(value).strip()
    parts = urlsplit(text if "://" in text else f"//{text}")
    try:
        port = parts.port
    except ValueError:
        port = -1
    hostname = parts.hostname or ""
    if (
        parts.scheme not in DEFAULT_PORTS
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username is not None
        or not HOSTNAME.match(hostname)
        or len(hostname) > 255
        or port == -1
        or port == 0
    ):
        raise ValueError(
            f"SITE_HOSTNAME must be host[:port], e.g. symbiosehillerod.dk or "
            f"127.0.0.1:8000, not {value!r}"
        )
    return hostname, port if port is not None else DEFAULT_PORTS[parts.scheme]


def root_url(hostname, port):
    """The address Wagtail gives a site with this hostname and port (Site.root_url)."""
    if port == 80:
        return f"http://{hostname}"
    if port == 443:
        return f"https://{hostname}"
    return f"http://{hostname}:{port}"
