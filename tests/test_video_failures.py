"""When the video host does not answer at publish, the editor is told in Danish, and visitors
get a plain, titled link to the video instead of an empty player box."""

import pytest
import responses
from bs4 import BeautifulSoup
from django.contrib.messages import WARNING
from wagtail import blocks
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pages.blocks import VideoBlock
from tests.conftest import OEMBED_ANSWER, SELF_HOSTED_FIELDS, VIDEO_URL

OM = "/om-symbiose-hillerod/"
TITLE = "Definition af symbiose hos os"
WARNING_TEXT = (
    f"Videoen “{TITLE}” ({VIDEO_URL}) kunne ikke hentes fra YouTube. Besøgende ser et link "
    "til videoen i stedet for afspilleren. Tjek adressen, og udgiv siden igen."
)
LINK_TEXT = f"Se videoen på YouTube: {TITLE}"


def form_value(block, value, video_url):
    """A block's value as the admin's form submits it, whatever the body's structure; the
    video blocks get `video_url` as their address (and no video file)."""
    if isinstance(block, blocks.StreamBlock):
        return streamfield(
            [(child.block_type, form_value(child.block, child.value, video_url)) for child in value]
        )
    if isinstance(block, blocks.ListBlock):
        return streamfield(
            [("item", form_value(block.child_block, item, video_url)) for item in value]
        )
    if isinstance(block, blocks.StructBlock):
        fields = {
            name: form_value(child, value.get(name), video_url)
            for name, child in block.child_blocks.items()
        }
        if isinstance(block, VideoBlock):
            # An address instead of the launch content's video file, which it cannot go beside.
            fields.update(dict.fromkeys(SELF_HOSTED_FIELDS, ""))
            fields["url"] = video_url
        return fields
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(value.source if isinstance(value, RichText) else value or "")
    if isinstance(block, blocks.ChooserBlock):
        return value.pk if value else ""
    if isinstance(block, blocks.BooleanBlock):
        return "on" if value else ""
    return "" if value is None else value


def publish_in_admin(client, page, video_url):
    body_block = page.body.stream_block
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": page.intro,
            "body": form_value(body_block, page.body, video_url),
            "action-publish": "publish",
        }
    )
    return client.post(f"/admin/pages/{page.pk}/edit/", data, follow=True)


def warnings(response):
    return [str(m) for m in response.context["messages"] if m.level == WARNING]


@pytest.fixture
def editor(client, admin_user, launch):
    client.force_login(admin_user)
    return client


def test_failed_video_is_reported_when_publishing_and_linked_for_visitors(editor, launch):
    om = launch["om"]
    with responses.RequestsMock() as mock:
        mock.get("https://www.youtube.com/oembed", status=500)
        response = publish_in_admin(editor, om, VIDEO_URL)
        assert len(mock.calls) >= 1  # the host was asked, and did not answer
    assert response.status_code == 200
    assert WARNING_TEXT in warnings(response)

    # The page in the admin keeps saying so until a publish fetches the player.
    with responses.RequestsMock():  # opening the editor asks the host nothing
        response = editor.get(f"/admin/pages/{om.pk}/edit/")
    assert warnings(response) == [WARNING_TEXT]

    editor.logout()
    page = BeautifulSoup(editor.get(OM).content, "html.parser")
    assert page.find("figure", attrs={"data-video": True}) is None  # no empty dark box
    assert page.find(class_="video__frame") is None
    link = page.find("p", class_="video-link").a
    assert link["href"] == VIDEO_URL
    assert " ".join(link.get_text().split()) == LINK_TEXT


def test_publishing_again_when_the_host_answers_brings_the_player_back(editor, launch):
    om = launch["om"]
    with responses.RequestsMock() as mock:
        mock.get("https://www.youtube.com/oembed", status=500)
        publish_in_admin(editor, om, VIDEO_URL)
    with responses.RequestsMock() as mock:
        mock.get("https://www.youtube.com/oembed", json=OEMBED_ANSWER)
        response = publish_in_admin(editor, om, VIDEO_URL)
    assert warnings(response) == []
    with responses.RequestsMock():
        assert warnings(editor.get(f"/admin/pages/{om.pk}/edit/")) == []
    editor.logout()
    page = BeautifulSoup(editor.get(OM).content, "html.parser")
    assert page.find("figure", attrs={"data-video": True}).find("template")
    assert page.find("p", class_="video-link") is None


def test_a_working_video_gives_no_warning(editor, launch, oembed):
    response = publish_in_admin(editor, launch["om"], VIDEO_URL)
    assert response.status_code == 200
    assert warnings(response) == []
