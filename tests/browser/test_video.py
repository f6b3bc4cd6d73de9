"""Click-to-load video: nothing is fetched from the video host until the visitor presses play."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from launch.content import VIDEO_TITLE
from tests.conftest import VIDEO_ID, VIDEO_URL

pytestmark = pytest.mark.browser

PLAYER_HOST = "www.youtube-nocookie.com"
PLAYER_STUB = "<html><body>player</body></html>"
VIDEO_HOSTS = re.compile(r"(^|\.)(youtube\.com|youtube-nocookie\.com|ytimg\.com|youtu\.be)$")


def video_requests(network):
    return [url for url in network.outbound if VIDEO_HOSTS.search(urlsplit(url).hostname or "")]


@pytest.fixture
def om_with_video(launched, video_page):
    return video_page


def test_video_loads_from_the_host_only_after_play(om_with_video, page):
    network = page.network
    network.stub(PLAYER_HOST, PLAYER_STUB)
    page.goto(network.origin + om_with_video.url)

    video = page.locator("figure[data-video]")
    expect(video).to_have_count(1)
    expect(video.locator(".video__title")).to_have_text(VIDEO_TITLE)
    play = video.get_by_role("button", name=f"Afspil videoen “{VIDEO_TITLE}”")
    expect(play).to_be_visible()
    expect(video.locator("[data-video-privacy]")).to_be_visible()
    expect(page.locator("iframe")).to_have_count(0)
    assert video_requests(network) == [], "the video host was contacted before play"
    assert network.outbound == []

    # Play with the keyboard: focus the button, press Enter.
    play.focus()
    with page.expect_request(lambda request: urlsplit(request.url).hostname == PLAYER_HOST):
        page.keyboard.press("Enter")

    iframe = video.locator("iframe")
    expect(iframe).to_have_count(1)
    title = iframe.get_attribute("title")
    assert title.strip() and VIDEO_TITLE in title, title
    src = urlsplit(iframe.get_attribute("src"))
    assert (src.scheme, src.hostname, src.path) == ("https", PLAYER_HOST, f"/embed/{VIDEO_ID}")
    assert parse_qs(src.query).get("autoplay") == ["1"]
    expect(iframe).to_be_focused()  # keyboard users land on the player they asked for
    expect(page.frame_locator("figure[data-video] iframe").locator("body")).to_have_text("player")

    # The only request that left the page was the player itself, answered by the stub.
    assert [urlsplit(url)[:3] for url in network.outbound] == [("https", PLAYER_HOST, src.path)]
    network.assert_no_page_errors()


def test_without_javascript_only_the_plain_link_is_offered(om_with_video, new_page):
    page = new_page(java_script_enabled=False)
    page.goto(page.network.origin + om_with_video.url)

    video = page.locator("figure[data-video]")
    expect(video).to_have_count(1)
    expect(video.locator("[data-video-play]")).to_be_hidden()
    expect(video.locator("[data-video-privacy]")).to_be_hidden()
    expect(page.locator("iframe")).to_have_count(0)
    link = video.get_by_role("link", name=f"Se “{VIDEO_TITLE}” på YouTube")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", VIDEO_URL)
    page.network.assert_stayed_local()


def test_no_video_address_means_no_placeholder(launched, page):
    page.goto(page.network.origin + launched["om"].url)
    expect(page.get_by_role("heading", name="Definition af symbiose hos os")).to_be_visible()
    expect(page.locator("figure[data-video]")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("på YouTube"))).to_have_count(0)
    page.network.assert_stayed_local()
