"""Two editors open the same page; the second save is refused instead of silently replacing the
first, keeps what was typed, and goes through when made again deliberately (pages/concurrency.py)."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import resolve
from django.utils import formats, timezone, translation
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from pages import concurrency
from tests.catalogue import make_partner, make_symbiose
from tests.test_editing import om_form_data

ANNA = "Anna skriver om vandgenbrug i Hillerod"
BO = "Bo skriver om overskudsvarme fra datacentret"


def log_in_editor(django_user_model, username, first_name, last_name):
    """A real editor: Wagtail's Moderators group may edit and publish every page."""
    user = django_user_model.objects.create_user(
        username, f"{username}@example.com", first_name=first_name, last_name=last_name
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(user)
    return user, client


@pytest.fixture
def anna(db, django_user_model):
    return log_in_editor(django_user_model, "anna", "Anna", "Jensen")


@pytest.fixture
def bo(db, django_user_model):
    return log_in_editor(django_user_model, "bo", "Bo", "Nielsen")


def content_page(launch):
    om = launch["om"]

    def form(text, **extra):
        return om_form_data(om, text, intro=text, **extra)

    return om, form, lambda page: page.intro


def symbiose_page(launch):
    a, b = make_partner("Kommunen", "kommune"), make_partner("Foreningen", "forening")
    page = make_symbiose("Regnvand til skolen", a, b)

    def form(text, **extra):
        return nested_form_data(
            {
                "title": page.title,
                "slug": page.slug,
                "partner_a": a.pk,
                "partner_b": b.pk,
                "flow": "",
                "resource": text,
                "environmental": "on",
                "status": page.status,
                "story": rich_text("<p>Om symbiosen.</p>"),
                "images": streamfield([]),
                "results": inline_formset([]),
                "sources": inline_formset([]),
                **extra,
            }
        )

    return page, form, lambda page: page.resource


PAGE_KINDS = {"ContentPage": content_page, "SymbiosePage": symbiose_page}
ACTIONS = {"save": {}, "publish": {"action-publish": "publish"}}


def loaded_revision(response):
    """The hidden fields the edit form posts back: the revision it was loaded from."""
    html = response.content.decode()
    revision_id = re.search(r'name="loaded_revision_id" value="(\d+)"', html).group(1)
    created_at = re.search(r'name="loaded_revision_created_at" value="([^"]+)"', html).group(1)
    return {"loaded_revision_id": revision_id, "loaded_revision_created_at": created_at}


def saved_at_in_danish(revision):
    local = timezone.localtime(revision.created_at)
    with translation.override("da"):
        return f"kl. {local:%H.%M} den {formats.date_format(local, 'DATE_FORMAT')}"


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_second_save_is_refused_keeps_the_typing_and_a_deliberate_resave_goes_through(
    launch, anna, bo, kind, action
):
    (anna_user, anna_client), (bo_user, bo_client) = anna, bo
    page, form, text_of = PAGE_KINDS[kind](launch)
    edit_url = f"/admin/pages/{page.pk}/edit/"
    revisions_before = page.revisions.count()
    original_text = text_of(page)

    anna_loaded = loaded_revision(anna_client.get(edit_url))
    bo_loaded = loaded_revision(bo_client.get(edit_url))
    response = anna_client.post(edit_url, {**form(ANNA, **ACTIONS[action]), **anna_loaded})
    assert response.status_code == 302
    annas = Page.objects.get(pk=page.pk).specific.get_latest_revision()
    assert annas.user == anna_user

    # Bo's save, based on the revision he opened, is refused and his typing comes back.
    response = bo_client.post(edit_url, {**form(BO, **ACTIONS[action]), **bo_loaded})
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        f"Siden er blevet gemt af Anna Jensen {saved_at_in_danish(annas)}, efter du åbnede den. "
        "Dine ændringer er ikke gemt; de står stadig i formularen. "
        "Sammenlign versionerne, og gem igen for at overskrive."
    ) in html
    compare = (
        f"/admin/pages/{page.pk}/revisions/compare/{bo_loaded['loaded_revision_id']}...{annas.pk}/"
    )
    assert re.search(f'<a href="{re.escape(compare)}"[^>]*target="_blank"[^>]*>', html)
    assert "Sammenlign versionerne</a>" in html
    assert BO in html

    # Anna's version is untouched: still the latest revision, and live if she published.
    current = Page.objects.get(pk=page.pk).specific
    assert current.revisions.count() == revisions_before + 1
    assert current.get_latest_revision() == annas
    assert text_of(current.get_latest_revision().as_object()) == ANNA
    assert text_of(current) == (ANNA if action == "publish" else original_text)

    # The form Bo got back is based on Anna's revision: saving again is a conscious overwrite.
    resaved = loaded_revision(response)
    assert resaved["loaded_revision_id"] == str(annas.pk)
    response = bo_client.post(edit_url, {**form(BO, **ACTIONS[action]), **resaved})
    assert response.status_code == 302
    current = Page.objects.get(pk=page.pk).specific
    assert current.get_latest_revision().user == bo_user
    assert text_of(current.get_latest_revision().as_object()) == BO
    assert text_of(current) == (BO if action == "publish" else original_text)


