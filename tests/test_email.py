"""E-mail leaves through the SMTP server the environment names (Django's standard EMAIL_*
variables): an editor's password reset reaches a real SMTP server, started here on loopback,
in Danish and with a link to the site's own address."""

import email
import json
import os
import re
import socket
import subprocess
import sys
from email import policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

# The SMTP server below asks for a password over plain SMTP: fine on loopback, and said once here.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

SMTP_USER = "symbiose"
SMTP_PASSWORD = "smtp-kodeord-123"
EMAIL_SETTINGS = [
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "EMAIL_TIMEOUT",
    "DEFAULT_FROM_EMAIL",
    "SERVER_EMAIL",
    "WAGTAILADMIN_BASE_URL",
]


def settings_for(env, module="symbiose.settings.production"):
    """The e-mail settings the given settings module reads from this environment."""
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        f"print(json.dumps({{name: getattr(s, name) for name in {EMAIL_SETTINGS!r}}}))"
    )
    environment = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("EMAIL_", "DEFAULT_FROM_EMAIL", "SERVER_EMAIL", "SITE_HOSTNAME"))
            and k != "WAGTAILADMIN_BASE_URL"
        },
        "DJANGO_SETTINGS_MODULE": module,
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "symbiosehillerod.dk",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True
    )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """aiosmtpd handler: keeps every message it accepts, and the logins it saw."""

    def __init__(self):
        self.messages = []
        self.logins = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's name
        self.messages.append(envelope)
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        ok = (auth_data.login.decode(), auth_data.password.decode()) == (SMTP_USER, SMTP_PASSWORD)
        return AuthResult(success=ok)


@pytest.fixture
def smtp_server():
    mailbox = Mailbox()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=free_port(),
        authenticator=mailbox.authenticate,
        auth_required=True,
        auth_require_tls=False,  # loopback only; no certificate to offer
    )
    controller.start()
    mailbox.port = controller.port
    yield mailbox
    controller.stop()


@pytest.fixture
def production_email(settings, smtp_server):
    """This test process configured exactly as production would be from this environment
    (pytest-django otherwise keeps e-mail in memory)."""
    result = settings_for(
        {
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_server.port),
            "EMAIL_HOST_USER": SMTP_USER,
            "EMAIL_HOST_PASSWORD": SMTP_PASSWORD,
            "DEFAULT_FROM_EMAIL": "Symbiose Hillerød <noreply@symbiosehillerod.dk>",
            "SERVER_EMAIL": "drift@symbiosehillerod.dk",
            "SITE_HOSTNAME": "symbiosehillerod.dk",
        }
    )
    assert result.returncode == 0, result.stderr
    for name, value in json.loads(result.stdout).items():
        setattr(settings, name, value)
    return smtp_server


def test_admin_password_reset_arrives_by_smtp(client, admin_user, production_email):
    response = client.post("/admin/password_reset/", {"email": "redaktoer@example.com"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/password_reset/done/"

    [envelope] = production_email.messages
    assert production_email.logins == [(SMTP_USER, SMTP_PASSWORD)]
    assert envelope.mail_from == "noreply@symbiosehillerod.dk"
    assert envelope.rcpt_tos == ["redaktoer@example.com"]
    message = email.message_from_bytes(envelope.original_content, policy=policy.default)
    assert message["To"] == "redaktoer@example.com"
    assert message["From"] == "Symbiose Hillerød <noreply@symbiosehillerod.dk>"
    assert message["Subject"] == "Nulstilling af adgangskode"
    body = message.get_body(("plain",)).get_content()
    assert "Følg linket herunder for at nulstille din adgangskode:" in body
    link = re.search(r"https?://\S+", body).group(0)
    assert re.fullmatch(
        r"https://symbiosehillerod\.dk/admin/password_reset/confirm/[\w-]+/[\w-]+/", link
    )

    # The link works: it leads to the form for a new password.
    confirm = client.get(link.removeprefix("https://symbiosehillerod.dk"), follow=True)
    assert confirm.status_code == 200
    assert 'name="new_password1"' in confirm.content.decode()


def test_unknown_address_gets_the_same_answer_and_no_mail(client, admin_user, production_email):
    response = client.post("/admin/password_reset/", {"email": "ukendt@example.com"})
    assert response.status_code == 302
    assert production_email.messages == []


def test_email_settings_come_from_the_environment():
    result = settings_for(
        {
            "EMAIL_HOST": "smtp.example.org",
            "EMAIL_PORT": "2525",
            "EMAIL_HOST_USER": "bruger",
            "EMAIL_HOST_PASSWORD": "hemmeligt",
            "EMAIL_USE_TLS": "1",
            "EMAIL_TIMEOUT": "5",
            "DEFAULT_FROM_EMAIL": "noreply@symbiosehillerod.dk",
            "SITE_HOSTNAME": "symbiosehillerod.dk",
        }
    )
    assert json.loads(result.stdout) == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": 2525,
        "EMAIL_HOST_USER": "bruger",
        "EMAIL_HOST_PASSWORD": "hemmeligt",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 5,
        "DEFAULT_FROM_EMAIL": "noreply@symbiosehillerod.dk",
        "SERVER_EMAIL": "noreply@symbiosehillerod.dk",
        "WAGTAILADMIN_BASE_URL": "https://symbiosehillerod.dk",
    }


@pytest.mark.parametrize(
    ("env", "port"), [({}, 25), ({"EMAIL_USE_TLS": "1"}, 587), ({"EMAIL_USE_SSL": "1"}, 465)]
)
def test_the_port_follows_the_kind_of_tls(env, port):
    result = settings_for({"EMAIL_HOST": "smtp.example.org", **env})
    assert json.loads(result.stdout)["EMAIL_PORT"] == port


def test_tls_and_ssl_together_are_refused():
    result = settings_for({"EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"})
    assert result.returncode != 0
    assert "Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both." in result.stderr


def test_local_runs_print_mail_unless_a_server_is_named():
    local = settings_for({}, module="symbiose.settings.dev")
    assert json.loads(local.stdout)["EMAIL_BACKEND"].endswith("console.EmailBackend")
    named = settings_for({"EMAIL_HOST": "127.0.0.1"}, module="symbiose.settings.dev")
    assert json.loads(named.stdout)["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
