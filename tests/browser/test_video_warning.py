"""The video host does not answer when an editor publishes: the admin says so in Danish, and
visitors get a plain, titled link to the video, not an empty player box."""

import pytest
import responses
from playwright.sync_api import expect

from tests.browser.editor import leave_editor, log_in, publish
from tests.conftest import VIDEO_URL
from tests.test_video_failures import LINK_TEXT, OM, WARNING_TEXT

pytestmark = pytest.mark.browser


@pytest.fixture
def host_down():
    """The only fake we allow: the video host's oEmbed answer, here a failure."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get("https://www.youtube.com/oembed", status=503)
        yield mock


def test_editor_sees_the_danish_warning_and_visitors_a_link(launched, admin_user, host_down, page):
    om = launched["om"]
    log_in(page)
    page.goto(f"{page.network.origin}/admin/pages/{om.pk}/edit/")
    # An address instead of the launch content's video file: the file's choice is cleared.
    video_file = page.locator("input[name^='body-'][name$='-value-file']")
    expect(video_file).to_have_count(1)
    chooser = page.locator(f"#{video_file.get_attribute('id')}-chooser")
    chooser.locator(".w-dropdown__toggle").click()
    chooser.locator("[data-chooser-action-clear]").click()
    expect(video_file).to_have_value("")
    address = page.locator("input[name^='body-'][name$='-value-url']")
    expect(address).to_have_count(1)
    address.fill(VIDEO_URL)
    publish(page)
    expect(page.locator(".messages")).to_contain_text(WARNING_TEXT)
    assert host_down.calls, "the video host was never asked"

    # Opening the page in the admin again still says so.
    page.goto(f"{page.network.origin}/admin/pages/{om.pk}/edit/")
    expect(page.locator(".messages")).to_contain_text(WARNING_TEXT)

    leave_editor(page, to=OM)
    link = page.locator("p.video-link a")
    expect(link).to_have_text(LINK_TEXT)
    expect(link).to_have_attribute("href", VIDEO_URL)
    expect(page.locator("figure[data-video]")).to_have_count(0)
    page.network.assert_stayed_local()
