"""A partner's way in, in each language: from the front page to the About page, the current
brochure and the join form; then the staff see the submission in the admin and in their inbox."""

import email
import io
from email import policy

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from join.models import JoinFormPage

from .editor import log_in

pytestmark = pytest.mark.browser

CONTACT = "kontakt@symbiose.example"

JOURNEYS = {
    "en": {
        "switch": "English",
        "home": "/en/",
        "about": "About Symbiose Hillerød",
        "about_url": "/en/about/",
        "brochure": "/en/brochure.pdf",
        "brochure_says": "in English",
        "join": "Join Symbiose Hillerød",
        "fields": {
            "Organisation": "Green Lab ApS",
            "Contact person": "Jane Doe",
            "E-mail": "jane@greenlab.example",
            "Your resource or idea": "Surplus heat from our servers.",
        },
        "kind": ("Kind of organisation", "Company"),
        "consent": "I have read the text above",
        "send": "Send",
        "thanks": "Thank you",
    },
    "da": {
        "switch": None,
        "home": "/",
        "about": "Om Symbiose Hillerød",
        "about_url": "/om-symbiose-hillerod/",
        "brochure": "/brochure.pdf",
        "brochure_says": "på dansk",
        "join": "Bliv en del af Symbiose Hillerød",
        "fields": {
            "Organisation": "Grøn Have",
            "Kontaktperson": "Jens Jensen",
            "E-mail": "jens@groenhave.example",
            "Jeres ressource eller idé": "Regnvand til haven.",
        },
        "kind": ("Type af organisation", "Forening"),
        "consent": "Jeg har læst teksten ovenfor",
        "send": "Send",
        "thanks": "Tak",
    },
}


@pytest.mark.parametrize("language", JOURNEYS)
def test_a_partner_finds_the_brochure_and_joins(launched, mailbox, new_page, admin_user, language):
    for page in JoinFormPage.objects.all():
        page.to_address = CONTACT
        page.save_revision().publish()
    journey = JOURNEYS[language]
    page = new_page()
    origin = page.network.origin

    page.goto(origin + "/")
    if journey["switch"]:
        switch = page.locator("header nav.language-switch a")
        expect(switch).to_have_text(journey["switch"])
        expect(switch).to_have_attribute("lang", "en")
        switch.click()
    expect(page).to_have_url(origin + journey["home"])
    expect(page.locator("html")).to_have_attribute("lang", language)

    page.locator("nav.main-menu").get_by_role("link", name=journey["about"]).click()
    expect(page).to_have_url(origin + journey["about_url"])
    expect(page.locator("h1")).to_have_text(journey["about"])

    brochure = page.locator(f'main a[href$="{journey["brochure"]}"]').first
    expect(brochure).to_contain_text(journey["brochure_says"])
    download = page.request.get(origin + brochure.get_attribute("href"))
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    assert download.body().startswith(b"%PDF")
    pdf = PdfReader(io.BytesIO(download.body()))
    assert len(pdf.pages) >= 2 and "/StructTreeRoot" in pdf.trailer["/Root"]  # tagged, not a stub
    assert pdf.trailer["/Root"]["/Lang"] == language

    page.locator("nav.main-menu").get_by_role("link", name=journey["join"]).click()
    expect(page.locator("h1")).to_have_text(journey["join"])
    for label, value in journey["fields"].items():
        page.get_by_label(label, exact=True).fill(value)
    kind_label, kind = journey["kind"]
    page.get_by_label(kind_label).select_option(label=kind)
    page.get_by_label(journey["consent"], exact=False).check()
    page.locator("main form").get_by_role("button", name=journey["send"]).click()
    expect(page.locator("h1")).to_contain_text(journey["thanks"])
    page.network.assert_stayed_local()

    # The staff's inbox and the admin.
    organisation = next(iter(journey["fields"].values()))
    assert len(mailbox.messages) == 1
    envelope = mailbox.messages[0]
    assert envelope.rcpt_tos == [CONTACT]
    message = email.message_from_bytes(envelope.content, policy=policy.default)
    assert organisation in message.get_body(("plain",)).get_content()

    join_page = JoinFormPage.objects.get(locale__language_code=language)
    admin = new_page()
    log_in(admin)
    admin.goto(admin.network.origin + f"/admin/forms/submissions/{join_page.pk}/")
    expect(admin.locator("main")).to_contain_text(organisation)
