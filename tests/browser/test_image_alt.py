"""An editor chooses an image that has a description and publishes without typing any
alternative text: visitors' screen readers get the description."""

import pytest
from playwright.sync_api import expect
from wagtail_factories import ImageFactory

from tests.browser.editor import leave_editor, log_in, publish
from tests.catalogue import make_partner, make_symbiose

pytestmark = pytest.mark.browser

DESCRIPTION = "To medarbejdere ved varmeveksleren i kælderen"


@pytest.fixture
def symbiose(launched, admin_user):
    ImageFactory(title="Varmeveksleren", description=DESCRIPTION)
    return make_symbiose(
        "Overskudsvarme til skolen",
        make_partner("Forsyningen", "forsyning"),
        make_partner("Skolen", "uddannelse"),
        resource="Overskudsvarme",
    )


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
