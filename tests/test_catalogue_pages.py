"""What visitors see in the catalogue: pages, filters, totals, the diagram and open data."""

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from symbioses.models import PartnerPage, SymbiosePage, ThemeGroupPage
from tests.catalogue import make_partner, make_symbiose, without_launch_catalogue


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def text(node):
    return " ".join(node.get_text(" ").split())


def facts(dl):
    """A definition list as {term: description}."""
    return {text(div.dt): text(div.dd) for div in dl.find_all("div")}


@pytest.fixture
def catalogue(launch):
    """Known partners and symbioses, alone in the catalogue."""
    without_launch_catalogue()
    forsyning = make_partner("Forsyningen", "forsyning")
    firma = make_partner("Datacentret", "virksomhed", website="https://datacenter.example")
    skole = make_partner("Skolen", "uddannelse")
    heat = make_symbiose(
        "Overskudsvarme til fjernvarme",
        firma,
        forsyning,
        flow="a_til_b",
        theme="energi",
        economic=True,
        investment=12_000_000,
        investment_by="Forsyningen",
        yearly_saving=1_500_000,
        saving_to="Fjernvarmekunderne",
        results=[
            ("Leveret varme", "18500", "mwh_aar", 2024),
            ("Sparet CO₂", "1234.5", "t_co2e_aar", 2024),
        ],
    )
    jobs = make_symbiose(
        "Praktikpladser",
        forsyning,
        skole,
        environmental=False,
        social=True,
        theme="kompetence-og-uddannelse",
        resource="Praktikpladser",
        results=[("Elever i praktik", "14", "elever", 2023)],
    )
    draft = make_symbiose("Hemmelig kladde", firma, skole, publish=False, resource="Hemmelighed")
    return {
        "forsyning": forsyning,
        "firma": firma,
        "skole": skole,
        "heat": heat,
        "jobs": jobs,
        "draft": draft,
    }


# The index page ----------------------------------------------------------------------------------


def test_index_lists_published_symbioses_with_hits_and_totals(client, catalogue):
    page = get(client, "/symbioser/")
    assert text(page.find(class_="hits")) == "2 symbioser"
    titles = [text(h) for h in page.select(".cards .card__title")]
    assert titles == ["Overskudsvarme til fjernvarme", "Praktikpladser"]
    totals = page.find("section", class_="totals")
    assert "Samlet effekt" in text(totals)
    rows = {
        text(tr.th): [text(td) for td in tr.find_all("td")] for tr in totals.tbody.find_all("tr")
    }
    assert rows["t CO₂e/år"] == ["1.234,5", "2024", "1"]
    assert rows["MWh/år"] == ["18.500", "2024", "1"]
    assert rows["elever/praktikpladser"] == ["14", "2023", "1"]


def test_index_filters_by_get_parameters(client, catalogue):
    page = get(client, "/symbioser/?dimension=social")
    assert text(page.find(class_="hits")) == "1 symbiose passer til filtrene"
    assert [text(h) for h in page.select(".card__title")] == ["Praktikpladser"]
    rows = page.find("section", class_="totals").tbody.find_all("tr")
    assert [text(tr.th) for tr in rows] == ["elever/praktikpladser"]
    assert (
        page.find("select", attrs={"name": "dimension"}).find("option", selected=True)["value"]
        == "social"
    )


@pytest.mark.parametrize(
    "query",
    [
        "?dimension=alt",
        "?status=%00",
        "?tema=../../etc",
        "?partnertype=" + "x" * 3000,
        "?foo=bar",
        "?dimension=miljo&dimension=<b>",
    ],
)
def test_garbage_parameters_show_everything_without_error(client, catalogue, query):
    page = get(client, "/symbioser/" + query)
    assert text(page.find(class_="hits")) == "2 symbioser"


