"""The catalogue in Chromium: axe-core, the keyboard, no JavaScript, and garbage in the address."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import translation
from playwright.sync_api import expect

from symbioses.choices import PartnerKind
from symbioses.models import SymbiosePage
from tests.catalogue import make_partner, make_symbiose, without_launch_catalogue
from tests.conftest import PAGE_TYPE_URLS

from .conftest import DESKTOP, PHONE
from .test_axe import assert_accessible, assert_page_basics
from .test_keyboard import assert_focus_visible

WIDE = {"width": 1366, "height": 768}  # the commonest laptop screen

pytestmark = pytest.mark.browser

INDEX = PAGE_TYPE_URLS["SymbioseIndexPage"]
# Pages of the example catalogue (load_example_symbioses) and the launch content, with their h1:
SYMBIOSE = (PAGE_TYPE_URLS["SymbiosePage"], "Overskudsvarme fra datacenter til fjernvarme")
PARTNER = (PAGE_TYPE_URLS["PartnerPage"], "Forsyningen (eksempel)")
THEME_GROUP = (PAGE_TYPE_URLS["ThemeGroupPage"], "Energi (fjernvarme og fjernkøl)")
PARTNER_INDEX = (PAGE_TYPE_URLS["PartnerIndexPage"], "Partnere")
THEME_GROUP_INDEX = (PAGE_TYPE_URLS["ThemeGroupIndexPage"], "Temagrupper")
MAX_TABS = 120  # more focusable elements than /symbioser/ has with the example content

FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
        tag: el.tagName.toLowerCase(),
        name: el.getAttribute("name"),
        text: el.textContent.replace(/\\s+/g, " ").trim(),
        href: el.getAttribute("href"),
        inSvg: Boolean(el.closest("figure.network svg")),
        outlineStyle: style.outlineStyle,
        outlineWidth: style.outlineWidth,
        boxShadow: style.boxShadow,
    };
}"""

# How an SVG link and everything inside it is painted (outline and box-shadow do not follow SVG
# shapes, so the diagram draws its focus indicator with strokes).
PAINT = """(el) => [el, ...el.querySelectorAll("*")].map((part) => {
    const style = getComputedStyle(part);
    return {
        part: part.tagName.toLowerCase() + "." + (part.getAttribute("class") || ""),
        stroke: style.stroke,
        strokeWidth: style.strokeWidth,
        fill: style.fill,
        visibility: style.visibility,
        display: style.display,
        outlineStyle: style.outlineStyle,
        outlineWidth: style.outlineWidth,
    };
})"""
INVISIBLE_PAINT = {"none", "transparent", "rgba(0, 0, 0, 0)"}


def focused(page):
    return page.evaluate(FOCUSED)


def tab_until(page, wanted, what, limit=MAX_TABS):
    """Presses Tab until wanted(focused element); returns every element focused on the way."""
    visited = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        visited.append(element)
        if wanted(element):
            return visited
    pytest.fail(f"{what} was not reached in {limit} Tabs: {visited}")


def card_titles(page):
    return page.locator(".cards .card__title").all_inner_texts()


def open_url(page, path):
    response = page.goto(page.network.origin + path)
    assert response.status == 200, f"{path} gave {response.status}"
    return response


@pytest.fixture
def symbioses(launched, examples):
    """The example catalogue (load_example_symbioses), served; returns its published symbioses."""
    return list(SymbiosePage.objects.published())


@pytest.fixture
def small_catalogue(launched):
    """Two symbioses in operation and none completed: `?status=afsluttet` matches nothing."""
    forsyning = make_partner("Forsyningen", "forsyning")
    firma = make_partner("Datacentret", "virksomhed")
    skole = make_partner("Skolen", "uddannelse")
    make_symbiose("Overskudsvarme til fjernvarme", firma, forsyning, flow="a_til_b", theme="energi")
    make_symbiose(
        "Praktikpladser", forsyning, skole, environmental=False, social=True, resource="Praktik"
    )


def expected_link_names(symbioses):
    """href -> the accessible name of its link in the diagram, as symbioses/network.py words it."""
    names = {}
    with translation.override("da"):
        for symbiose in symbioses:
            source, target = symbiose.source_and_target
            arrow = "→" if symbiose.flow else "↔"
            names[symbiose.url] = f"{source.title} {arrow} {target.title}: {symbiose.resource}"
            for partner in (source, target):
                names[partner.url] = f"{partner.title} ({PartnerKind(partner.kind).label})"
    return names