def test_an_editors_own_autosave_does_not_block_their_save_but_blocks_the_other_editor(
    launch, anna, bo
):
    (anna_user, anna_client), (_, bo_client) = anna, bo
    om, form, _text_of = content_page(launch)
    edit_url = f"/admin/pages/{om.pk}/edit/"
    anna_loaded = loaded_revision(anna_client.get(edit_url))
    bo_loaded = loaded_revision(bo_client.get(edit_url))

    # Anna's browser autosaves (JSON); the full form keeps the revision it was loaded from.
    response = anna_client.post(
        edit_url,
        {**form("Anna har kun skrevet lidt"), **anna_loaded},
        HTTP_ACCEPT="application/json",
    )
    assert response.json()["success"]

    response = bo_client.post(edit_url, {**form(BO), **bo_loaded})
    assert response.status_code == 200
    assert "Siden er blevet gemt af Anna Jensen kl. " in response.content.decode()

    response = anna_client.post(edit_url, {**form(ANNA), **anna_loaded})
    assert response.status_code == 302
    latest = Page.objects.get(pk=om.pk).get_latest_revision()
    assert latest.user == anna_user
    assert latest.as_object().intro == ANNA


def test_a_revision_autosaved_over_after_it_was_opened_counts_as_a_newer_save(launch, anna, bo):
    """Autosave rewrites its own revision in place: same id, later created_at."""
    (_, anna_client), (_, bo_client) = anna, bo
    om, form, _text_of = content_page(launch)
    edit_url = f"/admin/pages/{om.pk}/edit/"
    anna_loaded = loaded_revision(anna_client.get(edit_url))
    json = {"HTTP_ACCEPT": "application/json"}
    first = anna_client.post(edit_url, {**form("Anna begynder"), **anna_loaded}, **json).json()

    bo_loaded = loaded_revision(bo_client.get(edit_url))  # opens Anna's autosaved revision
    assert bo_loaded["loaded_revision_id"] == str(first["revision_id"])
    again = {**form(ANNA), **anna_loaded, "overwrite_revision_id": first["revision_id"]}
    assert anna_client.post(edit_url, again, **json).json()["revision_id"] == first["revision_id"]

    response = bo_client.post(edit_url, {**form(BO), **bo_loaded})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Siden er blevet gemt af Anna Jensen kl. " in html
    # The version Bo opened no longer exists as he saw it: the page's history instead.
    assert f'<a href="/admin/pages/{om.pk}/history/"' in html
    assert BO in html
    assert Page.objects.get(pk=om.pk).get_latest_revision().as_object().intro == ANNA


def test_a_save_without_a_user_in_between_is_refused_too(launch, bo):
    _, bo_client = bo
    om, form, _text_of = content_page(launch)
    edit_url = f"/admin/pages/{om.pk}/edit/"
    bo_loaded = loaded_revision(bo_client.get(edit_url))
    scripted = Page.objects.get(pk=om.pk).specific.save_revision()  # e.g. a management command

    response = bo_client.post(edit_url, {**form(BO), **bo_loaded})
    assert response.status_code == 200
    assert "Siden er blevet gemt af en anden redaktør kl. " in response.content.decode()
    assert Page.objects.get(pk=om.pk).get_latest_revision() == scripted


def test_the_edit_address_is_served_by_the_guarded_view_and_still_needs_a_login(launch):
    edit_url = f"/admin/pages/{launch['om'].pk}/edit/"
    assert resolve(edit_url).func is concurrency.edit_view
    response = Client().get(edit_url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
