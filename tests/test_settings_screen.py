"""The site settings: a short, whole menu label, and a screen in Danish panels with help."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

SETTINGS_URL = reverse("wagtailsettings:edit", args=["pages", "sitesettings"])


@pytest.fixture
def editor(client, admin_user, launch):
    client.force_login(admin_user)
    return client


def sidebar(client):
    """The admin's menu, as the sidebar receives it (JSON)."""
    page = BeautifulSoup(client.get("/admin/").content, "html.parser")
    return page.find(id="wagtail-sidebar-props").string


def test_menu_label_is_short_and_whole(editor):
    props = sidebar(editor)
    assert '"Websted"' in props
    assert "Webstedsindstillinger" not in props
    assert SETTINGS_URL in props


def test_settings_screen_is_grouped_in_danish_panels_with_help(editor):
    response = editor.get(SETTINGS_URL, follow=True)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    headings = [h.get_text(strip=True) for h in page.select(".w-panel__heading")]
    assert headings[:5] == [
        "Akutte driftsproblemer",
        "Akutte driftsproblemer på engelsk",
        "Generel kontakt",
        "Organisation",
        "Tilgængelighed",
    ]
    text = " ".join(page.get_text().split())
    for help_text in [
        "Nødblokken nederst på alle sider. Brochurerne viser det samme telefonnummer.",
        "Blokkens overskrift, f.eks. Akutte driftsproblemer.",
        "Hvem der svarer og hvornår, i en eller to sætninger.",
        "Et dansk nummer med 8 cifre",
        "Den organisation, der er ansvarlig for webstedet; nævnt i sidefoden og i brochuren.",
        "Sidefoden linker til tilgængelighedserklæringen, som loven kræver.",
    ]:
        assert help_text in text
