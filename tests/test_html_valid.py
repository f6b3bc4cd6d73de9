"""Every page type is valid HTML, as the Nu Html Checker (vnu.jar, the engine of the W3C's
validator) sees it, run offline. vnu.jar comes from the npm package vnu-jar, pinned in
package-lock.json, and needs Java 11+; `make test` installs both (scripts/ensure-vnu). Without
them this test is skipped locally and fails in CI, like the browser tests without Chromium."""

import json
import os
import shutil
import subprocess
import warnings
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.template import Context, Template
from django.test import RequestFactory
from wagtail_factories import ImageFactory

from symbiose.views import server_error
from symbioses.models import PartnerPage, SymbiosePage
from tests.conftest import PAGE_TYPE_URLS, VIDEO_URL, publish_video
from tests.test_join_form import VALID as JOIN_VALID

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Every page type, the catalogue filtered with hits and without, and the error pages.
PAGES = {
    **{name: (url, 200) for name, url in PAGE_TYPE_URLS.items()},
    "SymbioseIndexPage-filtered": ("/symbioser/?dimension=miljo&status=drift", 200),
    "SymbioseIndexPage-no-hits": ("/symbioser/?dimension=social&partnertype=virksomhed", 200),
    "404": ("/denne-side-findes-ikke/", 404),
    # The real content: a timeline, a symbiosis with its sources and one without results.
    "ContentPage-timeline": ("/historie/", 200),
    "SymbiosePage-sources": ("/symbioser/fjernkoel-til-nyt-hospital-nordsjaelland/", 200),
    "SymbiosePage-result-source": ("/symbioser/syretaalende-spildevandsledning/", 200),
    # The English pages of every kind the launch content has, and the English 404.
    "en-HomePage": ("/en/", 200),
    "en-ContentPage": ("/en/about/", 200),
    "en-ContentPage-timeline": ("/en/history/", 200),
    "en-SymbiosePage": ("/en/symbioses/acid-resistant-sewer/", 200),
    "en-SymbioseIndexPage": ("/en/symbioses/", 200),
    "en-PartnerIndexPage": ("/en/partners/", 200),
    "en-ThemeGroupIndexPage": ("/en/theme-groups/", 200),
    "en-ThemeGroupPage": ("/en/theme-groups/energy/", 200),
    "en-404": ("/en/no-such-page/", 404),
    "en-JoinFormPage": ("/en/join/", 200),
    # Site search: the empty form, hits over several pages, a message, a page that is not there.
    "search": ("/soeg/", 200),
    "search-hits": ("/soeg/?q=eksempel", 200),
    "search-page-2": ("/soeg/?q=eksempel&page=2", 200),
    "search-message": ("/soeg/?q=%00", 200),
    "search-no-page": ("/soeg/?q=eksempel&page=99", 404),
    "en-search-hits": ("/en/search/?q=wastewater", 200),
}
# The join form after a post: with errors (every field), its thank-you page, rate-limited.
JOIN_POSTS = {
    "JoinFormPage-errors": ({"email": "forkert", "kind": "?"}, 200),
    "JoinFormPage-thanks": (JOIN_VALID, 200),
    "JoinFormPage-rate-limited": (JOIN_VALID, 429),
}


def in_ci(environ=os.environ):
    """CI=true (or any value but an explicit no) means we are in continuous integration."""
    return environ.get("CI", "").strip().lower() not in {"", "0", "false", "no", "off"}


def require_vnu(jar=VNU_JAR, environ=os.environ):
    """The java command for vnu.jar; without Java or the jar: fail in CI, skip elsewhere."""
    java = shutil.which("java", path=environ.get("PATH"))
    missing = [what for what, ok in (("java", java), (str(jar), jar.exists())) if not ok]
    if not missing:
        return java
    how = "run scripts/ensure-vnu (apt-get install default-jre-headless; npm ci)"
    if in_ci(environ):
        pytest.fail(
            f"{' and '.join(missing)} missing, and the HTML validity test must not be skipped "
            f"in CI (CI is set): {how}",
            pytrace=False,
        )
    pytest.skip(f"{' and '.join(missing)} missing; {how}")


