"""Two servers, one truth: what an editor publishes on one server, visitors see on the other.

Both gunicorn instances run the production settings against the same PostgreSQL database and
the same Redis, exactly as N app containers behind a load balancer do. The editor works on
server A through the real admin forms; anonymous visitors on server B, whose page cache was
warm, must get the new version on their very next request.
"""

import html
import json
import re

import bs4
import pytest
import requests
from django.apps import apps

from .conftest import EDITOR, in_ci, unavailable

OM = "/om-symbiose-hillerod/"
NEW_TITLE = "Om Symbiose Hillerød og vandgenbrug"
NEW_PHONE, NEW_PHONE_HREF, OLD_PHONE = "70 10 20 30", "tel:+4570102030", "48 23 10 00"
# Every request arrives as the load balancer (the TLS proxy) forwards it: for the site's one
# public host name, whichever server it picks. (The page cache keys pages by host, so without
# this, the two ports would look like two different sites to it.)
PUBLIC_HOST = "localhost"  # one of ALLOWED_HOSTS
PROXY_HEADERS = {"Host": PUBLIC_HOST, "X-Forwarded-Proto": "https"}


def page_cache_installed():
    """Once the `caching` app is installed, the test also proves the cache was really used."""
    return apps.is_installed("caching")


def visit(server, path):
    """An anonymous visitor: a fresh client without cookies; the answer must set none."""
    response = requests.get(server.url + path, headers=PROXY_HEADERS, timeout=10)
    assert response.status_code == 200, f"{path} on {server}: {response.status_code}"
    assert "Set-Cookie" not in response.headers, f"{path} on {server} sets a cookie"
    assert not response.cookies
    return response


def h1(response):
    match = re.search(r"<h1[^>]*>(.*?)</h1>", response.text, re.S)
    assert match, "the page has no <h1>"
    return html.unescape(match.group(1)).strip()


def footer(response):
    match = re.search(r"<footer.*?</footer>", response.text, re.S)
    assert match, "the page has no <footer>"
    return html.unescape(match.group(0))


def assert_cache_hit(response, server):
    if page_cache_installed():
        assert response.headers.get("X-Cache", "").lower() == "hit", (
            f"{response.url} on {server} was not served from the shared page cache "
            f"(X-Cache: {response.headers.get('X-Cache')!r}); without a hit here the test "
            "cannot show that a cached page is invalidated"
        )


def warm(path, a, b):
    """B renders the page (unless it is cached already), then B serves it from the shared
    cache, and so does A, which did not render it."""
    first = visit(b, path)
    assert_cache_hit(visit(b, path), b)
    assert_cache_hit(visit(a, path), a)
    return first


# The admin's forms, filled in as the browser would.


def form_fields(form):
    """What the browser submits for a form's own fields (no buttons)."""
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        kind = field.get("type", "text").lower()
        if not name or field.has_attr("disabled") or kind in {"submit", "button", "image"}:
            continue
        if field.name == "textarea":
            data[name] = field.text.removeprefix("\n")  # HTML drops a textarea's first newline
        elif field.name == "select":
            data[name] = [o.get("value", o.text) for o in field.find_all("option", selected=True)]
        elif kind in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif kind != "file":
            data[name] = field.get("value", "")
    return data


def stream_fields(prefix, blocks):
    """A StreamField's form state (as the edit page hands it to Wagtail's JavaScript) turned
    into the form data that JavaScript would post."""
    data = {f"{prefix}-count": str(len(blocks))}
    for index, block in enumerate(blocks):
        item = f"{prefix}-{index}"
        data |= {
            f"{item}-type": block["type"],
            f"{item}-id": block.get("id") or "",
            f"{item}-order": str(index),
            f"{item}-deleted": "",
        }
        data |= block_value_fields(f"{item}-value", block["value"])
    return data


def block_value_fields(prefix, value):
    if value is None:
        return {prefix: ""}
    if isinstance(value, bool):
        return {prefix: "on"} if value else {}
    if isinstance(value, str | int | float):
        return {prefix: str(value)}  # text, URL, rich text (Draftail's JSON), numbers
    if isinstance(value, dict) and "edit_url" in value:
        return {prefix: str(value["id"])}  # a chooser (document, image): its object's id
    if isinstance(value, dict):  # a struct block: one set of fields per child
        data = {}
        for name, child in value.items():
            data |= block_value_fields(f"{prefix}-{name}", child)
        return data
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return {prefix: value}  # a choice block's select
    if isinstance(value, list) and all(isinstance(v, dict) and "type" in v for v in value):
        return stream_fields(prefix, value)
    raise AssertionError(f"unknown block form state at {prefix}: {value!r}")


