"""The site's public address comes from SITE_HOSTNAME, so the open data, the CDN purges and the
admin e-mails point at the real site instead of http://localhost/."""

import csv
import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Site

from pages.models import ContentPage
from pages.site_address import parse_site_address
from tests.catalogue import make_partner, make_symbiose
from tests.cdn import recording_cdn


def default_site():
    return Site.objects.get(is_default_site=True)


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("value", "address"),
    [
        ("symbiosehillerod.dk", ("symbiosehillerod.dk", 443)),
        ("Symbiosehillerod.DK", ("symbiosehillerod.dk", 443)),
        ("symbiosehillerod.dk:443", ("symbiosehillerod.dk", 443)),
        ("https://symbiosehillerod.dk", ("symbiosehillerod.dk", 443)),
        ("https://symbiosehillerod.dk/", ("symbiosehillerod.dk", 443)),
        ("http://symbiose.example", ("symbiose.example", 80)),
        ("127.0.0.1:8000", ("127.0.0.1", 8000)),
        (" localhost:8080 ", ("localhost", 8080)),
    ],
)
def test_site_address_is_host_and_port(value, address):
    assert parse_site_address(value) == address


@pytest.mark.parametrize(
    "value",
    [
        "",
        "symbiosehillerod.dk/sti",
        "symbiosehillerod.dk:99999",
        "symbiosehillerod.dk:0",
        "symbiosehillerod.dk:port",
        "ftp://symbiosehillerod.dk",
        "user@symbiosehillerod.dk",
        "symbiose hillerød.dk",
        "*.symbiosehillerod.dk",
        "-symbiose.dk",
        "symbiosehillerod.dk?x=1",
    ],
)
def test_anything_else_is_refused(value):
    with pytest.raises(ValueError, match="SITE_HOSTNAME must be host"):
        parse_site_address(value)


def test_launch_content_gives_the_site_its_address(client, db, settings):
    settings.SITE_HOSTNAME = "symbiosehillerod.dk"
    call_command("load_launch_content", verbosity=0)
    site = default_site()
    assert (site.hostname, site.port) == ("symbiosehillerod.dk", 443)
    assert site.root_url == "https://symbiosehillerod.dk"

    firma = make_partner("Datacentret", "virksomhed")
    forsyning = make_partner("Forsyningen", "forsyning")
    make_symbiose("Overskudsvarme", firma, forsyning)
    data = json.loads(client.get("/symbioser/data.json").content)
    [symbiose] = [item for item in data["symbioser"] if item["titel"] == "Overskudsvarme"]
    assert symbiose["url"] == "https://symbiosehillerod.dk/symbioser/overskudsvarme/"
    assert symbiose["partner_a"]["url"] == "https://symbiosehillerod.dk/partnere/datacentret/"
    rows = list(csv.DictReader(io.StringIO(client.get("/symbioser/data.csv").content.decode())))
    assert "https://symbiosehillerod.dk/symbioser/overskudsvarme/" in [row["url"] for row in rows]
    assert all(row["url"].startswith("https://symbiosehillerod.dk/") for row in rows)


def test_launch_content_gives_a_local_run_its_port(client, db, settings):
    settings.SITE_HOSTNAME = "127.0.0.1:8000"
    call_command("load_launch_content", verbosity=0)
    assert default_site().root_url == "http://127.0.0.1:8000"
    om = ContentPage.objects.get(slug="om-symbiose-hillerod")
    assert om.full_url == "http://127.0.0.1:8000/om-symbiose-hillerod/"


def test_launch_content_replaces_wagtails_localhost_on_an_existing_site(db, settings):
    """A site loaded before SITE_HOSTNAME existed still has Wagtail's localhost:80."""
    call_command("load_launch_content", verbosity=0)
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    settings.SITE_HOSTNAME = "symbiosehillerod.dk"
    call_command("load_launch_content", verbosity=0)
    assert default_site().root_url == "https://symbiosehillerod.dk"


