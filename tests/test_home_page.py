"""The home page: the network in figures (live from the catalogue), featured symbioses (chosen
or the newest), the theme groups, the call to join, an optional hero picture and the wordmark,
in Danish and in English."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.blocks import StreamValue
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail_factories import ImageFactory
from wagtail_localize.models import Translation, TranslationSource

from join.models import JoinFormPage
from launch import content
from pages.blocks import FeaturedSymbiosesBlock
from pages.models import HomePage
from symbioses.models import SymbiosePage, ThemeGroupPage
from tests.catalogue import make_partner, make_symbiose, without_launch_catalogue

# Danish texts from the msgids file (/work/wt/i12-home.msgs.tsv): these assertions need the
# Danish catalogue merged.
NO_HERO_ALT = (
    "Skriv en alternativ tekst til billedet: hvad det viser. Et billede på forsiden er aldrig "
    "kun dekorativt."
)
FEATURED_COUNT = "Vælg fra 3 til 6 symbioser, eller ingen: så vises de nyeste."


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def figures(page):
    """{label: value} of the key figures."""
    return {
        figure.find(class_="figure__label").get_text(strip=True): figure.find(
            class_="figure__value"
        ).get_text(strip=True)
        for figure in page.select("ul.figures li.figure")
    }


def card_titles(page):
    section = page.find("section", attrs={"aria-labelledby": "home-symbioses"})
    if section is None:
        return []
    return [title.get_text(strip=True) for title in section.select(".card__title")]


def published_danish_symbioses():
    return SymbiosePage.objects.live().filter(locale__language_code="da")


def choose(home, symbioses):
    home.featured_symbioses = [("symbiose", symbiose) for symbiose in symbioses]
    home.save_revision().publish()


# The network in figures ------------------------------------------------------------------------


def test_figures_are_the_catalogues_counts_and_total_effect(client, examples):
    home = soup(client.get("/"))
    catalogue = soup(client.get("/symbioser/"))
    shown = figures(home)

    symbioses = list(published_danish_symbioses())
    partners = {pk for s in symbioses for pk in (s.partner_a_id, s.partner_b_id)}
    values = list(shown.values())
    assert values[0] == str(len(symbioses)) == "10"  # 7 examples, 3 real
    assert values[1] == str(len(partners))
    assert catalogue.find(id="hits").get_text(strip=True).startswith(f"{len(symbioses)} ")

    # Every row of the catalogue's "Samlet effekt", and nothing else, with the same total.
    totals = {
        row.th.get_text(strip=True): row.find_all("td")[0].get_text(strip=True)
        for row in catalogue.find("section", class_="totals").select("tbody tr")
    }
    assert len(totals) >= 3
    assert dict(list(shown.items())[2:]) == totals
    assert home.find(class_="figures__note") is not None


def test_figures_follow_the_catalogue_when_a_symbiosis_is_published(client, examples):
    before = list(figures(soup(client.get("/"))).values())
    a = make_partner("Varmeværket")
    b = make_partner("Badelandet")
    make_symbiose("Varme til badelandet", a, b, results=[("Vand", 1000, "m3_vand_aar", 2024)])
    make_symbiose("Kladde", a, b, publish=False)
    after = list(figures(soup(client.get("/"))).values())
    assert int(after[0]) == int(before[0]) + 1
    assert int(after[1]) == int(before[1]) + 2


def test_without_symbioses_only_the_counts_are_shown(client, launch):
    without_launch_catalogue()
    home = soup(client.get("/"))
    assert list(figures(home).values()) == ["0", "0"]
    assert home.find(class_="figures__note") is None
    assert home.find("section", attrs={"aria-labelledby": "home-symbioses"}) is None


def test_figures_heading_is_the_editors(client, launch):
    home = soup(client.get("/"))
    assert home.find(id="home-figures").get_text(strip=True) == content.HOME_FIGURES_HEADING
    page = launch["home"]
    page.figures_heading = "Det har netværket nået"
    page.save_revision().publish()
    assert soup(client.get("/")).find(id="home-figures").get_text() == "Det har netværket nået"


# Featured symbioses ---------------------------------------------------------------------------


def test_without_a_choice_the_newest_symbioses_are_shown(client, examples):
    symbioses = list(published_danish_symbioses())
    now = timezone.now()
    for age, symbiose in enumerate(symbioses):  # the last one is the newest
        Page.objects.filter(pk=symbiose.pk).update(
            first_published_at=now - timedelta(days=len(symbioses) - age)
        )
    newest = [s.title for s in reversed(symbioses[-3:])]
    assert card_titles(soup(client.get("/"))) == newest


def test_editors_choice_is_shown_in_its_order(client, examples):
    home = examples["home"]
    chosen = list(published_danish_symbioses().order_by("title"))[:4][::-1]
    choose(home, chosen)
    page = soup(client.get("/"))
    assert card_titles(page) == [s.title for s in chosen]
    card = page.select("section[aria-labelledby=home-symbioses] li.card")[0]
    symbiose = chosen[0]
    assert card.find("a", href=symbiose.url) is not None
    assert card.find("a", href=symbiose.partner_a.url) is not None
    assert card.find("a", href=symbiose.partner_b.url) is not None
    facts = card.find("dl").get_text(" ", strip=True)
    assert symbiose.resource in facts and symbiose.get_status_display() in facts
    assert symbiose.dimension_labels in facts
    assert page.find("a", href="/symbioser/") is not None  # on to the whole catalogue


def test_a_chosen_symbiosis_that_is_unpublished_is_left_out(client, examples):
    chosen = list(published_danish_symbioses().order_by("title"))[:3]
    choose(examples["home"], chosen)
    chosen[1].unpublish()
    assert card_titles(soup(client.get("/"))) == [chosen[0].title, chosen[2].title]


def featured_block():
    """The block as the home page's field has it (optional: blank=True)."""
    block = HomePage._meta.get_field("featured_symbioses").stream_block
    assert isinstance(block, FeaturedSymbiosesBlock)
    return block


