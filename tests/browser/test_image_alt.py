"""An editor chooses an image that has a description and publishes without typing any
alternative text: visitors' screen readers get the description."""

import pytest
from playwright.sync_api import expect
from wagtail_factories import ImageFactory

from tests.browser.test_danish_numbers import PASSWORD, USERNAME, leave_editor
from tests.catalogue import make_partner, make_symbiose

pytestmark = pytest.mark.browser

DESCRIPTION = "To medarbejdere ved varmeveksleren i kælderen"


@pytest.fixture(autouse=True)
def _admin_stays_local(settings):
    """As in test_danish_numbers: no gravatar, no release check from the admin."""
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None
    settings.WAGTAIL_ENABLE_UPDATE_CHECK = False


@pytest.fixture
def symbiose(launched, admin_user):
    ImageFactory(title="Varmeveksleren", description=DESCRIPTION)
    return make_symbiose(
        "Overskudsvarme til skolen",
        make_partner("Forsyningen", "forsyning"),
        make_partner("Skolen", "uddannelse"),
        resource="Overskudsvarme",
    )


def log_in(page):
    page.goto(page.network.origin + "/admin/login/")
    page.locator("#id_username").fill(USERNAME)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(page.network.origin + "/admin/")


def publish(page):
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("footer button[name='action-publish']").click()
    expect(page.locator(".messages .success")).to_be_visible()


def test_image_description_is_the_alt_text_without_typing_it(symbiose, page):
    log_in(page)
    page.goto(f"{page.network.origin}/admin/pages/{symbiose.pk}/edit/")
    images = page.locator("[data-contentpath='images']")
    images.locator("button.c-sf-add-button").first.click()
    image_block = images.locator("[data-streamfield-child]").first
    image_block.locator("button[data-chooser-action-choose]").click()
    page.locator(".modal").get_by_role("link", name="Varmeveksleren").click()
    expect(page.locator("input[name='images-0-value-image']")).not_to_have_value("")
    expect(page.locator("input[name='images-0-value-alt_text']")).to_have_value("")
    publish(page)

    leave_editor(page, to=symbiose.url)
    expect(page.locator("figure.image img")).to_have_attribute("alt", DESCRIPTION)
    page.network.assert_stayed_local()
