"""The home page and the pages around it on a phone (390 px) and a desktop (1366 px): nothing
wider than the window, in both languages; axe finds nothing on the home page with a catalogue."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from .test_axe import assert_accessible

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
VIEWPORTS = [pytest.param(PHONE, id="390px"), pytest.param(DESKTOP, id="1366px")]
URLS = [
    "/",
    "/om-symbiose-hillerod/",
    "/bliv-en-del-af-symbiose-hillerod/",
    "/findes-ikke/",
    "/en/",
    "/en/about/",
    "/en/join/",
    "/en/findes-ikke/",
]


@pytest.fixture
def with_examples(launched):
    call_command("load_example_symbioses", verbosity=0)
    return launched


def overflow(page):
    """How many px the document is wider than the window (0: no sideways scrolling)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_horizontal_overflow(with_examples, new_page, viewport):
    page = new_page(viewport=viewport)
    too_wide = {}
    for url in URLS:
        response = page.goto(page.network.origin + url)
        assert response.status == (404 if "findes-ikke" in url else 200), url
        expect(page.locator("header a.wordmark")).to_be_visible()
        if overflow(page) > 0:
            too_wide[url] = overflow(page)
    assert too_wide == {}
    page.network.assert_stayed_local()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_home_page_with_the_catalogue_is_accessible(with_examples, new_page, viewport):
    page = new_page(viewport=viewport, bypass_csp=True)  # axe is injected by evaluate
    page.goto(page.network.origin + "/")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("ul.figures li.figure").first).to_be_visible()
    expect(page.locator("section.home-join a")).to_be_visible()
    expect(page.get_by_role("link", name="Symbiose Hillerød", exact=True)).to_have_attribute(
        "href", "/"
    )
    assert_accessible(page)
    page.network.assert_stayed_local()


def test_wordmark_and_figures_on_a_phone(with_examples, new_page):
    """The wordmark fits the header and the figures sit side by side on a phone."""
    page = new_page(viewport=PHONE)
    page.goto(page.network.origin + "/")
    mark = page.locator("header a.wordmark img").bounding_box()
    assert mark["width"] > 30 and mark["x"] >= 0
    boxes = [box.bounding_box() for box in page.locator("ul.figures li.figure").all()[:2]]
    assert boxes[0]["y"] == boxes[1]["y"], "the first two figures share a row"
    assert boxes[1]["x"] + boxes[1]["width"] <= PHONE["width"]
