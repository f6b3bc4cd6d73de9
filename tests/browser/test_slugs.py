"""An editor types a Danish title: the address field shows the letters spelt out in ASCII, as
the server would make it; changing a published address keeps the old one working."""

import pytest
from playwright.sync_api import expect

from pages.models import ContentPage
from tests.browser.editor import leave_editor, log_in, publish

pytestmark = pytest.mark.browser


def test_danish_title_gives_an_ascii_address_and_old_addresses_redirect(launched, admin_user, page):
    origin = page.network.origin
    log_in(page)
    page.goto(f"{origin}/admin/pages/add/pages/contentpage/{launched['home'].pk}/")
    page.locator("#id_title").press_sequentially("Grønne tage på Hillerød")
    slug = page.locator("#id_slug")
    expect(slug).to_have_value("groenne-tage-paa-hilleroed")
    publish(page)

    created = ContentPage.objects.get(slug="groenne-tage-paa-hilleroed")
    assert created.live and created.url == "/groenne-tage-paa-hilleroed/"

    # The editor shortens the address and publishes again.
    page.goto(f"{origin}/admin/pages/{created.pk}/edit/")
    tab = page.locator("[role=tabpanel]", has=slug).get_attribute("id")
    page.locator(f"[role=tab][aria-controls='{tab}']").click()  # the address is under Promote
    slug.fill("grønne-tage")
    slug.blur()
    expect(slug).to_have_value("groenne-tage")
    publish(page)
    leave_editor(page)

    old = page.request.get(f"{origin}/groenne-tage-paa-hilleroed/", max_redirects=0)
    assert old.status == 301
    assert old.headers["location"].endswith("/groenne-tage/")
    page.goto(f"{origin}/groenne-tage-paa-hilleroed/")
    expect(page).to_have_url(f"{origin}/groenne-tage/")
    expect(page.locator("h1")).to_have_text("Grønne tage på Hillerød")
    page.network.assert_stayed_local()