# axe-core ---------------------------------------------------------------------------------------


def check_page(new_page, viewport, path, h1):
    """axe-core finds nothing, and the basics every page has; returns the page for more checks."""
    # axe is injected with page.evaluate, which the site's CSP (script-src 'self') may refuse.
    page = new_page(viewport=viewport, bypass_csp=True)
    open_url(page, path)
    assert_page_basics(page)  # exactly one h1, lang="da", the hotline tel:+4548231000
    expect(page.locator("h1")).to_have_text(h1)
    assert_accessible(page)
    assert_no_sideways_scrolling(page)
    page.network.assert_stayed_local()
    return page


SIDEWAYS = """() => {
    const width = document.documentElement.clientWidth;
    const sticksOut = (el) => el.getBoundingClientRect().right > width + 0.5;
    const scrolls = (el) => getComputedStyle(el).overflowX !== "visible";
    const inScroller = (el) => {
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
            if (scrolls(up)) return true;
        }
        return false;
    };
    return {
        scrollWidth: document.documentElement.scrollWidth,
        width: width,
        culprits: [...document.body.querySelectorAll("*")]
            .filter((el) => sticksOut(el) && !sticksOut(el.parentElement) && !inScroller(el))
            .filter((el) => el.checkVisibility())
            .map((el) => {
                const section = el.closest("section[aria-labelledby]");
                const where = section ? ` in section #${section.getAttribute("aria-labelledby")}` : "";
                return `${el.tagName.toLowerCase()}.${el.getAttribute("class")}${where}`;
            }),
    };
}"""


def assert_no_sideways_scrolling(page):
    """WCAG 1.4.10 Reflow: on a phone the page itself never scrolls sideways.

    A wide table or the diagram may scroll inside its own container (the diagram does, in
    .network__canvas), but must not widen the page and make every line of text scroll with it.
    """
    layout = page.evaluate(SIDEWAYS)
    assert layout["scrollWidth"] <= layout["width"], (
        f"the page scrolls sideways: {layout['scrollWidth']}px wide in a {layout['width']}px "
        f"window, because of {layout['culprits']}"
    )


def check_pages(new_page, viewport, pages):
    """check_page for each (path, h1, extra check); reports every page that fails, not the first."""
    failures = []
    for path, h1, extra in pages:
        try:
            page = check_page(new_page, viewport, path, h1)
            if extra:
                extra(page)
        except AssertionError as error:
            failures.append(f"{path}:\n{error}")
    assert not failures, "\n\n".join(failures)


def full_index(symbioses):
    def check(page):
        expect(page.locator(".hits")).to_have_text(f"{len(symbioses)} symbioser")
        expect(page.locator("section.totals h2")).to_have_text("Samlet effekt")
        expect(page.locator("section.totals tbody tr")).not_to_have_count(0)
        expect(page.locator(".cards > li")).to_have_count(len(symbioses))
        expect(page.locator("figure.network svg a")).not_to_have_count(0)
        expect(page.locator("details.relations")).to_have_count(1)
        expect(page.locator(".open-data a")).to_have_count(3)
        if page.viewport_size == PHONE:
            # The list of relations replaces the drawing and the table (the same data).
            expect(page.locator("figure.network svg.network__svg")).to_be_hidden()
            expect(page.locator("details.relations")).to_be_hidden()
            expect(page.locator(".network__list > li")).to_have_count(len(symbioses))
            for item in page.locator(".network__list > li").all():
                expect(item).to_be_visible()
            return
        expect(page.locator(".network__list")).to_be_hidden()
        expect(page.locator("figure.network svg.network__svg")).to_be_visible()
        # Opened, the table alternative must fit too, and pass axe.
        page.locator("details.relations > summary").click()
        expect(page.locator("details.relations tbody tr")).to_have_count(len(symbioses))
        assert_no_sideways_scrolling(page)
        assert_accessible(page)

    return check


def has_diagram(page):
    expect(page.locator("figure.network svg a.network__edge")).not_to_have_count(0)
    expect(page.locator("details.relations")).to_have_count(1)
    if page.viewport_size == PHONE:
        expect(page.locator(".network__list > li").first).to_be_visible()
    else:
        expect(page.locator("figure.network svg.network__svg")).to_be_visible()