@pytest.mark.parametrize(("count", "valid"), [(0, True), (2, False), (3, True), (6, True)])
def test_three_to_six_symbioses_or_none(examples, count, valid):
    symbioses = list(published_danish_symbioses())[:count]
    block = featured_block()
    value = StreamValue(block, [("symbiose", symbiose) for symbiose in symbioses])
    if valid:
        block.clean(value)
    else:
        with pytest.raises(ValidationError):
            block.clean(value)


def test_the_same_symbiosis_twice_is_refused(examples):
    symbiose = published_danish_symbioses().first()
    block = featured_block()
    with pytest.raises(ValidationError):
        block.clean(StreamValue(block, [("symbiose", symbiose)] * 3))


def home_form(home, featured):
    return nested_form_data(
        {
            "title": home.title,
            "slug": home.slug,
            "intro": rich_text(home.intro),
            "featured_page": home.featured_page_id or "",
            "featured_link_text": home.featured_link_text,
            "hero_image": "",
            "hero_image_alt": "",
            "figures_heading": home.figures_heading,
            "featured_heading": "",
            "featured_symbioses": streamfield([("symbiose", s.pk) for s in featured]),
            "theme_groups_heading": home.theme_groups_heading,
            "join_heading": home.join_heading,
            "join_text": home.join_text,
            "join_page": home.join_page_id or "",
            "action-publish": "publish",
        }
    )


def test_editor_choosing_two_symbioses_gets_a_danish_error(client, examples, admin_user):
    """Needs the Danish catalogue merged (FEATURED_COUNT)."""
    client.force_login(admin_user)
    home = examples["home"]
    symbioses = list(published_danish_symbioses().order_by("title"))
    edit = f"/admin/pages/{home.pk}/edit/"

    response = client.post(edit, home_form(home, symbioses[:2]))
    assert response.status_code == 200
    (error,) = response.context["form"].errors.as_data()["featured_symbioses"]
    assert [str(message) for message in error.non_block_errors] == [FEATURED_COUNT]

    response = client.post(edit, home_form(home, symbioses[:3]))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert HomePage.objects.get(pk=home.pk).featured_symbiose_ids == [s.pk for s in symbioses[:3]]


