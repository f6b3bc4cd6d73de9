"""The network's real symbioses, partners and history at launch: real (never "Eksempel"), each
symbiosis with its source, no invented result, a dated timeline, and English versions."""

import csv
import io
import re
from datetime import date

import pytest
from django.core.management import call_command
from wagtail.models import Page

from launch import network_content
from pages.models import ContentPage
from symbioses.models import PartnerPage, SymbiosePage
from tests.test_catalogue_pages import facts, get, text

WASTEWATER = "/symbioser/syretaalende-spildevandsledning/"
COOLING = "/symbioser/fjernkoel-til-nyt-hospital-nordsjaelland/"
STEAM = "/symbioser/procesdamp-til-fujifilm-og-novo-nordisk/"
SOURCES = {
    WASTEWATER: [network_content.SN_WASTEWATER[1]],
    COOLING: [network_content.REGION_COOLING[1], network_content.DBDH_FORSYNING[1]],
    STEAM: [network_content.SN_STEAM[1]],
}
# The catalogue's Danish sentence where a symbiosis has no result (from locale/da: needs the
# merged catalogue).
NO_RESULTS = "Der er endnu ikke offentliggjort målte resultater."


def test_the_catalogue_lists_the_three_real_symbioses_without_eksempel(client, launch):
    page = get(client, "/symbioser/")
    cards = page.select(".cards .card")
    assert sorted(card.find("a")["href"] for card in cards) == sorted(SOURCES)
    assert not page.select(".badge--example")
    assert "Eksempel" not in text(page.main)
    assert not SymbiosePage.objects.filter(is_example=True).exists()
    assert not PartnerPage.objects.filter(is_example=True).exists()


def test_the_partners_named_in_the_sources_are_listed(client, launch):
    page = get(client, "/partnere/")
    titles = {text(h) for h in page.select(".card__title")}
    assert titles == {title for _slug, title, *_rest in network_content.PARTNERS}
    assert "Eksempel" not in text(page.main)


@pytest.mark.parametrize(("url", "sources"), SOURCES.items())
def test_each_symbiosis_links_its_sources_under_kilde(client, launch, url, sources):
    page = get(client, url)
    section = page.find("section", class_="sources")
    heading = text(section.h2)
    assert heading == ("Kilde" if len(sources) == 1 else "Kilder")
    assert [a["href"] for a in section.find_all("a")] == sources
    assert "Eksempel" not in text(page.main)


def test_wastewater_line_shows_the_reported_volume_with_its_source(client, launch):
    page = get(client, WASTEWATER)
    assert facts(page.find("dl", class_="facts")) == {
        "Ressource": "Surt procesvand fra rengøring af tanke (går fra Novo Nordisk til Hillerød "
        "Forsyning)",
        "Forbedrer": "Miljømæssig, økonomisk",
        "Temagruppe": "Vand og spildevand",
        "Status": "I drift",
    }
    story = text(page.find(class_="rich-text"))
    assert "Biogen" in story  # the third party, named in the story
    row = page.find("h2", string="Målte resultater").find_next("table").tbody.tr
    cells = [text(cell) for cell in row.find_all(["th", "td"])]
    assert cells[0].startswith("Surt procesvand ledt uden kemisk neutralisering")
    assert "150.000–200.000 m³ om året" in cells[0]
    assert cells[1:4] == ["150.000", "m³ vand/år", "2017"]
    assert "Sjællandske Nyheder, 19. maj 2017" in cells[-1]
    assert NO_RESULTS not in text(page.main)


@pytest.mark.parametrize("url", [COOLING, STEAM])
def test_no_invented_result_where_none_is_published(client, launch, url):
    page = get(client, url)
    results = page.find("h2", string="Målte resultater").find_parent("section")
    assert results.find("table") is None
    assert NO_RESULTS in text(results)