def links_back(listing):
    def check(page):
        expect(page.locator("main .back-link a")).to_have_attribute("href", listing)

    return check


def symbiose_page(page):
    links_back(INDEX)(page)
    # Stacked rows on a phone: every cell, with its column's name, inside the window.
    cells = page.locator("section[aria-labelledby=results-heading] tbody td")
    expect(cells.first).to_be_visible()
    width = page.viewport_size["width"]
    for cell in cells.all():
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    units = page.locator("section[aria-labelledby=results-heading] .unit")
    for unit in units.all():  # "MWh/år" on one line
        assert unit.evaluate("el => el.getClientRects().length") == 1


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["phone", "wide"])
def test_index_and_symbiose_page_are_accessible(symbioses, new_page, viewport):
    check_pages(
        new_page,
        viewport,
        [
            (INDEX, "Symbioser", full_index(symbioses)),
            (*SYMBIOSE, symbiose_page),
        ],
    )


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["phone", "wide"])
def test_partner_and_theme_group_pages_are_accessible(symbioses, new_page, viewport):
    def partner(page):
        has_diagram(page)
        links_back(PARTNER_INDEX[0])(page)

    check_pages(
        new_page,
        viewport,
        [
            (*PARTNER, partner),
            (*THEME_GROUP, links_back(THEME_GROUP_INDEX[0])),
            (*PARTNER_INDEX, None),
            (*THEME_GROUP_INDEX, None),
        ],
    )


def test_on_a_phone_the_first_symbiosis_is_on_the_first_screen(symbioses, new_page):
    page = new_page(viewport=PHONE)
    open_url(page, INDEX)
    details = page.locator("form.filters details")
    expect(details).not_to_have_attribute("open", re.compile(".*"))
    expect(page.locator('select[name="dimension"]')).to_be_hidden()
    first = page.locator(".cards > li").first
    box = first.bounding_box()
    assert box["y"] < PHONE["height"], f"the first symbiosis starts at {box['y']}px"
    expect(first.locator(".card__title")).to_be_in_viewport()
    # One tap opens the filters; they fit the phone too.
    details.locator("summary").click()
    expect(page.locator('select[name="dimension"]')).to_be_visible()
    assert_no_sideways_scrolling(page)
    # Filtered, the summary names the active filters.
    page.locator('select[name="status"]').select_option("drift")
    with page.expect_navigation():
        page.get_by_role("button", name="Vis symbioser").click()
    expect(page.locator("form.filters summary")).to_contain_text("I drift")
    page.network.assert_stayed_local()


def test_on_a_wide_screen_the_filters_are_open(symbioses, new_page):
    page = new_page(viewport=WIDE)
    open_url(page, INDEX)
    expect(page.locator("form.filters details")).to_have_attribute("open", "")
    expect(page.locator('select[name="dimension"]')).to_be_visible()
    page.network.assert_stayed_local()


def test_empty_catalogue_is_accessible(launched, new_page):
    without_launch_catalogue()

    def empty_index(page):
        expect(page.locator(".hits")).to_have_text("0 symbioser")
        expect(page.locator(".empty-state")).to_contain_text(
            "Der er endnu ikke offentliggjort nogen symbioser."
        )
        expect(page.locator("figure.network")).to_have_count(0)
        expect(page.locator("section.totals")).to_have_count(0)

    # A partner with nothing published yet: a sentence instead of an empty diagram.
    partner = make_partner("Enlig partner", "forening")

    def no_symbioses(page):
        expect(page.locator("figure.network")).to_have_count(0)
        expect(page.locator("article.partner")).to_contain_text(
            "Partneren har endnu ingen offentliggjorte symbioser."
        )

    check_pages(
        new_page,
        DESKTOP,
        [(INDEX, "Symbioser", empty_index), (partner.url, "Enlig partner", no_symbioses)],
    )


def test_filter_without_matches_is_accessible(small_catalogue, new_page):
    def no_matches(page):
        expect(page.locator(".hits")).to_have_text("0 symbioser passer til filtrene")
        empty = page.locator(".empty-state")
        expect(empty).to_contain_text("Ingen symbioser passer til disse filtre.")
        expect(empty.get_by_role("link", name="Vis alle symbioser")).to_have_attribute(
            "href", INDEX
        )
        expect(page.locator('select[name="status"]')).to_have_value("afsluttet")
        expect(page.locator("figure.network")).to_have_count(0)

    check_pages(new_page, DESKTOP, [(INDEX + "?status=afsluttet", "Symbioser", no_matches)])


