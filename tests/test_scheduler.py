"""Scheduled publishing needs no cron: run_scheduler publishes what is due, one process at a
time per database, gunicorn's master starts exactly one, and the dashboard warns in Danish
when something is more than five minutes late."""

import os
import sqlite3
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, timedelta

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.utils import timezone
from wagtail.models import Page, Revision

from devtools import gunicorn
from pages import scheduling
from pages.models import ContentPage

ON_POSTGRESQL = connection.vendor == "postgresql"


def schedule(parent, title, go_live_at):
    """A new page below parent, approved to go live at go_live_at (possibly in the past, as
    if the scheduler had not run since). Returns the page, not live."""
    page = ContentPage(title=title, slug=title.lower().replace(" ", "-"), live=False)
    parent.add_child(instance=page)
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()  # in the future: approved, not live
    revision.approved_go_live_at = go_live_at
    revision.content["go_live_at"] = go_live_at.isoformat()
    revision.save()
    page.refresh_from_db()
    assert not page.live
    return page


def expire(page, expire_at):
    """A live page whose expiry time is expire_at (possibly passed)."""
    Page.objects.filter(pk=page.pk).update(expire_at=expire_at)


def is_live(page):
    return Page.objects.get(pk=page.pk).live


def test_one_round_publishes_due_pages_and_unpublishes_expired_ones(launch):
    now = timezone.now()
    due = schedule(launch["home"], "Nyhed om varme", now - timedelta(seconds=5))
    later = schedule(launch["home"], "Nyhed om vand", now + timedelta(minutes=10))
    expire(launch["om"], now - timedelta(seconds=5))

    call_command("run_scheduler", "--once", verbosity=0)

    assert is_live(due)
    assert not is_live(later)
    assert not is_live(launch["om"])
    assert ContentPage.objects.get(pk=launch["om"].pk).expired


def test_the_loop_runs_every_interval_and_survives_database_errors(monkeypatch, settings):
    settings.SCHEDULED_JOBS = ["pages.scheduling.publish_due"]
    calls = []

    def flaky():
        calls.append(time.monotonic())
        if len(calls) == 1:
            raise OperationalError("the database went away")
        return True

    monkeypatch.setattr(scheduling, "publish_due", flaky)
    monkeypatch.setattr(scheduling, "close_old_connections", lambda: None)
    monkeypatch.setattr(scheduling.connection, "close", lambda: None)
    scheduling.run(0.2, rounds=3)
    assert len(calls) == 3  # the error did not end the loop
    assert calls[2] - calls[0] >= 0.35


def test_the_loop_stops_when_told(monkeypatch):
    monkeypatch.setattr(scheduling, "close_old_connections", lambda: None)
    stop = threading.Event()
    stop.set()
    started = time.monotonic()
    scheduling.run(60, stop=stop)
    assert time.monotonic() - started < 1


def test_interval_comes_from_the_environment():
    assert scheduling.interval_from_env({}) == 30
    assert scheduling.interval_from_env({"SCHEDULER_SECONDS": "5"}) == 5
    assert scheduling.interval_from_env({"SCHEDULER_SECONDS": "0.1"}) == 1


def test_only_one_process_publishes_at_a_time(launch):
    """PostgreSQL: an advisory lock lets one container publish per round. SQLite (one machine,
    one scheduler): the lock is a harmless no-op. CI runs the suite on both."""
    if ON_POSTGRESQL:
        only_one_publishes_on_postgresql(launch)
    else:
        the_lock_is_a_no_op_on_sqlite(launch)


def only_one_publishes_on_postgresql(launch):
    import psycopg

    due = schedule(launch["home"], "Nyhed om varme", timezone.now() - timedelta(seconds=5))
    db = connection.settings_dict
    other = psycopg.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        autocommit=True,
    )
    try:
        other.execute("SELECT pg_advisory_lock(%s)", [scheduling.LOCK_KEY])
        assert scheduling.publish_due() is False  # another container is at it
        assert not is_live(due)
        other.execute("SELECT pg_advisory_unlock(%s)", [scheduling.LOCK_KEY])
        assert scheduling.publish_due() is True
        assert is_live(due)
        # ...and this process let go of the lock afterwards.
        assert other.execute("SELECT pg_try_advisory_lock(%s)", [scheduling.LOCK_KEY]).fetchone()[0]
    finally:
        other.close()


def the_lock_is_a_no_op_on_sqlite(launch):
    due = schedule(launch["home"], "Nyhed om varme", timezone.now() - timedelta(seconds=5))
    with scheduling.exclusive() as first, scheduling.exclusive() as second:
        assert first and second
    assert scheduling.publish_due() is True
    assert is_live(due)


