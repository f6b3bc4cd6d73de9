"""Private stays private: pages under a view restriction (password, login, groups), and the
pages below them, are named nowhere a visitor can read without passing it: not in the menu,
the listings, the figures, the open data, the feeds, the search, the sitemap or the diagram."""

import io

import pytest
from django.contrib.auth.models import Group
from pypdf import PdfReader
from wagtail.models import Locale, Page, PageViewRestriction

from brochure.editions import build_all
from news.models import NewsIndexPage, NewsPage
from pages.models import ContentPage, HomePage
from symbioses.models import SymbioseIndexPage, ThemeGroupIndexPage, ThemeGroupPage
from tests.catalogue import add_page, make_partner, make_symbiose, without_launch_catalogue

# The restricted symbiosis's result (a unit no public one has), as a figure in any language.
SECRET_FIGURE = ("31.337", "31,337", "31337")


def restrict(page, kind):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="hemmelig" if kind == "password" else ""
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get_or_create(name="Bestyrelsen")[0]])
    return restriction


@pytest.fixture
def private(launch):
    """Public partners and symbioses, and beside them a restricted page of every kind (and a
    page below a restricted one), each with a telling title. Returns the restricted pages and
    the public symbiosis that involves the restricted partner."""
    without_launch_catalogue()
    forsyning = make_partner("Forsyningen", "forsyning")
    firma = make_partner("Datacentret", "virksomhed")
    make_symbiose(
        "Overskudsvarme til fjernvarme",
        firma,
        forsyning,
        theme="energi",
        results=[("Leveret varme", "18500", "mwh_aar", 2024)],
    )

    secret_partner = make_partner("Skjult Partner Aps", "virksomhed")
    restrict(secret_partner, PageViewRestriction.PASSWORD)
    with_secret_partner = make_symbiose(
        "Samarbejde med ukendt", forsyning, secret_partner, resource="Slam"
    )

    secret_symbiose = make_symbiose(
        "Lukket symbiose om damp",
        firma,
        forsyning,
        theme="energi",
        resource="Fortrolig damp",
        results=[("Job", "31337", "arbejdspladser", 2024)],
    )
    restrict(secret_symbiose, PageViewRestriction.LOGIN)

    groups_index = ThemeGroupIndexPage.objects.get(locale__language_code="da")
    secret_group = add_page(groups_index, ThemeGroupPage(title="Fortrolig temagruppe"))
    restrict(secret_group, PageViewRestriction.GROUPS)
    # A public symbiosis in the restricted theme group: shown, but never the group.
    in_secret_group = make_symbiose("Vand i lukket gruppe", firma, forsyning, resource="Regnvand")
    in_secret_group.theme_group = secret_group
    in_secret_group.save_revision().publish()

    news_index = NewsIndexPage.objects.get(locale__language_code="da")
    secret_news = add_page(
        news_index,
        NewsPage(title="Hemmelig nyhed om fusion", teaser="Intern besked til bestyrelsen."),
    )
    secret_news.theme_groups = [ThemeGroupPage.objects.get(slug="energi")]
    secret_news.save_revision().publish()
    restrict(secret_news, PageViewRestriction.PASSWORD)

    home = HomePage.objects.get(locale__language_code="da")
    secret_page = add_page(
        home, ContentPage(title="Intern side for bestyrelsen", show_in_menus=True)
    )
    restrict(secret_page, PageViewRestriction.LOGIN)
    below = add_page(secret_page, ContentPage(title="Referat fra lukket møde", show_in_menus=True))
    pages = [secret_partner, secret_symbiose, secret_group, secret_news, secret_page, below]
    return {"pages": pages, "with_secret_partner": with_secret_partner}