# The keyboard -----------------------------------------------------------------------------------


def test_filter_with_the_keyboard_only(symbioses, page):
    social = sorted(symbiose.title for symbiose in symbioses if symbiose.social)
    assert 0 < len(social) < len(symbioses)  # the filter must actually leave some out
    open_url(page, INDEX)

    # Tab to the dimension select; everything on the way shows where the focus is.
    visited = tab_until(
        page, lambda el: el["tag"] == "select" and el["name"] == "dimension", "the dimension select"
    )
    for element in visited:
        assert_focus_visible(element)
    dimension = page.locator('select[name="dimension"]')
    expect(dimension).to_be_focused()

    # Arrow down through the options until "Social" is chosen (the list stays closed).
    for _ in range(dimension.locator("option").count()):
        if dimension.evaluate("el => el.selectedOptions[0].textContent") == "Social":
            break
        page.keyboard.press("ArrowDown")
    else:
        pytest.fail("ArrowDown never chose Social")
    expect(dimension).to_have_value("social")
    expect(dimension).to_be_focused()

    # On through the other selects to the button, and Enter.
    visited = tab_until(page, lambda el: el["tag"] == "button", "the Vis symbioser button", limit=5)
    assert [element["name"] for element in visited[:-1]] == ["tema", "status", "partnertype"]
    for element in visited:
        assert_focus_visible(element)
    button = page.get_by_role("button", name="Vis symbioser")
    expect(button).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert urlsplit(page.url).path == INDEX
    # JavaScript leaves the "all" filters out, so the address is short enough to share.
    assert urlsplit(page.url).query == "dimension=social", page.url
    expect(page.locator(".hits")).to_have_text(f"{len(social)} symbioser passer til filtrene")
    assert sorted(card_titles(page)) == social
    expect(page.locator('select[name="dimension"]')).to_have_value("social")
    for improves in page.locator(".cards .card__facts div:nth-child(3) dd").all_inner_texts():
        assert "social" in improves
    page.network.assert_stayed_local()


def accessible(cdp):
    """Chromium's own role and name for the focused element: what a screen reader is told."""
    active = cdp.send("Runtime.evaluate", {"expression": "document.activeElement"})
    nodes = cdp.send(
        "Accessibility.getPartialAXTree",
        {"objectId": active["result"]["objectId"], "fetchRelatives": False},
    )["nodes"]
    node = next(node for node in nodes if not node.get("ignored"))
    return node["role"]["value"], node.get("name", {}).get("value", "")


def focus_indicator(idle, active):
    """The parts of a link painted differently with focus, and visibly so (not transparent)."""
    changed = [
        after
        for before, after in zip(idle, active, strict=True)
        if any(
            before[key] != after[key]
            for key in ("stroke", "strokeWidth", "visibility", "display", "outlineStyle")
        )
    ]
    return [
        after
        for after in changed
        if after["visibility"] == "visible"
        and after["display"] != "none"
        and (
            after["stroke"] not in INVISIBLE_PAINT
            or (after["outlineStyle"] != "none" and after["outlineWidth"] != "0px")
        )
    ], changed


def walk_diagram(page, names):
    """Tabs into the diagram and through all its links, checking each; returns their hrefs.

    names: href -> the accessible name the link must have. Each focused link must be scrolled
    into view, be a link with that name for Chromium's accessibility tree, and look different
    from its unfocused self in a way one can see.
    """
    links = page.locator("figure.network svg a")
    idle = {link.get_attribute("href"): link.evaluate(PAINT) for link in links.all()}
    cdp = page.context.new_cdp_session(page)
    cdp.send("Accessibility.enable")

    on_the_way = tab_until(page, lambda element: element["inSvg"], "the diagram")
    for element in on_the_way[:-1]:  # the form, the cards' links: the site's usual focus ring
        assert_focus_visible(element)
    reached = []
    while (element := focused(page))["inSvg"]:
        href = element["href"]
        reached.append(href)
        assert len(reached) <= len(idle), f"focus went round in the diagram: {reached}"
        current = page.locator("figure.network svg a:focus")
        expect(current).to_be_in_viewport()  # scrolled into view, also in the phone's canvas
        assert accessible(cdp) == ("link", names[href]), href
        painted, changed = focus_indicator(idle[href], current.evaluate(PAINT))
        assert painted, f"no visible focus indicator on {href}: {changed}"
        page.keyboard.press("Tab")
    return reached