def run_vnu(java, files):
    """One JVM for all the files; returns vnu's messages (a list of dicts, JSON format)."""
    completed = subprocess.run(
        # A short-lived JVM: the quick compiler and the serial collector halve its start-up.
        [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m", "-jar", str(VNU_JAR)]
        + ["--format", "json", "--stdout", "--exit-zero-always"]
        + [str(file) for file in files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return json.loads(completed.stdout)["messages"]


def describe(message, root):
    where = message.get("url", "").removeprefix("file:").removeprefix(str(root) + "/")
    line = message.get("lastLine", "?")
    kind = message.get("subType") or message["type"]
    extract = " ".join(message.get("extract", "").split())
    return f"{where}:{line}: {kind}: {message.get('message', '')}\n    {extract}"


@pytest.fixture
def illustrated(examples, oembed):
    """The example content with what editors add that markup is made for: the Om page's video
    published and an image with a caption in its body, a partner's logo, a symbiosis' images."""
    om = publish_video(examples["om"], VIDEO_URL)
    # One image wider than some of the block's widths (480, 800, 1200), one narrower than all.
    wide = ImageFactory(file__width=1000, file__height=600)
    image = {"image": wide.pk, "alt_text": "Varmeveksleren", "caption": "Billedtekst"}
    body = list(om.body.raw_data)
    body[-1]["value"]["content"].append({"type": "image", "value": image})  # in the last section
    om.body = body
    om.save_revision().publish()
    partner = PartnerPage.objects.get(slug="eksempel-forsyningen")
    partner.logo, partner.logo_alt = ImageFactory(), "Forsyningens logo"
    partner.save_revision().publish()
    symbiose = SymbiosePage.objects.get(slug="eksempel-overskudsvarme-datacenter")
    symbiose.images = [("image", {**image, "image": ImageFactory(file__width=100)})]
    symbiose.save_revision().publish()


@pytest.fixture
def java():
    return require_vnu()


def test_every_page_type_is_valid_html(java, client, illustrated, tmp_path, settings):
    files = []
    for name, (url, status) in PAGES.items():
        response = client.get(url)
        assert response.status_code == status, url
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)
    settings.JOIN_RATE_LIMIT = 1  # the thank-you page uses it up; the next post is refused
    for name, (data, status) in JOIN_POSTS.items():
        response = client.post(PAGE_TYPE_URLS["JoinFormPage"], data)
        assert response.status_code == status, name
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)
    server_error_page = server_error(RequestFactory().get("/"))
    files.append(tmp_path / "500.html")
    files[-1].write_bytes(server_error_page.content)

    messages = run_vnu(java, files)
    errors = [m for m in messages if m["type"] != "info"]  # "error" and "non-document-error"
    cautions = [m for m in messages if m["type"] == "info" and m.get("subType") == "warning"]
    report = "\n".join(describe(m, tmp_path) for m in errors + cautions)
    assert not errors, f"vnu found {len(errors)} errors in our pages:\n{report}"
    if cautions:  # the bar is zero errors; warnings are shown in pytest's summary, to look at
        warnings.warn(f"vnu warns about our pages:\n{report}", stacklevel=1)


def test_pages_with_the_outage_banner_are_valid_html(java, client, launch, tmp_path):
    """The banner of each severity, with its link and the Danish fallback on English pages."""
    from alerts.models import AlertSettings

    files = []
    for severity in ("information", "warning", "critical"):
        alert = AlertSettings.load()
        alert.active, alert.severity = True, severity
        alert.message = "Vandet er lukket på Slotsgade til kl. 14."
        alert.link_url, alert.link_text = "https://hfors.dk/driftsstatus?a=1&b=2", "Læs mere"
        alert.save()
        for name, (url, status) in {
            "home": ("/", 200),
            "404": ("/denne-side-findes-ikke/", 404),
            "en-home": ("/en/", 200),
            "join": (PAGE_TYPE_URLS["JoinFormPage"], 200),
        }.items():
            response = client.get(url)
            assert response.status_code == status, url
            assert b'class="site-alert' in response.content, url
            files.append(tmp_path / f"{severity}-{name}.html")
            files[-1].write_bytes(response.content)
        page = server_error(RequestFactory().get("/"))
        assert b'class="site-alert' in page.content
        files.append(tmp_path / f"{severity}-500.html")
        files[-1].write_bytes(page.content)
    messages = run_vnu(java, files)
    errors = [m for m in messages if m["type"] != "info"]
    assert not errors, "\n".join(describe(m, tmp_path) for m in errors)


# The guard: skip without Java or vnu.jar, but never in CI ------------------------------------


@pytest.mark.parametrize("value", ["true", "1", "yes"])
def test_missing_vnu_fails_in_ci(tmp_path, value):
    with pytest.raises(pytest.fail.Exception, match="must not be skipped in CI"):
        require_vnu(tmp_path / "vnu.jar", {"CI": value, "PATH": os.environ.get("PATH", "")})


@pytest.mark.parametrize("environ", [{}, {"CI": ""}, {"CI": "false"}])
def test_missing_vnu_skips_outside_ci(tmp_path, environ):
    with pytest.raises(pytest.skip.Exception, match="ensure-vnu"):
        require_vnu(tmp_path / "vnu.jar", {**environ, "PATH": str(tmp_path)})  # no java either


# Dates in markup: valid `datetime` attributes -----------------------------------------------


def render(value, arg=None):
    filter_call = "value|html_datetime" + (f':"{arg}"' if arg else "")
    return Template("{% load site_tags %}{{ " + filter_call + " }}").render(
        Context({"value": value})
    )


def test_html_datetime_gives_a_date_for_a_date():
    assert render(date(2023, 3, 1)) == "2023-03-01"


def test_html_datetime_gives_the_local_date_of_a_moment():
    """The visible date is the Danish one, so the machine-readable one must be too."""
    late_evening_utc = datetime(2026, 11, 28, 23, 30, 5, 41740, tzinfo=UTC)  # 00:30 in Hillerød
    assert render(late_evening_utc) == "2026-11-29"


def test_html_datetime_full_moment_without_microseconds():
    """The HTML standard allows at most three digits of seconds' fraction; we give none."""
    moment = datetime(2026, 11, 28, 14, 15, 45, 41740, tzinfo=UTC)
    assert render(moment, "full") == "2026-11-28T15:15:45+01:00"
    summer = datetime(2026, 7, 1, 10, 0, 0, 999999, tzinfo=ZoneInfo("Europe/Copenhagen"))
    assert render(summer, "full") == "2026-07-01T10:00:00+02:00"


def test_html_datetime_empty_for_nothing():
    assert render(None) == ""
    assert render("") == ""


# Images: no srcset lists one width twice -----------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "width, expected",
    [(100, []), (800, [480, 800]), (1000, [480, 800, 1000]), (2000, [480, 800, 1200])],
)
def test_responsive_picture_lists_each_width_once(width, expected):
    """Wagtail never enlarges an image: widths above the image's own become its own, once."""
    image = ImageFactory(file__width=width, file__height=50)
    html = Template(
        '{% load site_tags %}{% responsive_picture image "webp,jpeg" "480,800,1200" '
        'sizes="100vw" alt="Et billede" %}'
    ).render(Context({"image": image}))
    picture = BeautifulSoup(html, "html.parser").picture
    img, source = picture.img, picture.source
    assert img["alt"] == "Et billede" and source["type"] == "image/webp"
    for element in (img, source):
        candidates = [c.split() for c in element.get("srcset", "").split(",") if c.strip()]
        if expected:
            assert [int(c[1].removesuffix("w")) for c in candidates] == expected
            assert element["sizes"] == "100vw"
        else:  # one candidate: a plain URL, and `sizes` would be invalid beside it
            assert len(candidates) <= 1 and all(len(c) == 1 for c in candidates)
            assert not element.has_attr("sizes")
    assert int(img["width"]) == min(width, 480)
