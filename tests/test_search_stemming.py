"""Stemming on PostgreSQL: Danish words in their other forms find the same pages, English pages
are stemmed in English. SQLite (make run) has no stemming: there the same tests check that
words are found as written, and no more.

CI runs the whole suite twice (.ci/run): on SQLite, then on PostgreSQL, where these prove the
stemming. Like tests/test_scheduler.py, each test has both branches and none is skipped; if
the PostgreSQL run is not on PostgreSQL after all (DATABASE_URL names PostgreSQL, the
connection is something else), they fail in CI instead of proving nothing.
"""

import os
import re

import pytest
from django.db import connection

from search.backend import backend_for
from search.results import pages

WASTEWATER = "Syretålende spildevandsledning til surt procesvand"
THEME = "Vand og spildevand"  # says "spildevand", never "spildevandet"


def in_ci(environ=os.environ):
    """CI=true (or any value but an explicit no) means we are in continuous integration."""
    return environ.get("CI", "").strip().lower() not in {"", "0", "false", "no", "off"}


def on_postgresql(vendor=None, environ=os.environ):
    """True on PostgreSQL; in CI, a run meant for PostgreSQL on another database fails."""
    vendor = vendor or connection.vendor
    meant = environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    if vendor != "postgresql" and meant and in_ci(environ):
        pytest.fail(
            f"DATABASE_URL names PostgreSQL but the database is {vendor}: the stemming test "
            "must run on PostgreSQL in CI (CI is set)",
            pytrace=False,
        )
    return vendor == "postgresql"


def titles(response):
    return re.findall(r'search-hit__title"><a href="[^"]*">([^<]*)</a>', response.content.decode())


def found(client, url, word):
    return set(titles(client.get(url, {"q": word})))


def test_spildevandet_finds_the_wastewater_symbiosis(client, launch):
    hits = found(client, "/soeg/", "spildevandet")
    assert WASTEWATER in hits  # its story says "spildevandet"
    if on_postgresql():
        assert THEME in hits  # "spildevand" only: found by its stem
        assert hits == found(client, "/soeg/", "spildevand")
    else:
        assert THEME not in hits  # SQLite: the word as written


def test_the_forms_of_symbiose_find_the_same_pages(client, launch):
    hits = {word: found(client, "/soeg/", word) for word in ("symbiose", "symbiosen", "symbioser")}
    assert hits["symbiose"], "symbiose finds nothing"
    if on_postgresql():
        assert hits["symbiose"] == hits["symbiosen"] == hits["symbioser"]
    else:
        assert hits["symbiose"] != hits["symbioser"]


def test_english_pages_are_stemmed_in_english(client, launch):
    hits = {word: found(client, "/en/search/", word) for word in ("water", "waters")}
    assert hits["water"]
    if on_postgresql():
        assert hits["water"] == hits["waters"]
        assert "An acid-resistant sewer for acidic process water" in found(
            client, "/en/search/", "sewers"
        )
    else:
        assert hits["waters"] == set()


def test_english_index_rows_use_the_english_configuration(launch):
    """An English page's index row holds English stems: "withstanding" is "withstand" to the
    English stemmer, and stays "withstanding" to the Danish one."""
    english = backend_for("en").search("withstanding", pages("en"))
    danish = backend_for("da").search("withstanding", pages("en"))
    if on_postgresql():
        assert len(english) >= 1
        assert len(danish) == 0
    else:
        assert len(english) == len(danish) == 0  # "withstands" is in the text, not this


# The guard: a PostgreSQL run on another database fails in CI -----------------------------


@pytest.mark.parametrize("value", ["true", "1", "yes"])
def test_a_postgresql_run_on_another_database_fails_in_ci(value):
    environ = {"CI": value, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/x"}
    with pytest.raises(pytest.fail.Exception, match="must run on PostgreSQL in CI"):
        on_postgresql("sqlite", environ)


@pytest.mark.parametrize(
    "environ",
    [{}, {"CI": "true"}, {"CI": "false", "DATABASE_URL": "postgres://postgres@127.0.0.1/x"}],
)
def test_sqlite_is_fine_when_no_postgresql_was_asked_for(environ):
    assert on_postgresql("sqlite", environ) is False
    assert on_postgresql("postgresql", environ) is True
