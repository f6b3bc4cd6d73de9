"""Validation, filters, totals and payback: the catalogue's rules, with Danish messages."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict
from wagtail_factories import ImageFactory

from symbioses.filters import SymbioseFilter
from symbioses.models import SymbiosePage, SymbioseResult, ThemeGroupPage
from symbioses.summary import total_effect
from tests.catalogue import make_partner, make_symbiose, without_launch_catalogue


def messages(error):
    return [str(message) for messages in error.message_dict.values() for message in messages]


@pytest.fixture
def partners(launch):
    """Three partners, alone in the catalogue (without the launch's real content)."""
    without_launch_catalogue()
    return {
        "forsyning": make_partner("Forsyningen", "forsyning"),
        "firma": make_partner("Firmaet", "virksomhed"),
        "skole": make_partner("Skolen", "uddannelse"),
    }


# Measured results ------------------------------------------------------------------------------


def result(**fields):
    values = {"indicator": "Sparet CO₂", "value": Decimal(10), "unit": "t_co2e_aar", "year": 2024}
    values.update(fields)
    return SymbioseResult(**values)


def test_complete_result_is_valid():
    result().clean()


def test_value_without_unit_is_refused():
    with pytest.raises(ValidationError) as error:
        result(unit="").clean()
    assert "Vælg værdiens enhed." in messages(error.value)


def test_value_without_year_is_refused():
    with pytest.raises(ValidationError) as error:
        result(year=None).clean()
    assert "Angiv det år, værdien blev målt." in messages(error.value)


@pytest.mark.parametrize("year", [1066, 1989, date.today().year + 2, 9999])
def test_years_outside_a_sane_range_are_refused(year):
    with pytest.raises(ValidationError) as error:
        result(year=year).clean()
    assert f"Året skal ligge mellem 1990 og {date.today().year + 1}." in messages(error.value)


def test_result_without_value_is_refused():
    with pytest.raises(ValidationError) as error:
        result(value=None).clean()
    assert "Angiv den målte værdi." in messages(error.value)


# Symbioses ---------------------------------------------------------------------------------------


def test_symbiose_needs_two_different_partners_and_a_dimension(partners):
    page = SymbiosePage(
        title="X", resource="Vand", status="ide", partner_a=partners["firma"], partner_b=None
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "Vælg den anden partner." in messages(error.value)
    assert "Vælg mindst én dimension: miljømæssig, social eller økonomisk." in messages(error.value)
    page.partner_b = partners["firma"]
    page.social = True
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert messages(error.value) == ["En symbiose er en relation mellem to forskellige partnere."]


@pytest.mark.parametrize(
    ("investment", "saving", "expected"),
    [
        (12_000_000, 1_500_000, Decimal("8.0")),
        (850_000, 240_000, Decimal("3.5")),
        (100, 300, Decimal("0.3")),
        (100_000, 0, None),
        (100_000, None, None),
        (None, 50_000, None),
        (100_000, -5_000, None),
    ],
)
def test_payback_time(db, investment, saving, expected):
    page = SymbiosePage(investment=investment, yearly_saving=saving)
    assert page.payback_years == expected


def test_partner_logo_needs_alternative_text(launch):
    """A logo whose image has no description needs an alternative text of its own."""
    partner = make_partner("Med logo")
    partner.logo = ImageFactory(description="")
    with pytest.raises(ValidationError) as error:
        partner.clean()
    assert messages(error.value) == [
        "Logoet har ingen beskrivelse. Skriv en alternativ tekst til logoet."
    ]


# Filters -----------------------------------------------------------------------------------------


def filters_for(text):
    return SymbioseFilter.from_query(QueryDict(text), theme_groups=ThemeGroupPage.objects.live())


def test_valid_filters_are_kept_and_normalised(launch):
    filters = filters_for("status=drift&dimension=social&tema=energi&partnertype=forening")
    assert filters.querystring() == "dimension=social&tema=energi&status=drift&partnertype=forening"


@pytest.mark.parametrize(
    "garbage",
    [
        "dimension=alt",
        "status=%00",
        "tema=findes-ikke",
        "tema=" + "x" * 5000,
        "partnertype=<script>",
        "side=2&utm_source=nyhedsbrev",
        "status",
        "dimension=miljo%ZZ",
    ],
)
def test_garbage_filters_are_ignored(launch, garbage):
    filters = filters_for(garbage)
    assert not filters.active
    assert filters.querystring() == ""


def test_filters_select_the_right_symbioses(partners):
    f, firma, skole = partners["forsyning"], partners["firma"], partners["skole"]
    heat = make_symbiose("Varme", firma, f, theme="energi", environmental=True, economic=True)
    jobs = make_symbiose(
        "Praktik", f, skole, theme="kompetence-og-uddannelse", environmental=False, social=True
    )
    idea = make_symbiose("Idé", firma, skole, status="ide", environmental=True)

    def titles(text):
        filters = filters_for(text)
        return sorted(page.title for page in filters.apply(SymbiosePage.objects.published()))

    assert titles("") == sorted([heat.title, jobs.title, idea.title])
    assert titles("dimension=social") == ["Praktik"]
    assert titles("dimension=okonomi") == ["Varme"]
    assert titles("tema=energi") == ["Varme"]
    assert titles("status=ide") == ["Idé"]
    assert titles("partnertype=uddannelse") == ["Idé", "Praktik"]
    assert titles("partnertype=uddannelse&dimension=miljo") == ["Idé"]
    assert titles("status=afsluttet") == []


# Totals ------------------------------------------------------------------------------------------


def test_totals_add_the_latest_year_of_each_indicator_per_unit(partners):
    f, firma, skole = partners["forsyning"], partners["firma"], partners["skole"]
    make_symbiose(
        "Varme",
        firma,
        f,
        results=[
            ("Leveret varme", "1000.5", "mwh_aar", 2023),
            ("Leveret varme", "1200", "mwh_aar", 2024),  # the latest year counts, not the sum
            ("Sparet CO₂", "200", "t_co2e_aar", 2024),
        ],
    )
    make_symbiose(
        "Køling",
        firma,
        skole,
        results=[("Leveret køl", "34", "mwh_aar", 2022), ("Sparet CO₂", "5.5", "t_co2e_aar", 2021)],
    )
    make_symbiose("Uden resultater", f, skole)
    totals = {t.unit: t for t in total_effect(SymbiosePage.objects.published())}
    assert totals["mwh_aar"].total == Decimal("1234")
    assert (totals["mwh_aar"].first_year, totals["mwh_aar"].last_year) == (2022, 2024)
    assert totals["mwh_aar"].symbiose_count == 2
    assert totals["t_co2e_aar"].total == Decimal("205.5")
    assert (totals["t_co2e_aar"].first_year, totals["t_co2e_aar"].last_year) == (2021, 2024)
    assert list(totals) == ["t_co2e_aar", "mwh_aar"]  # the units' own order