def test_statuses_follow_the_sources(client, launch):
    cooling = facts(get(client, COOLING).find("dl", class_="facts"))
    assert cooling["Status"] == "Under etablering"
    steam_page = get(client, STEAM)
    steam = facts(steam_page.find("dl", class_="facts"))
    assert steam["Status"] == "Idé"
    assert "Temagruppe" not in steam  # the source names none
    assert "Startet" not in steam and "Startet" not in cooling  # no date is known
    assert "Vi ved ikke, om dampværket er blevet bygget" in text(steam_page.main)


def test_open_data_carries_the_sources(client, launch):
    data = client.get("/symbioser/data.json").json()
    by_title = {item["titel"]: item for item in data["symbioser"]}
    wastewater = by_title["Syretålende spildevandsledning til surt procesvand"]
    assert wastewater["eksempel"] is False
    assert wastewater["kilder"] == [
        {
            "titel": "Ny ledning klarer fabrikkers spildevand",
            "url": network_content.SN_WASTEWATER[1],
            "udgiver": "Sjællandske Nyheder",
            "dato": "2017-05-19",
        }
    ]
    rows = list(csv.DictReader(io.StringIO(client.get("/symbioser/data.csv").content.decode())))
    cooling = next(row for row in rows if row["titel"].startswith("Fjernkøling"))
    assert cooling["kilder"].split("|") == SOURCES[COOLING]


def test_theme_group_and_partner_pages_list_each_symbiosis_once(client, launch):
    """Translations refer to the same Danish partners and theme group: they are never listed
    beside their originals."""
    group = get(client, "/temagrupper/energi/")
    assert [text(h) for h in group.select(".card__title")] == [
        "Fjernkøling til Nyt Hospital Nordsjælland"
    ]
    partner = get(client, "/partnere/novo-nordisk/")
    assert sorted(text(h) for h in partner.select(".card__title")) == [
        "Procesdamp fra et nyt dampværk til FUJIFILM og Novo Nordisk",
        "Syretålende spildevandsledning til surt procesvand",
    ]
    english = get(client, "/en/theme-groups/energy/")
    assert [text(h) for h in english.select(".card__title")] == [
        "District cooling for Nyt Hospital Nordsjælland"
    ]


# Historie ----------------------------------------------------------------------------------------


def test_history_is_an_ordered_dated_timeline_with_sources(client, launch):
    page = get(client, "/historie/")
    assert [text(h) for h in page.find_all("h1")] == ["Historie"]
    timeline = page.find("ol", class_="timeline")
    events = timeline.find_all("li", recursive=False)
    assert len(events) == len(network_content.MILESTONES)
    stamps = [event.find("time")["datetime"] for event in events]
    assert stamps[:4] == ["2013", "2014", "2014", "2017-01"]
    assert "2017-05-19" in stamps and "2022" in stamps
    assert all(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", stamp) for stamp in stamps)
    padded = [
        (stamp + "-01-01")[:10] if len(stamp) == 4 else (stamp + "-01")[:10] for stamp in stamps
    ]
    assert padded == sorted(padded)
    shown = {event.find("time")["datetime"]: text(event.find("time")) for event in events}
    assert shown["2017-04"] == "april 2017"
    assert shown["2017-05-19"] == "19. maj 2017"
    for event in events:
        link = event.find("p", class_="timeline__source").find("a")
        assert link["href"].startswith(("https://", "/om-symbiose-hillerod/")), link
    assert events[0].find("a")["href"] == "/om-symbiose-hillerod/"


def test_timeline_is_sorted_by_date_whatever_the_editors_order(client, launch):
    history = ContentPage.objects.get(slug="historie", locale__language_code="da")
    body = history.body.raw_data
    timeline = body[0]["value"]["content"][0]["value"]
    timeline["events"] = list(reversed(timeline["events"]))
    history.body = body
    history.save_revision().publish()
    stamps = [t["datetime"] for t in get(client, "/historie/").select("ol.timeline time")]
    assert stamps[0] == "2013" and stamps[-1] == "2022"


def test_history_is_in_the_menu_after_the_om_page(client, launch):
    menu = get(client, "/").find("nav", attrs={"aria-label": "Hovedmenu"})
    hrefs = [a["href"] for a in menu.find_all("a")]
    assert hrefs.index("/historie/") == hrefs.index("/om-symbiose-hillerod/") + 1
    english = get(client, "/en/").find("nav", class_="main-menu")
    hrefs = [a["href"] for a in english.find_all("a")]
    assert hrefs.index("/en/history/") == hrefs.index("/en/about/") + 1


# English -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/en/history/", "Our history"),
        ("/en/symbioses/acid-resistant-sewer/", "An acid-resistant sewer for acidic process water"),
        (
            "/en/symbioses/district-cooling-for-nyt-hospital-nordsjaelland/",
            "District cooling for Nyt Hospital Nordsjælland",
        ),
        (
            "/en/symbioses/process-steam-for-fujifilm-and-novo-nordisk/",
            "Process steam from a new steam plant for FUJIFILM and Novo Nordisk",
        ),
        ("/en/partners/hilleroed-forsyning/", "Hillerød Forsyning"),
    ],
)
def test_english_versions_exist(client, launch, url, title):
    page = get(client, url)
    assert page.html["lang"] == "en"
    assert text(page.h1) == title