class Editor:
    """A staff member's browser, talking to one server through the TLS proxy."""

    def __init__(self, server):
        self.server = server
        self.session = requests.Session()
        self.session.headers.update(PROXY_HEADERS)

    def _keep_cookies(self):
        # The browser speaks HTTPS to the proxy, so it sends the Secure session and CSRF
        # cookies; between proxy and server it is plain HTTP, where requests would drop them.
        for cookie in self.session.cookies:
            cookie.secure = False

    def get(self, path):
        response = self.session.get(self.server.url + path, timeout=10)
        self._keep_cookies()
        assert response.status_code == 200, f"GET {path}: {response.status_code}"
        return response

    def form(self, path, field):
        """GETs a page and returns (its form containing `field`, the parsed page)."""
        soup = bs4.BeautifulSoup(self.get(path).text, "html.parser")
        for form in soup.find_all("form"):
            if form.find(attrs={"name": field}):
                return form, soup
        raise AssertionError(f"no form with a {field!r} field on {path}")

    def post(self, path, data):
        response = self.session.post(
            self.server.url + path,
            data=data,
            headers={"Referer": f"https://{PUBLIC_HOST}{path}"},
            allow_redirects=False,
        )
        self._keep_cookies()
        return response

    def log_in(self):
        form, _ = self.form("/admin/login/", "username")
        response = self.post("/admin/login/", form_fields(form) | EDITOR)
        assert response.status_code == 302, f"login refused: {response.status_code}"
        assert "sessionid" in self.session.cookies

    def publish_page(self, page_id, **changes):
        """Changes fields in the page's edit form and presses Publish."""
        path = f"/admin/pages/{page_id}/edit/"
        form, soup = self.form(path, "title")
        data = form_fields(form)
        for stream in soup.find_all(attrs={"data-controller": "w-block"}):
            state = json.loads(stream["data-w-block-arguments-value"])[0]
            data |= stream_fields(stream["id"], state)
        assert "body-count" in data, "the edit form has no body StreamField"
        data |= changes | {"action-publish": "action-publish"}
        response = self.post(path, data)
        assert response.status_code == 302, errors(response)

    def save_settings(self, path, **changes):
        form, _ = self.form(path, next(iter(changes)))
        response = self.post(path, form_fields(form) | changes)
        assert response.status_code == 302, errors(response)


def errors(response):
    """The admin's error messages, for a failing assertion."""
    soup = bs4.BeautifulSoup(response.text, "html.parser")
    found = soup.select(".error-message, .help-critical, .w-field__errors, .messages")
    text = " | ".join(" ".join(e.get_text(" ").split()) for e in found if e.get_text(strip=True))
    return f"{response.status_code}: {text or response.text[:1500]}"


def assert_footer_phone(response, server, phone, href):
    text = footer(response)
    assert f'href="{href}"' in text and phone in text, (
        f"{response.url} on {server}: the footer does not show {phone} (stale page? "
        f"X-Cache: {response.headers.get('X-Cache')})"
    )


@pytest.mark.multiserver
def test_publishing_on_one_server_shows_on_the_other(servers, db_query, shared_redis):
    a, b = servers
    editor = Editor(a)
    editor.log_in()

    # The Om page is in the shared cache, served from it by both servers.
    before = warm(OM, a, b)
    assert h1(before) == "Om Symbiose Hillerød"
    assert "brochuren" in before.text and 'href="#mission"' in before.text
    if page_cache_installed():
        assert shared_redis.dbsize() > 0, "the servers did not cache in the shared Redis"

    # The editor publishes a new title on A; B's very next visitor sees it.
    (om_id,) = db_query("SELECT id FROM wagtailcore_page WHERE slug = %s", [OM.strip("/")])
    editor.publish_page(om_id, title=NEW_TITLE)
    after = visit(b, OM)
    assert h1(after) == NEW_TITLE, (
        f"B served a stale page (X-Cache: {after.headers.get('X-Cache')})"
    )
    assert "brochuren" in after.text and 'href="#mission"' in after.text  # the body is intact
    assert h1(visit(a, OM)) == NEW_TITLE

    # Both pages are cached again (after the publish), with the launch footer.
    for path in (OM, "/"):
        assert_footer_phone(warm(path, a, b), b, OLD_PHONE, "tel:+4548231000")

    # The footer's emergency number, changed in the settings on A, is new on B at once.
    (settings_id,) = db_query("SELECT id FROM pages_sitesettings")
    path = f"/admin/settings/pages/sitesettings/{settings_id}/"
    editor.save_settings(path, hotline_phone=NEW_PHONE)
    for server in (b, a):
        for path in ("/", OM):
            response = visit(server, path)
            assert_footer_phone(response, server, NEW_PHONE, NEW_PHONE_HREF)
            assert OLD_PHONE not in footer(response)


@pytest.mark.parametrize("value", ["true", "1", "yes"])
def test_missing_services_fail_in_ci(value):
    assert in_ci({"CI": value})
    with pytest.raises(pytest.fail.Exception, match="must not be skipped in CI"):
        unavailable("Redis is not reachable", {"CI": value})


@pytest.mark.parametrize("environ", [{}, {"CI": ""}, {"CI": "false"}, {"CI": "0"}])
def test_missing_services_skip_outside_ci(environ):
    with pytest.raises(pytest.skip.Exception, match="not reachable"):
        unavailable("PostgreSQL is not reachable", environ)
