"""Editors change the footer in the admin; a bad number is refused and nothing is lost."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from pages.phone import normalise_danish_phone
from pages.site_settings import SiteSettings

ERROR = "Indtast et gyldigt dansk telefonnummer med 8 cifre, f.eks. 48 23 10 00."


@pytest.mark.parametrize(
    "entered",
    ["48 23 10 00", "48231000", "+45 48 23 10 00", "+4548231000", "0045 48231000", "48-23-10-00"],
)
def test_danish_numbers_are_accepted_and_normalised(entered):
    assert normalise_danish_phone(entered) == "48231000"


@pytest.mark.parametrize(
    "entered", ["", "4823100", "482310001", "08 23 10 00", "+46 48 23 10 00", "48 23 10 0O", "112"]
)
def test_invalid_numbers_are_refused(entered):
    with pytest.raises(ValidationError):
        normalise_danish_phone(entered)


def settings_form(settings, **changes):
    data = {
        "organisation_name": settings.organisation_name,
        "hotline_heading": settings.hotline_heading,
        "hotline_text": settings.hotline_text,
        "hotline_phone": settings.hotline_phone,
        "accessibility_statement_url": settings.accessibility_statement_url,
        "hotline_heading_en": settings.hotline_heading_en,
        "hotline_text_en": settings.hotline_text_en,
        "contact_name": settings.contact_name,
        "contact_email": settings.contact_email,
        "contact_phone": settings.contact_phone,
    }
    data.update(changes)
    return data


@pytest.fixture
def editor_client(client, admin_user, launch):
    client.force_login(admin_user)
    return client


def edit_url():
    return f"/admin/settings/pages/sitesettings/{SiteSettings.load().pk}/"


def test_editor_changes_the_hotline(editor_client):
    settings = SiteSettings.load()
    response = editor_client.post(
        edit_url(), settings_form(settings, hotline_phone="+45 70 10 20 30")
    )
    assert response.status_code == 302
    assert SiteSettings.load().hotline_phone == "70102030"
    editor_client.logout()
    footer = BeautifulSoup(editor_client.get("/").content, "html.parser").footer
    assert footer.find("a", href="tel:+4570102030").get_text() == "70 10 20 30"


def test_bad_number_is_refused_in_danish_and_nothing_is_lost(editor_client):
    settings = SiteSettings.load()
    response = editor_client.post(
        edit_url(),
        settings_form(settings, hotline_phone="1234", organisation_name="Noget andet"),
    )
    assert response.status_code == 200
    assert ERROR in response.content.decode()
    saved = SiteSettings.load()
    assert saved.hotline_phone == "48231000"
    assert saved.organisation_name == "Hillerød Forsyning"
    # The editor's input is kept in the form for correction.
    form = BeautifulSoup(response.content, "html.parser")
    assert form.find("input", attrs={"name": "organisation_name"})["value"] == "Noget andet"


def test_bad_accessibility_address_is_refused(editor_client):
    settings = SiteSettings.load()
    response = editor_client.post(
        edit_url(), settings_form(settings, accessibility_statement_url="javascript:alert(1)")
    )
    assert response.status_code == 200
    assert SiteSettings.load().accessibility_statement_url.startswith("https://")