def test_diagram_links_with_the_keyboard(symbioses, new_page):
    """On a wide screen (on a phone the list of relations replaces the drawing)."""
    page = new_page(viewport=DESKTOP)
    open_url(page, INDEX)
    links = page.locator("figure.network svg a")
    hrefs = [link.get_attribute("href") for link in links.all()]
    names = expected_link_names(symbioses)
    assert sorted(hrefs) == sorted(names), "one link per symbiose and per partner"

    reached = walk_diagram(page, names)
    assert reached == hrefs, "every link in the diagram is reached by Tab, in document order"

    # Past the diagram comes its table alternative; Shift+Tab back to the last edge, and Enter.
    expect(page.locator("details.relations > summary")).to_be_focused()
    edges = page.locator("figure.network svg a.network__edge")
    nodes = page.locator("figure.network svg a.network__node")
    for _ in range(nodes.count() + 1):
        page.keyboard.press("Shift+Tab")
    last_edge = edges.last.get_attribute("href")
    expect(page.locator("figure.network svg a:focus")).to_have_attribute("href", last_edge)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == last_edge
    symbiose = next(symbiose for symbiose in symbioses if symbiose.url == last_edge)
    expect(page.locator("h1")).to_have_text(symbiose.title)
    page.network.assert_stayed_local()


# Without JavaScript -----------------------------------------------------------------------------


def test_filter_and_relations_table_without_javascript(symbioses, new_page):
    social = sorted(symbiose.title for symbiose in symbioses if symbiose.social)
    page = new_page(java_script_enabled=False)
    open_url(page, INDEX)
    expect(page.locator(".hits")).to_have_text(f"{len(symbioses)} symbioser")

    page.locator("form.filters summary").click()  # collapsed without JavaScript, on any screen
    page.get_by_label("Dimension").select_option("social")
    with page.expect_navigation():
        page.get_by_role("button", name="Vis symbioser").click()
    assert parse_qs(urlsplit(page.url).query) == {"dimension": ["social"]}, page.url
    expect(page.locator(".hits")).to_have_text(f"{len(social)} symbioser passer til filtrene")
    assert sorted(card_titles(page)) == social

    # The diagram is drawn on the server; its table alternative opens with a click.
    expect(page.locator("figure.network svg a.network__edge")).to_have_count(len(social))
    details = page.locator("details.relations")
    rows = details.locator("tbody tr")
    expect(details).not_to_have_attribute("open", re.compile(".*"))
    expect(rows.first).to_be_hidden()
    details.locator("summary").click()
    expect(details).to_have_attribute("open", "")
    expect(rows).to_have_count(len(social))
    for row in rows.all():
        expect(row).to_be_visible()
    assert sorted(rows.locator("td:last-child").all_inner_texts()) == social
    page.network.assert_stayed_local()


# Garbage in the address -------------------------------------------------------------------------


def test_garbage_parameters_show_the_full_list(symbioses, page):
    # The real CSP applies here (no bypass), so an injected script would be reported.
    open_url(page, INDEX + "?dimension=%3Cscript%3E&status=x&tema=nope")
    expect(page.locator("h1")).to_have_text("Symbioser")
    expect(page.locator(".hits")).to_have_text(f"{len(symbioses)} symbioser")
    assert sorted(card_titles(page)) == sorted(symbiose.title for symbiose in symbioses)
    for name in ("dimension", "tema", "status", "partnertype"):
        expect(page.locator(f'select[name="{name}"]')).to_have_value("")
    expect(page.get_by_role("link", name="Nulstil filtre")).to_have_count(0)
    expect(page.locator(".open-data a")).to_have_count(3)
    for link in page.locator(".open-data a").all():
        assert "?" not in link.get_attribute("href")  # nothing of the garbage is passed on
    # Code only: JSON-LD data blocks are never run.
    scripts = page.locator('script:not([type="application/ld+json"])').evaluate_all(
        "els => els.map(el => el.getAttribute('src'))"
    )
    assert scripts and all(src and src.startswith("/static/") for src in scripts), scripts
    assert "<script>" not in page.content().split("<main", 1)[1]
    page.network.assert_stayed_local()  # no JavaScript error, no CSP violation
