"""Nyheder / News: the news pages and their listing, the home page's latest news, the Atom
feeds (news, a theme group's news, the catalogue's symbioses), the NewsArticle structured data
and the launch news, in Danish and English."""

import json
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction, Site
from wagtail_factories import ImageFactory

from launch import news_content
from news.models import NewsIndexPage, NewsPage, NewsSource
from symbioses.models import SymbiosePage, ThemeGroupPage
from tests.catalogue import add_page

ATOM = "{http://www.w3.org/2005/Atom}"
# Danish texts from /work/wt/news.msgs.tsv: these assertions need the Danish catalogue merged.
NO_IMAGE_ALT = (
    "Skriv en alternativ tekst til billedet: hvad det viser, for besøgende der ikke kan se det."
)
ALL_NEWS = "Alle nyheder"


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def danish_index():
    return NewsIndexPage.objects.get(locale__language_code="da")


def make_news(title, when, *, teaser=None, groups=(), index=None, **fields):
    page = NewsPage(title=title, date=when, teaser=teaser or f"Kort om {title.lower()}.", **fields)
    page.theme_groups = list(groups)
    return add_page(index or danish_index(), page)


def translate(page, title, teaser):
    """The page's English translation, published, as an editor would make it."""
    english = Locale.objects.get(language_code="en")
    translation = page.copy_for_translation(english)
    translation.title, translation.teaser = title, teaser
    translation.slug = title.lower().replace(" ", "-")
    translation.save_revision().publish()
    return NewsPage.objects.get(pk=translation.pk)


def root_url():
    return Site.objects.get(is_default_site=True).root_url


def listed_titles(page):
    return [title.get_text(strip=True) for title in page.select(".news-item__title")]


def launch_titles(language="da"):
    if language == "da":
        return [item["title"] for item in news_content.NEWS]
    return [news_content.NEWS_ENGLISH[item["title"]] for item in news_content.NEWS]


# Models and validation ---------------------------------------------------------------------------


def test_a_teaser_is_required_and_short(launch):
    page = NewsPage(title="Nyt", slug="nyt", teaser="", date=date(2025, 1, 1))
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "teaser" in refused.value.message_dict
    page.teaser = "x" * 301
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "højst have 300 tegn" in refused.value.message_dict["teaser"][0]  # Django's Danish
    page.teaser = "x" * 300
    page.full_clean(exclude=["path", "depth"])  # a page not yet in the tree


def test_the_date_is_today_in_denmark_unless_the_editor_chooses_one(launch):
    assert NewsPage(title="Nyt").date == timezone.localdate()
    assert NewsPage(title="Nyt", date=date(2017, 5, 19)).date == date(2017, 5, 19)


def test_an_image_needs_its_alternative_text_in_danish(launch):
    """Needs the Danish catalogue merged (NO_IMAGE_ALT)."""
    page = NewsPage(title="Nyt", teaser="Kort.", image=ImageFactory(), image_alt="  ")
    with pytest.raises(ValidationError) as refused:
        page.clean()
    assert refused.value.message_dict == {"image_alt": [NO_IMAGE_ALT]}


def test_the_news_is_a_child_of_the_home_page_and_holds_only_news(launch):
    assert NewsIndexPage.allowed_parent_page_models() == [launch["home"].specific_class]
    assert NewsIndexPage.allowed_subpage_models() == [NewsPage]
    assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]
    assert NewsPage.allowed_subpage_models() == []
    assert danish_index().url == "/nyheder/"


# The listing -----------------------------------------------------------------------------------