def test_no_matches_is_a_helpful_empty_state(client, catalogue):
    page = get(client, "/symbioser/?status=afsluttet")
    assert text(page.find(class_="hits")) == "0 symbioser passer til filtrene"
    empty = page.find(class_="empty-state")
    assert "Ingen symbioser passer til disse filtre." in text(empty)
    assert empty.find("a")["href"] == "/symbioser/"


def test_empty_catalogue_explains_itself(client, launch):
    without_launch_catalogue()
    page = get(client, "/symbioser/")
    assert "Der er endnu ikke offentliggjort nogen symbioser." in text(
        page.find(class_="empty-state")
    )


def test_filters_are_one_control_that_summarises_the_active_ones(client, catalogue):
    form = get(client, "/symbioser/").find("form", class_="filters")
    details = form.find("details")
    assert not details.has_attr("open")  # site.js opens it on wide screens
    assert text(details.summary) == "Filtrér"
    assert details.find("select", attrs={"name": "dimension"})
    form = get(client, "/symbioser/?dimension=social&status=drift&tema=nope").find(
        "form", class_="filters"
    )
    # "aktive" needs the merged catalogue (msgid "active: %(names)s")
    assert text(form.summary) == "Filtrér (aktive: Social, I drift)"


def test_filter_form_works_without_javascript(client, catalogue):
    form = get(client, "/symbioser/").find("form", class_="filters")
    assert form["method"] == "get"
    assert {select["name"] for select in form.find_all("select")} == {
        "dimension",
        "tema",
        "status",
        "partnertype",
    }
    assert "Energi (fjernvarme og fjernkøl)" in text(form)
    assert form.find("button", type="submit")


# A symbiose page ---------------------------------------------------------------------------------


def test_symbiose_page_shows_parties_results_and_business_case(client, catalogue):
    page = get(client, catalogue["heat"].url)
    assert text(page.h1) == "Overskudsvarme til fjernvarme"
    lead = page.find(class_="lead")
    assert [a["href"] for a in lead.find_all("a")] == [
        catalogue["firma"].url,
        catalogue["forsyning"].url,
    ]
    assert facts(page.find("dl", class_="facts")) == {
        "Ressource": "Overskudsvarme (går fra Datacentret til Forsyningen)",
        "Forbedrer": "Miljømæssig, økonomisk",
        "Temagruppe": "Energi (fjernvarme og fjernkøl)",
        "Status": "I drift",
    }
    results = page.find("h2", string="Målte resultater").find_next("table")
    assert [text(td) for td in results.tbody.find("tr").find_all(["th", "td"])][:4] == [
        "Leveret varme",
        "18.500",
        "MWh/år",
        "2024",
    ]
    # The Danish heading needs the merged catalogue (msgid "Economy"): no English left.
    assert page.find("h2", string="Business case") is None
    assert facts(page.find("h2", string="Økonomi").find_next("dl")) == {
        "Investering": "12.000.000 kr. (betales af Forsyningen)",
        "Årlig besparelse": "1.500.000 kr./år (tilfalder Fjernvarmekunderne)",
        "Tilbagebetalingstid": "8 år",
    }


def test_results_table_leaves_out_empty_columns_and_keeps_units_whole(client, catalogue):
    page = get(client, catalogue["heat"].url)
    table = page.find("h2", string="Målte resultater").find_next("table")
    headers = [text(th) for th in table.thead.find_all("th")]
    assert headers == ["Indikator", "Værdi", "Enhed", "År"]  # no baseline, no method
    assert "table--stack" in table["class"]
    row = table.tbody.find("tr")
    assert [td["data-label"] for td in row.find_all("td")] == headers[1:]
    assert text(row.find("span", class_="unit")) == "MWh/år"

    heat = catalogue["heat"]
    result = heat.results.first()
    result.baseline, result.method = 100, "Målt af forsyningen"
    result.save()
    heat.save_revision().publish()
    table = get(client, heat.url).find("h2", string="Målte resultater").find_next("table")
    assert [text(th) for th in table.thead.find_all("th")][-2:] == [
        "Udgangspunkt",
        "Metode eller kilde",
    ]
    assert len(table.tbody.find("tr").find_all("td")) == 5