# Theme groups and the call to join ------------------------------------------------------------


def test_theme_groups_are_linked(client, launch):
    section = soup(client.get("/")).find("section", attrs={"aria-labelledby": "home-groups"})
    links = [(a["href"], a.get_text(strip=True)) for a in section.find_all("a")]
    groups = ThemeGroupPage.objects.filter(locale__language_code="da").live().order_by("path")
    assert links == [(group.url, group.title) for group in groups]
    assert len(links) == 5


def test_call_to_action_leads_to_the_join_page(client, launch):
    join = JoinFormPage.objects.get(locale__language_code="da")
    assert launch["home"].join_page_id == join.pk
    section = soup(client.get("/")).find("section", class_="home-join")
    assert section.h2.get_text(strip=True) == content.HOME_JOIN_HEADING
    assert content.HOME_JOIN_TEXT in section.get_text()
    (link,) = section.find_all("a")
    assert link["href"] == join.url
    assert link.get_text(strip=True) == "Bliv en del af Symbiose Hillerød"


# Hero picture ---------------------------------------------------------------------------------


def test_hero_picture_has_modern_formats_and_the_alt_text(client, launch):
    home = launch["home"]
    home.hero_image = ImageFactory(file__width=1600, file__height=1000)
    home.hero_image_alt = "Varmeveksleren i forsyningens kælder"
    home.full_clean()
    home.save_revision().publish()
    picture = soup(client.get("/")).find("div", class_="home-hero__image").find("picture")
    types = [source["type"] for source in picture.find_all("source")]
    assert types == ["image/avif", "image/webp"]
    image = picture.find("img")
    assert image["alt"] == "Varmeveksleren i forsyningens kælder"
    assert image["src"].endswith(".jpg") and "sizes" in image.attrs


def test_hero_image_without_alt_text_is_refused(launch):
    """Needs the Danish catalogue merged (NO_HERO_ALT)."""
    home = launch["home"]
    home.hero_image = ImageFactory(description="Et billede med beskrivelse")
    home.hero_image_alt = "  "
    with pytest.raises(ValidationError) as refused:
        home.clean()
    assert refused.value.message_dict == {"hero_image_alt": [NO_HERO_ALT]}


def test_no_hero_picture_without_an_image(client, launch):
    page = soup(client.get("/"))
    assert page.find("picture") is None and page.find(class_="home-hero--image") is None


# Wordmark -------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/om-symbiose-hillerod/", "/en/"])
def test_header_has_the_wordmark_linking_home(client, launch, url):
    header = soup(client.get(url)).find("header", class_="site-header")
    link = header.find("a", class_="wordmark")
    assert link["href"] == ("/en/" if url.startswith("/en/") else "/")
    mark = link.find("img")
    assert mark["src"].endswith("img/wordmark.svg") and mark["alt"] == ""  # the name says it
    assert link.get_text(strip=True) == "Symbiose Hillerød"  # the link's accessible name


def test_wordmark_is_our_own_svg(settings):
    svg = (settings.BASE_DIR / "static" / "img" / "wordmark.svg").read_text()
    assert svg.startswith("<svg") and "<image" not in svg and "href" not in svg
    assert "<title>Symbiose Hillerød</title>" in svg


# In English -----------------------------------------------------------------------------------


def translate_symbiose(symbiose, title):
    english = Locale.objects.get(language_code="en")
    source, _ = TranslationSource.get_or_create_from_instance(symbiose)
    translation = Translation.objects.create(source=source, target_locale=english)
    po = translation.export_po()
    for entry in po:
        entry.msgstr = title if entry.msgid == symbiose.title else entry.msgid
    translation.import_po(po)
    translation.save_target(publish=False)
    symbiose.get_translation(english).get_latest_revision().publish()


