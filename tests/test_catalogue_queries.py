"""No N+1: the number of queries a catalogue page needs does not grow with its content."""

import pytest

from symbioses.models import ThemeGroupPage
from tests.catalogue import make_partner, make_symbiose

URLS = [
    "/symbioser/",
    "/symbioser/data.json",
    "/symbioser/data.csv",
    "/partnere/",
    "/temagrupper/energi/",
]


@pytest.mark.parametrize("url", [*URLS, "partner"])
def test_queries_do_not_grow_with_the_catalogue(client, launch, uncached_queries, url):
    hub = make_partner("Forsyningen", "forsyning", slug="forsyningen")
    group = ThemeGroupPage.objects.get(slug="energi")

    def grow(n):
        for i in range(n):
            other = make_partner(f"Partner {len(hub.title)}-{i}-{n}", "virksomhed")
            make_symbiose(
                f"Symbiose {i}-{n}",
                other,
                hub,
                theme="energi",
                results=[("Varme", 10 + i, "mwh_aar", 2024), ("CO₂", 1, "t_co2e_aar", 2023)],
            )
            group.members.add(other)
        group.save_revision().publish()

    address = hub.url if url == "partner" else url
    grow(1)
    few = len(uncached_queries(client, address))
    grow(12)
    many = len(uncached_queries(client, address))
    assert many == few, f"{address}: {few} queries with 1 symbiosis, {many} with 13"