def test_resource_is_a_fact_like_the_others(client, catalogue):
    """Every fact is a <div> with one <dt> and one <dd>: laid out alike (site.css)."""
    dl = get(client, catalogue["heat"].url).find("dl", class_="facts")
    for div in dl.find_all("div", recursive=False):
        assert [child.name for child in div.find_all(True, recursive=False)] == ["dt", "dd"]


@pytest.mark.parametrize(
    ("key", "listing"),
    [("heat", "/symbioser/"), ("forsyning", "/partnere/"), ("group", "/temagrupper/")],
)
def test_pages_link_back_to_their_listing(client, catalogue, key, listing):
    url = "/temagrupper/energi/" if key == "group" else catalogue[key].url
    back = get(client, url).find(class_="back-link")
    assert back.find("a")["href"] == listing
    # The words need the merged catalogue ("Back to all …" → "Tilbage til alle …").
    assert text(back).startswith("← Tilbage til alle ")


def test_example_content_is_labelled(client, launch):
    call_command("load_example_symbioses", verbosity=0)
    symbiose = SymbiosePage.objects.filter(is_example=True).first()
    assert "Eksempel" in text(get(client, symbiose.url).find("main"))
    index = get(client, "/symbioser/")
    danish = SymbiosePage.objects.live().filter(locale__language_code="da")
    examples = danish.filter(is_example=True).count()
    assert len(index.select(".card .badge--example")) == examples > 0
    assert len(index.select(".card")) == danish.count()  # and the real ones, unlabelled
    partner = PartnerPage.objects.filter(is_example=True).first()
    assert "Eksempel" in text(get(client, partner.url).find("main"))


@override_settings(EXAMPLE_CONTENT_ALLOWED=False)
def test_examples_are_never_loaded_in_production(launch):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("load_example_symbioses", verbosity=0)
    assert not SymbiosePage.objects.filter(is_example=True).exists()


# Partner and theme group pages -------------------------------------------------------------------


def test_partner_page_lists_its_symbioses_and_network(client, catalogue):
    page = get(client, catalogue["forsyning"].url)
    assert text(page.h1) == "Forsyningen"
    assert facts(page.find("dl", class_="facts")) == {"Type": "Forsyning"}
    assert [text(h) for h in page.select(".card__title")] == [
        "Overskudsvarme til fjernvarme",
        "Praktikpladser",
    ]
    svg = page.find("figure", class_="network").find("svg")
    assert {a["href"] for a in svg.find_all("a")} >= {
        catalogue["heat"].url,
        catalogue["jobs"].url,
        catalogue["firma"].url,
        catalogue["skole"].url,
    }


def test_theme_group_page_lists_members_and_symbioses(client, catalogue):
    group = ThemeGroupPage.objects.get(slug="energi")
    group.members.add(catalogue["firma"], catalogue["forsyning"])
    group.save_revision().publish()
    page = get(client, "/temagrupper/energi/")
    members = page.find("h2", id="members-heading").find_next("ul")
    assert [text(a) for a in members.find_all("a")] == ["Datacentret", "Forsyningen"]
    assert [text(h) for h in page.select(".card__title")] == ["Overskudsvarme til fjernvarme"]


