"""The outage banner (driftsforstyrrelse): switched on in the admin, shown on every page right
after the skip link, gone by itself at its end time, in /status.json and in its Atom feed."""

import json
import time
from datetime import timedelta

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from alerts.models import AlertRecord, AlertSettings
from tests.cdn import recording_cdn
from tests.conftest import FORM_PAGE_URLS, PAGE_TYPE_URLS

MESSAGE = "Vandet er lukket på Slotsgade til kl. 14."
MESSAGE_EN = "The water is off in Slotsgade until 2 pm."
ENGLISH_URLS = ["/en/", "/en/about/", "/en/symbioses/", "/en/theme-groups/energy/", "/en/join/"]
EVERY_URL = [
    *PAGE_TYPE_URLS.values(),
    *ENGLISH_URLS,
    "/findes-ikke/",
    "/en/no-such-page/",
]


def settings_url(client):
    """The alert's edit screen in the admin (Wagtail redirects to the setting's own id)."""
    response = client.get("/admin/settings/alerts/alertsettings/", follow=True)
    assert response.status_code == 200
    return response.request["PATH_INFO"]


def form_data(**changes):
    data = {
        "severity": "information",
        "message": "",
        "message_en": "",
        "link_url": "",
        "link_text": "",
        "link_text_en": "",
        "starts_at": "",
        "ends_at": "",
    }
    data |= changes
    return {name: value for name, value in data.items() if value is not None}


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def switch_on(**fields):
    """The alert as an editor saves it (without the form: times may lie in the past)."""
    alert = AlertSettings.load()
    for name, value in ({"active": True, "message": MESSAGE} | fields).items():
        setattr(alert, name, value)
    alert.save()
    return alert


def banner(response):
    return BeautifulSoup(response.content, "html.parser").find("section", class_="site-alert")


def editor(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


# The admin: in Danish, with clear errors --------------------------------------------------------


def test_editors_switch_the_alert_on_in_danish(client, launch, admin_user):
    staff = editor(admin_user)
    url = settings_url(staff)
    screen = staff.get(url).content.decode()
    for label in ("Vis meddelelsen", "Alvorlighed", "Meddelelse", "Vist fra", "Vist til"):
        assert label in screen
    assert "Kritisk" in screen and "Advarsel" in screen
    response = staff.post(
        url, form_data(active="on", severity="critical", message=MESSAGE, message_en=MESSAGE_EN)
    )
    assert response.status_code == 302
    alert = AlertSettings.load()
    assert (alert.active, alert.severity, alert.message) == (True, "critical", MESSAGE)
    shown = banner(client.get("/"))
    assert shown is not None and "Kritisk:" in shown.get_text()


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"active": "on"}, "message", "Skriv den meddelelse"),
        (
            {
                "active": "on",
                "message": MESSAGE,
                "starts_at": "2030-01-02 12:00",
                "ends_at": "2030-01-02 11:00",
            },
            "ends_at",
            "Slutningen skal ligge efter starten.",
        ),
        (
            {"active": "on", "message": MESSAGE, "ends_at": "2020-01-01 12:00"},
            "ends_at",
            "Tidspunktet er passeret",
        ),
        (
            {"message": MESSAGE, "link_url": "https://hfors.dk/drift"},
            "link_text",
            "Giv linket en tekst",
        ),
        ({"message": MESSAGE, "link_text": "Læs mere"}, "link_url", "Angiv adressen"),
    ],
)
def test_the_form_refuses_what_makes_no_sense_in_danish(launch, admin_user, changes, field, error):
    staff = editor(admin_user)
    url = settings_url(staff)
    response = staff.post(url, form_data(**changes))
    assert response.status_code == 200, "saved although invalid"
    assert field in response.context["form"].errors
    assert error in response.content.decode()
    assert not AlertSettings.load().active


# The banner on every page ------------------------------------------------------------------------


@pytest.mark.parametrize("url", EVERY_URL)
def test_banner_on_every_page_right_after_the_skip_link(client, examples, url):
    switch_on(severity="warning", message_en=MESSAGE_EN)
    response = client.get(url)
    assert response.status_code in (200, 404)
    body = BeautifulSoup(response.content, "html.parser").body
    first, second, third = body.find_all(recursive=False)[:3]
    assert "skip-link" in first["class"]
    assert second.name == "section" and "site-alert" in second["class"]
    assert third.name == "header"
    english = url.startswith("/en/")
    assert second["aria-label"] == ("Service disruption" if english else "Driftsforstyrrelse")
    text = " ".join(second.get_text(" ").split())
    assert text == (f"Warning: {MESSAGE_EN}" if english else f"Advarsel: {MESSAGE}")
    assert second.find(attrs={"role": "alert"}) is None  # only a critical alert interrupts


