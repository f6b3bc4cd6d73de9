"""An editor moves a whole section of the Om page, heading and content, with one click."""

import pytest
from django.utils.html import strip_tags
from playwright.sync_api import expect

from pages.models import ContentPage
from tests.browser.editor import leave_editor, log_in, publish

pytestmark = pytest.mark.browser

SECTIONS = ["Mission", "Mål", "Definition af symbiose hos os", "Baggrund"]
MOVED = ["Mission", "Definition af symbiose hos os", "Mål", "Baggrund"]


def section_in_editor(page, heading):
    """The body's section whose heading field holds `heading` (the body's own children only)."""
    for index in range(len(SECTIONS)):
        field = page.locator(f'input[name="body-{index}-value-heading"]')
        if field.input_value() == heading:
            return page.locator("[data-streamfield-child]").filter(has=field)
    raise AssertionError(f"no section {heading!r} in the editor")


HEADINGS_IN_EDITOR = """Array.from(
    document.querySelectorAll('input[name^="body-"][name$="-value-heading"]'),
    field => field.value,
)"""


def headings_in_editor(page):
    """The sections' headings in the order the editor shows them."""
    return page.evaluate(f"() => {HEADINGS_IN_EDITOR}")


def wait_for_headings_in_editor(page, headings):
    page.wait_for_function(
        f"expected => JSON.stringify({HEADINGS_IN_EDITOR}) === JSON.stringify(expected)",
        arg=headings,
    )


def contents(page):
    """Each section's blocks by heading: their type and their text or fields."""
    return {
        section.value["heading"]: [
            (child.block_type, strip_tags(str(child.value)))
            if child.block_type == "paragraph"
            else (child.block_type, dict(child.value))
            for child in section.value["content"]
        ]
        for section in page.body
    }


def test_editor_moves_a_section_above_another_in_one_action(launched, admin_user, page):
    om = launched["om"]
    before = contents(om)
    log_in(page)
    page.goto(f"{page.network.origin}/admin/pages/{om.pk}/edit/")
    assert headings_in_editor(page) == SECTIONS

    # One click on the section's own "Flyt op" (move up) control, in the section's header.
    definition = section_in_editor(page, "Definition af symbiose hos os")
    header = definition.locator(":scope > section > .w-panel__header")
    expect(header).to_contain_text("Definition af symbiose hos os")
    header.get_by_role("button", name="Flyt op").click()
    wait_for_headings_in_editor(page, MOVED)
    assert headings_in_editor(page) == MOVED
    publish(page)

    # Stored: the sections in the new order, each with all of its content.
    stored = ContentPage.objects.get(pk=om.pk)
    assert [s.value["heading"] for s in stored.body] == MOVED
    assert contents(stored) == before
    assert not stored.has_unpublished_changes

    # Visitors see the section Definition, heading and text together, above Mål.
    leave_editor(page, to=om.url)
    expect(page.locator("main h2")).to_have_text(MOVED)
    toc = page.get_by_role("navigation", name="På denne side")
    expect(toc.get_by_role("link")).to_have_text(MOVED)
    sections = page.locator("main section.section")
    expect(sections).to_have_count(len(MOVED))
    expect(sections.nth(1).locator("h2")).to_have_id("definition-af-symbiose-hos-os")
    expect(sections.nth(1)).to_contain_text("En symbiose er for Symbiose Hillerød")
    expect(sections.nth(1)).not_to_contain_text("arbejder målrettet")
    expect(sections.nth(2).locator("h2")).to_have_id("mal")
    expect(sections.nth(2)).to_contain_text("Symbiose Hillerød arbejder målrettet")
    expect(sections.nth(3)).to_contain_text("Der arbejdes fortsat på at identificere")
    page.network.assert_stayed_local()
