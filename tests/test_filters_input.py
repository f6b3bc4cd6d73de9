"""Whatever a visitor puts in the address bar, the catalogue's filters never reach the database
with it: a NUL byte, a very long value or a list of values is ignored, on SQLite and on
PostgreSQL alike (PostgreSQL refuses NUL bytes in text, which used to be a 500)."""

import json

import pytest

from symbioses.filters import SymbioseFilter
from symbioses.models import ThemeGroupPage
from tests.catalogue import make_partner, make_symbiose, without_launch_catalogue

PARAMETERS = ["tema", "status", "dimension", "partnertype"]
GARBAGE = {
    "nul": "\x00",
    "nul-after-a-valid-value": "energi\x00",
    "long": "energi" * 2000,
    "long-nul": "\x00" * 5000,
    "control-characters": "\x01\x1f\x7f",
}
ADDRESSES = ["/symbioser/", "/symbioser/data.json", "/symbioser/data.csv"]


@pytest.fixture
def catalogue(launch):
    without_launch_catalogue()
    forsyning = make_partner("Forsyningen", "forsyning")
    firma = make_partner("Datacentret", "virksomhed")
    make_symbiose("Overskudsvarme", firma, forsyning, theme="energi", economic=True)
    make_symbiose("Praktikpladser", forsyning, firma, social=True, status="ide")


@pytest.mark.parametrize("name", PARAMETERS)
@pytest.mark.parametrize("address", ADDRESSES)
def test_garbage_in_a_filter_is_ignored(client, catalogue, address, name):
    for label, value in GARBAGE.items():
        response = client.get(address, {name: value})
        assert response.status_code == 200, label
        if address.endswith(".json"):
            data = json.loads(response.content)
            assert data["filtre"] == {}, label
            assert data["antal"] == 2, label
        elif address.endswith(".csv"):
            lines = response.content.decode().splitlines()
            assert len(lines) == 3, label  # the header and both symbioses
        else:
            assert "2 symbioser" in response.content.decode(), label


@pytest.mark.parametrize("address", ADDRESSES)
def test_raw_nul_bytes_in_the_query_string_are_ignored(client, catalogue, address):
    query = "tema=%00&status=%00&dimension=%00&partnertype=%00&tema=energi%00&status=%FF%C0%80"
    response = client.get(f"{address}?{query}")
    assert response.status_code == 200


def test_valid_filters_still_apply_next_to_garbage(client, catalogue):
    response = client.get("/symbioser/data.json?tema=energi&status=%00&dimension=okonomi")
    data = json.loads(response.content)
    assert response.status_code == 200
    assert data["filtre"] == {"tema": "energi", "dimension": "okonomi"}
    assert [item["titel"] for item in data["symbioser"]] == ["Overskudsvarme"]


def test_the_filter_never_queries_with_an_invalid_theme(catalogue, django_assert_num_queries):
    """A value that cannot be a slug is dropped before any query is made."""
    themes = ThemeGroupPage.objects.live()
    with django_assert_num_queries(0):
        assert SymbioseFilter.from_query({"tema": "energi\x00"}, themes) == SymbioseFilter()
        assert SymbioseFilter.from_query({"tema": "x" * 256}, themes) == SymbioseFilter()
        assert SymbioseFilter.from_query({"tema": "Ikke en slug!"}, themes) == SymbioseFilter()
