"""The video: a placeholder that contacts nobody, a titled player on request, a plain link."""

import responses
from bs4 import BeautifulSoup
from wagtail.embeds.models import Embed

from tests.conftest import VIDEO_ID, VIDEO_URL, publish_video


def video_figure(client):
    page = BeautifulSoup(client.get("/om-symbiose-hillerod/").content, "html.parser")
    return page, page.find("figure", attrs={"data-video": True})


def test_video_sits_right_after_the_definition(client, video_page):
    page, figure = video_figure(client)
    assert figure.find_previous("h2").get_text(strip=True) == "Definition af symbiose hos os"
    assert figure.find_next("h2").get_text(strip=True) == "Baggrund"


def test_placeholder_makes_no_request_to_the_host(client, video_page):
    with responses.RequestsMock() as mock:  # any request to the host would fail the test
        page, figure = video_figure(client)
        assert len(mock.calls) == 0
    assert figure.find(class_="video__title").get_text(strip=True)
    # The player waits inside an inert <template>; nothing on the page loads from the host.
    assert all(iframe.find_parent("template") for iframe in page.find_all("iframe"))
    for tag in page.find_all(src=True):
        assert tag.find_parent("template") or tag["src"].startswith("/")
    link = figure.find("figcaption").a
    assert link["href"] == VIDEO_URL
    assert link.get_text(strip=True).endswith("på YouTube")


def test_player_is_titled_and_privacy_friendly(client, video_page):
    _, figure = video_figure(client)
    button = figure.find("button", attrs={"data-video-play": True})
    assert button.has_attr("hidden")  # shown by JavaScript only, so it never is a dead button
    assert "Afspil videoen" in button.get_text()
    player = BeautifulSoup(figure.find("template").decode_contents(), "html.parser").iframe
    assert player["title"] == "Video: Definition af symbiose hos os"
    assert player["src"].startswith(f"https://www.youtube-nocookie.com/embed/{VIDEO_ID}?")


def test_embed_is_resolved_when_publishing(video_page):
    assert Embed.objects.filter(url=VIDEO_URL).exists()


def test_unresolvable_video_still_renders_with_the_plain_link(client, launch):
    url = "https://www.youtube.com/watch?v=Unknown9999"
    with responses.RequestsMock() as mock:
        mock.get("https://www.youtube.com/oembed", status=404)
        publish_video(launch["om"], url)
    response = client.get("/om-symbiose-hillerod/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("figure", attrs={"data-video": True}) is None  # no empty player box
    assert page.find("template") is None
    link = page.find("p", class_="video-link").a
    assert link["href"] == url
    assert link.get_text(strip=True).startswith("Se videoen på YouTube: ")


def test_unknown_video_host_still_renders(client, launch):
    # No finder accepts this host, so nothing is asked of the network.
    publish_video(launch["om"], "https://video.example.org/film/42")
    response = client.get("/om-symbiose-hillerod/")
    assert response.status_code == 200
    assert 'href="https://video.example.org/film/42"' in response.content.decode()


def test_video_without_title_is_refused(launch):
    from pages.blocks import VideoBlock

    block = VideoBlock()
    try:
        block.clean(block.to_python({"url": VIDEO_URL, "title": ""}))
    except Exception as error:  # noqa: BLE001
        assert "Giv videoen en titel." in str(error.as_json_data())
    else:
        raise AssertionError("a video without a title was accepted")