def test_the_listing_shows_the_newest_first_with_date_and_teaser(client, launch):
    make_news("Helt nyt", date(2030, 3, 2), teaser="Det allernyeste fra netværket.")
    page = soup(client.get("/nyheder/"))
    assert page.find("h1").get_text(strip=True) == "Nyheder"
    assert listed_titles(page) == ["Helt nyt", *sorted(launch_titles(), key=launch_order)]
    first = page.select_one(".news-item")
    assert first.find("a")["href"] == "/nyheder/helt-nyt/"
    assert first.find("time")["datetime"] == "2030-03-02"
    assert first.find("time").get_text(strip=True) == "2. marts 2030"
    assert "Det allernyeste fra netværket." in first.get_text()


def launch_order(title):
    """Launch news, newest first."""
    dates = {item["title"]: item["date"] for item in news_content.NEWS}
    return -dates[title].toordinal()


def test_ten_news_to_a_page_and_bad_page_numbers_are_no_error(client, launch):
    for number in range(12):
        make_news(f"Nyhed {number:02d}", date(2030, 1, 1) + timedelta(days=number))
    first = soup(client.get("/nyheder/"))
    titles = listed_titles(first)
    assert len(titles) == 10
    assert titles[:2] == ["Nyhed 11", "Nyhed 10"]
    nav = first.find("nav", class_="pagination")
    assert nav["aria-label"]
    assert nav.find("a", attrs={"aria-current": "page"}).get_text(strip=True).endswith("1")
    assert nav.find("a", rel="next")["href"] == "?page=2"
    second = soup(client.get("/nyheder/?page=2"))
    assert len(listed_titles(second)) == 15 - 10  # twelve and the three launch news
    assert listed_titles(second)[-1] == sorted(launch_titles(), key=launch_order)[-1]
    assert second.find("a", rel="prev")["href"] == "?page=1"
    for bad in ("abc", "0", "-1", "999", "1.5", "%00"):
        response = client.get(f"/nyheder/?page={bad}")
        assert response.status_code == 200, bad
        assert len(listed_titles(soup(response))) in (10, 5)


def test_the_english_listing_shows_the_translations(client, launch):
    danish = make_news("Fjernkøling aftalt", date(2030, 5, 1), slug="fjernkoling-aftalt")
    translate(danish, "District cooling agreed", "Briefly about district cooling.")
    make_news("Kun på dansk", date(2030, 4, 1))
    page = soup(client.get("/en/news/"))
    assert page.find("h1").get_text(strip=True) == "News"
    assert listed_titles(page) == [
        "District cooling agreed",
        "Kun på dansk",
        *sorted(launch_titles("en"), key=lambda t: launch_order(english_to_danish(t))),
    ]
    items = page.select(".news-item")
    assert items[0].find("a")["href"] == "/en/news/district-cooling-agreed/"
    assert items[1]["lang"] == "da"  # shown in Danish, said to be Danish
    assert "lang" not in items[0].attrs


def english_to_danish(title):
    return {news_content.NEWS_ENGLISH[item["title"]]: item["title"] for item in news_content.NEWS}[
        title
    ]


# A news page ------------------------------------------------------------------------------------


def test_a_news_page_shows_its_date_body_sources_and_what_it_concerns(client, launch):
    group = ThemeGroupPage.objects.get(slug="energi")
    page = make_news("Fjernkøling", date(2030, 5, 1), groups=[group], slug="fjernkoling")
    page.sources = [
        NewsSource(title="Grønt samarbejde", url="https://regionh.dk/", publisher="Region H")
    ]
    page.save_revision().publish()
    html = soup(client.get("/nyheder/fjernkoling/"))
    assert html.find("h1").get_text(strip=True) == "Fjernkøling"
    assert html.select_one(".news-page__date time")["datetime"] == "2030-05-01"
    sources = html.find("section", class_="sources")
    assert sources.find("h2").get_text(strip=True) == "Kilde"
    assert sources.find("a")["href"] == "https://regionh.dk/"
    concerns = html.find("section", class_="news-page__concerns")
    assert concerns.find("a")["href"] == group.url


