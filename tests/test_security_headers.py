"""The Content-Security-Policy (django-csp) and the Permissions-Policy of every page type, the
addresses that get neither the public policy nor the page cache, and Wagtail's previews."""

import json
import os
import subprocess
import sys
from unittest import mock

import pytest
from django.conf import settings
from django.test import Client
from wagtail.models import Page

from pages.models import ContentPage, HomePage
from tests.conftest import PAGE_TYPE_URLS

PAGES = list(PAGE_TYPE_URLS.values())
PLAYERS = '"https://www.youtube-nocookie.com" "https://www.youtube.com" "https://player.vimeo.com"'

# The header of the hand-written middleware this replaced, byte for byte.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-src 'self' https://www.youtube-nocookie.com "
    "https://www.youtube.com https://player.vimeo.com; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
PERMISSIONS_POLICY = (
    "accelerometer=(), "
    f"autoplay=(self {PLAYERS}), "
    "browsing-topics=(), camera=(), display-capture=(), "
    f"encrypted-media=(self {PLAYERS}), "
    f"fullscreen=(self {PLAYERS}), "
    "geolocation=(), gyroscope=(), hid=(), idle-detection=(), local-fonts=(), magnetometer=(), "
    "microphone=(), midi=(), payment=(), "
    f"picture-in-picture=(self {PLAYERS}), "
    "publickey-credentials-create=(), publickey-credentials-get=(), screen-wake-lock=(), "
    "serial=(), usb=(), window-management=(), xr-spatial-tracking=()"
)


@pytest.mark.parametrize("url", [*PAGES, "/findes-ikke/", "/was", "/symbioser/data.json"])
def test_public_responses_carry_both_policies(client, examples, url):
    first, second = client.get(url), client.get(url)  # the second one from the page cache
    for response in (first, second):
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert "unsafe-inline" not in first["Content-Security-Policy"]


def test_the_page_cache_serves_both_policies(client, examples):
    client.get("/om-symbiose-hillerod/")
    response = client.get("/om-symbiose-hillerod/")
    assert response["X-Cache"] == "hit"
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_the_500_page_carries_both_policies(launch):
    client = Client(raise_request_exception=False)
    with mock.patch.object(HomePage, "get_context", side_effect=RuntimeError("boom")):
        response = client.get("/")
    assert response.status_code == 500
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_features_the_site_never_uses_are_off_and_the_player_keeps_its_own(client, examples):
    features = dict(
        item.split("=", 1) for item in client.get("/")["Permissions-Policy"].split(", ")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "display-capture"):
        assert features[feature] == "()", feature
    # What the player's iframe asks for in its allow attribute, for the player's hosts.
    for feature in ("autoplay", "encrypted-media", "picture-in-picture", "fullscreen"):
        allowed = features[feature].strip("()").split(" ")
        assert allowed[0] == "self"
        assert {host.strip('"') for host in allowed[1:]} == set(settings.CSP_FRAME_SOURCES)


def test_private_addresses_get_no_public_policy_and_no_page_cache(client, launch):
    private = settings.PRIVATE_URL_PREFIXES
    assert settings.CONTENT_SECURITY_POLICY["EXCLUDE_URL_PREFIXES"] == private
    assert settings.PAGE_CACHE_EXCLUDED_PREFIXES[: len(private)] == private
    for url in ("/admin/login/", "/documents/999/findes-ikke.pdf"):
        assert url.startswith(private)
        response = client.get(url)
        assert "Content-Security-Policy" not in response
        assert "X-Cache" not in response
        assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_a_preview_may_be_framed_by_the_admin_only(client, launch, admin_user):
    """Wagtail's preview panel shows the page in an iframe of the admin: frame-ancestors 'self'
    for previews, everything else as strict as on the public page."""
    client.force_login(admin_user)
    om = ContentPage.objects.get(slug="om-symbiose-hillerod")
    response = client.get(f"/admin/pages/{om.pk}/view_draft/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY.replace(
        "frame-ancestors 'none'", "frame-ancestors 'self'"
    )
    client.logout()
    assert client.get(om.url)["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def csp_header_in_a_new_process(seed):
    code = (
        "import django; django.setup(); from django.http import HttpResponse; "
        "from django.test import RequestFactory; from symbiose.middleware import CSPMiddleware; "
        "middleware = CSPMiddleware(lambda request: HttpResponse()); "
        "print(middleware(RequestFactory().get('/'))['Content-Security-Policy'])"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "symbiose.settings.test",
        "PYTHONHASHSEED": str(seed),
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_every_process_spells_the_policy_the_same_way():
    """django-csp orders directives through a set; string hashing differs between processes."""
    assert {csp_header_in_a_new_process(seed) for seed in (1, 2, 3)} == {CONTENT_SECURITY_POLICY}


def production_policies(**env):
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "d = s.CONTENT_SECURITY_POLICY['DIRECTIVES']; "
        "print(json.dumps({'img-src': d['img-src'], 'frame-src': d['frame-src'], "
        "'fullscreen': s.PERMISSIONS_POLICY['fullscreen']}))"
    )
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "CSP_"))},
        "DJANGO_SETTINGS_MODULE": "symbiose.settings.production",
        "SECRET_KEY": "x" * 60,
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_production_adds_the_media_host_and_the_configured_players():
    assert production_policies(
        AWS_STORAGE_BUCKET_NAME="symbiose-media",
        AWS_S3_CUSTOM_DOMAIN="media.symbiose.example",
        CSP_IMAGE_SOURCES="https://billeder.example",
        CSP_FRAME_SOURCES="https://player.vimeo.com",
    ) == {
        "img-src": [
            "'self'",
            "data:",
            "https://billeder.example",
            "https://media.symbiose.example",
        ],
        "frame-src": ["'self'", "https://player.vimeo.com"],
        "fullscreen": ["self", "https://player.vimeo.com"],
    }


@pytest.mark.parametrize(("page_type", "url"), PAGE_TYPE_URLS.items())
def test_every_page_type_can_be_previewed_in_the_admin_panel(
    client, examples, admin_user, page_type, url
):
    """The preview panel frames the preview of every page type; the published page, never."""
    page = next(p for p in Page.objects.live().specific() if p.url == url)
    assert type(page).__name__ == page_type
    client.force_login(admin_user)
    response = client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert response.status_code == 200
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response.get("X-Frame-Options", "SAMEORIGIN") == "SAMEORIGIN"
    client.logout()
    public = client.get(url)
    assert "frame-ancestors 'none'" in public["Content-Security-Policy"]
    assert public["X-Frame-Options"] == "DENY"
