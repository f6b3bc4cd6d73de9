"""A visit with the keyboard only: skip link, main menu, and the brochure."""

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

MAX_TABS = 40  # far more focusable elements than the page has; stops a runaway loop

FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
        tag: el.tagName.toLowerCase(),
        id: el.id,
        text: el.textContent.replace(/\\s+/g, " ").trim(),
        href: el.getAttribute("href"),
        hreflang: el.getAttribute("hreflang"),
        type: el.getAttribute("type"),
        inMain: Boolean(el.closest("main")),
        inMenu: Boolean(el.closest('nav[aria-label="Hovedmenu"]')),
        ariaCurrent: el.getAttribute("aria-current"),
        outlineStyle: style.outlineStyle,
        outlineWidth: style.outlineWidth,
        boxShadow: style.boxShadow,
    };
}"""


def focused(page):
    return page.evaluate(FOCUSED)


def assert_focus_visible(element):
    outline = element["outlineStyle"] != "none" and element["outlineWidth"] != "0px"
    shadow = element["boxShadow"] not in {"", "none"}
    assert outline or shadow, f"no visible focus indicator on {element}"


def is_brochure(element):
    return element["tag"] == "a" and element["href"] in ("/brochure.pdf", "/en/brochure.pdf")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_keyboard_only_visit_of_om_page(launched, new_page, viewport):
    page = new_page(viewport=viewport)
    om = launched["om"]
    response = page.goto(page.network.origin + om.url)
    assert response.status == 200

    # The first Tab: the skip link, visible on screen with a visible focus indicator.
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Gå til indhold")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_have_attribute("href", "#indhold")
    expect(skip_link).to_be_in_viewport(ratio=1)
    box = skip_link.bounding_box()
    size = page.viewport_size
    assert box["x"] >= 0 and box["y"] >= 0, box
    assert box["x"] + box["width"] <= size["width"], box
    assert box["y"] + box["height"] <= size["height"], box
    assert_focus_visible(focused(page))

    # Enter: focus moves to <main>, past the header and its menu.
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    assert page.evaluate("document.activeElement.id") == "indhold"
    assert page.url.endswith("#indhold")

    # Tab on through the content until the brochure link; everything on the way is in <main>.
    visited = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        element = focused(page)
        visited.append(element)
        assert element["inMain"], f"Tab left <main> before the brochure link: {visited}"
        assert_focus_visible(element)
        if is_brochure(element):
            break
    else:
        pytest.fail(f"the brochure link was not reached in {MAX_TABS} Tabs: {visited}")

    # The Danish edition first, on the Danish page, right after "På denne side".
    brochure = visited[-1]
    assert brochure["href"] == "/brochure.pdf"
    assert brochure["hreflang"] == "da"
    assert brochure["type"] == "application/pdf"
    assert "(PDF, " in brochure["text"]
    assert brochure["text"].endswith(" KB, på dansk)"), brochure["text"]
    # The breadcrumbs come first (the home page, this page), then the four "På denne side"
    # anchors, in order.
    crumbs = [element["href"] for element in visited[:2]]
    assert crumbs == ["/", "/om-symbiose-hillerod/"], visited
    toc = [element["href"] for element in visited[2:6]]
    assert toc == ["#mission", "#mal", "#definition-af-symbiose-hos-os", "#baggrund"], visited

    # Enter on the brochure link: the browser gets the PDF, downloaded or shown.
    pdf = open_with_enter(page, brochure["href"])
    assert pdf.startswith(b"%PDF"), pdf[:20]
    page.network.assert_stayed_local()


def open_with_enter(page, href):
    """Presses Enter on the focused link to a PDF; returns the bytes the browser received.

    Chromium downloads a PDF when it cannot show it (no PDF viewer, or the server says
    'attachment'); otherwise it opens it in its viewer. Ask first which it will do, so the
    test waits for exactly the right event instead of racing two.
    """
    url = page.network.origin + href
    received = []

    def capture(route):
        response = route.fetch()
        received.append((response.status, response.headers["content-type"], response.body()))
        route.fulfill(response=response)

    page.route(url, capture)  # page routes come before the context's network fence
    probe = page.request.head(url)
    assert probe.ok, probe.status
    disposition = probe.headers.get("content-disposition", "")
    downloads = disposition.startswith("attachment") or not page.evaluate(
        "navigator.pdfViewerEnabled"
    )
    if downloads:
        with page.expect_download() as download_info:
            page.keyboard.press("Enter")
        download = download_info.value
        assert download.url == url
        assert download.failure() is None
        with open(download.path(), "rb") as file:
            body = file.read()
    else:
        with page.expect_response(url) as response_info:
            page.keyboard.press("Enter")
        assert response_info.value.status == 200
        expect(page).to_have_url(url)
        body = received[-1][2]
    assert [(status, content_type) for status, content_type, _ in received] == [
        (200, "application/pdf")
    ]
    assert received[0][2] == body
    return body


def test_main_menu_is_reached_by_keyboard(launched, page):
    om = launched["om"]
    page.goto(page.network.origin + om.url)
    menu_links = page.get_by_role("navigation", name="Hovedmenu").get_by_role("link")
    expect(menu_links).not_to_have_count(0)
    expected = [link.get_attribute("href") for link in menu_links.all()]

    # Tab from the top of the page until focus enters <main>'s content.
    reached = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        element = focused(page)
        if element["inMain"]:
            break
        assert_focus_visible(element)
        reached.append(element)
    else:
        pytest.fail(f"focus never reached the content in {MAX_TABS} Tabs: {reached}")

    assert [element["text"] for element in reached[:2]] == ["Gå til indhold", "Symbiose Hillerød"]
    in_menu = [element for element in reached if element["inMenu"]]
    assert [element["href"] for element in in_menu] == expected
    current = [element for element in in_menu if element["ariaCurrent"] == "page"]
    assert [element["href"] for element in current] == [om.url]
    page.network.assert_stayed_local()