def test_a_news_image_is_shown_with_its_alternative_text(client, launch):
    make_news("Med billede", date(2030, 5, 1), image=ImageFactory(), image_alt="To rør i jorden")
    html = soup(client.get("/nyheder/med-billede/"))
    assert html.select_one(".news-page__image img")["alt"] == "To rør i jorden"


# The home page ----------------------------------------------------------------------------------


def home_news(page):
    section = page.find("section", attrs={"aria-labelledby": "home-news"})
    assert section is not None
    return section


def test_the_home_page_shows_the_latest_three(client, launch):
    """Needs the Danish catalogue merged (ALL_NEWS)."""
    make_news("Nyeste", date(2030, 6, 1))
    make_news("Næstnyeste", date(2030, 5, 1))
    section = home_news(soup(client.get("/")))
    assert listed_titles(section) == [
        "Nyeste",
        "Næstnyeste",
        sorted(launch_titles(), key=launch_order)[0],
    ]
    more = section.find("a", class_="more-link")
    assert more["href"] == "/nyheder/"
    assert more.get_text(strip=True) == ALL_NEWS


def test_the_english_home_page_shows_the_latest_three_in_english(client, launch):
    newest = make_news("Nyeste", date(2030, 6, 1))
    translate(newest, "Newest", "The newest.")
    section = home_news(soup(client.get("/en/")))
    titles = listed_titles(section)
    assert titles[0] == "Newest"
    assert (
        titles[1:]
        == sorted(launch_titles("en"), key=lambda t: launch_order(english_to_danish(t)))[:2]
    )
    assert section.find("a", class_="more-link")["href"] == "/en/news/"


def test_a_publish_shows_on_the_next_request_everywhere(client, launch):
    for url in ("/", "/nyheder/", "/nyheder/feed.atom"):
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit"
    make_news("Lige udgivet", date(2030, 7, 1))
    assert "Lige udgivet" in listed_titles(home_news(soup(client.get("/"))))
    assert "Lige udgivet" in listed_titles(soup(client.get("/nyheder/")))
    assert "Lige udgivet" in [entry.title for entry in parse(client, "/nyheder/feed.atom").entries]


# Restricted news --------------------------------------------------------------------------------


def test_restricted_news_is_never_shown(client, launch):
    group = ThemeGroupPage.objects.get(slug="energi")
    secret = make_news("Hemmelig aftale", date(2030, 8, 1), groups=[group])
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
    for url in ("/", "/nyheder/", "/en/", "/en/news/"):
        assert "Hemmelig aftale" not in client.get(url).content.decode(), url
    for url in (
        "/nyheder/feed.atom",
        "/en/news/feed.atom",
        "/temagrupper/energi/feed.atom",
    ):
        assert "Hemmelig" not in client.get(url).content.decode(), url
    # The page itself asks for the password (Wagtail's own form), without its teaser.
    assert "Kort om hemmelig aftale" not in client.get("/nyheder/hemmelig-aftale/").content.decode()


def test_a_restricted_listing_has_no_feed(client, launch):
    PageViewRestriction.objects.create(
        page=danish_index(), restriction_type="password", password="x"
    )
    assert client.get("/nyheder/feed.atom").status_code == 404


# Feeds ------------------------------------------------------------------------------------------


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    check_atom(response.content)
    return parsed


def check_atom(content):
    """The elements RFC 4287 requires, and full addresses."""
    feed = ET.fromstring(content)
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{name}").text, name
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"].startswith(root_url()) and links["self"].endswith("feed.atom")
    assert links["alternate"].startswith(root_url())
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}").text, name
        link = entry.find(f"{ATOM}link")
        assert link.get("href").startswith(f"{root_url()}/")
        assert entry.find(f"{ATOM}id").text.startswith("tag:")
    return feed