def test_dashboard_warns_in_danish_about_overdue_pages_only(client, launch, admin_user):
    now = timezone.now()
    late = schedule(launch["home"], "Nyhed om varme", now - timedelta(minutes=6))
    soon = schedule(launch["home"], "Nyhed om vand", now + timedelta(minutes=2))
    client.force_login(admin_user)

    html = client.get("/admin/").content.decode()

    assert "Planlagt udgivelse er forsinket" in html
    assert "mere end 5 minutter siden" in html
    assert f'href="/admin/pages/{late.pk}/edit/"' in html
    assert "Nyhed om varme" in html
    assert "skulle være udgivet" in html
    assert "Nyhed om vand" not in html
    assert f'href="/admin/pages/{soon.pk}/edit/"' not in html


def test_dashboard_warns_about_pages_that_should_have_expired(client, launch, admin_user):
    expire(launch["om"], timezone.now() - timedelta(minutes=10))
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    assert "Planlagt udgivelse er forsinket" in html
    assert "skulle være afpubliceret" in html
    assert f'href="/admin/pages/{launch["om"].pk}/edit/"' in html


def test_no_warning_when_nothing_is_late(client, launch, admin_user):
    schedule(launch["home"], "Nyhed om vand", timezone.now() + timedelta(minutes=2))
    schedule(launch["home"], "Nyhed om luft", timezone.now() - timedelta(minutes=3))
    client.force_login(admin_user)
    assert "Planlagt udgivelse er forsinket" not in client.get("/admin/").content.decode()


# ---- the real thing: gunicorn with gunicorn.conf.py, as the image runs it ----------------


def database_url_for_processes(tmp_path):
    """A DATABASE_URL another process can open with what this test has committed: the test
    database itself on PostgreSQL, a file copy of the in-memory SQLite test database."""
    db = connection.settings_dict
    if ON_POSTGRESQL:
        auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        return f"postgres://{auth}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}", None
    path = tmp_path / "db.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    return f"sqlite:///{path}", path


def live_in(sqlite_path, page_pk):
    """Whether the page is live, read straight from the database the processes use."""
    if sqlite_path is None:
        return is_live(Page(pk=page_pk))
    with sqlite3.connect(sqlite_path) as db:
        row = db.execute("SELECT live FROM wagtailcore_page WHERE id=?", [page_pk]).fetchone()
    return bool(row[0])


def reschedule(sqlite_path, page_pk, when):
    """Moves the page's approved go-live time in the database the processes use."""
    if sqlite_path is None:
        revision = Revision.objects.get(object_id=str(page_pk), approved_go_live_at__isnull=False)
        revision.approved_go_live_at = when
        revision.content["go_live_at"] = when.isoformat()
        revision.save()
        return
    stamp = when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    with sqlite3.connect(sqlite_path) as db:
        db.execute(
            "UPDATE wagtailcore_revision SET approved_go_live_at=?, "
            "content=json_set(content, '$.go_live_at', ?) "
            "WHERE object_id=? AND approved_go_live_at IS NOT NULL",
            [stamp, when.isoformat(), str(page_pk)],
        )


def fetch_status(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


# Transactional: gunicorn must see committed data. The flush after a transactional test wipes
# the rows Wagtail's migrations create; serialized rollback puts them back (as for the browser).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_gunicorn_runs_one_scheduler_that_publishes_within_its_interval(launch, tmp_path):
    page = schedule(launch["home"], "Nyhed om varme", timezone.now() + timedelta(hours=1))
    url, sqlite_path = database_url_for_processes(tmp_path)
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="symbiose.settings.test",
        DATABASE_URL=url,
        SCHEDULER_SECONDS="1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    server = gunicorn.Gunicorn(env, tmp_path / "gunicorn.log", "sched", workers=2)
    try:
        gunicorn.wait_until_healthy([server], 30)
        page_url = f"{server.url}/nyhed-om-varme/"
        assert fetch_status(page_url) == 404  # scheduled, not yet live
        go_live = timezone.now() + timedelta(seconds=2)
        reschedule(sqlite_path, page.pk, go_live)
        deadline = time.monotonic() + 2 + 1 + 5  # go-live, one interval, slack
        while not live_in(sqlite_path, page.pk):
            assert time.monotonic() < deadline, server.log_text()
            time.sleep(0.2)
        assert timezone.now() >= go_live  # not before its time
        assert fetch_status(page_url) == 200, server.log_text()
    finally:
        server.stop()
    log = server.log.read_text()
    assert log.count("Started the scheduler") == 1, log  # one, whatever the worker count
    assert log.count("Scheduler started") == 1, log
    assert "Published as scheduled: Nyhed om varme" in log, log
    assert "Scheduler stopped" in log, log  # it got SIGTERM and ended cleanly


def test_scheduler_seconds_zero_turns_the_gunicorn_scheduler_off(monkeypatch):
    import runpy
    from pathlib import Path

    conf = runpy.run_path(str(Path(__file__).resolve().parents[1] / "gunicorn.conf.py"))
    monkeypatch.setenv("SCHEDULER_SECONDS", "0")
    assert conf["_scheduler_off"]()
    monkeypatch.setenv("SCHEDULER_SECONDS", "30")
    assert not conf["_scheduler_off"]()
    monkeypatch.delenv("SCHEDULER_SECONDS")
    assert not conf["_scheduler_off"]()
