"""Findable and linkable (issue 13): the sitemap, robots.txt, security.txt, canonical
addresses, Open Graph and Twitter cards, JSON-LD, breadcrumbs and the footer's accessibility
contact."""

import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.checks import run_checks
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.query import PageQuerySet
from wagtail_factories import ImageFactory

from pages.models import ContentPage
from pages.site_settings import SiteSettings
from symbioses.models import PartnerPage
from tests.catalogue import add_page
from tests.conftest import PAGE_TYPE_URLS

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def root():
    return Site.objects.get(is_default_site=True).root_url


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def sitemap(client, **headers):
    response = client.get("/sitemap.xml", **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    urls = {}
    for url in ET.fromstring(response.content).iter(f"{SITEMAP}url"):
        alternates = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
        lastmod = url.find(f"{SITEMAP}lastmod")
        urls[url.find(f"{SITEMAP}loc").text] = {
            "lastmod": lastmod.text if lastmod is not None else None,
            "alternates": alternates,
        }
    return urls


def restricted_page(home):
    page = add_page(home, ContentPage(title="Hemmelig side", slug="hemmelig-side"))
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    return page


# The sitemap ---------------------------------------------------------------------------------


def test_sitemap_lists_every_public_page_in_both_languages(client, examples):
    hidden = restricted_page(examples["home"])
    urls = sitemap(client)
    homes = Page.objects.filter(depth=2).live()
    assert {home.locale.language_code for home in homes} == {"da", "en"}
    expected = set()
    for home in homes:
        for page in home.get_descendants(inclusive=True).live().public():
            expected.add(page.get_full_url())
    assert expected
    assert set(urls) == expected
    assert f"{root()}/" in urls and f"{root()}/en/about/" in urls
    assert hidden.get_full_url() not in urls
    assert "Hemmelig" not in client.get("/sitemap.xml").content.decode()
    assert f"{root()}{PAGE_TYPE_URLS['JoinFormPage']}" in urls


def test_sitemap_gives_hreflang_alternates_and_the_last_publish(client, launch):
    om = Page.objects.get(pk=launch["om"].pk)
    urls = sitemap(client)
    entry = urls[f"{root()}/om-symbiose-hillerod/"]
    assert entry["alternates"] == {
        "da": f"{root()}/om-symbiose-hillerod/",
        "en": f"{root()}/en/about/",
        "x-default": f"{root()}/om-symbiose-hillerod/",
    }
    assert urls[f"{root()}/en/about/"]["alternates"] == entry["alternates"]
    assert entry["lastmod"] == timezone.localtime(om.last_published_at).date().isoformat()


def test_sitemap_uses_the_sites_address_not_the_requests_host(client, launch):
    urls = sitemap(client, HTTP_HOST="localhost")
    assert all(url.startswith(f"{root()}/") for url in urls)
    assert root().startswith("http://127.0.0.1")


def test_a_page_in_one_language_has_no_alternates(client, launch):
    only = add_page(launch["home"], ContentPage(title="Kun dansk", slug="kun-dansk"))
    assert sitemap(client)[only.get_full_url()]["alternates"] == {}


# robots.txt and security.txt -----------------------------------------------------------------


def test_robots_txt_points_to_the_sitemap_and_keeps_admin_and_search_out(client, launch):
    response = client.get("/robots.txt", HTTP_HOST="localhost")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/admin/", "/soeg/", "/en/search/", "/documents/authenticate_with_password/"):
        assert f"Disallow: {path}" in lines
    assert f"Sitemap: {root()}/sitemap.xml" in lines
    assert "Disallow: /" not in lines


def security_fields(response):
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    return dict(line.split(": ", 1) for line in response.content.decode().splitlines())


def test_security_txt_from_the_settings(client, launch, settings):
    settings.SECURITY_CONTACT = "sikkerhed@example.dk"
    fields = security_fields(client.get("/.well-known/security.txt"))
    assert fields["Contact"] == "mailto:sikkerhed@example.dk"
    assert fields["Preferred-Languages"] == "da, en"
    assert fields["Canonical"] == f"{root()}/.well-known/security.txt"
    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    now = datetime.now(UTC)
    assert now + timedelta(days=30) < expires < now + timedelta(days=365)


def test_security_txt_with_a_set_expiry(client, launch, settings):
    settings.SECURITY_CONTACT = "https://example.dk/sikkerhed"
    settings.SECURITY_TXT_EXPIRES = "2031-03-01"
    fields = security_fields(client.get("/.well-known/security.txt"))
    assert fields["Contact"] == "https://example.dk/sikkerhed"
    assert fields["Expires"] == "2031-03-01T00:00:00Z"


def test_security_txt_without_a_contact_is_not_served(client, launch, settings):
    settings.SECURITY_CONTACT = ""
    assert client.get("/.well-known/security.txt").status_code == 404
    ids = [message.id for message in run_checks(include_deployment_checks=True)]
    assert "seo.W003" in ids


@pytest.mark.parametrize(
    ("value", "check"),
    [
        ("2020-01-01", "seo.W001"),
        ((datetime.now(UTC) + timedelta(days=400)).date().isoformat(), "seo.W002"),
        ("next year", "seo.E001"),
        ((datetime.now(UTC) + timedelta(days=200)).strftime("%Y-%m-%dT%H:%M:%SZ"), None),
        ("", None),
    ],
    # Fixed ids: the values hold today's date, and xdist's workers must collect the same ids.
    ids=["past", "over-a-year-ahead", "not-a-date", "half-a-year-ahead", "unset"],
)
def test_system_checks_catch_a_wrong_expiry(settings, value, check):
    settings.SECURITY_TXT_EXPIRES = value
    ids = {message.id for message in run_checks() if message.id.startswith("seo.")}
    assert ids == ({check} if check else set())


# Canonical, Open Graph, Twitter cards ------------------------------------------------------------


def meta(page, name):
    tag = page.find("meta", attrs={"property": name}) or page.find("meta", attrs={"name": name})
    return tag["content"] if tag else None


@pytest.mark.parametrize(("page_type", "url"), PAGE_TYPE_URLS.items())
def test_every_page_type_has_canonical_and_sharing_tags(client, examples, page_type, url):
    page = soup(client.get(url))
    canonical = page.find_all("link", rel="canonical")
    assert [link["href"] for link in canonical] == [f"{root()}{url}"]
    assert meta(page, "og:url") == f"{root()}{url}"
    assert meta(page, "og:type") == ("article" if page_type == "NewsPage" else "website")
    assert meta(page, "og:site_name") == "Symbiose Hillerød"
    assert meta(page, "og:title") and meta(page, "og:title") in page.find("title").text
    assert meta(page, "og:description") == meta(page, "description")
    assert meta(page, "og:locale") == "da_DK"
    assert meta(page, "og:image").startswith(f"{root()}/")
    assert meta(page, "og:image:alt")
    assert meta(page, "twitter:card") == "summary_large_image"


def test_a_filtered_catalogue_is_canonically_the_catalogue(client, examples):
    page = soup(client.get("/symbioser/?dimension=miljo&status=drift"))
    assert page.find("link", rel="canonical")["href"] == f"{root()}/symbioser/"
    assert meta(page, "og:url") == f"{root()}/symbioser/"


def test_english_pages_name_their_locale_and_the_danish_one(client, launch):
    page = soup(client.get("/en/about/"))
    assert page.find("link", rel="canonical")["href"] == f"{root()}/en/about/"
    assert meta(page, "og:locale") == "en_GB"
    alternates = [tag["content"] for tag in page.find_all("meta", property="og:locale:alternate")]
    assert alternates == ["da_DK"]
    assert meta(soup(client.get("/om-symbiose-hillerod/")), "og:locale:alternate") == "en_GB"


def test_without_an_image_the_default_share_image(client, launch):
    page = soup(client.get("/om-symbiose-hillerod/"))
    assert meta(page, "og:image") == f"{root()}/static/img/share-default.png"
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
    assert meta(page, "og:image:alt") == "Symbiose Hillerød"


def test_the_pages_own_image_is_shared_when_none_is_chosen(client, examples):
    partner = PartnerPage.objects.get(slug="eksempel-forsyningen")
    partner.logo = ImageFactory(description="Forsyningens logo", file__width=1600, file__height=900)
    partner.save_revision().publish()
    page = soup(client.get(PAGE_TYPE_URLS["PartnerPage"]))
    image = meta(page, "og:image")
    assert image.startswith(f"{root()}/media/images/") and ".fill-1200x630" in image
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
    assert meta(page, "og:image:alt") == "Forsyningens logo"


def test_an_editors_share_image_wins(client, launch):
    om = launch["om"]
    om.share_image = ImageFactory(
        description="Partnere ved varmeveksleren", file__width=2400, file__height=1400
    )
    om.search_description = "Sådan arbejder netværket."
    om.seo_title = "Om netværket"
    om.save_revision().publish()
    page = soup(client.get("/om-symbiose-hillerod/"))
    image = meta(page, "og:image")
    assert image.startswith(f"{root()}/media/images/") and ".fill-1200x630" in image
    assert client.get(image.removeprefix(root())).status_code == 200
    assert meta(page, "og:image:alt") == "Partnere ved varmeveksleren"
    assert meta(page, "og:description") == "Sådan arbejder netværket."
    assert meta(page, "og:title") == "Om netværket"


def field_names(panels):
    for panel in panels:
        if getattr(panel, "field_name", None):
            yield panel.field_name
        yield from field_names(getattr(panel, "children", []))


def test_every_page_model_has_a_share_image_in_the_promote_tab():
    models = [model for model in get_page_models() if model is not Page]
    assert len(models) >= 8
    for model in models:
        promote = model.get_edit_handler().children[1]  # content, promote, settings
        fields = set(field_names(promote.children))
        assert {"share_image", "search_description", "seo_title"} <= fields, model


def test_the_share_image_can_be_chosen_in_the_admin(client, launch, admin_user):
    client.force_login(admin_user)
    response = client.get(f"/admin/pages/{launch['om'].pk}/edit/")
    assert response.status_code == 200
    assert 'name="share_image"' in response.content.decode()


def test_a_page_class_can_say_it_is_an_article(client, launch, monkeypatch):
    monkeypatch.setattr(ContentPage, "og_type", "article", raising=False)
    assert meta(soup(client.get("/om-symbiose-hillerod/")), "og:type") == "article"


# JSON-LD -------------------------------------------------------------------------------------


def structured(page):
    return [
        json.loads(script.string) for script in page.find_all("script", type="application/ld+json")
    ]


def of_type(blocks, kind):
    return [block for block in blocks if block["@type"] == kind]


@pytest.mark.parametrize("url", ["/", "/om-symbiose-hillerod/", "/en/about/", "/ingen-side/"])
def test_organization_with_its_emergency_contact_point(client, launch, url):
    response = client.get(url)
    page = BeautifulSoup(response.content, "html.parser")
    [organisation] = of_type(structured(page), "Organization")
    assert organisation["@context"] == "https://schema.org"
    assert organisation["name"] == "Symbiose Hillerød"
    assert organisation["url"] == f"{root()}/"
    assert organisation["logo"] == f"{root()}/static/img/logo.png"
    parent = organisation["parentOrganization"]
    assert parent == {
        "@type": "Organization",
        "name": "Hillerød Forsyning",
        "url": "https://hillerodforsyning.dk/",
    }
    contact = organisation["contactPoint"]
    assert contact["@type"] == "ContactPoint"
    assert contact["contactType"] == "emergency"
    assert contact["telephone"] == f"+45{SiteSettings.load().hotline_phone}"
    hours = contact["hoursAvailable"]
    assert hours["@type"] == "OpeningHoursSpecification"
    assert [day.rsplit("/", 1)[1] for day in hours["dayOfWeek"]] == [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ]  # fmt: skip
    assert (hours["opens"], hours["closes"]) == ("00:00", "23:59")
    assert {"@type": "AdministrativeArea", "name": "Hillerød Kommune"} in contact["areaServed"]
    assert contact["availableLanguage"] == ["da", "en"]


def test_the_contact_point_follows_the_site_settings(client, launch):
    site_settings = SiteSettings.load()
    site_settings.hotline_phone = "70203040"
    site_settings.save()
    [organisation] = of_type(structured(soup(client.get("/"))), "Organization")
    assert organisation["contactPoint"]["telephone"] == "+4570203040"


def test_breadcrumb_list_in_order_with_absolute_addresses(client, examples):
    url = PAGE_TYPE_URLS["SymbiosePage"]
    page = soup(client.get(url))
    [trail] = of_type(structured(page), "BreadcrumbList")
    items = trail["itemListElement"]
    assert [item["position"] for item in items] == [1, 2, 3]
    assert [item["item"] for item in items] == [
        f"{root()}/",
        f"{root()}/symbioser/",
        f"{root()}{url}",
    ]
    assert items[2]["name"] == page.find("h1").get_text(strip=True)
    assert not of_type(structured(soup(client.get("/"))), "BreadcrumbList")


def test_json_ld_cannot_close_its_script(client, launch):
    om = launch["om"]
    om.title = "Om </script><script>alert(1)</script> & mere"
    om.save_revision().publish()
    html = client.get("/om-symbiose-hillerod/").content.decode()
    data = html.split('<script type="application/ld+json">')[2].split("</script>")[0]
    assert "<" not in data and "&" not in data
    assert json.loads(data)["itemListElement"][1]["name"] == om.title


# Breadcrumbs ---------------------------------------------------------------------------------


def crumbs(page):
    nav = page.find("nav", class_="breadcrumbs")
    if nav is None:
        return None
    assert nav.parent.name == "main"
    assert nav["aria-label"]
    return nav, [(link.get_text(strip=True), link["href"]) for link in nav.ol.find_all("a")]


def test_breadcrumbs_below_the_home_page_in_danish(client, examples):
    nav, links = crumbs(soup(client.get(PAGE_TYPE_URLS["ThemeGroupPage"])))
    assert nav["aria-label"].startswith("Brødkrumme")
    assert [href for _title, href in links] == ["/", "/temagrupper/", "/temagrupper/energi/"]
    assert links[1][0] == "Temagrupper"
    current = nav.find_all("a")[-1]
    assert current["aria-current"] == "page"
    assert [a for a in nav.find_all("a") if a.get("aria-current")] == [current]


def test_breadcrumbs_in_english_link_english_pages(client, launch):
    page = soup(client.get("/en/theme-groups/energy/"))
    nav, links = crumbs(page)
    assert [href for _title, href in links] == [
        "/en/",
        "/en/theme-groups/",
        "/en/theme-groups/energy/",
    ]
    assert links[1][0] == "Theme groups"
    assert links[0][0] == "Front page"


def test_no_breadcrumbs_on_the_home_page(client, launch):
    assert crumbs(soup(client.get("/"))) is None
    assert crumbs(soup(client.get("/en/"))) is None


def test_breadcrumbs_cost_no_query_when_the_page_was_routed(client, launch):
    """The home page's routing found the ancestors already (pages/models.py)."""
    with mock.patch.object(PageQuerySet, "ancestor_of", side_effect=AssertionError("query")):
        nav, links = crumbs(soup(client.get("/historie/")))
    assert [href for _title, href in links] == ["/", "/historie/"]


# The footer's accessibility contact ------------------------------------------------------------


def footer_accessibility(client, url="/om-symbiose-hillerod/"):
    return soup(client.get(url)).find(id="footer-accessibility").parent


def test_footer_gives_an_address_for_accessibility_problems(client, launch):
    site_settings = SiteSettings.load()
    site_settings.contact_email = "kontakt@example.dk"
    site_settings.accessibility_email = "tilgaengelighed@example.dk"
    site_settings.save()
    section = footer_accessibility(client)
    hrefs = [link["href"] for link in section.find_all("a")]
    assert site_settings.accessibility_statement_url in hrefs
    assert "mailto:tilgaengelighed@example.dk" in hrefs
    assert "Fundet et tilgængelighedsproblem?" in section.get_text(" ", strip=True)
    english = footer_accessibility(client, "/en/about/")
    assert "Found an accessibility problem?" in english.get_text(" ", strip=True)
    assert "mailto:tilgaengelighed@example.dk" in [link["href"] for link in english.find_all("a")]


def test_without_its_own_address_the_general_contact(client, launch):
    site_settings = SiteSettings.load()
    site_settings.contact_email = "kontakt@example.dk"
    site_settings.accessibility_email = ""
    site_settings.save()
    hrefs = [link["href"] for link in footer_accessibility(client).find_all("a")]
    assert "mailto:kontakt@example.dk" in hrefs


def test_without_any_address_the_statement_says_whom_to_tell(client, launch):
    site_settings = SiteSettings.load()
    site_settings.contact_email = site_settings.accessibility_email = ""
    site_settings.save()
    section = footer_accessibility(client)
    assert not [link for link in section.find_all("a") if link["href"].startswith("mailto:")]
    assert "tilgængelighedsproblem" in section.get_text(" ", strip=True)


def test_a_preview_has_its_breadcrumbs_too(launch):
    """A preview is not routed through the home page: the ancestors take one query."""
    om = Page.objects.get(slug="historie").specific
    response = om.make_preview_request()
    if hasattr(response, "render"):
        response.render()
    nav, links = crumbs(soup(response))
    assert [href for _title, href in links] == ["/", "/historie/"]
