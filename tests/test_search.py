"""Site search (/soeg/, /en/search/): what visitors find and see, on any database.

Stemming needs PostgreSQL: tests/test_search_stemming.py.
"""

import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from pages.models import ContentPage
from search.excerpts import excerpt
from symbioses.models import SymbiosePage
from tests.catalogue import add_page
from tests.conftest import PAGE_TYPE_URLS

WASTEWATER = "Syretålende spildevandsledning til surt procesvand"
HIT = re.compile(r'<li class="search-hit[^"]*">')


def hits(response):
    return len(HIT.findall(response.content.decode()))


def titles(response):
    return re.findall(r'search-hit__title"><a href="[^"]*">([^<]*)</a>', response.content.decode())


def test_finds_the_wastewater_symbiosis_with_its_type_excerpt_and_date(client, launch):
    response = client.get("/soeg/", {"q": "spildevand"})
    html = response.content.decode()
    assert response.status_code == 200
    assert WASTEWATER in titles(response)
    assert '<span class="search-hit__kind">Symbiose</span>' in html
    assert '<span class="search-hit__kind">Temagruppe</span>' in html
    assert '<span class="search-hit__kind">Partner</span>' in html
    assert "<mark>spildevand</mark>" in html
    assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}">', html)
    count = hits(response)
    assert count >= 3
    assert f"{count} resultater for »spildevand«" in html
    assert "<title>Søgning: spildevand – Symbiose Hillerød</title>" in html
    assert html.count("<h1") == 1 and "<h1>Søg</h1>" in html


def test_content_pages_are_called_side(client, launch):
    html = client.get("/soeg/", {"q": "historie"}).content.decode()
    assert '<span class="search-hit__kind">Side</span>' in html


