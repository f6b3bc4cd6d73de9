"""Every block has a description and a preview that renders in the admin."""

import pytest
from bs4 import BeautifulSoup
from wagtail_factories import ImageFactory

from pages.blocks import BodyBlock


@pytest.fixture
def editor(client, admin_user, launch):
    client.force_login(admin_user)
    ImageFactory(title="Preview image", file__width=1600, file__height=900)  # wider than 1200
    return client


@pytest.mark.parametrize("name", list(BodyBlock.base_blocks))
def test_block_has_description_and_renders_its_preview(editor, name):
    block = BodyBlock().child_blocks[name]
    assert block.get_description()
    response = editor.get("/admin/block-preview/", {"id": block.definition_prefix})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.main.get_text(strip=True) or page.main.find("img")
    assert page.find("link", rel="stylesheet")["href"].endswith(".css")


def test_heading_levels_are_limited_to_h2_and_h3():
    choices = BodyBlock().child_blocks["heading"].child_blocks["level"].field.choices
    assert [value for value, _ in choices if value] == ["h2", "h3"]


def test_image_preview_uses_alt_text(editor):
    block = BodyBlock().child_blocks["image"]
    response = editor.get("/admin/block-preview/", {"id": block.definition_prefix})
    picture = BeautifulSoup(response.content, "html.parser").main.find("picture")
    assert [source["type"] for source in picture.find_all("source")] == ["image/avif", "image/webp"]
    assert all(len(source["srcset"].split(",")) == 3 for source in picture.find_all("source"))
    img = picture.find("img")
    assert img["alt"] == "Eksempel på et billede"
    assert img["loading"] == "lazy"
    assert img["src"].endswith(".jpg")
    assert img["width"] and img["height"]  # no layout shift while it loads
