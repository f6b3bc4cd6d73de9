"""Editors log in, change the Om page, preview, publish, schedule and see the result."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pages.models import ContentPage

NEW_TEXT = "Symbiose Hillerød arbejder nu også med vandgenbrug."


def content_form_data(block):
    """One block inside a section, as the admin's form submits it."""
    if block.block_type == "paragraph":
        return ("paragraph", rich_text(str(block.value)))
    # Chosen documents and images (a document block's, a video's file, captions and poster)
    # are submitted as their ids.
    value = {
        name: item.pk if hasattr(item, "pk") else ("" if item is None else item)
        for name, item in dict(block.value).items()
    }
    return (block.block_type, value)


def om_form_data(om, paragraph_text, **extra):
    """The Om page's edit form as the admin submits it, with the Mission paragraph replaced."""
    sections = []
    for section in om.body:
        items = [content_form_data(block) for block in section.value["content"]]
        value = {"heading": section.value["heading"], "anchor": section.value["anchor"]}
        sections.append(("section", {**value, "content": items}))
    assert sections[0][1]["heading"] == "Mission"
    sections[0][1]["content"][0] = ("paragraph", rich_text(f"<p>{paragraph_text}</p>"))
    for _, value in sections:
        value["content"] = streamfield(value["content"])
    return nested_form_data(
        {
            "title": om.title,
            "slug": om.slug,
            "intro": om.intro,
            "body": streamfield(sections),
            **extra,
        }
    )


def test_editor_logs_in_changes_publishes_and_sees_it(client, launch, admin_user):
    response = client.post(
        "/admin/login/", {"username": "redaktoer", "password": "hemmeligt-kodeord-123"}
    )
    assert response.status_code == 302
    om = launch["om"]
    edit_url = f"/admin/pages/{om.pk}/edit/"
    assert client.get(edit_url).status_code == 200

    response = client.post(edit_url, om_form_data(om, NEW_TEXT, **{"action-publish": "publish"}))
    assert response.status_code == 302, response.content.decode()[:2000]

    client.logout()
    page = client.get("/om-symbiose-hillerod/").content.decode()
    assert NEW_TEXT in page
    assert "Symbiose Hillerød vil fremme bæredygtig innovation" not in page
    assert 'href="#mission"' in page  # the sections and their anchors survive the edit


def test_draft_is_not_public_until_published(client, launch, admin_user):
    client.force_login(admin_user)
    om = launch["om"]
    response = client.post(f"/admin/pages/{om.pk}/edit/", om_form_data(om, NEW_TEXT))
    assert response.status_code == 302
    client.logout()
    assert NEW_TEXT not in client.get("/om-symbiose-hillerod/").content.decode()
    assert Page.objects.get(pk=om.pk).has_unpublished_changes


def test_revisions_can_be_restored(client, launch, admin_user):
    client.force_login(admin_user)
    om = launch["om"]
    first_revision = om.latest_revision
    client.post(
        f"/admin/pages/{om.pk}/edit/", om_form_data(om, NEW_TEXT, **{"action-publish": "1"})
    )
    assert ContentPage.objects.get(pk=om.pk).revisions.count() == 2
    first_revision.publish()
    client.logout()
    assert "Symbiose Hillerød vil fremme" in client.get("/om-symbiose-hillerod/").content.decode()


def test_scheduled_publishing(client, launch, admin_user):
    client.force_login(admin_user)
    om = launch["om"]
    go_live = timezone.localtime() + timedelta(hours=1)
    data = om_form_data(
        om,
        NEW_TEXT,
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
        **{"action-publish": "1"},
    )
    assert client.post(f"/admin/pages/{om.pk}/edit/", data).status_code == 302
    client.logout()
    assert NEW_TEXT not in client.get("/om-symbiose-hillerod/").content.decode()

    # An hour later the scheduler (cron: `manage.py publish_scheduled`) publishes it.
    revision = ContentPage.objects.get(pk=om.pk).scheduled_revision
    assert revision is not None
    past = timezone.now() - timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled", verbosity=0)
    assert NEW_TEXT in client.get("/om-symbiose-hillerod/").content.decode()


def test_preview_shows_unsaved_changes(client, launch, admin_user):
    client.force_login(admin_user)
    om = launch["om"]
    preview_url = f"/admin/pages/{om.pk}/edit/preview/"
    response = client.post(preview_url, om_form_data(om, NEW_TEXT))
    assert response.json()["is_valid"]
    assert NEW_TEXT in client.get(preview_url).content.decode()
    client.logout()
    assert NEW_TEXT not in client.get("/om-symbiose-hillerod/").content.decode()