def test_no_banner_while_switched_off(client, examples):
    switch_on(active=False)
    for url in ["/", "/en/", "/findes-ikke/"]:
        assert banner(client.get(url)) is None
        assert MESSAGE not in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("severity", "label", "role"),
    [
        ("information", "Information:", None),
        ("warning", "Advarsel:", None),
        ("critical", "Kritisk:", "alert"),
    ],
)
def test_severity_is_written_out_and_critical_is_an_alert(client, launch, severity, label, role):
    switch_on(severity=severity, link_url="https://hfors.dk/drift", link_text="Læs mere")
    shown = banner(client.get("/"))
    assert f"site-alert--{severity}" in shown["class"]
    assert shown.strong.get_text(strip=True) == label
    live = shown.find(attrs={"role": True})
    assert (live and live["role"]) == role
    link = shown.find("a", href="https://hfors.dk/drift")
    assert link.get_text(strip=True) == "Læs mere"
    assert "style" not in str(shown)


def test_english_pages_fall_back_to_the_danish_text_marked_danish(client, launch):
    switch_on(severity="critical", link_url="https://hfors.dk/drift", link_text="Læs mere")
    shown = banner(client.get("/en/"))
    assert shown.strong.get_text(strip=True) == "Critical:"
    message = shown.find("span", string=MESSAGE)
    assert message["lang"] == "da"
    assert shown.find("a", string="Læs mere")["lang"] == "da"
    switch_on(message_en=MESSAGE_EN, link_text_en="Read more")
    shown = banner(client.get("/en/"))
    assert shown.find("span", string=MESSAGE_EN).get("lang") is None
    assert shown.find("a", string="Read more").get("lang") is None


def test_not_shown_before_its_start_or_after_its_end(client, launch):
    now = timezone.now()
    switch_on(starts_at=now + timedelta(hours=1))
    assert banner(client.get("/")) is None
    switch_on(starts_at=now - timedelta(hours=2), ends_at=now - timedelta(minutes=1))
    assert banner(client.get("/")) is None
    switch_on(starts_at=now - timedelta(hours=2), ends_at=now + timedelta(hours=1))
    assert banner(client.get("/")) is not None


def test_the_500_page_without_a_database_has_no_banner_but_is_a_page():
    from django.test import RequestFactory

    from symbiose.views import server_error

    response = server_error(RequestFactory().get("/"))  # no database access allowed here
    assert response.status_code == 500
    assert banner(response) is None


def test_the_500_page_shows_an_active_alert(launch):
    from django.test import RequestFactory

    from symbiose.views import server_error

    switch_on(severity="critical")
    response = server_error(RequestFactory().get("/"))
    assert "Kritisk:" in banner(response).get_text()


# The page cache: at once after a save, and by itself at its start and end -------------------------


def test_a_cached_page_shows_the_alert_on_the_next_request(client, launch, admin_user):
    assert client.get("/")["X-Cache"] == "miss"
    assert client.get("/")["X-Cache"] == "hit"
    staff = editor(admin_user)
    url = settings_url(staff)
    response = staff.post(url, form_data(active="on", message=MESSAGE))
    assert response.status_code == 302
    response = client.get("/")
    assert response["X-Cache"] == "miss"
    assert MESSAGE in banner(response).get_text()
    # Switched off again: gone on the next request.
    assert staff.post(url, form_data(message=MESSAGE)).status_code == 302
    assert banner(client.get("/")) is None


def wait_until(moment):
    time.sleep(max(0, (moment - timezone.now()).total_seconds()) + 0.05)


def test_the_alert_disappears_by_itself_at_its_end_from_cached_pages(client, launch):
    ends = timezone.now() + timedelta(seconds=2)
    switch_on(ends_at=ends)
    first = client.get("/")
    assert banner(first) is not None and first["X-Cache"] == "miss"
    max_age = dict(
        part.strip().split("=") for part in first["Cache-Control"].split(",") if "=" in part
    )
    assert int(max_age["max-age"]) <= 2 and int(max_age["s-maxage"]) <= 2  # browsers, the CDN
    second = client.get("/")
    assert second["X-Cache"] == "hit" and banner(second) is not None
    wait_until(ends)
    after = client.get("/")
    assert banner(after) is None, f"still shown after its end (X-Cache: {after['X-Cache']})"
    assert after["X-Cache"] == "miss"
    assert client.get("/")["X-Cache"] == "hit"  # and cached again, for the usual time
    assert "s-maxage=600" in client.get("/")["Cache-Control"]


def test_the_alert_appears_by_itself_at_its_start_on_cached_pages(client, launch):
    starts = timezone.now() + timedelta(seconds=2)
    switch_on(starts_at=starts)
    assert banner(client.get("/en/")) is None
    assert client.get("/en/")["X-Cache"] == "hit"
    wait_until(starts)
    assert banner(client.get("/en/")) is not None


