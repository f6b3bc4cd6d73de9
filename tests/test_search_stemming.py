"""Stemming on PostgreSQL: Danish words in their other forms find the same pages, English pages
are stemmed in English. SQLite has no stemming, so these run on PostgreSQL only: skipped
elsewhere locally, and failing in CI (CI runs the suite on PostgreSQL too), never skipped
there, like the browser and HTML validity tests without their tools."""

import os
import re

import pytest
from django.db import connection

from search.backend import backend_for
from search.results import pages

WASTEWATER = "Syretålende spildevandsledning til surt procesvand"
ON_POSTGRESQL = connection.vendor == "postgresql"


def in_ci(environ=os.environ):
    """CI=true (or any value but an explicit no) means we are in continuous integration."""
    return environ.get("CI", "").strip().lower() not in {"", "0", "false", "no", "off"}


def require_postgresql(vendor=connection.vendor, environ=os.environ):
    if vendor == "postgresql":
        return
    if in_ci(environ):
        pytest.fail(
            f"the stemming test needs PostgreSQL (the database is {vendor}), and it must not be "
            "skipped in CI (CI is set): set DATABASE_URL=postgres://…",
            pytrace=False,
        )
    pytest.skip(f"stemming needs PostgreSQL; the database is {vendor} (set DATABASE_URL)")


@pytest.fixture
def postgresql():
    require_postgresql()


def titles(response):
    return re.findall(r'search-hit__title"><a href="[^"]*">([^<]*)</a>', response.content.decode())


def test_spildevandet_finds_the_wastewater_symbiosis(postgresql, client, launch):
    response = client.get("/soeg/", {"q": "spildevandet"})
    assert WASTEWATER in titles(response)
    assert "<mark>spildevandet</mark>" in response.content.decode()


def test_the_forms_of_symbiose_find_the_same_pages(postgresql, client, launch):
    found = {
        word: set(titles(client.get("/soeg/", {"q": word})))
        for word in ("symbiose", "symbiosen", "symbioser")
    }
    assert found["symbiose"], "symbiose finds nothing"
    assert found["symbiose"] == found["symbiosen"] == found["symbioser"]


def test_english_pages_are_stemmed_in_english(postgresql, client, launch):
    found = {
        word: set(titles(client.get("/en/search/", {"q": word})))
        for word in ("partner", "partners", "partnering")
    }
    assert found["partner"] and found["partner"] == found["partners"] == found["partnering"]
    assert "An acid-resistant sewer for acidic process water" in titles(
        client.get("/en/search/", {"q": "sewers"})
    )


def test_english_index_rows_use_the_english_configuration(postgresql, launch):
    """The index row of an English page holds English stems ('sewer', not 'sew')."""
    english = backend_for("en").search("withstanding", pages("en"))
    danish = backend_for("da").search("withstanding", pages("en"))
    assert len(english) >= 1
    assert len(danish) == 0  # the Danish stemmer does not reduce "withstanding" to "withstand"


# The guard: skip without PostgreSQL, but never in CI -----------------------------------------


@pytest.mark.parametrize("value", ["true", "1", "yes"])
def test_without_postgresql_fails_in_ci(value):
    with pytest.raises(pytest.fail.Exception, match="must not be skipped in CI"):
        require_postgresql("sqlite", {"CI": value})


@pytest.mark.parametrize("environ", [{}, {"CI": ""}, {"CI": "false"}])
def test_without_postgresql_skips_outside_ci(environ):
    with pytest.raises(pytest.skip.Exception, match="needs PostgreSQL"):
        require_postgresql("sqlite", environ)
