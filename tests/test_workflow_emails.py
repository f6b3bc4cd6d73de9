"""Workflow notifications reach moderators in Danish: an editor submits a page for approval
through the admin, the moderator's e-mail is Danish; the moderator approves, the editor's is
too. (E-mails go to Django's test outbox; tests/test_email.py sends through real SMTP.)"""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from tests.test_editing import om_form_data

ENGLISH = re.compile(
    r"\b(page|has been|submitted|approval|moderation|approved|rejected|preview|edit|here|"
    r"the|you|can)\b"
)


@pytest.fixture
def people(db, django_user_model):
    editor = django_user_model.objects.create_user(
        "redaktoer", "redaktoer@example.com", "kodeord-123456", first_name="Eva"
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = django_user_model.objects.create_user(
        "moderator", "moderator@example.com", "kodeord-123456", first_name="Mads"
    )
    moderator.groups.add(Group.objects.get(name="Moderators"))
    return editor, moderator


def assert_danish(message):
    text = re.sub(r"https?://\S+", "", f"{message.subject}\n{message.body}")
    assert not ENGLISH.search(text), f"English in the e-mail:\n{text}"


def test_submitting_and_approving_sends_danish_e_mails(client, launch, people):
    editor, moderator = people
    om = launch["om"]
    client.force_login(editor)
    data = om_form_data(om, "Til godkendelse.", **{"action-submit": "action-submit"})
    response = client.post(f"/admin/pages/{om.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]

    to_moderator = [m for m in mail.outbox if "moderator@example.com" in m.to]
    assert to_moderator, [m.to for m in mail.outbox]
    message = to_moderator[0]
    assert "Om Symbiose Hillerød" in message.subject + message.body
    assert "Godkendelse ved moderator" in message.body
    assert_danish(message)

    mail.outbox.clear()
    client.force_login(moderator)
    om.refresh_from_db()
    task_state = om.current_workflow_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{om.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (200, 302)
    to_editor = [m for m in mail.outbox if "redaktoer@example.com" in m.to]
    assert to_editor, [m.to for m in mail.outbox]
    assert_danish(to_editor[0])
