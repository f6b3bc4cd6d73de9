"""`manage.py backup` and `manage.py restore`: a backup of the launch content restores into an
empty database with the same pages, revisions, documents (byte for byte) and settings; a
damaged backup, or a database that has tables, is refused before anything is touched.

CI runs the whole suite twice (.ci/run), on SQLite and then on PostgreSQL; like
tests/test_search_stemming.py, each test has both branches and none is skipped: on
PostgreSQL the round trip goes through pg_dump and pg_restore into a new database, on SQLite
through its backup API into a new file. The round trips are transactional: pg_dump reads
with a connection of its own and sees committed rows only.
"""

import contextlib
import hashlib
import json
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.models import Page

from backups import create, database
from caching.pagecache import generation
from tests.test_object_storage import s3  # noqa: F401 (the faked bucket)
from tests.test_search_stemming import on_postgresql

SNAPSHOT_QUERIES = {
    "pages": "SELECT path, title, url_path, live, locale_id FROM wagtailcore_page ORDER BY path",
    "revisions": (
        "SELECT id, object_id, base_content_type_id, content, created_at "
        "FROM wagtailcore_revision ORDER BY id"
    ),
    "documents": (
        "SELECT id, title, file, file_size, file_hash, collection_id "
        "FROM wagtaildocs_document ORDER BY id"
    ),
    "settings": (
        "SELECT hotline_heading, hotline_text, hotline_phone, hotline_heading_en "
        "FROM pages_sitesettings ORDER BY id"
    ),
}


def snapshot(db):
    """What an editor and a visitor depend on, read with plain SQL from a DB-API connection."""
    return {name: db.execute(query).fetchall() for name, query in SNAPSHOT_QUERIES.items()}


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def make_backup(parent):
    call_command("backup", str(parent), verbosity=0)
    (backup,) = Path(parent).iterdir()
    return backup


def libpq_keywords(dbname):
    settings = connection.settings_dict
    keywords = {
        "host": settings["HOST"] or "localhost",
        "port": settings["PORT"] or 5432,
        "user": settings["USER"],
        "password": settings["PASSWORD"],
        "dbname": dbname,
    }
    return {key: value for key, value in keywords.items() if value}


@contextlib.contextmanager
def source_database():
    if on_postgresql():
        import psycopg

        with psycopg.connect(**libpq_keywords(connection.settings_dict["NAME"])) as db:
            yield db
    else:
        connection.ensure_connection()
        yield connection.connection  # Django's (the test database lives in memory)


