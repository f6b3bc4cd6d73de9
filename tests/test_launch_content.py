"""The launch content: complete, word for word, corrected, and loaded idempotently."""

import ast
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from brochure.editions import build_all
from brochure.models import BrochureEdition, BrochureSettings
from pages.models import ContentPage, HomePage
from pages.site_settings import SiteSettings

SECTIONS = ["Mission", "Mål", "Definition af symbiose hos os", "Baggrund"]
# Sentences from the source text, with its two slips corrected.
SOURCE_SENTENCES = [
    "Symbiose Hillerød vil fremme bæredygtig innovation og vækst gennem stærke relationer og nye "
    "samarbejdsformer imellem borgere, foreninger, virksomheder, kommune og "
    "uddannelsesinstitutioner.",
    "Og vi sikrer derfor, at der er et klart mandat og kontinuitet fra deltagerne.",
    "der har til formål at udnytte en ressource mere optimalt miljømæssigt, socialt eller "
    "økonomisk - se video nedenfor.",
    "Allerede i 2013 tog forskellige parter i Hillerød initiativ til dannelse af en traditionel "
    "industriel symbiose.",
    "nytænkning og innovation for at skabe bæredygtig vækst kræver et bredere perspektiv",
    "Der arbejdes fortsat på at identificere relevante initiativer og interessenter.",
]


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text_of(node):
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()


def test_home_page_is_the_site_root_with_intro_and_link(client, launch):
    assert Site.objects.get(is_default_site=True).root_page.specific == launch["home"]
    page = soup(client, "/")
    assert text_of(page.h1) == "Symbiose Hillerød"
    assert "bæredygtig innovation og vækst" in text_of(page.main)
    link = page.main.find("a", href="/om-symbiose-hillerod/")
    assert text_of(link) == "Læs mere om Symbiose Hillerød"
    menu = page.find("nav", attrs={"aria-label": "Hovedmenu"})
    assert menu.find("a", href="/om-symbiose-hillerod/")


def test_om_page_sections_word_for_word(client, launch):
    page = soup(client, "/om-symbiose-hillerod/")
    assert [text_of(h) for h in page.find_all("h1")] == ["Om Symbiose Hillerød"]
    headings = page.main.find_all("h2")
    assert [text_of(h) for h in headings] == SECTIONS
    assert [h["id"] for h in headings] == [
        "mission",
        "mal",
        "definition-af-symbiose-hos-os",
        "baggrund",
    ]
    body = text_of(page.main)
    for sentence in SOURCE_SENTENCES:
        assert sentence in body
    assert "traditioneI" not in body
    assert "bæredygtige vækst" not in body


def test_on_this_page_links_every_section(client, launch):
    page = soup(client, "/om-symbiose-hillerod/")
    toc = page.find("nav", class_="toc")
    assert "På denne side" in text_of(toc)
    assert [a["href"] for a in toc.find_all("a")] == [
        "#mission",
        "#mal",
        "#definition-af-symbiose-hos-os",
        "#baggrund",
    ]


def test_video_waits_for_its_address_without_a_trace(client, launch):
    """The source names no video address: the page looks right until an editor adds one."""
    page = soup(client, "/om-symbiose-hillerod/")
    assert page.find(attrs={"data-video": True}) is None
    assert "iframe" not in str(page)


def test_om_page_links_both_brochure_editions(client, launch):
    build_all()
    page = soup(client, "/om-symbiose-hillerod/")
    links = page.main.select("aside.brochure-links a")
    assert [(link["href"], link["hreflang"]) for link in links] == [
        ("/brochure.pdf", "da"),
        ("/en/brochure.pdf", "en"),
    ]
    sizes = {edition.language: edition.size for edition in BrochureEdition.objects.all()}
    assert text_of(links[0]).endswith(f"(PDF, {round(sizes['da'] / 1024)} KB, på dansk)")
    assert text_of(links[1]).endswith(f"(PDF, {round(sizes['en'] / 1024)} KB, på engelsk)")
    assert all(link["type"] == "application/pdf" for link in links)
    # Before the sections, not three screens down at the end of the page.
    assert links[0].find_next("h2")["id"] == "mission"


def test_footer_settings_have_launch_values(launch):
    settings = SiteSettings.load()
    assert settings.hotline_heading == "Akutte driftsproblemer"
    assert settings.hotline_phone_display == "48 23 10 00"
    assert settings.organisation_name == "Hillerød Forsyning"


def counts():
    return (
        Page.objects.count(),
        get_document_model().objects.count(),
        SiteSettings.objects.count(),
        Site.objects.count(),
    )


def test_loading_twice_changes_nothing(launch):
    before = counts()
    revisions = [p.latest_revision_id for p in Page.objects.order_by("pk")]
    call_command("load_launch_content", verbosity=0)
    assert counts() == before
    assert [p.latest_revision_id for p in Page.objects.order_by("pk")] == revisions


def test_loading_again_keeps_editor_changes(client, launch):
    om = launch["om"]
    om.title = "Om os"
    om.save_revision().publish()
    home = HomePage.objects.get(locale__language_code="da")
    home.intro = "<p>Redaktørens tekst.</p>"
    home.save_revision().publish()
    settings = SiteSettings.load()
    settings.hotline_phone = "70101010"
    settings.save()

    call_command("load_launch_content", verbosity=0)

    assert ContentPage.objects.get(pk=om.pk).title == "Om os"
    assert HomePage.objects.get(locale__language_code="da").intro == "<p>Redaktørens tekst.</p>"
    assert SiteSettings.load().hotline_phone == "70101010"
    assert "Redaktørens tekst." in client.get("/").content.decode()


@pytest.mark.django_db
def test_loading_replaces_only_wagtails_welcome_page():
    assert Page.objects.filter(depth=2).get().specific_class is Page  # Wagtail's placeholder
    call_command("load_launch_content", verbosity=0)
    homes = [(p.specific_class, p.locale.language_code) for p in Page.objects.filter(depth=2)]
    assert homes == [(HomePage, "da"), (HomePage, "en")]


@pytest.mark.django_db
def test_loading_builds_both_editions_once_committed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_launch_content", verbosity=0)
    assert sorted(BrochureEdition.objects.values_list("language", flat=True)) == ["da", "en"]
    assert BrochureSettings.load().about_page.specific.slug == "om-symbiose-hillerod"
    # The brochure is no document (its stable address instead); the explainer's files are.
    documents = get_document_model().objects.values_list("file", flat=True)
    assert documents and not [name for name in documents if not name.endswith((".mp4", ".vtt"))]
    built = dict(BrochureEdition.objects.values_list("language", "sha256"))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_launch_content", verbosity=0)
    assert dict(BrochureEdition.objects.values_list("language", "sha256")) == built


def test_pages_and_symbioses_never_import_launch():
    """launch sits above pages and symbioses: it imports them, never the other way round."""
    offenders = []
    for app in ("pages", "symbioses"):
        for path in (Path(django_settings.BASE_DIR) / app).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and not node.level:
                    names = [node.module or ""]
                else:
                    continue
                if any(name == "launch" or name.startswith("launch.") for name in names):
                    offenders.append(f"{path}:{node.lineno}")
    assert offenders == []