def test_the_news_feed_is_valid_atom_with_the_news_newest_first(client, launch):
    make_news("Helt nyt", date(2030, 3, 2), teaser="Det allernyeste.")
    parsed = parse(client, "/nyheder/feed.atom")
    assert parsed.feed.title.startswith("Nyheder")
    assert parsed.feed.language == "da"
    assert [entry.title for entry in parsed.entries] == [
        "Helt nyt",
        *sorted(launch_titles(), key=launch_order),
    ]
    first = parsed.entries[0]
    assert first.link == f"{root_url()}/nyheder/helt-nyt/"
    assert first.summary == "Det allernyeste."
    assert first.published.startswith("2030-03-02")


def test_feed_ids_stay_when_a_title_and_slug_change(client, launch):
    page = make_news("Helt nyt", date(2030, 3, 2))
    before = parse(client, "/nyheder/feed.atom")
    page.title, page.slug = "Omdøbt", "omdoebt"
    page.save_revision().publish()
    after = parse(client, "/nyheder/feed.atom")
    assert after.feed.id == before.feed.id
    assert after.entries[0].id == before.entries[0].id
    assert after.entries[0].link.endswith("/nyheder/omdoebt/")


def test_the_english_feed_has_the_translations(client, launch):
    parsed = parse(client, "/en/news/feed.atom")
    assert parsed.feed.language == "en"
    assert parsed.feed.title.startswith("News")
    assert sorted(entry.title for entry in parsed.entries) == sorted(launch_titles("en"))
    assert all(f"{root_url()}/en/news/" in entry.link for entry in parsed.entries)


def test_a_theme_group_feed_has_only_its_news(client, launch):
    energy = ThemeGroupPage.objects.get(slug="energi")
    waste = ThemeGroupPage.objects.get(slug="affald")
    make_news("Om energi", date(2030, 3, 2), groups=[energy])
    make_news("Om affald", date(2030, 3, 3), groups=[waste])
    parsed = parse(client, "/temagrupper/energi/feed.atom")
    titles = [entry.title for entry in parsed.entries]
    assert "Om energi" in titles and "Om affald" not in titles
    assert titles[0] == "Om energi"
    # The launch news on the five theme groups concerns every group.
    assert news_content.NEWS[0]["title"] in titles
    english = parse(client, "/en/theme-groups/energy/feed.atom")
    assert english.feed.language == "en"


def test_the_catalogue_feed_lists_symbioses_latest_changed_first(client, launch):
    parsed = parse(client, "/symbioser/feed.atom")
    symbioses = SymbiosePage.objects.live().filter(locale__language_code="da")
    assert len(parsed.entries) == symbioses.count() > 0
    oldest = symbioses.order_by("last_published_at").first()
    oldest.save_revision().publish()  # changed now: first in the feed
    parsed = parse(client, "/symbioser/feed.atom")
    assert parsed.entries[0].title == oldest.title
    assert parsed.entries[0].link == f"{root_url()}{oldest.url}"
    english = parse(client, "/en/symbioses/feed.atom")
    assert english.feed.language == "en"
    assert all("/en/symbioses/" in entry.link for entry in english.entries)


def test_pages_without_a_feed_have_none(client, launch):
    assert client.get("/om-symbiose-hillerod/feed.atom").status_code == 404
    assert client.get("/ingen-side/feed.atom").status_code == 404


@pytest.mark.parametrize(
    ("url", "feed"),
    [
        ("/", "/nyheder/feed.atom"),
        ("/en/", "/en/news/feed.atom"),
        ("/nyheder/", "/nyheder/feed.atom"),
        ("/en/news/", "/en/news/feed.atom"),
        ("/nyheder/foerste-konkrete-resultat-spildevandsledning/", "/nyheder/feed.atom"),
        ("/temagrupper/energi/", "/temagrupper/energi/feed.atom"),
        ("/symbioser/", "/symbioser/feed.atom"),
        ("/en/symbioses/", "/en/symbioses/feed.atom"),
    ],
)
def test_pages_link_their_feeds(client, launch, url, feed):
    links = soup(client.get(url)).find_all(
        "link", rel="alternate", attrs={"type": "application/atom+xml"}
    )
    # Every page also links the outage banner's feed (alerts/); besides it, the page's own.
    links = [link for link in links if not link["href"].endswith("/driftsforstyrrelser.atom")]
    assert [link["href"] for link in links] == [f"{root_url()}{feed}"]  # in full, as hreflang
    assert links[0]["title"]
    parse(client, feed)