def public_addresses():
    """Every address an anonymous visitor can read, in both languages: every live, public
    page, the feeds and open data of those that have them, the search for each restricted
    title's words, the sitemap and the outage feed."""
    addresses = ["/sitemap.xml", "/driftsforstyrrelser.atom", "/status.json"]
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        url = page.url
        addresses.append(url)
        if isinstance(page, NewsIndexPage | ThemeGroupPage | SymbioseIndexPage):
            addresses.append(f"{url}feed.atom")
        if isinstance(page, SymbioseIndexPage):
            for data in ("data.json", "data.csv", "data-excel.csv"):
                addresses.append(f"{url}{data}")
            # A filter by the restricted theme group is no filter at all.
            addresses.append(f"{url}?tema=fortrolig-temagruppe")
            addresses.append(f"{url}data.json?tema=fortrolig-temagruppe")
    for words in (
        "skjult partner",
        "lukket symbiose",
        "fortrolig",
        "hemmelig nyhed",
        "intern",
        "samarbejde",
    ):
        addresses += [f"/soeg/?q={words}", f"/en/search/?q={words}"]
    return addresses


def secrets(pages):
    """What must not be read: each restricted page's title, slug and address."""
    for page in pages:
        yield from (page.title, page.slug, page.url)


def test_restricted_pages_are_named_on_no_public_address(client, private):
    restricted = private["pages"]
    for page in restricted:  # each is really restricted
        response = client.get(page.url)
        assert response.status_code in (200, 302)
        assert page.title not in response.content.decode()
    addresses = public_addresses()
    assert "/en/" in addresses and "/en/symbioses/data.json" in addresses
    leaks = []
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        body = response.content.decode("utf-8-sig")
        leaks += [(address, secret) for secret in secrets(restricted) if secret in body]
        # The restricted symbiosis counts in no figure, and the symbiosis of the restricted
        # partner is left out with it (its title names the partner's business).
        leaks += [(address, figure) for figure in SECRET_FIGURE if figure in body]
        named = private["with_secret_partner"]
        if address != named.url:
            leaks += [(address, text) for text in (named.title, named.url) if text in body]
    assert not leaks, "\n".join(f"{address}: {secret}" for address, secret in leaks)


def test_a_symbiosis_asks_for_its_restricted_partners_password(client, private):
    symbiose = private["with_secret_partner"]
    response = client.get(symbiose.url)
    assert "Skjult Partner Aps" not in response.content.decode()
    assert 'name="password"' in response.content.decode()
    restriction = PageViewRestriction.objects.get(page__title="Skjult Partner Aps")
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{symbiose.pk}/",
        {"password": "hemmelig", "return_url": symbiose.url},
    )
    assert "Skjult Partner Aps" in client.get(symbiose.url).content.decode()


def test_a_restricted_theme_group_filters_nothing(client, private):
    everything = client.get("/symbioser/data.json").json()
    filtered = client.get("/symbioser/data.json?tema=fortrolig-temagruppe").json()
    assert filtered["filtre"] == {}
    assert filtered["antal"] == everything["antal"]


def test_restricting_a_partner_rebuilds_the_brochure_without_it(
    client, launch, django_capture_on_commit_callbacks
):
    without_launch_catalogue()
    public, secret = make_partner("Varmeværket"), make_partner("Skjult Partner Aps")
    make_symbiose(
        "Samarbejde med ukendt", public, secret, results=[("Job", 3, "arbejdspladser", 2025)]
    )
    build_all()
    assert "Skjult Partner Aps" in pdf_text(client.get("/brochure.pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        restrict(secret, PageViewRestriction.PASSWORD)
    for address in ("/brochure.pdf", "/en/brochure.pdf"):
        text = pdf_text(client.get(address))
        assert "Skjult Partner Aps" not in text
        assert "Samarbejde med ukendt" not in text


def pdf_text(response):
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_restricted_translation_is_named_by_no_language_link(client, launch):
    om = launch["om"]
    english = om.get_translation(Locale.objects.get(language_code="en"))
    english_path = english.get_url()
    assert english_path in client.get(om.get_url()).content.decode()  # public: linked
    restrict(english, PageViewRestriction.PASSWORD)
    danish = client.get(om.get_url()).content.decode()
    assert english_path not in danish  # neither the head's hreflang nor the header's switch
    assert '<a href="/en/" hreflang="en" lang="en"' in danish  # English: its home page
