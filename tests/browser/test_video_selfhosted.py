"""The explainer in a real browser: nothing loads before play, then the video plays from the site
itself with its Danish captions; the transcript opens without JavaScript; axe finds nothing."""

import pytest
from playwright.sync_api import expect

from launch.content import VIDEO_TITLE

from .conftest import DESKTOP, PHONE
from .test_axe import assert_accessible

pytestmark = pytest.mark.browser

PLAYING = """() => {
    const video = document.querySelector("video");
    return video.readyState >= 2 && video.currentTime > 0.5;
}"""
CUES = """() => {
    const track = document.querySelector("video").textTracks[0];
    return track.mode === "showing" && track.cues !== null && track.cues.length > 0;
}"""


def test_the_explainer_plays_with_its_danish_captions(launched, page):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(page.network.origin + launched["om"].url)
    video = page.get_by_role("figure").locator("video")
    expect(video).to_have_count(1)
    expect(video).to_be_visible()
    assert video.evaluate("video => video.readyState") == 0  # preload="none"
    assert not [url for url in requested if url.endswith(".mp4")]

    video.evaluate("video => { video.muted = true; return video.play(); }")  # as the play button
    page.wait_for_function(PLAYING, timeout=15_000)
    assert video.evaluate("video => video.duration") > 30
    assert video.evaluate("video => video.videoWidth") > 0
    page.wait_for_function(CUES, timeout=15_000)
    tracks = video.evaluate(
        "video => Array.from(video.textTracks, track => [track.language, track.mode])"
    )
    assert tracks == [["da", "showing"], ["en", "disabled"]]
    first_cue = video.evaluate("video => video.textTracks[0].cues[0].text")
    assert first_cue == "Hvad er en symbiose hos Symbiose Hillerød?"
    page.network.assert_stayed_local()
    page.network.assert_no_page_errors()


def test_the_transcript_opens_without_javascript(launched, new_page):
    page = new_page(java_script_enabled=False)
    page.goto(page.network.origin + launched["om"].url)
    details = page.locator("details.video__transcript")
    transcript = details.locator("p").first
    expect(transcript).to_be_hidden()
    details.locator("summary").click()
    expect(transcript).to_be_visible()
    expect(transcript).to_contain_text("Hvad er en symbiose hos Symbiose Hillerød?")
    expect(page.get_by_role("figure").locator("video")).to_have_attribute("controls", "")
    page.network.assert_stayed_local()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_om_page_with_the_explainer_is_accessible(launched, new_page, viewport):
    # axe is injected with page.evaluate, which the strict CSP may refuse (as in test_axe.py).
    page = new_page(viewport=viewport, bypass_csp=True)
    page.goto(page.network.origin + launched["om"].url)
    expect(page.locator("figure figcaption")).to_have_text(VIDEO_TITLE)
    page.locator("details.video__transcript summary").click()  # the transcript, opened
    assert_accessible(page)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= viewport["width"]  # the player fits the phone
    page.network.assert_stayed_local()