def test_english_symbiosis_and_history_read_in_english(client, launch):
    steam = get(client, "/en/symbioses/process-steam-for-fujifilm-and-novo-nordisk/")
    assert "We do not know whether the steam plant has been built" in text(steam.main)
    assert text(steam.find("section", class_="sources").h2) == "Source"
    history = get(client, "/en/history/")
    events = history.select("ol.timeline > li")
    assert len(events) == len(network_content.MILESTONES)
    assert text(events[0].find("time")) == "2013"
    assert events[0].find("a")["href"] == "/en/about/"  # our own page, in English
    assert text(events[1].find(class_="timeline__source")).endswith("2020, in Danish)")
    english_list = get(client, "/en/symbioses/")
    titles = {text(h) for h in english_list.select(".card__title")}
    assert "An acid-resistant sewer for acidic process water" in titles


# Alongside the examples, and loading again --------------------------------------------------------


def test_real_and_example_content_coexist(client, examples):
    page = get(client, "/symbioser/")
    cards = page.select(".cards .card")
    labelled = [card for card in cards if card.select(".badge--example")]
    assert len(labelled) == SymbiosePage.objects.filter(is_example=True).live().count() > 0
    assert len(cards) - len(labelled) == 3
    titles = [text(card.find(class_="card__title")) for card in cards]
    assert len(titles) == len(set(titles))


def test_loading_again_neither_duplicates_nor_restores_deleted_content(launch):
    pages = Page.objects.count()
    steam = SymbiosePage.objects.get(slug="procesdamp-til-fujifilm-og-novo-nordisk")
    steam.delete()  # an editor: the plant was never built
    niras = PartnerPage.objects.get(slug="niras", locale__language_code="da")
    niras.description = "Redaktørens tekst."
    niras.save_revision().publish()
    call_command("load_launch_content", verbosity=0)
    assert not SymbiosePage.objects.filter(slug="procesdamp-til-fujifilm-og-novo-nordisk").exists()
    assert PartnerPage.objects.get(pk=niras.pk).description == "Redaktørens tekst."
    assert Page.objects.count() == pages - 1  # the deleted one (its English page is separate)


def test_real_content_dates_are_only_those_the_sources_give(launch):
    assert not SymbiosePage.objects.exclude(start_date=None).exists()
    wastewater = SymbiosePage.objects.get(slug="syretaalende-spildevandsledning")
    assert [source.date for source in wastewater.sources.all()] == [date(2017, 5, 19)]


def test_a_timeline_source_needs_an_address_or_a_page(db):
    from wagtail.blocks import StructBlockValidationError

    from pages.blocks import TimelineEventBlock

    block = TimelineEventBlock()
    event = {"date": "2017-04-01", "precision": "month", "text": "Et møde.", "source_page": None}
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({**event, "source_title": "Avisen", "source_url": ""}))
    cited = {**event, "source_title": "Avisen", "source_url": "https://example.dk/"}
    assert block.clean(block.to_python(cited))["source_url"] == "https://example.dk/"
