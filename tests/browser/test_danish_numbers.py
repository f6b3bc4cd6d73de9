"""An editor in a Danish Chromium types 12,5 and 1.500,75 into the admin: the site stores and
shows what was meant, and refuses a doubtful 12.5 instead of guessing."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from symbioses.models import SymbiosePage
from tests.browser import editor
from tests.browser.editor import leave_editor, log_in
from tests.catalogue import make_partner, make_symbiose

pytestmark = pytest.mark.browser

NUMBER_FIELDS = ("results-0-value", "results-0-baseline", "investment", "yearly_saving")


@pytest.fixture
def symbiose(launched, admin_user):
    """A published symbiosis with one result and no business case yet."""
    return make_symbiose(
        "Regnvand til toiletskyl",
        make_partner("Kommunen", "kommune"),
        make_partner("Skolen", "uddannelse"),
        results=[("Opsamlet regnvand", 1, "m3_vand_aar", 2025)],
        resource="Regnvand",
    )


def open_editor(page, symbiose):
    page.goto(f"{page.network.origin}/admin/pages/{symbiose.pk}/edit/")
    expect(page.locator('input[name="results-0-value"]')).to_be_visible()


def type_into(page, name, text):
    """Key by key, as an editor types: the browser's own handling of the keys is part of the test."""
    field = page.locator(f'input[name="{name}"]')
    field.fill("")
    field.press_sequentially(text)
    expect(field).to_have_value(text)  # <input type="number"> turned 12,5 into 125


def publish(page):
    editor.publish(page)
    expect(page.locator(".messages")).to_contain_text("er udgivet")


def shown_in_editor(page):
    return {name: page.locator(f'input[name="{name}"]').input_value() for name in NUMBER_FIELDS}


def test_editor_types_danish_numbers_and_they_are_stored_and_shown(symbiose, page):
    log_in(page)
    open_editor(page, symbiose)
    type_into(page, "results-0-value", "1.500,75")
    type_into(page, "results-0-baseline", "12,5")
    type_into(page, "investment", "1.500")
    type_into(page, "yearly_saving", "1500")
    publish(page)

    stored = SymbiosePage.objects.get(pk=symbiose.pk)
    result = stored.results.get()
    assert (result.value, result.baseline) == (Decimal("1500.75"), Decimal("12.5"))
    assert (stored.investment, stored.yearly_saving) == (1500, 1500)

    # The admin shows the stored figures back the Danish way, ready to be saved again unchanged.
    open_editor(page, symbiose)
    assert shown_in_editor(page) == {
        "results-0-value": "1.500,75",
        "results-0-baseline": "12,5",
        "investment": "1.500",
        "yearly_saving": "1.500",
    }

    # Visitors see the same figures, and they count in "Samlet effekt".
    leave_editor(page, to=stored.url)
    row = page.locator("tr", has_text="Opsamlet regnvand")
    expect(row).to_contain_text("1.500,75")
    expect(row).to_contain_text("12,5")
    expect(page.locator("dl div", has_text="Investering")).to_contain_text("1.500 kr.")
    expect(page.locator("dl div", has_text="Årlig besparelse")).to_contain_text("1.500 kr.")
    page.goto(page.network.origin + "/symbioser/")
    expect(page.locator("section.totals")).to_contain_text("1.500,75")
    page.network.assert_stayed_local()


@pytest.mark.parametrize(
    ("name", "typed", "tip"),
    [
        ("results-0-value", "12.5", "Brug komma som decimaltegn, f.eks. 12,5."),
        ("results-0-baseline", "1.50", "Brug komma som decimaltegn, f.eks. 1,50."),
        ("investment", "1.500,75", "Indtast et helt tal uden decimaler, f.eks. 1.500."),
    ],
)
def test_what_cannot_be_read_for_sure_is_refused_in_danish_and_not_stored(
    symbiose, page, name, typed, tip
):
    log_in(page)
    open_editor(page, symbiose)
    type_into(page, name, typed)
    page.get_by_role("button", name="Gem kladde").click()

    field = page.locator(f'input[name="{name}"]')
    expect(field).to_have_value(typed)  # shown back as typed, to be corrected
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("[data-field-wrapper]", has=field)).to_contain_text(tip)

    leave_editor(page)
    # Not published, and not kept as a draft either.
    for stored in (
        SymbiosePage.objects.get(pk=symbiose.pk),
        SymbiosePage.objects.get(pk=symbiose.pk).get_latest_revision_as_object(),
    ):
        result = stored.results.get()
        assert (result.value, result.baseline, stored.investment) == (Decimal(1), None, None)
    page.network.assert_stayed_local()
