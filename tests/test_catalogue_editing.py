"""Editors create symbioses in the admin; bad results are refused with Danish messages."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from symbioses.models import SymbioseIndexPage, SymbiosePage
from tests.catalogue import make_partner


@pytest.fixture
def editor(client, admin_user, launch):
    client.force_login(admin_user)
    return client


def form(a, b, results, **extra):
    data = {
        "title": "Ny symbiose",
        "slug": "ny-symbiose",
        "partner_a": a.pk,
        "partner_b": b.pk,
        "flow": "",
        "resource": "Regnvand",
        "social": "on",
        "status": "ide",
        "story": rich_text("<p>Om symbiosen.</p>"),
        "images": streamfield([]),
        "results": inline_formset(results),
        "sources": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(extra)
    return nested_form_data(data)


def result(**fields):
    values = {
        "indicator": "Opsamlet regnvand",
        "value": "1200",
        "unit": "m3_vand_aar",
        "year": "2025",
        "baseline": "",
        "method": "",
    }
    values.update(fields)
    return values


def add_url():
    index = SymbioseIndexPage.objects.get(locale__language_code="da")
    return f"/admin/pages/add/symbioses/symbiosepage/{index.pk}/"


def test_editor_publishes_a_symbiose_and_visitors_see_it(editor):
    a, b = make_partner("Kommunen", "kommune"), make_partner("Foreningen", "forening")
    response = editor.post(add_url(), form(a, b, [result()]))
    assert response.status_code == 302
    page = SymbiosePage.objects.get(slug="ny-symbiose")
    assert page.live and page.results.get().value == 1200
    editor.logout()
    html = editor.get("/symbioser/").content.decode()
    assert "Ny symbiose" in html
    assert "1.200" in html


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"unit": ""}, "Vælg værdiens enhed."),
        ({"year": ""}, "Angiv det år, værdien blev målt."),
        ({"year": "1850"}, "Året skal ligge mellem 1990 og"),
        ({"value": ""}, "Angiv den målte værdi."),
        ({"value": "mange"}, "Indtast et tal."),
    ],
)
def test_bad_results_are_refused_and_nothing_is_saved(editor, bad, message):
    a, b = make_partner("Kommunen", "kommune"), make_partner("Foreningen", "forening")
    response = editor.post(add_url(), form(a, b, [result(**bad)]))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SymbiosePage.objects.filter(slug="ny-symbiose").exists()


def test_same_partner_twice_is_refused(editor):
    a = make_partner("Kommunen", "kommune")
    response = editor.post(add_url(), form(a, a, []))
    assert response.status_code == 200
    assert "En symbiose er en relation mellem to forskellige partnere." in response.content.decode()


def test_bad_edit_keeps_the_published_version(editor):
    a, b = make_partner("Kommunen", "kommune"), make_partner("Foreningen", "forening")
    editor.post(add_url(), form(a, b, [result()]))
    page = SymbiosePage.objects.get(slug="ny-symbiose")
    response = editor.post(f"/admin/pages/{page.pk}/edit/", form(a, b, [result(year="3000")]))
    assert response.status_code == 200
    page.refresh_from_db()
    assert page.results.get().year == 2025
    editor.logout()
    assert "2025" in editor.get(page.url).content.decode()
