"""Danish first: the strings visitors and editors see come from the compiled catalogue."""

import gettext
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation

from tests.conftest import PAGE_TYPE_URLS

LOCALE = Path(settings.BASE_DIR) / "locale" / "da" / "LC_MESSAGES"


def po_entries():
    """(msgctxt, msgid) -> msgstr from django.po (single-line and wrapped entries)."""
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    entries = {}
    for block in text.split("\n\n"):
        if "#, fuzzy" in block:
            entries.setdefault("__fuzzy__", []).append(block)
        context = re.search(r'^msgctxt ((?:".*"\n?)+)', block, re.M)
        ids = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        strs = re.search(r'^msgstr ((?:".*"\n?)+)', block, re.M)
        if ids and strs:

            def join(chunk):
                text = "".join(re.findall(r'"(.*)"', chunk))
                return text.replace('\\"', '"').replace("\\n", "\n")

            key = (join(context.group(1)) if context else None, join(ids.group(1)))
            entries[key] = join(strs.group(1))
    return entries


def test_catalogue_is_complete_and_compiled():
    entries = po_entries()
    assert "__fuzzy__" not in entries, "fuzzy translations in django.po"
    with open(LOCALE / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    entries.pop("__fuzzy__", None)
    for (context, msgid), msgstr in entries.items():
        if not msgid:
            continue
        assert msgstr, f"untranslated: {msgid!r}"
        found = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
        assert found == msgstr, msgid


def test_django_uses_our_catalogue():
    with translation.override("da"):
        assert translation.gettext("Skip to content") == "Gå til indhold"
        assert translation.gettext("Emergency operational problems") == "Akutte driftsproblemer"


@pytest.mark.parametrize("url", list(PAGE_TYPE_URLS.values()))
def test_every_page_type_is_danish(client, examples, url):
    page = BeautifulSoup(client.get(url).content, "html.parser")
    assert page.html["lang"] == "da"
    assert page.find("a").get_text(strip=True) == "Gå til indhold"
    assert len(page.find_all("h1")) == 1
    assert page.find("footer").find("h2").get_text(strip=True) == "Akutte driftsproblemer"
    assert len(page.find("meta", attrs={"name": "description"})["content"]) > 20


def test_catalogue_words_are_danish(client, examples):
    index = BeautifulSoup(client.get("/symbioser/").content, "html.parser").main.get_text(" ")
    for danish in ["Filtrér symbioserne", "Samlet effekt", "Partnertype", "Netværket", "Åbne data"]:
        assert danish in index
    symbiose = client.get(PAGE_TYPE_URLS["SymbiosePage"]).content.decode()
    for danish in ["Målte resultater", "Tilbagebetalingstid", "Forbedrer", "Eksempel"]:
        assert danish in symbiose


def test_pages_are_danish(client, launch):
    page = BeautifulSoup(client.get("/om-symbiose-hillerod/").content, "html.parser")
    assert page.html["lang"] == "da"
    skip = page.find("a")
    assert skip.get_text(strip=True) == "Gå til indhold"
    assert skip["href"] == "#indhold"
    assert page.find("main")["id"] == "indhold"
    assert page.find("nav", attrs={"aria-label": "Hovedmenu"})
    footer = page.find("footer").get_text(" ")
    assert "Ansvarlig organisation" in footer
    assert "Webtilgængelighed og cookies" in footer
    assert "Sidst opdateret" in page.get_text()


def test_dates_are_danish(client, launch):
    om = launch["om"]
    # Noon UTC: the same date in Copenhagen whatever the time the test runs.
    om.last_published_at = om.last_published_at.replace(
        year=2026, month=1, day=4, hour=12, minute=0
    )
    om.save(update_fields=["last_published_at"])
    page = BeautifulSoup(client.get("/om-symbiose-hillerod/").content, "html.parser")
    assert page.find("time").get_text(strip=True) == "4. januar 2026"


def test_admin_is_danish(client, admin_user):
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    assert 'lang="da"' in html
    assert "Sider" in html
