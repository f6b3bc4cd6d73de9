"""Danish numbers in the admin: 12,5 and 1.500,75 are read the Danish way, a doubtful dot is
refused with a Danish message, and stored values are shown back as 1.500,75."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from pages.numbers import DanishDecimalFormField, DanishNumberInput
from symbioses.models import SymbioseIndexPage, SymbiosePage
from tests.catalogue import make_partner, make_symbiose

ACCEPTED = [
    ("12,5", Decimal("12.5")),
    ("1.500", Decimal("1500")),
    ("1.500,75", Decimal("1500.75")),
    ("1500", Decimal("1500")),
    ("1.234.567,8", Decimal("1234567.8")),
    ("0,5", Decimal("0.5")),
    ("-3,25", Decimal("-3.25")),
    ("\u22123,25", Decimal("-3.25")),  # the typographic minus, pasted from a document
    (" 42 ", Decimal("42")),
]

COMMA_TIP = "Brug komma som decimaltegn, f.eks. {}. Punktum bruges kun til at adskille tusinder"
NOT_A_NUMBER = "Indtast et tal. Brug komma som decimaltegn, f.eks. 12,5 eller 1.500,75."
REFUSED = [
    ("12.5", COMMA_TIP.format("12,5")),
    ("1.50", COMMA_TIP.format("1,50")),
    ("0.500", COMMA_TIP.format("0,500")),  # 0.500 is someone's 0.5, not 500
    ("1.5000", COMMA_TIP.format("1,5000")),
    ("1,500.75", COMMA_TIP.format("1.500,75")),  # English thousands and decimals
    ("1.500.5", COMMA_TIP.format("12,5")),
    ("12,5,0", NOT_A_NUMBER),
    ("12,", NOT_A_NUMBER),
    ("1 500", NOT_A_NUMBER),
    ("mange", NOT_A_NUMBER),
    ("1e3", NOT_A_NUMBER),
    ("NaN", NOT_A_NUMBER),
]


def value_field():
    """The measured result's value: 14 digits, 2 decimals."""
    return DanishDecimalFormField(max_digits=14, decimal_places=2, required=False)


def kroner_field():
    """Investment and yearly saving: whole kroner."""
    return DanishDecimalFormField(max_digits=14, decimal_places=0, required=False)


def refusal(field, text):
    with translation.override("da"), pytest.raises(ValidationError) as refused:
        field.clean(text)
    return " ".join(refused.value.messages)


# The form field ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "number"), ACCEPTED)
def test_danish_numbers_are_read_the_danish_way(text, number):
    assert value_field().clean(text) == number


@pytest.mark.parametrize(("text", "number"), [("1.500", 1500), ("1500", 1500), ("12", 12)])
def test_whole_kroner_are_read_the_danish_way(text, number):
    assert kroner_field().clean(text) == number


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_doubtful_numbers_are_refused_with_what_to_type(text, message):
    assert message in refusal(value_field(), text)


def test_the_refusal_repeats_what_was_typed():
    assert refusal(value_field(), "12.5") == (
        "Brug komma som decimaltegn, f.eks. 12,5. Punktum bruges kun til at adskille tusinder, "
        "f.eks. 1.500, så 12.5 kan ikke læses sikkert."
    )


def test_decimals_in_whole_kroner_are_refused_in_danish():
    assert (
        refusal(kroner_field(), "1.500,75") == "Indtast et helt tal uden decimaler, f.eks. 1.500."
    )


def test_too_many_decimals_are_refused_not_rounded():
    # 1,500 is one and a half in Danish; with three decimals it is refused, never read as 1500.
    assert refusal(value_field(), "1,500") == "Der må maksimalt være 2 decimaler."


def test_empty_is_none():
    assert value_field().clean("") is None
    assert value_field().clean("  ") is None


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        (Decimal("1500.75"), "1.500,75"),
        (Decimal("12.50"), "12,5"),
        (Decimal("1500"), "1.500"),
        (Decimal("1500.00"), "1.500"),
        (Decimal("1234567.8"), "1.234.567,8"),
        (Decimal("0.25"), "0,25"),
        (Decimal("-3.25"), "-3,25"),
        (Decimal("100"), "100"),
    ],
)
def test_stored_numbers_are_shown_back_in_danish(stored, shown):
    html = value_field().widget.render("value", stored)
    assert f'value="{shown}"' in html
    assert value_field().clean(shown) == stored  # and read back as the same number


