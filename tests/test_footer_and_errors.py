"""The hotline footer on every page (404 and 500 included), /was, and no cookies."""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import Page, Site

from pages.models import HomePage
from pages.site_settings import SiteSettings
from tests.conftest import FORM_PAGE_URLS, PAGE_TYPE_URLS

PAGES = list(PAGE_TYPE_URLS.values())


def footer_of(response):
    footer = BeautifulSoup(response.content, "html.parser").find("footer")
    assert footer is not None, "no footer"
    return footer


def assert_hotline(footer, number="48 23 10 00", href="tel:+4548231000"):
    hotline = footer.find("section", class_="hotline")
    assert hotline.h2.get_text(strip=True) == "Akutte driftsproblemer"
    assert "kan du via vores hovednummer få kontakt til vagtpersonale" in hotline.get_text()
    link = hotline.find("a", href=href)
    assert link is not None and link.get_text(strip=True) == number


def test_every_page_type_is_checked(examples):
    page_types = {page.specific_class.__name__ for page in Page.objects.filter(depth__gt=1)}
    assert page_types == set(PAGE_TYPE_URLS)


@pytest.mark.parametrize("url", PAGES)
def test_footer_on_every_page(client, examples, url):
    response = client.get(url)
    assert response.status_code == 200
    footer = footer_of(response)
    assert_hotline(footer)
    assert "Hillerød Forsyning" in footer.get_text()
    statement = footer.find("a", string="Tilgængelighedserklæring")
    assert statement["href"] == SiteSettings.load().accessibility_statement_url


def test_404_is_danish_with_footer(client, launch):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == "Siden blev ikke fundet"
    assert page.html["lang"] == "da"
    assert_hotline(footer_of(response))


def test_500_is_danish_with_footer(launch):
    client = Client(raise_request_exception=False)
    with mock.patch.object(HomePage, "get_context", side_effect=RuntimeError("boom")):
        response = client.get("/")
    assert response.status_code == 500
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == "Der opstod en fejl"
    assert_hotline(footer_of(response))


def test_500_keeps_the_hotline_when_the_database_is_down(launch):
    client = Client(raise_request_exception=False)
    with (
        mock.patch.object(HomePage, "get_context", side_effect=RuntimeError("boom")),
        mock.patch.object(SiteSettings, "load", side_effect=RuntimeError("database down")),
    ):
        response = client.get("/")
    assert response.status_code == 500
    assert_hotline(footer_of(response))


def test_edited_hotline_shows_on_every_page(client, examples):
    settings = SiteSettings.load()
    settings.hotline_phone = "70 12 34 56"
    settings.full_clean()
    settings.save()
    for url in [*PAGES, "/findes-ikke/"]:
        assert_hotline(footer_of(client.get(url)), "70 12 34 56", "tel:+4570123456")


def test_was_redirects_to_the_statement(client, launch):
    response = client.get("/was")
    assert response.status_code == 302
    assert response["Location"] == SiteSettings.load().accessibility_statement_url


def test_was_without_a_statement_is_a_danish_404(client, launch):
    settings = SiteSettings.load()
    settings.accessibility_statement_url = ""
    settings.save()
    response = client.get("/was")
    assert response.status_code == 404
    assert "Siden blev ikke fundet" in response.content.decode()


@pytest.mark.parametrize("url", [*PAGES, "/findes-ikke/", "/was", "/symbioser/data.json"])
def test_anonymous_visitors_get_no_cookies(client, examples, url):
    """None at all, except the CSRF cookie of a page with a form (the join form)."""
    response = client.get(url)
    expected = {"csrftoken"} if url in FORM_PAGE_URLS else set()
    assert set(response.cookies) == expected
    assert "sessionid" not in response.cookies


@pytest.mark.parametrize("url", PAGES)
def test_strict_content_security_policy(client, examples, url):
    policy = client.get(url)["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "style-src 'self';" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.parametrize("url", PAGES)
def test_no_inline_scripts_or_styles(client, examples, url):
    page = BeautifulSoup(client.get(url).content, "html.parser")
    # Data blocks (JSON-LD) are no code: the CSP never runs them.
    assert all(
        script.get("src") or script.get("type") == "application/ld+json"
        for script in page.find_all("script")
    )
    assert not page.find_all("style")
    assert not page.find_all(style=True)


def test_no_third_party_resources(client, examples):
    for url in PAGES:
        page = BeautifulSoup(client.get(url).content, "html.parser")
        site = Site.objects.get(is_default_site=True).root_url
        for tag in page.find_all(["link", "script", "img", "iframe"]):
            if tag.name == "script" and tag.get("type") == "application/ld+json":
                continue  # data (JSON-LD), never fetched
            address = tag.get("href") or tag.get("src") or ""
            if "alternate" in tag.get("rel", []):  # never fetched; absolute, on our own site
                assert address.startswith(f"{site}/"), f"{url}: {tag}"
                continue
            assert address.startswith("/"), f"{url}: {tag}"


def test_health_check(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
