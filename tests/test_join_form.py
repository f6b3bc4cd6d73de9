"""Bliv en del af Symbiose Hillerød: the join form stores every submission, e-mails it over real
SMTP (aiosmtpd on loopback), keeps it when SMTP is down and says so in the admin, drops what
the honeypot catches, limits submissions per address, keeps what visitors typed, exports CSV,
deletes old submissions from the scheduler, is never cached and sets only the CSRF cookie."""

import csv
import email
import io
import logging
from datetime import timedelta
from email import policy

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from caching.pagecache import PageCacheMiddleware, cache
from join.forms import HONEYPOT
from join.models import JoinFormPage, JoinFormSubmission
from join.periods import retention_period
from pages import scheduling
from pages.site_settings import SiteSettings
from tests.test_email import free_port

URL = "/bliv-en-del-af-symbiose-hillerod/"
CONTACT = "kontakt@symbiosehillerod.dk"
VALID = {
    "organisation": "Hillerød Bryghus",
    "contact_person": "Mette Hansen",
    "email": "mette@bryghus.example",
    "phone": "+45 12 34 56 78",
    "kind": "Virksomhed",
    "resource": "Overskudsvarme fra bryggeriet.\nOgså mask til dyrefoder.",
    "consent": "on",
}
STORED = {**VALID, "consent": True}