def test_launch_content_keeps_the_address_an_editor_chose(db, settings):
    call_command("load_launch_content", verbosity=0)
    site = default_site()
    site.hostname, site.port = "www.symbiosehillerod.dk", 443
    site.save()
    settings.SITE_HOSTNAME = "symbiose.example:8000"
    call_command("load_launch_content", verbosity=0)
    assert (default_site().hostname, default_site().port) == ("www.symbiosehillerod.dk", 443)


def test_launch_content_refuses_a_wrong_address_before_making_anything(db, settings):
    settings.SITE_HOSTNAME = "symbiosehillerod.dk/forside"
    with pytest.raises(CommandError, match="SITE_HOSTNAME must be host"):
        call_command("load_launch_content", verbosity=0)
    assert not ContentPage.objects.exists()


def test_command_sets_the_address_of_an_existing_site(db, settings):
    call_command("load_launch_content", verbosity=0)
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    settings.SITE_HOSTNAME = "symbiosehillerod.dk"
    assert "is now https://symbiosehillerod.dk" in run("set_site_hostname")
    assert default_site().root_url == "https://symbiosehillerod.dk"
    assert "was already https://symbiosehillerod.dk" in run("set_site_hostname")
    assert "is now http://127.0.0.1:8000" in run("set_site_hostname", "127.0.0.1:8000")
    assert (default_site().hostname, default_site().port) == ("127.0.0.1", 8000)


def test_command_refuses_a_wrong_address(db, settings):
    call_command("load_launch_content", verbosity=0)
    before = (default_site().hostname, default_site().port)
    with pytest.raises(CommandError, match="SITE_HOSTNAME must be host"):
        call_command("set_site_hostname", "symbiosehillerod.dk:99999")
    assert (default_site().hostname, default_site().port) == before


def test_command_refuses_an_address_another_site_has(db, settings):
    call_command("load_launch_content", verbosity=0)
    Site.objects.create(hostname="andet.example", port=443, root_page=default_site().root_page)
    with pytest.raises(CommandError, match="Another site already has"):
        call_command("set_site_hostname", "andet.example")


def test_cdn_purges_go_to_the_sites_address(db, settings, django_capture_on_commit_callbacks):
    settings.SITE_HOSTNAME = "symbiosehillerod.dk"
    call_command("load_launch_content", verbosity=0)
    om = ContentPage.objects.get(slug="om-symbiose-hillerod")
    with recording_cdn(settings) as purged, django_capture_on_commit_callbacks(execute=True):
        om.save_revision().publish()
    assert ("symbiosehillerod.dk", "/om-symbiose-hillerod/") in purged


def production_settings(**env):
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SITE_HOSTNAME, s.WAGTAILADMIN_BASE_URL]))"
    )
    environment = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("SITE_HOSTNAME", "WAGTAILADMIN_BASE_URL", "ALLOWED_HOSTS")
        },
        "DJANGO_SETTINGS_MODULE": "symbiose.settings.production",
        "SECRET_KEY": "x" * 60,
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True
    )
    return result


def test_production_reads_the_address_from_the_environment():
    result = production_settings(SITE_HOSTNAME="symbiosehillerod.dk", ALLOWED_HOSTS="x.example")
    assert json.loads(result.stdout) == ["symbiosehillerod.dk", "https://symbiosehillerod.dk"]


def test_production_without_site_hostname_uses_the_first_allowed_host():
    result = production_settings(ALLOWED_HOSTS=".example.org,symbiosehillerod.dk,www.example.org")
    assert json.loads(result.stdout) == ["symbiosehillerod.dk", "https://symbiosehillerod.dk"]


def test_production_keeps_an_explicit_admin_address():
    result = production_settings(
        SITE_HOSTNAME="symbiosehillerod.dk", WAGTAILADMIN_BASE_URL="https://admin.example"
    )
    assert json.loads(result.stdout) == ["symbiosehillerod.dk", "https://admin.example"]


def test_production_refuses_a_wrong_address():
    result = production_settings(SITE_HOSTNAME="https://symbiosehillerod.dk/forside")
    assert result.returncode != 0
    assert "ImproperlyConfigured: SITE_HOSTNAME must be host[:port]" in result.stderr