def test_saving_the_alert_purges_the_cdn(
    launch, admin_user, settings, django_capture_on_commit_callbacks
):
    with recording_cdn(settings) as purged:
        staff = editor(admin_user)
        url = settings_url(staff)
        purged.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = staff.post(url, form_data(active="on", message=MESSAGE))
        assert response.status_code == 302
        paths = {path for _host, path in purged}
        assert {
            "/",
            "/en/",
            "/om-symbiose-hillerod/",
            "/status.json",
            "/driftsforstyrrelser.atom",
        } <= paths


# /status.json ------------------------------------------------------------------------------------


def test_status_json_without_an_alert(client, launch):
    response = client.get("/status.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=60"
    data = json.loads(response.content)
    assert data["alert"] is None
    assert data["hotline"]["phone"] == "+4548231000"
    assert data["hotline"]["heading"] == "Akutte driftsproblemer"
    assert data["hotline"]["heading_en"] == "Emergency operational problems"
    assert "vagtpersonale" in data["hotline"]["text"]
    assert set(data) == {"alert", "hotline", "updated"}


def test_status_json_with_an_alert(client, launch):
    ends = timezone.now() + timedelta(seconds=30)
    switch_on(
        severity="critical",
        message_en=MESSAGE_EN,
        link_url="https://hfors.dk/drift",
        link_text="Læs mere",
        ends_at=ends,
    )
    response = client.get("/status.json")
    data = json.loads(response.content)
    alert = data["alert"]
    assert {key: alert[key] for key in ("severity", "message", "message_en", "url", "starts")} == {
        "severity": "critical",
        "message": MESSAGE,
        "message_en": MESSAGE_EN,
        "url": "https://hfors.dk/drift",
        "starts": None,
    }
    assert timezone.datetime.fromisoformat(alert["ends"]) == ends.replace(microsecond=0)
    assert data["updated"] is not None
    assert int(response["Cache-Control"].split("max-age=")[1]) <= 30  # not past its end
    assert client.get("/en/status.json").status_code == 404  # one address, both languages inside


def test_status_json_after_the_end(client, launch):
    now = timezone.now()
    alert = switch_on(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(seconds=1))
    saved = timezone.localtime(alert.changed_at).replace(microsecond=0).isoformat()
    assert json.loads(client.get("/status.json").content)["updated"] == saved
    wait_until(alert.ends_at)
    data = json.loads(client.get("/status.json").content)
    assert data["alert"] is None
    ended = timezone.localtime(alert.ends_at).replace(microsecond=0).isoformat()
    assert data["updated"] == ended  # it changed then, by itself


# The Atom feed -----------------------------------------------------------------------------------


def test_the_feed_lists_each_activation_and_change(client, launch):
    switch_on(active=False, message="Et udkast")  # a draft while off is no news
    switch_on(severity="warning")
    switch_on(severity="warning")  # saved again unchanged: no new entry
    switch_on(severity="critical", message="Vandet er lukket i hele byen.")
    switch_on(active=False, message="Vandet er lukket i hele byen.")
    assert AlertRecord.objects.count() == 3
    response = client.get("/driftsforstyrrelser.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == "Driftsforstyrrelser – Symbiose Hillerød"
    titles = [entry.title for entry in feed.entries]
    assert titles == [
        "Afsluttet: Vandet er lukket i hele byen.",
        "Kritisk: Vandet er lukket i hele byen.",
        f"Advarsel: {MESSAGE}",
    ]
    for entry in feed.entries:
        assert entry.link.startswith("http://testserver/")
        assert entry.id and entry.updated
    assert len({entry.id for entry in feed.entries}) == 3


def test_every_page_links_the_feed(client, launch):
    head = BeautifulSoup(client.get("/").content, "html.parser").head
    link = head.find("link", type="application/atom+xml")
    site = Site.objects.get(is_default_site=True).root_url
    assert link["rel"] == ["alternate"] and link["href"] == f"{site}/driftsforstyrrelser.atom"
    assert link["title"] == "Driftsforstyrrelser"


def test_join_form_page_is_never_cached_and_shows_the_alert(client, launch):
    switch_on()
    for url in FORM_PAGE_URLS:
        assert MESSAGE in banner(client.get(url)).get_text()


def test_the_admin_menu_names_it_in_danish(launch, admin_user):
    page = BeautifulSoup(editor(admin_user).get("/admin/").content, "html.parser")
    props = page.find(id="wagtail-sidebar-props").string
    assert '"Driftsforstyrrelse"' in props
    assert "/admin/settings/alerts/alertsettings/" in props


def test_the_earliest_moment_a_page_holds_wins():
    from django.test import RequestFactory

    from caching.pagecache import valid_until

    request = RequestFactory().get("/")
    valid_until(request, 200.0)
    valid_until(request, 100.0)
    valid_until(request, 300.0)
    assert request.pagecache_valid_until == 100.0