# Structured data --------------------------------------------------------------------------------


def structured_data(client, url):
    """The page's NewsArticle, after checking that the site's own data (the Organization, the
    breadcrumbs) is there too."""
    page = soup(client.get(url))
    scripts = page.find_all("script", type="application/ld+json")
    blocks = [json.loads(script.string) for script in scripts]
    kinds = [block["@type"] for block in blocks]
    assert sorted(kinds) == ["BreadcrumbList", "NewsArticle", "Organization"], kinds
    og_type = page.find("meta", attrs={"property": "og:type"})
    assert og_type["content"] == "article"
    return next(block for block in blocks if block["@type"] == "NewsArticle")


def test_a_news_page_describes_itself_as_a_news_article(client, launch):
    make_news(
        "Rør </script><b>i jorden",
        date(2030, 5, 1),
        slug="ror",
        image=ImageFactory(),
        image_alt="To rør",
    )
    raw = client.get("/nyheder/ror/").content.decode()
    assert "</script><b>" not in raw
    data = structured_data(client, "/nyheder/ror/")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Rør </script><b>i jorden"
    assert data["datePublished"] == "2030-05-01"
    assert data["dateModified"]
    assert data["inLanguage"] == "da"
    assert data["mainEntityOfPage"] == f"{root_url()}/nyheder/ror/"
    assert data["image"].startswith(f"{root_url()}/")
    assert data["author"]["@type"] == data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "Hillerød Forsyning"


def test_the_english_news_article_is_in_english(client, launch):
    data = structured_data(client, "/en/news/first-concrete-result-wastewater-line/")
    assert data["inLanguage"] == "en"
    assert "image" not in data


# Launch content ---------------------------------------------------------------------------------


def test_the_launch_news_are_there_in_both_languages_with_sources(client, launch):
    index = danish_index()
    danish = NewsPage.objects.child_of(index).live()
    assert sorted(page.title for page in danish) == sorted(launch_titles())
    for page in danish:
        sources = list(page.sources.all())
        assert sources and all(source.url.startswith("https://") for source in sources)
        html = soup(client.get(page.url))
        assert html.find("section", class_="sources").find("a")["href"] == sources[0].url
    english = NewsPage.objects.filter(locale__language_code="en").live()
    assert sorted(page.title for page in english) == sorted(launch_titles("en"))
    for page in english:
        assert page.sources.exists()
    wastewater = danish.get(slug="foerste-konkrete-resultat-spildevandsledning")
    assert wastewater.symbioses.filter(slug="syretaalende-spildevandsledning").exists()


def test_loading_again_duplicates_nothing_and_keeps_an_editors_news(client, launch):
    page = NewsPage.objects.get(slug=news_content.NEWS[0]["slug"])
    page.teaser = "En redaktørs egen tekst."
    page.save_revision().publish()
    before = NewsPage.objects.count(), NewsIndexPage.objects.count(), NewsSource.objects.count()
    call_command("load_launch_content", verbosity=0)
    after = NewsPage.objects.count(), NewsIndexPage.objects.count(), NewsSource.objects.count()
    assert after == before
    assert NewsPage.objects.get(pk=page.pk).teaser == "En redaktørs egen tekst."


def test_a_deleted_launch_news_stays_deleted(client, launch):
    NewsPage.objects.filter(slug=news_content.NEWS[0]["slug"]).delete()
    call_command("load_launch_content", verbosity=0)
    assert not NewsPage.objects.filter(slug=news_content.NEWS[0]["slug"]).exists()
