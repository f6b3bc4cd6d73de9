"""Page addresses are ASCII with the Danish letters spelt out, in the browser and on the server,
and a published page's old address redirects permanently to its new one."""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from pages.models import ContentPage
from pages.slugs import DANISH_LETTERS, danish_slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Om Symbiose Hillerød", "om-symbiose-hilleroed"),
        ("Æbler, ørreder og ål", "aebler-oerreder-og-aal"),
        ("ÆØÅ", "aeoeaa"),
        ("Café Ärø", "cafe-aroe"),
        ("om-symbiose-hilleroed", "om-symbiose-hilleroed"),
    ],
)
def test_danish_letters_are_spelt_out(text, slug):
    assert danish_slug(text) == slug


@pytest.fixture
def editor(client, admin_user, launch):
    client.force_login(admin_user)
    return client


def page_form(title, slug, **extra):
    return nested_form_data(
        {"title": title, "slug": slug, "intro": "", "body": streamfield([]), **extra}
    )


def create_page(editor, home, title, slug="", **extra):
    response = editor.post(
        f"/admin/pages/add/pages/contentpage/{home.pk}/", page_form(title, slug, **extra)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return ContentPage.objects.latest("pk")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", "om-symbiose-hilleroed"),  # made on the server from the title
        ("om-symbiose-hillerød", "om-symbiose-hilleroed"),  # typed, without JavaScript
        ("Vores Hillerød", "vores-hilleroed"),
    ],
)
def test_new_page_gets_an_ascii_address(editor, launch, typed, expected):
    page = create_page(editor, launch["home"], "Om Symbiose Hillerød", typed)
    assert page.slug == expected
    assert page.url.isascii()


def test_the_browser_spells_out_the_same_letters(editor, launch):
    response = editor.get(f"/admin/pages/add/pages/contentpage/{launch['home'].pk}/")
    slug = BeautifulSoup(response.content, "html.parser").find("input", attrs={"name": "slug"})
    assert slug["data-controller"] == "w-slug"
    assert slug.get("data-w-slug-allow-unicode-value", "False") == "False"
    formatters = json.loads(slug["data-w-slug-formatters-value"])
    assert {pattern: ascii for (pattern, _flags), ascii in formatters} == DANISH_LETTERS


def test_changing_a_published_address_keeps_the_old_one_working(
    editor, launch, client, django_capture_on_commit_callbacks
):
    home = launch["home"]
    page = create_page(editor, home, "Grønne tage", **{"action-publish": "publish"})
    assert page.live and page.url == "/groenne-tage/"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail redirects on commit
        response = editor.post(
            f"/admin/pages/{page.pk}/edit/",
            page_form("Grønne tage", "groenne-tage-i-hilleroed", **{"action-publish": "publish"}),
        )
    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).url == "/groenne-tage-i-hilleroed/"
    assert Redirect.objects.get(old_path="/groenne-tage").is_permanent

    editor.logout()
    response = client.get("/groenne-tage/")
    assert response.status_code == 301
    assert response["Location"].endswith("/groenne-tage-i-hilleroed/")
    assert client.get("/groenne-tage-i-hilleroed/").status_code == 200