@pytest.fixture
def smtp_down(settings):
    """The SMTP server is down: nothing listens on its port."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5


@pytest.fixture
def join_page(launch):
    page = JoinFormPage.objects.get(
        slug="bliv-en-del-af-symbiose-hillerod", locale__language_code="da"
    )
    page.to_address = CONTACT
    page.save_revision().publish()
    return JoinFormPage.objects.get(pk=page.pk)


def html(response):
    return BeautifulSoup(response.content, "html.parser")


def message_of(envelope):
    return email.message_from_bytes(envelope.original_content, policy=policy.default)


def assert_values_kept(page):
    """What VALID typed is in the form again."""
    assert page.find("input", attrs={"name": "organisation"})["value"] == VALID["organisation"]
    assert page.find("input", attrs={"name": "email"})["value"] == VALID["email"]
    assert page.find("input", attrs={"name": "phone"})["value"] == VALID["phone"]
    assert page.find("textarea", attrs={"name": "resource"}).get_text().strip() == VALID["resource"]
    selected = page.find("select", attrs={"name": "kind"}).find("option", selected=True)
    assert selected["value"] == VALID["kind"]
    assert page.find("input", attrs={"name": "consent"}).has_attr("checked")


# The page ----------------------------------------------------------------------------------


def test_the_form_is_danish_labelled_and_fillable_by_browsers(client, join_page):
    response = client.get(URL)
    assert response.status_code == 200
    page = html(response)
    assert page.html["lang"] == "da"
    assert page.h1.get_text(strip=True) == "Bliv en del af Symbiose Hillerød"
    form = page.find("form", class_="join-form")
    assert form["method"] == "post" and form.has_attr("novalidate")
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    # Every field has a label; the browser may fill in who the visitor is.
    for control in form.find_all(["input", "select", "textarea"]):
        if control.get("type") in ("hidden",):
            continue
        assert form.find("label", attrs={"for": control["id"]}), control
    tokens = {
        c["name"]: c.get("autocomplete") for c in form.find_all(["input", "select", "textarea"])
    }
    assert tokens["organisation"] == "organization"
    assert tokens["contact_person"] == "name"
    assert tokens["email"] == "email"
    assert tokens["phone"] == "tel"
    assert form.find("input", attrs={"name": "phone"})["type"] == "tel"
    assert "(valgfrit)" in form.find("label", attrs={"for": "id_phone"}).get_text(" ", strip=True)
    kinds = [o.get_text(strip=True) for o in form.find("select").find_all("option")]
    assert kinds == [
        "Vælg …",
        "Borger eller borgergruppe",
        "Forening",
        "Virksomhed",
        "Kommune eller anden offentlig myndighed",
        "Skole, uddannelse eller forskning",
        "Andet",
    ]
    # The consent box is described by the privacy text, which says how long we keep it all.
    consent = form.find("input", attrs={"name": "consent"})
    assert consent["type"] == "checkbox"
    privacy = form.find(id=consent["aria-describedby"].split()[0])
    text = privacy.get_text(" ", strip=True)
    assert "Dine oplysninger" in text
    assert "Vi sletter automatisk din henvendelse 12 måneder efter, at du har sendt den." in text
    assert privacy.find("a", href=f"mailto:{CONTACT}")
    # The honeypot: off screen, out of the tab order, never filled in by the browser, and
    # screen readers are told to leave it empty.
    trap = form.find("input", attrs={"name": HONEYPOT})
    assert trap["tabindex"] == "-1" and trap["autocomplete"] == "off"
    assert trap.find_parent(class_="join-form__trap")
    assert form.find("label", attrs={"for": trap["id"]}).get_text() == "Lad dette felt være tomt"
    assert form.find("button", type="submit").get_text(strip=True) == "Send"


def test_the_retention_period_in_words():
    from django.utils import translation

    with translation.override("da"):
        assert retention_period(365) == "12 måneder"
        assert retention_period(730) == "24 måneder"
        assert retention_period(30) == "1 måned"
        assert retention_period(45) == "45 dage"
        assert retention_period(1) == "1 dag"


def test_the_privacy_text_follows_the_setting(client, join_page, settings):
    settings.JOIN_SUBMISSION_RETENTION_DAYS = 180
    text = html(client.get(URL)).find(id="join-privacy").get_text(" ", strip=True)
    assert "Vi sletter automatisk din henvendelse 6 måneder efter" in text


# Submissions ---------------------------------------------------------------------------------


def test_a_submission_is_stored_and_emailed(client, join_page, mailbox):
    response = client.post(URL, VALID, REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 200
    page = html(response)
    assert page.h1.get_text(strip=True) == "Tak – vi har modtaget din henvendelse"
    assert "vender tilbage til dig hurtigst muligt" in page.main.get_text()

    [submission] = JoinFormSubmission.objects.all()
    assert submission.page_id == join_page.pk
    assert submission.form_data == STORED  # the honeypot is never stored
    assert submission.email_sent is True and submission.email_error == ""

    [envelope] = mailbox.messages
    assert envelope.rcpt_tos == [CONTACT]
    assert envelope.mail_from == "noreply@symbiosehillerod.dk"
    message = message_of(envelope)
    assert message["To"] == CONTACT
    assert message["Reply-To"] == VALID["email"]
    assert message["Subject"] == "Ny henvendelse: Bliv en del af Symbiose Hillerød"
    body = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert "Der er kommet en henvendelse via formularen “Bliv en del af Symbiose Hillerød”:" in body
    for line in [
        "Organisation: Hillerød Bryghus",
        "Kontaktperson: Mette Hansen",
        "E-mail: mette@bryghus.example",
        "Telefon: +45 12 34 56 78",
        "Type af organisation: Virksomhed",
        "Jeres ressource eller idé:\nOverskudsvarme fra bryggeriet.\nOgså mask til dyrefoder.",
        "behandles som beskrevet: Ja",
        f"Side: http://127.0.0.1:8000{URL}",
        f"/admin/forms/submissions/{join_page.pk}/",
    ]:
        assert line in body, line
    assert HONEYPOT not in body


def set_contact_email(address):
    site_settings = SiteSettings.load()
    site_settings.contact_email = address
    site_settings.save()


def test_the_contact_address_defaults_to_the_site_settings(client, launch, mailbox):
    """The page's To address is empty at launch: the site's general contact e-mail gets it."""
    set_contact_email("info@symbiosehillerod.dk")
    assert JoinFormPage.objects.get(locale__language_code="da").to_address == ""
    assert client.post(URL, VALID).status_code == 200
    [envelope] = mailbox.messages
    assert envelope.rcpt_tos == ["info@symbiosehillerod.dk"]
    assert JoinFormSubmission.objects.get().email_sent


def test_without_any_contact_address_it_is_stored_and_marked_not_sent(client, launch, mailbox):
    assert client.post(URL, VALID).status_code == 200
    submission = JoinFormSubmission.objects.get()
    assert submission.form_data == STORED
    assert not submission.email_sent and "no recipient" in submission.email_error
    assert mailbox.messages == []


def test_smtp_down_keeps_the_submission_thanks_the_visitor_and_tells_the_admin(
    client, join_page, smtp_down, admin_user, caplog
):
    with caplog.at_level(logging.ERROR, logger="join.mail"):
        response = client.post(URL, VALID)
    assert response.status_code == 200
    assert html(response).h1.get_text(strip=True) == "Tak – vi har modtaget din henvendelse"
    submission = JoinFormSubmission.objects.get()
    assert submission.form_data == STORED
    assert submission.email_sent is False
    assert "ConnectionRefusedError" in submission.email_error
    assert "could not be e-mailed" in caplog.text

    admin = Client()
    admin.force_login(admin_user)
    listing = admin.get(f"/admin/forms/submissions/{join_page.pk}/")
    assert listing.status_code == 200
    table = html(listing).find("table", class_="listing")
    headings = [th.get_text(" ", strip=True) for th in table.find_all("th")]
    assert "E-mail til kontakten" in headings
    column = headings.index("E-mail til kontakten")
    [row] = table.find("tbody").find_all("tr")
    cell = row.find_all("td")[column].get_text(" ", strip=True)
    assert cell.startswith("Ikke sendt: ConnectionRefusedError")


def test_the_admin_lists_a_sent_submission_as_sent(client, join_page, mailbox, admin_user):
    client.post(URL, VALID)
    admin = Client()
    admin.force_login(admin_user)
    listing = html(admin.get(f"/admin/forms/submissions/{join_page.pk}/"))
    text = listing.find("table", class_="listing").find("tbody").get_text()
    assert "Sendt" in text and "Ikke sendt" not in text
    assert "Hillerød Bryghus" in text


def test_csv_export_in_the_admin_has_the_submission(client, join_page, mailbox, admin_user):
    client.post(URL, VALID)
    admin = Client()
    admin.force_login(admin_user)
    response = admin.get(f"/admin/forms/submissions/{join_page.pk}/?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    header, [row] = rows[0], rows[1:]
    record = dict(zip(header, row, strict=True))
    assert record["Organisation"] == "Hillerød Bryghus"
    assert record["E-mail"] == "mette@bryghus.example"
    assert record["Jeres ressource eller idé"] == VALID["resource"]
    assert record["E-mail til kontakten"] == "Sendt"


def test_anonymous_visitors_cannot_see_submissions(client, join_page):
    response = client.get(f"/admin/forms/submissions/{join_page.pk}/?export=csv")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# Spam ------------------------------------------------------------------------------------


def test_the_honeypot_drops_the_submission_silently(client, join_page, mailbox):
    response = client.post(URL, {**VALID, HONEYPOT: "https://spam.example"})
    assert response.status_code == 200
    assert html(response).h1.get_text(strip=True) == "Tak – vi har modtaget din henvendelse"
    assert not JoinFormSubmission.objects.exists()
    assert mailbox.messages == []


def test_the_rate_limit_answers_429_in_danish_with_the_values_kept(
    client, join_page, mailbox, settings
):
    settings.JOIN_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(URL, VALID, REMOTE_ADDR="198.51.100.7").status_code == 200
    response = client.post(URL, VALID, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    page = html(response)
    assert page.title.get_text(strip=True).startswith("Fejl:")
    summary = page.find(class_="error-summary")
    assert summary["role"] == "alert"
    assert summary.h2.get_text(strip=True) == "Vent venligst lidt"
    assert "Prøv igen senere" in summary.get_text()
    assert_values_kept(page)
    assert "no-store" in response["Cache-Control"]
    assert JoinFormSubmission.objects.count() == 2
    assert len(mailbox.messages) == 2
    # Another address is not affected.
    assert client.post(URL, VALID, REMOTE_ADDR="198.51.100.8").status_code == 200
    assert JoinFormSubmission.objects.count() == 3


def test_validation_errors_do_not_count_against_the_limit(client, join_page, settings):
    settings.JOIN_RATE_LIMIT = 1
    for _ in range(3):
        assert client.post(URL, {**VALID, "email": "forkert"}).status_code == 200
    assert client.post(URL, VALID).status_code == 200
    assert client.post(URL, VALID).status_code == 429


def test_the_rate_limit_window_ends(client, join_page, settings, monkeypatch):
    settings.JOIN_RATE_LIMIT, settings.JOIN_RATE_LIMIT_SECONDS = 1, 3600
    now = [1_000_000.0]
    monkeypatch.setattr("join.ratelimit.time.time", lambda: now[0])
    assert client.post(URL, VALID).status_code == 200
    now[0] += 3599
    assert client.post(URL, VALID).status_code == 429
    now[0] += 2
    assert client.post(URL, VALID).status_code == 200


def test_behind_proxies_the_limit_is_per_visitor(client, join_page, settings):
    """Behind a load balancer every request comes from its address: the visitor's is the entry
    the (trusted) proxy added to X-Forwarded-For; what the client made up in front is ignored."""
    settings.JOIN_RATE_LIMIT, settings.TRUSTED_PROXY_COUNT = 1, 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    first = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.1"}
    assert client.post(URL, VALID, **first).status_code == 200
    assert client.post(URL, VALID, **first).status_code == 429
    forged = {**proxy, "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.1"}
    assert client.post(URL, VALID, **forged).status_code == 429
    other = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.2"}
    assert client.post(URL, VALID, **other).status_code == 200


class BrokenCache:
    def get(self, *args, **kwargs):
        raise ConnectionError("Redis is down")

    set = get


def test_a_broken_cache_never_loses_a_submission(client, join_page, monkeypatch, caplog):
    monkeypatch.setattr("join.ratelimit.cache", BrokenCache())
    with caplog.at_level(logging.ERROR, logger="join.ratelimit"):
        assert client.post(URL, VALID).status_code == 200
    assert JoinFormSubmission.objects.count() == 1
    assert "Rate limit: the cache cannot be read" in caplog.text


# Errors ----------------------------------------------------------------------------------


def test_a_validation_error_keeps_what_was_typed(client, join_page, mailbox):
    typed = {**VALID, "email": "mette.bryghus.example"}
    del typed["consent"]
    response = client.post(URL, typed)
    assert response.status_code == 200
    page = html(response)
    assert page.title.get_text(strip=True).startswith("Fejl:")
    summary = page.find(class_="error-summary")
    assert summary["role"] == "alert"
    assert summary.h2.get_text(strip=True) == "Der er et problem"
    links = {a["href"]: a.get_text(strip=True) for a in summary.find_all("a")}
    assert links == {
        "#id_email": "Skriv en e-mailadresse i det rigtige format, fx navn@eksempel.dk.",
        "#id_consent": (
            "Sæt kryds i “Jeg har læst teksten ovenfor og giver samtykke til, at mine "
            "oplysninger behandles som beskrevet” for at sende formularen."
        ),
    }
    field = page.find(id="id_email")
    assert field["aria-invalid"] == "true"
    assert "id_email_error" in field["aria-describedby"].split()
    assert page.find(id="id_email_error").get_text(strip=True) == links["#id_email"]
    consent = page.find(id="id_consent")
    assert consent["aria-describedby"].split() == ["join-privacy", "id_consent_error"]
    assert page.find("input", attrs={"name": "email"})["value"] == typed["email"]
    assert page.find("input", attrs={"name": "organisation"})["value"] == VALID["organisation"]
    assert page.find("textarea", attrs={"name": "resource"}).get_text().strip() == VALID["resource"]
    assert page.find("select").find("option", selected=True)["value"] == VALID["kind"]
    assert not JoinFormSubmission.objects.exists()
    assert mailbox.messages == []


def test_empty_required_fields_are_named(client, join_page):
    page = html(client.post(URL, {}))
    errors = [a.get_text(strip=True) for a in page.find(class_="error-summary").find_all("a")]
    assert errors[:3] == ["Udfyld “Organisation”.", "Udfyld “Kontaktperson”.", "Udfyld “E-mail”."]
    assert "Udfyld “Telefon”." not in errors  # optional
    assert "Udfyld “Type af organisation”." in errors


@pytest.mark.parametrize(
    "data",
    [
        {**VALID, "organisation": "Bryg\x00hus"},
        {**VALID, "resource": "x" * 1_000_000},
        {**VALID, "organisation": "ø" * 300},
        {**VALID, "kind": "Hacker"},
        {**VALID, "email": "a@b.example\r\nBcc: alle@example.com"},
        {"organisation": ["a"] * 500},
    ],
    ids=["nul", "huge", "too-long", "bad-choice", "header-injection", "many"],
)
def test_bad_input_is_an_error_message_never_a_500(client, join_page, mailbox, data):
    response = client.post(URL, data)
    assert response.status_code == 200
    assert html(response).find(class_="error-summary")
    assert not JoinFormSubmission.objects.exists()
    assert mailbox.messages == []


@pytest.mark.parametrize(
    ("data", "stored"),
    [
        ({**VALID, "kind": ["Hacker", "Forening"]}, {"kind": "Forening"}),  # the last one
        ({**VALID, "consent": "\x00"}, {"consent": True}),
        ({**VALID, "phone": "", "extra": "ignored"}, {"phone": ""}),
    ],
    ids=["two-choices", "nul-box", "unknown-field"],
)
def test_odd_but_harmless_input_is_stored_cleaned(client, join_page, mailbox, data, stored):
    assert client.post(URL, data).status_code == 200
    assert JoinFormSubmission.objects.get().form_data == {**STORED, **stored}


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (
            b"organisation=\xff\xfe\xfa&email=\xc3\x28&consent=on",
            "application/x-www-form-urlencoded",
        ),
        (b"organisation=%FF%FE%00&resource=%ED%A0%80", "application/x-www-form-urlencoded"),
        (b"\x00\x01\x02garbage", "application/x-www-form-urlencoded"),
        (
            b'--x\r\nContent-Disposition: form-data; name="a\xff"\r\n\r\n\xff\r\n--x--\r\n',
            "multipart/form-data; boundary=x",
        ),
        (b"--x\r\nbroken", "multipart/form-data; boundary=x"),
        (b'{"organisation": 1}', "application/json"),
    ],
    ids=[
        "invalid-utf8",
        "encoded-invalid",
        "binary",
        "multipart-invalid",
        "multipart-broken",
        "json",
    ],
)
def test_garbage_bodies_never_give_a_500(client, join_page, body, content_type):
    response = client.generic("POST", URL, body, content_type=content_type)
    assert response.status_code in (200, 400)
    assert not JoinFormSubmission.objects.exists()


# Caching and cookies -----------------------------------------------------------------------


def test_the_form_page_is_never_cached_and_sets_only_the_csrf_cookie(join_page, rf):
    for _ in range(2):
        client = Client()  # a new visitor each time: no cookies, eligible for the page cache
        response = client.get(URL)
        assert response.status_code == 200
        assert "X-Cache" not in response
        assert set(response["Cache-Control"].replace(" ", "").split(",")) >= {
            "private",
            "no-store",
        }
        assert "ETag" not in response
        assert set(response.cookies) == {"csrftoken"}
        cookie = response.cookies["csrftoken"]
        assert cookie["httponly"] and cookie["samesite"] == "Lax"
        assert cookie["max-age"] == "" and cookie["expires"] == ""  # gone with the browser
    assert cache().get(PageCacheMiddleware.key(rf.get(URL))) is None
    # Other pages are cached as before.
    Client().get("/om-symbiose-hillerod/")
    assert Client().get("/om-symbiose-hillerod/")["X-Cache"] == "hit"


def test_the_thank_you_page_is_not_cached_either(join_page, mailbox):
    response = Client().post(URL, VALID)
    assert "no-store" in response["Cache-Control"]
    assert "X-Cache" not in response
    assert set(response.cookies) <= {"csrftoken"}
    assert "sessionid" not in response.cookies


def test_the_form_posts_with_csrf_checks_on(join_page, mailbox):
    client = Client(enforce_csrf_checks=True)
    page = html(client.get(URL))
    token = page.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    assert client.post(URL, VALID).status_code == 403  # no token
    response = client.post(URL, {**VALID, "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert JoinFormSubmission.objects.count() == 1
    assert "sessionid" not in client.cookies


# Retention ---------------------------------------------------------------------------------


def submitted(page, days_ago, organisation):
    submission = JoinFormSubmission.objects.create(
        page=page, form_data={**STORED, "organisation": organisation}
    )
    JoinFormSubmission.objects.filter(pk=submission.pk).update(
        submit_time=timezone.now() - timedelta(days=days_ago)
    )
    return submission


def test_the_scheduler_deletes_submissions_past_the_retention_period(join_page, settings):
    settings.JOIN_SUBMISSION_RETENTION_DAYS = 365
    submitted(join_page, 400, "Meget gammel")
    submitted(join_page, 366, "Gammel")
    submitted(join_page, 364, "Næsten et år")
    submitted(join_page, 0, "Ny")
    call_command("run_scheduler", "--once", verbosity=0)
    kept = set(JoinFormSubmission.objects.values_list("form_data__organisation", flat=True))
    assert kept == {"Næsten et år", "Ny"}
    settings.JOIN_SUBMISSION_RETENTION_DAYS = 30
    call_command("run_scheduler", "--once", verbosity=0)
    kept = set(JoinFormSubmission.objects.values_list("form_data__organisation", flat=True))
    assert kept == {"Ny"}


def test_the_retention_job_is_one_of_the_scheduled_jobs(settings):
    assert settings.SCHEDULED_JOBS[:2] == [
        "pages.scheduling.publish_due",
        "join.retention.delete_expired_submissions",
    ]


def broken_job():
    raise RuntimeError("this job is broken")


def test_a_failing_job_is_logged_and_the_others_still_run(join_page, settings, caplog):
    settings.SCHEDULED_JOBS = [
        "tests.test_join_form.broken_job",
        "no.such.module.job",
        "join.retention.delete_expired_submissions",
    ]
    submitted(join_page, 400, "Gammel")
    with caplog.at_level(logging.ERROR, logger="pages.scheduling"):
        scheduling.run(0.01, rounds=2)
    assert not JoinFormSubmission.objects.exists()
    failures = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert (
        failures.count(
            "Scheduled job tests.test_join_form.broken_job failed; trying again in 0.01 s"
        )
        == 2
    )
    assert failures.count("Scheduled job no.such.module.job failed; trying again in 0.01 s") == 2


# In English ----------------------------------------------------------------------------------

EN_URL = "/en/join/"
EN_VALID = {**VALID, "kind": "Company"}


@pytest.fixture
def english_page(launch):
    """The English translation load_launch_content made through wagtail-localize; it sends to
    the site's general contact e-mail (its To address is empty, like the Danish one's)."""
    set_contact_email("info@symbiosehillerod.dk")
    return JoinFormPage.objects.get(locale__language_code="en")


def test_the_english_page_is_a_translation_with_the_same_field_names(english_page):
    danish = JoinFormPage.objects.get(locale__language_code="da")
    assert english_page.translation_key == danish.translation_key
    assert english_page.live and english_page.url == EN_URL
    english_fields = [(f.clean_name, f.label) for f in english_page.form_fields.all()]
    danish_fields = [(f.clean_name, f.label) for f in danish.form_fields.all()]
    assert [name for name, _ in english_fields] == [name for name, _ in danish_fields]
    assert english_fields[1] == ("contact_person", "Contact person")
    assert {f.locale_id for f in english_page.form_fields.all()} == {english_page.locale_id}


def test_the_english_form_is_english(client, english_page):
    response = client.get(EN_URL)
    assert response.status_code == 200
    page = html(response)
    assert page.html["lang"] == "en"
    assert page.h1.get_text(strip=True) == "Join Symbiose Hillerød"
    form = page.find("form", class_="join-form")
    assert form["action"] == EN_URL
    labels = [label.get_text(" ", strip=True) for label in form.find_all("label")]
    assert labels == [
        "Organisation",
        "Contact person",
        "E-mail",
        "Phone (optional)",
        "Kind of organisation",
        "Your resource or idea",
        "I have read the text above and agree that my data is processed as described",
        "Leave this field empty",
    ]
    options = [o.get_text(strip=True) for o in form.find("select").find_all("option")]
    assert options[:3] == ["Choose…", "Citizen or group of citizens", "Association"]
    privacy = form.find(id="join-privacy").get_text(" ", strip=True)
    assert "Your data" in privacy
    assert "We delete your submission automatically 12 months after you sent it." in privacy
    assert "Write to info@symbiosehillerod.dk" in privacy
    assert set(response.cookies) == {"csrftoken"}
    assert "no-store" in response["Cache-Control"]


def test_english_errors_are_english_and_keep_the_values(client, english_page, mailbox):
    typed = {**EN_VALID, "organisation": ""}
    page = html(client.post(EN_URL, typed))
    assert page.title.get_text(strip=True).startswith("Error:")
    summary = page.find(class_="error-summary")
    assert summary.h2.get_text(strip=True) == "There is a problem"
    assert [a.get_text(strip=True) for a in summary.find_all("a")] == ["Fill in “Organisation”."]
    assert page.find("select").find("option", selected=True)["value"] == "Company"
    assert page.find("input", attrs={"name": "email"})["value"] == VALID["email"]
    assert mailbox.messages == []


def test_an_english_submission_is_thanked_stored_and_emailed_in_english(
    client, english_page, mailbox
):
    response = client.post(EN_URL, EN_VALID)
    assert response.status_code == 200
    page = html(response)
    assert page.html["lang"] == "en"
    assert page.h1.get_text(strip=True) == "Thank you – we have received your submission"
    assert "will get back to you as soon as we can" in page.main.get_text()
    assert page.main.find("a", string="Back to the front page")["href"] == "/en/"

    submission = JoinFormSubmission.objects.get()
    assert submission.page_id == english_page.pk
    assert submission.form_data == {**STORED, "kind": "Company"}  # the same keys as in Danish
    assert submission.email_sent

    [envelope] = mailbox.messages
    assert envelope.rcpt_tos == ["info@symbiosehillerod.dk"]
    message = message_of(envelope)
    assert message["Subject"] == "New submission: Join Symbiose Hillerød"
    assert message["Reply-To"] == VALID["email"]
    body = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    for line in [
        "Someone filled in the form “Join Symbiose Hillerød”:",
        "Contact person: Mette Hansen",
        "Kind of organisation: Company",
        "Your resource or idea:\nOverskudsvarme fra bryggeriet.",
        "agree that my data is processed as described: Yes",
        "Page: http://127.0.0.1:8000/en/join/",
        f"All submissions (CSV export): http://testserver/admin/forms/submissions/{english_page.pk}/",
    ]:
        assert line in body, line


def test_the_english_rate_limit_message_is_english(client, english_page, mailbox, settings):
    settings.JOIN_RATE_LIMIT = 1
    assert client.post(EN_URL, EN_VALID).status_code == 200
    response = client.post(EN_URL, EN_VALID)
    assert response.status_code == 429
    page = html(response)
    summary = page.find(class_="error-summary")
    assert summary.h2.get_text(strip=True) == "Please wait a while"
    assert "Please try again later" in summary.get_text()
    assert page.find("select").find("option", selected=True)["value"] == "Company"
    # One limit per address, whatever the language.
    assert client.post(URL, VALID).status_code == 429


def test_smtp_down_in_english_is_thanked_and_marked_not_sent(client, english_page, smtp_down):
    response = client.post(EN_URL, EN_VALID)
    assert html(response).h1.get_text(strip=True) == "Thank you – we have received your submission"
    assert not JoinFormSubmission.objects.get().email_sent
