"""The English door: Danish at /, English under /en/, a language switch and hreflang on every
page, the English launch pages made through wagtail-localize, and the catalogue in English with
untranslated items shown in Danish, marked as such."""

import io
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource

from launch import content, content_en
from launch.translation import translate
from pages.models import ContentPage, HomePage
from pages.site_settings import SiteSettings
from symbioses.models import SymbiosePage

ENGLISH_PAGES = {
    "/en/": "Symbiose Hillerød",
    "/en/about/": "About Symbiose Hillerød",
    "/en/history/": "Our history",
    "/en/symbioses/": "Symbioses",
    "/en/partners/": "Partners",
    "/en/theme-groups/": "Theme groups",
    "/en/theme-groups/water-and-wastewater/": "Water and wastewater",
    "/en/theme-groups/waste/": "Waste",
    "/en/theme-groups/energy/": "Energy (district heating and cooling)",
    "/en/theme-groups/infrastructure/": "Infrastructure",
    "/en/theme-groups/skills-and-education/": "Skills and education",
    "/en/join/": "Join Symbiose Hillerød",
}


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def switch_link(page):
    nav = page.find("nav", class_="language-switch")
    assert nav is not None, "no language switch in the header"
    assert nav.find_parent("header") is not None
    links = nav.find_all("a")
    assert len(links) == 1
    return links[0]


def alternates(page):
    """hreflang -> address; absolute, on the site's own address."""
    site = Site.objects.get(is_default_site=True).root_url
    found = {}
    for link in page.find_all("link", rel="alternate", hreflang=True):
        assert link["href"].startswith(f"{site}/")
        found[link["hreflang"]] = path(link["href"])
    return found


def path(url):
    return urlsplit(url).path


@pytest.mark.parametrize(("url", "title"), ENGLISH_PAGES.items())
def test_every_english_launch_page_is_english(client, launch, url, title):
    page = soup(client.get(url))
    assert page.html["lang"] == "en"
    assert page.h1.get_text(strip=True) == title
    assert switch_link(page).get_text(strip=True) == "Dansk"
    footer = page.find("footer")
    assert footer.h2.get_text(strip=True) == "Emergency operational problems"
    assert "48 23 10 00" in footer.get_text()
    assert "Akutte driftsproblemer" not in footer.get_text()


def test_danish_home_offers_english_and_the_reverse(client, launch):
    danish = soup(client.get("/"))
    assert danish.html["lang"] == "da"
    link = switch_link(danish)
    assert (link.get_text(strip=True), link["lang"], link["hreflang"]) == ("English", "en", "en")
    assert path(link["href"]) == "/en/"
    english = soup(client.get(path(link["href"])))
    back = switch_link(english)
    assert (back["lang"], back["hreflang"], path(back["href"])) == ("da", "da", "/")


def test_the_switch_leads_to_the_same_page_in_the_other_language(client, launch):
    danish = soup(client.get("/om-symbiose-hillerod/"))
    assert path(switch_link(danish)["href"]) == "/en/about/"
    assert alternates(danish) == {
        "da": "/om-symbiose-hillerod/",
        "en": "/en/about/",
        "x-default": "/om-symbiose-hillerod/",
    }
    english = soup(client.get("/en/about/"))
    assert path(switch_link(english)["href"]) == "/om-symbiose-hillerod/"
    assert alternates(english) == alternates(danish)


def test_the_english_about_page_is_our_english_text(client, launch):
    page = soup(client.get("/en/about/"))
    text = page.main.get_text(" ", strip=True)
    assert content_en.ENGLISH_MISSION in text
    assert [h.get_text(strip=True) for h in page.main.find_all("h2")][:4] == [
        "Mission",
        "Goals",
        "What a symbiosis means to us",
        "Background",
    ]
    assert "bæredygtig" not in text  # no Danish sentence left behind
    home = soup(client.get("/en/"))
    assert home.find("a", href="/en/about/") is not None  # the English home leads on in English


def test_english_launch_pages_are_wagtail_localize_translations(launch):
    english = Locale.objects.get(language_code="en")
    om = launch["om"]
    translation = Translation.objects.get(
        source__object_id=om.translation_key, target_locale=english
    )
    po = translation.export_po()
    assert {entry.msgid: entry.msgstr for entry in po}[
        content.MISSION
    ] == content_en.ENGLISH_MISSION
    assert all(entry.msgstr for entry in po)


def test_every_danish_launch_text_has_its_english(db):
    err = io.StringIO()
    call_command("load_launch_content", verbosity=0, stderr=err)
    assert err.getvalue() == ""
    english_urls = {page.url for page in Page.objects.filter(locale__language_code="en")}
    assert set(ENGLISH_PAGES) <= english_urls