def test_theme_group_members_include_the_partners_of_its_symbioses(client, catalogue):
    """Energi has one symbiosis (Datacentret → Forsyningen) and no member added by hand: its
    members are those two partners, counted as listed."""
    page = get(client, "/temagrupper/energi/")
    heading = page.find("h2", id="members-heading")
    members = heading.find_next("ul")
    assert [text(a) for a in members.find_all("a")] == ["Datacentret", "Forsyningen"]
    assert text(heading) == "Medlemmer (2)"
    assert "ingen medlemmer" not in text(page.find("main"))
    group = ThemeGroupPage.objects.get(slug="energi")
    group.members.add(catalogue["skole"], catalogue["firma"])  # one new, one already counted
    group.save_revision().publish()
    page = get(client, "/temagrupper/energi/")
    assert text(page.find("h2", id="members-heading")) == "Medlemmer (3)"
    # a group without symbioses or members still says so
    empty = get(client, "/temagrupper/affald/")
    assert "Medlemmer (" not in text(empty.find("main"))


def test_theme_group_index_lists_the_five_groups(client, launch):
    page = get(client, "/temagrupper/")
    assert [text(h) for h in page.select(".card__title")] == [
        "Vand og spildevand",
        "Affald",
        "Energi (fjernvarme og fjernkøl)",
        "Infrastruktur",
        "Kompetence og uddannelse",
    ]


def test_partner_index_lists_partners(client, catalogue):
    page = get(client, "/partnere/")
    assert [text(h) for h in page.select(".card__title")] == [
        "Datacentret",
        "Forsyningen",
        "Skolen",
    ]


# The network diagram and its table ---------------------------------------------------------------


def test_diagram_nodes_and_edges_match_the_data(client, catalogue):
    page = get(client, "/symbioser/")
    svg = page.find("figure", class_="network").find("svg")
    links = {a["href"] for a in svg.find_all("a")}
    partners = {catalogue[k].url for k in ("forsyning", "firma", "skole")}
    symbioses = {catalogue[k].url for k in ("heat", "jobs")}
    assert links == partners | symbioses
    assert catalogue["draft"].url not in str(svg)


def test_table_alternative_lists_the_same_relations(client, catalogue):
    page = get(client, "/symbioser/")
    table = page.find("details", class_="relations").find("table")
    rows = [[text(td) for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")]
    assert rows == [
        ["Datacentret", "Forsyningen", "Overskudsvarme", "Overskudsvarme til fjernvarme"],
        ["Forsyningen", "Skolen (begge veje)", "Praktikpladser", "Praktikpladser"],
    ]


# Open data ---------------------------------------------------------------------------------------


def test_json_matches_the_page(client, catalogue):
    response = client.get("/symbioser/data.json")
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["antal"] == 2
    heat = next(
        item for item in data["symbioser"] if item["titel"] == "Overskudsvarme til fjernvarme"
    )
    assert heat["partner_a"]["navn"] == "Datacentret"
    assert heat["retning"] == "a_til_b"
    assert heat["dimensioner"] == ["miljo", "okonomi"]
    assert heat["business_case"]["tilbagebetalingstid_aar"] == 8.0
    assert {(r["indikator"], r["vaerdi"], r["enhed"], r["aar"]) for r in heat["resultater"]} == {
        ("Leveret varme", 18500.0, "mwh_aar", 2024),
        ("Sparet CO₂", 1234.5, "t_co2e_aar", 2024),
    }
    assert heat["eksempel"] is False


def test_exports_honour_the_filters(client, catalogue):
    data = json.loads(client.get("/symbioser/data.json?dimension=social&junk=1").content)
    assert data["filtre"] == {"dimension": "social"}
    assert [item["titel"] for item in data["symbioser"]] == ["Praktikpladser"]
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/symbioser/data.csv?dimension=social").content.decode())
        )
    )
    assert {row["titel"] for row in rows} == {"Praktikpladser"}
    page = get(client, "/symbioser/?dimension=social")
    links = page.find("section", class_="open-data").find_all("a")
    assert [a["href"] for a in links] == [
        "/symbioser/data.json?dimension=social",
        "/symbioser/data.csv?dimension=social",
        "/symbioser/data-excel.csv?dimension=social",
    ]


