"""Browser tests: Debian's Chromium driven through Playwright's sync API against a live server.

Every test gets a fresh browser context whose network is fenced in: requests to the live
server go through, everything else is recorded and aborted (or answered by a stub the test
installs on purpose), so no test ever talks to the internet.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest

# Playwright's sync API runs an asyncio event loop in the main thread, and Django refuses ORM
# calls from a thread with a running event loop (SynchronousOnlyOperation). The fixtures here
# still need the ORM in that thread (loading content, publishing), and nothing in a test is
# actually concurrent with it, so tell Django that this is safe. (Set for the whole pytest
# process once this conftest is loaded; the other tests run no event loop, so it changes nothing
# for them.)
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NETWORK_SCHEMES = {"http", "https", "ws", "wss", "ftp"}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def in_ci(environ=os.environ):
    """CI=true (or any value but an explicit no) means we are in continuous integration."""
    return environ.get("CI", "").strip().lower() not in {"", "0", "false", "no", "off"}


def require_chromium(path=None, environ=os.environ):
    """Without Chromium the browser tests fail in CI and are skipped elsewhere; never skip in CI."""
    path = path or CHROMIUM
    if path.exists():
        return
    if in_ci(environ):
        pytest.fail(
            f"{path} is missing, and browser tests must not be skipped in CI (CI is set). "
            "Install Debian's chromium package (apt-get install chromium).",
            pytrace=False,
        )
    pytest.skip(f"{path} is missing; install Debian's chromium package to run the browser tests")


def pytest_runtest_setup(item):
    """Check before any fixture (database, live server) is set up for a browser test."""
    if item.get_closest_marker("browser"):
        require_chromium()


@pytest.fixture(scope="session")
def chromium():
    require_chromium()  # also for a test that asks for the browser without the marker
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium, django_db_setup):
    """One Chromium for the session; each test opens its own context.

    While Playwright's sync API is active, asyncio reports its event loop as running in this
    thread, and Django then keeps database connections per asyncio context instead of per
    thread: the ORM here would quietly get a second connection, without the test database
    state pytest-django set up on the first (e.g. the serialized rows that transactional tests
    restore). So the test database is set up first, and this thread's connections are handed
    on to the Playwright-era context, as Django's own LiveServerThread does for its thread.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    test_connections = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in test_connections.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Network:
    """The fence around a browser context: what tried to leave the live server, and stubs."""

    def __init__(self, origin):
        self.origin = origin
        self.outbound = []  # every request not for the live server, stubbed or aborted
        self.stubs = []  # (host, body) pairs answered locally instead of aborted
        self.page_errors = []  # uncaught JavaScript errors
        self.csp_violations = []  # what the Content-Security-Policy stopped before the network

    def console(self, message):
        if "Content Security Policy" in message.text:
            self.csp_violations.append(message.text)

    def is_local(self, url):
        return url == self.origin or url.startswith(self.origin + "/")

    def stub(self, host, body):
        """Answers requests to `host` with a tiny HTML page, so it 'loads' without network."""
        self.stubs.append((host, body))

    def handle(self, route):
        url = route.request.url
        if self.is_local(url) or urlsplit(url).scheme not in NETWORK_SCHEMES:
            route.continue_()  # the live server, or the browser's own chrome:// resources
            return
        self.outbound.append(url)
        host = urlsplit(url).hostname
        for stub_host, body in self.stubs:
            if host == stub_host:
                route.fulfill(status=200, content_type="text/html; charset=utf-8", body=body)
                return
        route.abort("blockedbyclient")

    def assert_stayed_local(self):
        assert self.outbound == [], f"requests tried to leave the machine: {self.outbound}"
        self.assert_no_page_errors()

    def assert_no_page_errors(self):
        assert self.page_errors == [], f"uncaught JavaScript errors: {self.page_errors}"
        assert self.csp_violations == [], f"blocked by the CSP: {self.csp_violations}"


@pytest.fixture
def site(transactional_db, django_db_serialized_rollback, live_server):
    """The live server, with a database it can see.

    Browser tests are transactional (the live server answers from another thread, so it must
    see committed data). The flush after each test also wipes the rows Wagtail's migrations
    create (root page, locale); serialized rollback puts them back for the next test.
    """
    return live_server


@pytest.fixture
def launched(site, launch):
    """The launch content, and proof that the live server serves it.

    urllib, not requests: the `oembed` fixture intercepts every request made with requests.
    """
    for page in launch.values():
        with urlopen(site.url + page.url, timeout=10) as response:
            assert response.status == 200, f"{page.url} gave {response.status}"
    return launch


@pytest.fixture
def new_page(browser, site):
    """Opens a page in a new, fenced-in browser context: new_page(**context_options)."""
    contexts, networks = [], []

    def open_page(**options):
        context = browser.new_context(
            locale="da-DK", viewport=options.pop("viewport", DESKTOP), **options
        )
        contexts.append(context)
        network = Network(site.url)
        networks.append(network)
        context.route("**/*", network.handle)
        page = context.new_page()
        page.on("pageerror", lambda error: network.page_errors.append(str(error)))
        page.on("console", network.console)
        page.network = network
        return page

    yield open_page
    for context in contexts:
        context.close()
    # A safety net behind each test's own assertions: nothing may have left unannounced.
    for network in networks:
        stubbed = {host for host, _ in network.stubs}
        unexpected = [url for url in network.outbound if urlsplit(url).hostname not in stubbed]
        if unexpected or network.csp_violations:
            pytest.fail(
                f"requests tried to leave the machine: {unexpected}; "
                f"blocked by the CSP: {network.csp_violations}",
                pytrace=False,
            )


@pytest.fixture
def page(new_page):
    return new_page()
