"""The Permissions-Policy and the Content-Security-Policy as Chromium applies them: the video
player keeps what it needs, the page has none of the features the site never uses, and the
admin's preview panel may show a preview."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from launch.content import VIDEO_TITLE

pytestmark = pytest.mark.browser

PLAYER_HOST = "www.youtube-nocookie.com"
PLAYER_STUB = "<html><body>player</body></html>"
PLAYER_FEATURES = ("autoplay", "encrypted-media", "fullscreen", "picture-in-picture")
UNUSED_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb", "display-capture")
USERNAME, PASSWORD = "redaktoer", "hemmeligt-kodeord-123"  # tests/conftest.py: admin_user

ALLOWED = "features => Object.fromEntries(features.map(f => [f, document.featurePolicy.allowsFeature(f)]))"


def header_warnings(page):
    warnings = []
    page.on(
        "console",
        lambda message: "Permissions-Policy" in message.text and warnings.append(message.text),
    )
    return warnings


def test_the_player_keeps_its_features_and_the_page_has_no_others(launched, video_page, page):
    network = page.network
    network.stub(PLAYER_HOST, PLAYER_STUB)
    warnings = header_warnings(page)
    page.goto(network.origin + video_page.url)

    allowed = page.evaluate(ALLOWED, [*PLAYER_FEATURES, *UNUSED_FEATURES])
    assert allowed == {
        **dict.fromkeys(PLAYER_FEATURES, True),
        **dict.fromkeys(UNUSED_FEATURES, False),
    }

    video = page.locator("figure[data-video]")
    video.get_by_role("button", name=f"Afspil videoen “{VIDEO_TITLE}”").click()
    iframe = video.locator("iframe")
    expect(page.frame_locator("figure[data-video] iframe").locator("body")).to_have_text("player")
    player = iframe.element_handle().content_frame()
    assert player.url.startswith(f"https://{PLAYER_HOST}/embed/")
    # Inside the player, what its allow attribute asks for is granted; the rest stays off.
    assert player.evaluate(ALLOWED, [*PLAYER_FEATURES, *UNUSED_FEATURES]) == allowed
    assert player.evaluate("document.fullscreenEnabled") is True
    assert warnings == [], "Chromium does not understand the Permissions-Policy"
    network.assert_no_page_errors()  # no CSP violation either


def test_the_preview_panel_shows_the_page(launched, admin_user, page):
    """The public frame-ancestors 'none' would make Chromium refuse the panel's iframe."""
    page.goto(page.network.origin + "/admin/login/")
    page.locator('input[name="username"]').fill(USERNAME)
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator('form button[type="submit"]').click()
    expect(page).to_have_url(page.network.origin + "/admin/")

    om = launched["om"]
    page.goto(f"{page.network.origin}/admin/pages/{om.pk}/edit/")
    page.locator('button[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator('iframe[src*="/edit/preview/"]')
    expect(preview.locator("h1")).to_have_text(om.title)
    page.network.assert_no_page_errors()  # no "violates ... frame-ancestors" in the console
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-ancestors"] == ["'none'"]