def test_english_searches_the_english_pages_in_english(client, launch):
    response = client.get("/en/search/", {"q": "wastewater"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "An acid-resistant sewer for acidic process water" in titles(response)
    assert WASTEWATER not in html  # the Danish page is not an English result
    assert f"{hits(response)} results for »wastewater«" in html
    assert "<h1>Search</h1>" in html and '<html lang="en">' in html
    assert 'action="/en/search/"' in html


def test_danish_search_finds_no_english_page(client, launch):
    assert "An acid-resistant sewer for acidic process water" not in titles(
        client.get("/soeg/", {"q": "sewer"})
    )


def test_results_are_noindex_and_never_cached(client, launch):
    for _ in range(2):
        response = client.get("/soeg/", {"q": "spildevand"})
        assert '<meta name="robots" content="noindex">' in response.content.decode()
        assert "X-Cache" not in response  # not served from, nor stored in, the page cache
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def test_a_restricted_page_is_never_found_not_even_its_title(client, launch):
    page = SymbiosePage.objects.get(title=WASTEWATER)
    assert WASTEWATER in titles(client.get("/soeg/", {"q": "syretålende"}))
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    response = client.get("/soeg/", {"q": "syretålende"})
    assert WASTEWATER not in response.content.decode()
    assert "/symbioser/syretaalende-spildevandsledning/" not in response.content.decode()


def test_a_draft_is_not_found_and_a_published_page_is_found_at_once(client, launch):
    om = launch["om"]
    draft = ContentPage(title="Grundvandskladde", slug="grundvandskladde", live=False)
    om.add_child(instance=draft)
    draft.save_revision()
    assert (
        "Grundvandskladde" not in client.get("/soeg/", {"q": "grundvandskladde"}).content.decode()
    )
    draft.get_latest_revision().publish()
    assert "Grundvandskladde" in titles(client.get("/soeg/", {"q": "grundvandskladde"}))


def test_titles_and_queries_are_escaped(client, launch):
    add_page(launch["om"], ContentPage(title="<b>Regnvand</b> & <script>x</script>", slug="regn"))
    html = client.get("/soeg/", {"q": "regnvand"}).content.decode()
    assert "&lt;b&gt;Regnvand&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;" in html
    assert "<script>x</script>" not in html
    html = client.get("/soeg/", {"q": "regnvand <script>"}).content.decode()
    assert "»regnvand &lt;script&gt;«" in html
    assert 'value="regnvand &lt;script&gt;"' in html
    assert "<script>x" not in html


def test_excerpt_marks_the_words_and_escapes_the_text():
    text = "Før <b>spildevandet</b> & renset vand. " * 30
    result = excerpt(text, ["spildevand"])
    assert "<mark>spildevandet</mark>" in result
    assert "<b>" not in result and "&amp;" in result
    assert len(re.sub(r"<[^>]+>", "", result)) < 260  # an excerpt, not the whole text


def test_excerpt_starts_near_the_first_match():
    text = "Indledning. " * 40 + "Her står der noget om fjernvarme i Hillerød."
    result = excerpt(text, ["fjernvarmen"])
    assert result.startswith("…") and "<mark>fjernvarme</mark>" in result


def document(title, collection=None):
    collection = collection or Collection.get_first_root_node()
    doc = Document(title=title, collection=collection)
    doc.file.save("rapport.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    doc.save()
    return doc


def test_documents_of_public_collections_are_found_by_title(client, launch):
    public = document("Årsrapport om grundvand")
    private = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type="password", password="x"
    )
    document("Intern notits om grundvand", private.add_child(name="Under intern"))
    response = client.get("/soeg/", {"q": "grundvand"})
    html = response.content.decode()
    assert "Årsrapport om grundvand" in titles(response)
    assert f'href="{public.url}"' in html and public.url.startswith("/documents/")
    assert '<span class="search-hit__kind">Dokument</span>' in html
    assert "Intern notits" not in html


def test_promoted_results_come_first_marked_anbefalet(client, launch):
    query = Query.get("spildevand")
    SearchPromotion.objects.create(query=query, page=launch["om"], sort_order=0)
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://www.hillerodforsyning.dk/",
        external_link_text="Hillerød Forsyning om spildevand",
        sort_order=1,
    )
    response = client.get("/soeg/", {"q": "Spildevand"})
    found = titles(response)
    assert found[:2] == ["Om Symbiose Hillerød", "Hillerød Forsyning om spildevand"]
    assert response.content.decode().count(">Anbefalet</strong>") == 2


def test_a_promoted_page_is_shown_once_and_counted_once(client, launch):
    before = client.get("/soeg/", {"q": "symbiose"}).content.decode()
    assert "Om Symbiose Hillerød" in before  # an ordinary hit
    total = re.search(r"(\d+) resultater for", before)[1]
    SearchPromotion.objects.create(query=Query.get("symbiose"), page=launch["om"], sort_order=0)
    response = client.get("/soeg/", {"q": "symbiose"})
    found = titles(response)
    assert found[0] == "Om Symbiose Hillerød" and found.count("Om Symbiose Hillerød") == 1
    assert f"{total} resultater for »symbiose«" in response.content.decode()
    second = client.get("/soeg/", {"q": "symbiose", "page": "2"})
    assert (
        "Om Symbiose Hillerød" not in titles(second)
        and ">Anbefalet<" not in second.content.decode()
    )


def test_a_promoted_restricted_page_is_not_shown(client, launch):
    SearchPromotion.objects.create(query=Query.get("spildevand"), page=launch["om"], sort_order=0)
    PageViewRestriction.objects.create(page=launch["om"], restriction_type="password", password="x")
    assert "Om Symbiose Hillerød" not in titles(client.get("/soeg/", {"q": "spildevand"}))


@pytest.fixture
def many(launch):
    for number in range(23):
        add_page(
            launch["om"],
            ContentPage(
                title=f"Kildevand {number}", slug=f"kildevand-{number}", intro="Om kildevand."
            ),
        )


def test_pagination_ten_per_page_with_an_accessible_nav(client, many):
    first = client.get("/soeg/", {"q": "kildevand"})
    html = first.content.decode()
    assert hits(first) == 10
    assert "23 resultater for »kildevand«" in html
    assert '<nav class="pagination" aria-label="Sider med søgeresultater">' in html
    assert 'href="?q=kildevand&amp;page=1" aria-current="page"' in html
    assert 'href="?q=kildevand&amp;page=2" rel="next"' in html
    last = client.get("/soeg/", {"q": "kildevand", "page": "3"})
    assert hits(last) == 3
    assert 'href="?q=kildevand&amp;page=3" aria-current="page"' in last.content.decode()
    seen = set()
    for page in ("1", "2", "3"):
        seen.update(titles(client.get("/soeg/", {"q": "kildevand", "page": page})))
    assert len(seen) == 23  # every hit on exactly one page


@pytest.mark.parametrize("page", ["abc", "99999", "0", "-1", "1e3"])
def test_a_page_number_that_does_not_exist_gets_a_clear_page(client, many, page):
    response = client.get("/soeg/", {"q": "kildevand", "page": page})
    html = response.content.decode()
    assert response.status_code == 404
    assert "med resultater for denne søgning" in html
    assert 'href="?q=kildevand">Gå til første side med resultater</a>' in html
    assert '<meta name="robots" content="noindex">' in html


# Input no search can use: (query string, the Danish message, the English message).
BAD_INPUT = [
    ("q=", "Skriv, hvad du søger efter.", "Type what you are looking for."),
    ("q=+++", "Skriv, hvad du søger efter.", "Type what you are looking for."),
    ("q=" + "a" * 201, "højst 200 tegn", "at most 200 characters"),
    ("q=spilde%00vand", "tegn, der ikke kan søges efter", "characters that cannot be searched"),
    ("q=%00", "tegn, der ikke kan søges efter", "characters that cannot be searched"),
    ("q=%FF%FEvand", "tegn, der ikke kan søges efter", "characters that cannot be searched"),
    ("q=%C3", "tegn, der ikke kan søges efter", "characters that cannot be searched"),
    ("q=vand&q=varme", "Søg efter én ting ad gangen", "Search for one thing at a time"),
    ("q=%21%22%23%25%26%2F", "Søg efter ord eller tal", "Search for words or numbers"),
    ("q=%E2%80%94%E2%80%94", "Søg efter ord eller tal", "Search for words or numbers"),
]


@pytest.mark.parametrize(("query", "danish", "english"), BAD_INPUT)
def test_bad_input_gets_a_clear_page_in_the_visitors_language(
    client, launch, query, danish, english
):
    for url, message, lang in (("/soeg/", danish, "da"), ("/en/search/", english, "en")):
        response = client.get(f"{url}?{query}")
        html = response.content.decode()
        assert response.status_code == 200, (url, query)
        assert message in html, (url, query)
        assert f'<html lang="{lang}">' in html
        assert '<meta name="robots" content="noindex">' in html
        assert "no-store" in response["Cache-Control"]
        assert 'class="search-hit' not in html


def test_a_long_query_is_shown_back_cut_to_200_characters(client, launch):
    html = client.get("/soeg/", {"q": "b" * 500}).content.decode()
    assert f'value="{"b" * 200}"' in html and "b" * 201 not in html


def test_the_empty_search_page_is_an_ordinary_page(client, launch):
    response = client.get("/soeg/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Søg – Symbiose Hillerød</title>" in html
    assert 'name="robots"' not in html
    assert client.get("/en/search/").content.decode().count("<title>Search – ") == 1


HEADER_FORM = re.compile(
    r'<header class="site-header">.*<search class="site-search">\s*<form action="(?P<action>[^"]+)" '
    r'method="get">\s*<label for="site-search-header" class="visually-hidden">(?P<label>[^<]+)</label>'
    r'\s*<input id="site-search-header" type="search" name="q"',
    re.S,
)


@pytest.mark.parametrize("url", [*PAGE_TYPE_URLS.values(), "/findes-ikke/", "/soeg/?q=vand"])
def test_every_danish_page_has_the_search_box_in_its_header(client, examples, url):
    response = client.get(url)
    found = HEADER_FORM.search(response.content.decode())
    assert found, url
    assert found["action"] == "/soeg/"
    assert found["label"] == "Søg på webstedet"


@pytest.mark.parametrize("url", ["/en/", "/en/about/", "/en/symbioses/", "/en/nothing-here/"])
def test_every_english_page_searches_in_english(client, launch, url):
    found = HEADER_FORM.search(client.get(url).content.decode())
    assert found, url
    assert found["action"] == "/en/search/"
    assert found["label"] == "Search the site"


def test_the_language_switch_leads_to_the_same_search_in_the_other_language(client, launch):
    html = client.get("/soeg/", {"q": "vand"}).content.decode()
    assert '<a href="/en/search/?q=vand" hreflang="en" lang="en"' in html
    english = client.get("/en/search/", {"q": "water"}).content.decode()
    assert '<a href="/soeg/?q=water" hreflang="da" lang="da"' in english
    assert '<a href="/en/search/" hreflang="en"' in client.get("/soeg/").content.decode()


@pytest.mark.parametrize(("url", "query"), [("/soeg/", "spildevand"), ("/en/search/", "water")])
def test_a_results_page_takes_at_most_ten_queries(client, many, url, query):
    SearchPromotion.objects.create(query=Query.get(query), page_id=many_first(), sort_order=0)
    client.get(url, {"q": query})  # the process's first request fills its lookups
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"q": query})
    assert response.status_code == 200 and hits(response) >= 3
    listing = "\n".join(q["sql"][:160] for q in queries.captured_queries)
    assert len(queries) <= 10, f"{len(queries)} queries\n{listing}"


def many_first():
    return ContentPage.objects.get(slug="kildevand-0").pk


def test_queries_do_not_grow_with_the_kinds_of_pages_found(client, examples):
    """Hits of many page types: the excerpts come from the index in one query, not one per
    type."""
    client.get("/soeg/", {"q": "eksempel"})
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/soeg/", {"q": "eksempel"})
    kinds = set(re.findall(r'search-hit__kind">([^<]+)<', response.content.decode()))
    assert len(kinds) >= 2
    assert len(queries) <= 10


def test_editors_find_promoted_results_in_the_admin_in_danish(client, admin_user):
    """Wagtail's search promotions, with our Danish for the strings it ships without
    (admin_da)."""
    client.force_login(admin_user)
    listing = client.get("/admin/searchpicks/").content.decode()
    assert "Anbefalede søgeresultater" in listing
    assert "Promoted search results" not in listing
    add = client.get("/admin/searchpicks/add/").content.decode()
    assert "Søgeord/-sætning" in add and "Tilføj et anbefalet resultat" in add
    assert "Search term(s)/phrase" not in add and "External link text" not in add
    assert "Linktekst" in add
