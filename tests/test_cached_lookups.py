"""Wagtail's per-request lookups of the locale and the view restrictions come from the shared
cache (caching/lookups.py); a change must still show on the very next request."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from caching.pagecache import bump_generation

OM = "/om-symbiose-hillerod/"


def test_a_page_restricted_after_it_was_served_asks_for_the_password_at_once(client, launch):
    assert client.get(OM).status_code == 200
    PageViewRestriction.objects.create(
        page=launch["om"], restriction_type="password", password="hemmelig"
    )
    response = client.get(OM)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="password"' in html
    assert "vil fremme bæredygtig innovation" not in html  # the Om text is not shown
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_lifting_the_restriction_shows_the_page_again(client, launch):
    restriction = PageViewRestriction.objects.create(
        page=launch["om"], restriction_type="password", password="hemmelig"
    )
    assert 'type="password"' in client.get(OM).content.decode()
    restriction.delete()
    assert 'type="password"' not in client.get(OM).content.decode()


def test_routing_asks_the_database_for_no_locale_once_it_is_cached(client, launch):
    client.get("/en/about/")
    bump_generation()  # what a publish does: the page renders again
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/about/")["X-Cache"] == "miss"
    assert queries.captured_queries
    assert not [
        q for q in queries.captured_queries if q["sql"].startswith('SELECT "wagtailcore_locale"')
    ]