def test_the_input_is_text_with_a_decimal_keyboard():
    html = BeautifulSoup(value_field().widget.render("value", Decimal("12.5")), "html.parser")
    field = html.find("input")
    assert field["type"] == "text"  # the browser passes on exactly what was typed
    assert field["inputmode"] == "decimal"


def test_what_was_typed_is_shown_back_as_typed():
    assert 'value="12.5"' in DanishNumberInput().render("value", "12.5")


def test_every_decimal_field_in_the_admin_is_danish():
    """Also the ones added later: a plain DecimalField would bring back <input type=number>."""
    decimal_fields = [
        field
        for app in ("pages", "symbioses")
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.DecimalField)
    ]
    assert len(decimal_fields) >= 4  # investment, yearly saving, value and baseline
    for field in decimal_fields:
        assert isinstance(field.formfield(), DanishDecimalFormField), field


# The admin, through Django's test client ---------------------------------------------------------


@pytest.fixture
def editor(client, admin_user, launch):
    client.force_login(admin_user)
    return client


@pytest.fixture
def partners(launch):
    return make_partner("Kommunen", "kommune"), make_partner("Foreningen", "forening")


def add_url():
    index = SymbioseIndexPage.objects.get(locale__language_code="da")
    return f"/admin/pages/add/symbioses/symbiosepage/{index.pk}/"


def symbiose_form(partners, value="1200", baseline="", investment="", yearly_saving=""):
    a, b = partners
    result = {
        "indicator": "Opsamlet regnvand",
        "value": value,
        "unit": "m3_vand_aar",
        "year": "2025",
        "baseline": baseline,
        "method": "",
    }
    return nested_form_data(
        {
            "title": "Ny symbiose",
            "slug": "ny-symbiose",
            "partner_a": a.pk,
            "partner_b": b.pk,
            "flow": "",
            "resource": "Regnvand",
            "social": "on",
            "status": "ide",
            "story": rich_text("<p>Om symbiosen.</p>"),
            "images": streamfield([]),
            "results": inline_formset([result]),
            "sources": inline_formset([]),
            "investment": investment,
            "yearly_saving": yearly_saving,
            "action-publish": "publish",
        }
    )


@pytest.mark.parametrize(("text", "number"), ACCEPTED[:4])
def test_admin_stores_what_the_editor_typed_in_danish(editor, partners, text, number):
    response = editor.post(
        add_url(),
        symbiose_form(
            partners, value=text, baseline=text, investment="1.500", yearly_saving="1500"
        ),
    )
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").text[:2000]
    page = SymbiosePage.objects.get(slug="ny-symbiose")
    result = page.results.get()
    assert (result.value, result.baseline) == (number, number)
    assert (page.investment, page.yearly_saving) == (1500, 1500)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"value": "12.5"}, COMMA_TIP.format("12,5")),
        ({"value": "1.50"}, COMMA_TIP.format("1,50")),
        ({"baseline": "1.50"}, COMMA_TIP.format("1,50")),
        ({"investment": "1.5"}, COMMA_TIP.format("1,5")),
        ({"yearly_saving": "2.50"}, COMMA_TIP.format("2,50")),
        ({"investment": "1.500,75"}, "Indtast et helt tal uden decimaler, f.eks. 1.500."),
    ],
)
def test_admin_refuses_doubtful_numbers_and_saves_nothing(editor, partners, fields, message):
    response = editor.post(add_url(), symbiose_form(partners, **fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SymbiosePage.objects.filter(slug="ny-symbiose").exists()


def test_admin_edit_form_shows_stored_numbers_in_danish(editor, partners):
    page = make_symbiose(
        "Regnvand", *partners, results=[("Opsamlet regnvand", "1500.75", "m3_vand_aar", 2025)]
    )
    result = page.results.get()
    result.baseline = Decimal("12.50")
    result.save()
    page.investment, page.yearly_saving = Decimal("250000"), Decimal("1500")
    page.save_revision().publish()

    html = BeautifulSoup(editor.get(f"/admin/pages/{page.pk}/edit/").content, "html.parser")
    shown = {
        name: html.find("input", attrs={"name": name})
        for name in ("results-0-value", "results-0-baseline", "investment", "yearly_saving")
    }
    assert {name: field["value"] for name, field in shown.items()} == {
        "results-0-value": "1.500,75",
        "results-0-baseline": "12,5",
        "investment": "250.000",
        "yearly_saving": "1.500",
    }
    assert {field["type"] for field in shown.values()} == {"text"}
    assert {field["inputmode"] for field in shown.values()} == {"decimal"}