def test_csv_has_a_row_per_result(client, catalogue):
    response = client.get("/symbioser/data.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 3
    co2 = next(row for row in rows if row["resultat_indikator"] == "Sparet CO₂")
    assert co2["resultat_vaerdi"] == "1234.5"
    assert co2["resultat_enhed"] == "t_co2e_aar"
    assert co2["partner_b"] == "Forsyningen"
    heat = next(row for row in rows if row["resultat_indikator"] == "Leveret varme")
    assert heat["resultat_vaerdi"] == "18500"  # whole numbers without ".0"
    assert heat["investering_kr"] == "12000000" and heat["aarlig_besparelse_kr"] == "1500000"
    assert heat["tilbagebetalingstid_aar"] == "8"
    assert heat["eksempel"] == "false"
    assert heat["resultat_baseline"] == "" and heat["startdato"] == ""
    assert "False" not in response.content.decode() and ".0," not in response.content.decode()


def test_json_numbers_and_booleans(client, catalogue):
    data = json.loads(client.get("/symbioser/data.json").content)
    heat = next(item for item in data["symbioser"] if item["titel"].startswith("Overskud"))
    case = heat["business_case"]
    assert type(case["investering_kr"]) is int and case["investering_kr"] == 12_000_000
    assert type(case["tilbagebetalingstid_aar"]) is int
    values = {r["indikator"]: r["vaerdi"] for r in heat["resultater"]}
    assert type(values["Leveret varme"]) is int and values["Sparet CO₂"] == 1234.5
    assert heat["eksempel"] is False
    body = client.get("/symbioser/data.json").content.decode()
    assert "18500.0" not in body and "12000000.0" not in body


def test_urls_are_absolute_on_the_configured_site_address(client, catalogue):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "symbiosehillerod.dk", 443
    site.save()
    data = json.loads(client.get("/symbioser/data.json").content)  # asked for at 127.0.0.1
    heat = next(item for item in data["symbioser"] if item["titel"].startswith("Overskud"))
    assert heat["url"] == "https://symbiosehillerod.dk" + catalogue["heat"].url
    assert heat["partner_a"]["url"] == "https://symbiosehillerod.dk" + catalogue["firma"].url


def test_excel_csv_is_for_danish_excel(client, catalogue):
    response = client.get("/symbioser/data-excel.csv?dimension=miljo")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "symbioser-excel.csv" in response["Content-Disposition"]
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark
    lines = body.decode("utf-8-sig").split("\r\n")
    assert lines[-1] == "" and all("\n" not in line for line in lines)
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert {row["titel"] for row in rows} == {"Overskudsvarme til fjernvarme"}  # filtered
    co2 = next(row for row in rows if row["resultat_indikator"] == "Sparet CO₂")
    assert co2["resultat_vaerdi"] == "1234,5"
    assert co2["investering_kr"] == "12000000" and co2["eksempel"] == "false"
    assert lines[0].split(";")[:3] == ["symbiose_id", "titel", "url"]
    with translation.override("da"):  # the request activates English; leave Danish active after
        english = client.get("/en/symbioses/data-excel.csv")
    assert english.status_code == 200 and english.content.startswith(b"\xef\xbb\xbf")


# Drafts never leak ---------------------------------------------------------------------------------


def test_drafts_never_leak(client, catalogue):
    draft = catalogue["draft"]
    assert client.get(draft.url).status_code == 404
    for url in [
        "/symbioser/",
        "/symbioser/data.json",
        "/symbioser/data.csv",
        catalogue["firma"].url,
        catalogue["skole"].url,
        "/temagrupper/energi/",
    ]:
        body = client.get(url).content.decode()
        assert "Hemmelig" not in body, url


def test_unpublished_changes_to_a_live_symbiose_stay_private(client, catalogue):
    heat = catalogue["heat"]
    heat.resource = "Kladderessource"
    heat.save_revision()  # saved as a draft, not published
    for url in ["/symbioser/", "/symbioser/data.json", heat.url]:
        assert "Kladderessource" not in client.get(url).content.decode()
