"""Wagtail's database search backend, stemming each page in its own language on PostgreSQL.

The index keeps one row per object (content type, id), and the PostgreSQL backend builds every
row's tsvector with one text-search configuration (SEARCH_CONFIG). A second backend entry with
the "english" configuration would write the same rows again and overwrite the Danish vectors,
so instead one backend picks the configuration per object: LANGUAGE_CONFIGS maps a page's
language to its configuration ("en": "english"), everything else (documents included) gets
SEARCH_CONFIG. A search in English is made with the English configuration, so its words are
stemmed as the English pages' words were.

On SQLite and other databases this is Wagtail's database backend unchanged (no stemming).
"""

from django.db import connection
from wagtail.search.backends import database, get_search_backend


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        # Imported here: the PostgreSQL backend's module needs psycopg and contrib.postgres.
        from .postgres import LanguagePostgresSearchBackend

        return LanguagePostgresSearchBackend(params)
    return database.SearchBackend(params)


def backend_for(language):
    """The default backend, searching with the text-search configuration of `language`."""
    backend = get_search_backend()
    for_language = getattr(backend, "for_language", None)
    return for_language(language) if for_language else backend