def test_launch_keeps_an_editors_english(client, launch):
    about = ContentPage.objects.get(locale__language_code="en", slug="about")
    about.title = "About us"
    about.save_revision().publish()
    call_command("load_launch_content", verbosity=0)
    assert ContentPage.objects.get(pk=about.pk).title == "About us"


def test_a_danish_text_without_english_is_refused_not_half_translated(launch):
    english = Locale.objects.get(language_code="en")
    om = launch["om"]
    Translation.objects.filter(source__object_id=om.translation_key).delete()
    om.get_translation(english).delete()
    with pytest.raises(Exception, match="No English"):
        translate(om, english, {})
    assert om.get_translation_or_none(english) is None


def test_untranslated_pages_are_not_served_under_en(client, launch):
    assert client.get("/en/om-symbiose-hillerod/").status_code == 404
    page = BeautifulSoup(client.get("/en/om-symbiose-hillerod/").content, "html.parser")
    assert page.html["lang"] == "en"
    assert page.h1.get_text(strip=True) == "Page not found"


def test_language_comes_from_the_address_not_the_browser(client, launch):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert soup(response).html["lang"] == "da"
    assert "accept-language" not in response.get("Vary", "").lower()
    response = client.get("/en/", HTTP_ACCEPT_LANGUAGE="da")
    assert soup(response).html["lang"] == "en"
    assert "accept-language" not in response.get("Vary", "").lower()


def test_english_footer_text_comes_from_the_settings(client, launch):
    site_settings = SiteSettings.load()
    site_settings.hotline_text_en = "Call the duty officer at any hour."
    site_settings.save()
    footer = soup(client.get("/en/about/")).find("footer")
    assert "Call the duty officer at any hour." in footer.get_text()
    footer = soup(client.get("/om-symbiose-hillerod/")).find("footer")
    assert "Call the duty officer" not in footer.get_text()


def test_english_catalogue_shows_untranslated_symbioses_in_danish(client, examples):
    page = soup(client.get("/en/symbioses/"))
    titles = {
        card.find(class_="card__title").get_text(strip=True): card.find(class_="card__title")
        for card in page.find_all("li", class_="card")
    }
    assert "Overskudsvarme fra datacenter til fjernvarme" in titles
    assert titles["Overskudsvarme fra datacenter til fjernvarme"]["lang"] == "da"
    # Interface words around them are English.
    assert page.find("dt").get_text(strip=True) == "Resource"


def test_a_translated_symbiosis_replaces_the_danish_one(client, examples):
    english = Locale.objects.get(language_code="en")
    symbiose = SymbiosePage.objects.get(slug="eksempel-overskudsvarme-datacenter")
    source, _ = TranslationSource.get_or_create_from_instance(symbiose)
    translation = Translation.objects.create(source=source, target_locale=english)
    po = translation.export_po()
    for entry in po:
        entry.msgstr = (
            "Example: surplus heat from a data centre"
            if entry.msgid == symbiose.title
            else entry.msgid
        )
    translation.import_po(po)
    translation.save_target(publish=False)
    symbiose.get_translation(english).get_latest_revision().publish()

    page = soup(client.get("/en/symbioses/"))
    titles = [card.find(class_="card__title") for card in page.find_all("li", class_="card")]
    translated = [title for title in titles if "surplus heat" in title.get_text()]
    assert len(translated) == 1 and not translated[0].has_attr("lang")
    assert not any("Overskudsvarme fra datacenter" in title.get_text() for title in titles)
    # The filters and totals still count it once.
    assert len(titles) == SymbiosePage.objects.filter(locale__language_code="da").live().count()


def test_english_theme_group_lists_the_danish_groups_symbioses(client, examples):
    danish = soup(client.get("/temagrupper/energi/"))
    english = soup(client.get("/en/theme-groups/energy/"))
    assert (
        len(english.find_all("li", class_="card")) == len(danish.find_all("li", class_="card")) > 0
    )


def test_english_filter_values_match_the_danish(client, examples):
    danish = client.get("/symbioser/?tema=energi")
    english = client.get("/en/symbioses/?tema=energi")
    count = len(soup(danish).find_all("li", class_="card"))
    assert count > 0
    assert len(soup(english).find_all("li", class_="card")) == count
    option = soup(english).find("select", attrs={"name": "tema"}).find("option", selected=True)
    assert (option["value"], option.get_text(strip=True)) == (
        "energi",
        "Energy (district heating and cooling)",
    )


def test_open_data_answers_in_both_languages(client, examples):
    danish = client.get("/symbioser/data.json").json()
    english = client.get("/en/symbioses/data.json").json()
    assert len(english["symbioser"]) == len(danish["symbioser"]) > 0


def test_the_english_home_is_a_translation_of_the_danish(launch):
    english = HomePage.objects.get(locale__language_code="en")
    assert english.translation_key == launch["home"].translation_key
    # About, History, the three listings, the join form and the news
    assert english.get_children().live().count() == 7