def test_english_home(client, examples):
    # Examples: the real symbioses are translated already.
    chosen = list(published_danish_symbioses().filter(is_example=True).order_by("title"))[:3]
    choose(examples["home"], chosen)
    call_sync_english_home(examples["home"])
    translate_symbiose(chosen[0], "Heat for the swimming pool")

    page = soup(client.get("/en/"))
    danish = soup(client.get("/"))

    def digits(shown):
        return [value.replace(",", "").replace(".", "") for value in figures(shown).values()]

    assert digits(page) == digits(danish)  # 2,195 in English is 2.195 in Danish
    assert page.find(id="home-figures").get_text(strip=True) == "The network in figures"
    titles = page.select("section[aria-labelledby=home-symbioses] .card__title")
    assert [t.get_text(strip=True) for t in titles] == [
        "Heat for the swimming pool",
        chosen[1].title,
        chosen[2].title,
    ]
    assert not titles[0].has_attr("lang") and titles[1]["lang"] == "da"
    groups = page.find("section", attrs={"aria-labelledby": "home-groups"}).find_all("a")
    assert groups[0]["href"] == "/en/theme-groups/water-and-wastewater/"
    join = page.find("section", class_="home-join").find("a")
    assert (join["href"], join.get_text(strip=True)) == ("/en/join/", "Join Symbiose Hillerød")
    assert page.find("a", class_="home-hero__more")["href"] == "/en/about/"
    assert page.find("a", class_="more-link")["href"] == "/en/symbioses/"


def call_sync_english_home(home):
    """What an editor does after changing the Danish home: sync the translated page."""
    source = TranslationSource.objects.get_for_instance(home)
    source.update_from_db()
    for translation in source.translations.all():
        translation.save_target(publish=True)


# Launch content on a site made before the home page had its sections --------------------------

SECTION_FIELDS = ["figures_heading", "theme_groups_heading", "join_heading", "join_text"]


def as_before_the_sections(page):
    """The page as a database from before the sections has it: empty fields, and revisions
    that do not know them."""
    HomePage.objects.filter(pk=page.pk).update(join_page=None, **dict.fromkeys(SECTION_FIELDS, ""))
    for revision in page.revisions.all():
        for name in [*SECTION_FIELDS, "join_page", "featured_heading", "featured_symbioses"]:
            revision.content.pop(name, None)
        revision.save()


def test_a_home_page_from_before_its_sections_gets_them_once(client, launch):
    danish = launch["home"]
    english = HomePage.objects.get(locale__language_code="en")
    as_before_the_sections(danish)
    as_before_the_sections(english)
    assert soup(client.get("/")).find("section", class_="home-join") is None

    call_command("load_launch_content", verbosity=0)

    home = HomePage.objects.get(pk=danish.pk)
    assert home.join_heading == content.HOME_JOIN_HEADING
    assert home.join_page_id == JoinFormPage.objects.get(locale__language_code="da").pk
    section = soup(client.get("/en/")).find("section", class_="home-join")
    assert section.h2.get_text(strip=True) == "Take part in the network"
    assert section.find("a")["href"] == "/en/join/"

    revisions = [p.latest_revision_id for p in Page.objects.order_by("pk")]
    call_command("load_launch_content", verbosity=0)
    assert [p.latest_revision_id for p in Page.objects.order_by("pk")] == revisions


def test_loading_again_keeps_an_editors_home_page_sections(client, launch):
    home = launch["home"]
    home.join_page = None
    home.join_heading = ""
    home.figures_heading = "Tal"
    home.save_revision().publish()

    call_command("load_launch_content", verbosity=0)

    home = HomePage.objects.get(pk=home.pk)
    assert (home.join_page_id, home.join_heading, home.figures_heading) == (None, "", "Tal")
    assert soup(client.get("/")).find("section", class_="home-join") is None
