"""Every block has a description and a preview that renders in the admin."""

import re

import pytest
from bs4 import BeautifulSoup
from wagtail_factories import ImageFactory

from pages.blocks import BodyBlock, SectionContentBlock

BLOCK_NAMES = ["section", *SectionContentBlock.base_blocks]


def body_block(name):
    """The body's section block, or one of the blocks inside a section."""
    section = BodyBlock().child_blocks["section"]
    if name == "section":
        return section
    return section.child_blocks["content"].child_blocks[name]


@pytest.fixture
def editor(client, admin_user, launch):
    client.force_login(admin_user)
    ImageFactory(title="Preview image", file__width=1600, file__height=900)  # wider than 1200
    return client


def test_the_body_is_made_of_sections():
    assert list(BodyBlock.base_blocks) == ["section"]


@pytest.mark.parametrize("name", BLOCK_NAMES)
def test_block_has_description_and_renders_its_preview(editor, name):
    block = body_block(name)
    assert block.get_description()
    response = editor.get("/admin/block-preview/", {"id": block.definition_prefix})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.main.get_text(strip=True) or page.main.find("img")
    assert page.find("link", rel="stylesheet")["href"].endswith(".css")


def test_heading_levels_are_limited_to_h2_and_h3():
    """A section's heading is its h2; inside it, subheadings are h3. No other level exists."""
    section = body_block("section")
    subheading = {"type": "subheading", "value": {"text": "Vores mål", "anchor": "mal"}}
    value = section.to_python({"heading": "Mission", "anchor": "", "content": [subheading]})
    html = BeautifulSoup(section.render(value), "html.parser")
    headings = html.find_all(re.compile(r"^h[1-6]$"))
    assert [(h.name, h["id"], h.get_text()) for h in headings] == [
        ("h2", "mission", "Mission"),
        ("h3", "mal", "Vores mål"),
    ]
    assert [name for name in BLOCK_NAMES if "heading" in name] == ["subheading"]


def test_image_preview_uses_alt_text(editor):
    block = body_block("image")
    response = editor.get("/admin/block-preview/", {"id": block.definition_prefix})
    picture = BeautifulSoup(response.content, "html.parser").main.find("picture")
    assert [source["type"] for source in picture.find_all("source")] == ["image/avif", "image/webp"]
    assert all(len(source["srcset"].split(",")) == 3 for source in picture.find_all("source"))
    img = picture.find("img")
    assert img["alt"] == "Eksempel på et billede"
    assert img["loading"] == "lazy"
    assert img["src"].endswith(".jpg")
    assert img["width"] and img["height"]  # no layout shift while it loads
