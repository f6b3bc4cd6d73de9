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
# actually concurrent with it, so tell Django that this is safe.
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


def require_chromium(path=CHROMIUM, environ=os.environ):
    """Without Chromium the browser tests fail in CI and are skipped elsewhere; never skip in CI."""
    if path.exists():
        return
    if in_ci(environ):
        pytest.fail(
            f"{path} is missing, and browser tests must not be skipped in CI (CI is set). "
            "Install Debian's chromium package (apt-get install chromium).",
            pytrace=False,
        )
    pytest.skip(f"{path} is missing; install Debian's chromium package to run the browser tests")


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Network:
    """The fence around a browser context: what tried to leave the live server, and stubs."""

    def __init__(self, origin):
        self.origin = origin
        self.outbound = []  # every request not for the live server, stubbed or aborted
        self.stubs = []  # (host, body) pairs answered locally instead of aborted
        self.page_errors = []  # uncaught JavaScript errors

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

    def outbound_hosts(self):
        return sorted({urlsplit(url).hostname for url in self.outbound})

    def assert_stayed_local(self):
        assert self.outbound == [], f"requests tried to leave the machine: {self.outbound}"
        self.assert_no_page_errors()

    def assert_no_page_errors(self):
        assert self.page_errors == [], f"uncaught JavaScript errors: {self.page_errors}"


@pytest.fixture(autouse=True)
def _temporary_media_root(settings, tmp_path):
    """The brochure the launch content uploads goes to a temporary folder, not ./media."""
    settings.MEDIA_ROOT = tmp_path / "media"


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
    contexts = []

    def open_page(**options):
        context = browser.new_context(
            locale="da-DK", viewport=options.pop("viewport", DESKTOP), **options
        )
        contexts.append(context)
        network = Network(site.url)
        context.route("**/*", network.handle)
        page = context.new_page()
        page.on("pageerror", lambda error: network.page_errors.append(str(error)))
        page.network = network
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()