@contextlib.contextmanager
def empty_database(tmp_path):
    """(URL, a function opening it) of a new, empty database, dropped afterwards."""
    if not on_postgresql():
        import sqlite3

        path = tmp_path / "restored.sqlite3"
        types = sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES  # as Django reads it
        yield (
            f"sqlite:///{path}",
            lambda: contextlib.closing(sqlite3.connect(path, detect_types=types)),
        )
        return
    import psycopg
    from psycopg import sql

    name = f"{connection.settings_dict['NAME']}_restored_{uuid.uuid4().hex[:8]}"
    keywords = libpq_keywords(name)
    with psycopg.connect(**{**keywords, "dbname": "postgres"}, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            user = quote(keywords.get("user", ""))
            password = f":{quote(keywords['password'])}" if "password" in keywords else ""
            url = f"postgres://{user}{password}@{keywords['host']}:{keywords['port']}/{name}"
            yield url, lambda: psycopg.connect(**keywords)
        finally:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


# Transactional: pg_dump sees committed data only. The flush after a transactional test wipes
# the rows Wagtail's migrations create; serialized rollback puts them back.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restores_into_an_empty_database(launch, tmp_path, settings):
    source_media = Path(settings.MEDIA_ROOT)
    backup = make_backup(tmp_path / "backups")
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["migrations"]["pages"].startswith("00")
    assert manifest["migrations"]["wagtailcore"]
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert listed[manifest["database"]["file"]]["size"] > 0
    video = next(path for path in listed if path.endswith(".mp4"))
    assert listed[video]["sha256"] == sha256(backup / video)

    settings.MEDIA_ROOT = tmp_path / "restored-media"  # the restore writes its own
    with empty_database(tmp_path) as (url, open_restored):
        call_command("restore", str(backup), "--database-url", url, verbosity=0)
        with open_restored() as restored_db:
            restored = snapshot(restored_db)
    with source_database() as source_db:
        source = snapshot(source_db)

    assert restored == source
    titles = {title for _, title, _, _, _ in restored["pages"]}
    assert {"Symbiose Hillerød", launch["om"].title} <= titles
    assert any(live for *_, live, _ in restored["pages"])
    assert restored["revisions"], "the launch content has revisions"
    assert restored["settings"][0][2], "the footer's hotline"
    assert restored["documents"]
    for _id, _title, file, *_ in restored["documents"]:
        assert sha256(settings.MEDIA_ROOT / file) == sha256(source_media / file), file


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_damaged_backup_or_a_full_database_is_refused_before_anything_changes(
    launch, tmp_path, settings
):
    backup = make_backup(tmp_path / "backups")
    om = launch["om"]
    Page.objects.filter(pk=om.pk).update(title="Ændret efter backuppen")
    media = Path(settings.MEDIA_ROOT)
    media_before = {p: sha256(p) for p in media.rglob("*") if p.is_file()}

    with pytest.raises(CommandError, match="not empty.*--force"):
        call_command("restore", str(backup), verbosity=0)

    video = next((backup / "media").rglob("*.mp4"))
    data = bytearray(video.read_bytes())
    data[len(data) // 2] ^= 0xFF
    video.write_bytes(bytes(data))
    (media / video.relative_to(backup / "media")).write_bytes(b"changed after the backup")
    media_before = {p: sha256(p) for p in media.rglob("*") if p.is_file()}
    before = generation()

    with pytest.raises(CommandError, match="damaged") as refused:
        call_command("restore", str(backup), "--force", verbosity=0)
    assert str(video.relative_to(backup)) in str(refused.value)

    assert Page.objects.get(pk=om.pk).title == "Ændret efter backuppen"
    assert {p: sha256(p) for p in media.rglob("*") if p.is_file()} == media_before
    assert generation() == before


def test_a_failed_backup_leaves_nothing_that_looks_like_a_backup(
    db, tmp_path, settings, monkeypatch
):
    (Path(settings.MEDIA_ROOT) / "documents").mkdir(parents=True)
    (Path(settings.MEDIA_ROOT) / "documents" / "a.txt").write_text("a")
    monkeypatch.setattr(database.Database, "dump", lambda self, path: Path(path).write_bytes(b"x"))

    def unreadable(directory):
        raise OSError("disk full")

    monkeypatch.setattr(create.media, "back_up", unreadable)
    parent = tmp_path / "backups"
    with pytest.raises(CommandError, match="disk full"):
        call_command("backup", str(parent), verbosity=0)
    assert list(parent.iterdir()) == []


def test_without_a_directory_or_backup_dir_the_backup_says_where_to(settings):
    settings.BACKUP_DIR = ""
    with pytest.raises(CommandError, match="BACKUP_DIR"):
        call_command("backup", verbosity=0)


def test_the_password_goes_to_pg_dump_in_the_environment_never_the_command_line(
    monkeypatch, tmp_path
):
    calls = []

    class Done:
        returncode, stderr, stdout = 0, "", ""

    monkeypatch.setattr(
        database.subprocess, "run", lambda args, **kwargs: calls.append((args, kwargs)) or Done()
    )
    db = database.Database("postgres://symbiose:s3cret%21@db.internal:5433/symbiose")
    db.dump(tmp_path / "database.dump")
    db.restore(tmp_path / "database.dump")
    for args, kwargs in calls:
        assert not any("s3cret" in arg for arg in args), args
        env = kwargs["env"]
        assert (env["PGPASSWORD"], env["PGHOST"], env["PGPORT"], env["PGUSER"]) == (
            "s3cret!",
            "db.internal",
            "5433",
            "symbiose",
        )
    assert calls[0][0][:2] == ["pg_dump", "--format=custom"]
    assert calls[1][0][0] == "pg_restore"
    assert {"--no-owner", "--clean", "--if-exists", "--dbname=symbiose"} <= set(calls[1][0])


def test_media_in_object_storage_are_backed_up_and_restored_through_the_storage(s3, tmp_path):  # noqa: F811
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from backups import media

    default_storage.save("documents/plan.pdf", ContentFile(b"%PDF-1.7 the plan"))
    default_storage.save("original_images/kort.png", ContentFile(b"\x89PNG map"))
    entries = media.back_up(tmp_path)
    assert {entry["path"] for entry in entries} == {
        "media/documents/plan.pdf",
        "media/original_images/kort.png",
    }
    assert (tmp_path / "media/documents/plan.pdf").read_bytes() == b"%PDF-1.7 the plan"

    default_storage.delete("documents/plan.pdf")  # lost
    default_storage.delete("original_images/kort.png")
    default_storage.save("original_images/kort.png", ContentFile(b"overwritten"))  # damaged
    assert media.restore(tmp_path, {"files": entries}) == (2, 0)
    body = s3.get_object(Bucket="symbiose-media", Key="documents/plan.pdf")["Body"].read()
    assert body == b"%PDF-1.7 the plan"
    with default_storage.open("original_images/kort.png", "rb") as restored:
        assert restored.read() == b"\x89PNG map"
    assert media.restore(tmp_path, {"files": entries}) == (0, 2)  # nothing to do the second time


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_after_a_restore_visitors_get_the_restored_page_not_a_cached_one(launch, tmp_path, client):
    url = launch["om"].url
    backup = make_backup(tmp_path / "backups")
    Page.objects.filter(pk=launch["om"].pk).update(title="Ændret efter backuppen")  # no publish
    assert "Ændret efter backuppen" in client.get(url).content.decode()  # now in the page cache
    assert "Ændret efter backuppen" in client.get(url).content.decode()

    call_command("restore", str(backup), "--force", verbosity=0)

    page = client.get(url).content.decode()
    assert "Ændret efter backuppen" not in page
    assert launch["om"].title in page
