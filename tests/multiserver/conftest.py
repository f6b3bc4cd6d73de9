"""Two production servers side by side: real PostgreSQL, real Redis, two gunicorns.

The servers run as separate processes with production settings, so nothing here goes through
pytest-django's test database: every test gets its own fresh PostgreSQL database (dropped
afterwards), a dedicated Redis database (emptied before and after), and two gunicorn instances
on free loopback ports, killed at the end even when the test fails.

Without PostgreSQL or Redis the tests are skipped locally and fail in CI (like the browser
tests without Chromium).
"""

import os
import secrets
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from devtools import gunicorn
from devtools.gunicorn import free_port

REPO = Path(__file__).resolve().parents[2]
PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"
REDIS_HOST, REDIS_PORT, REDIS_DB = "127.0.0.1", 6379, 15  # a database of its own, flushed
EDITOR = {"username": "redaktoer", "password": f"multi-{uuid.uuid4().hex}"}
BOOT_SECONDS = 30  # at most, for both servers to answer /readyz
COMMAND_SECONDS = 180  # at most, for one management command
# Only these variables are passed on from the test's own environment: a developer's shell
# must not make the servers purge a real CDN or write to real object storage.
INHERITED_ENV = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")


def in_ci(environ=os.environ):
    """CI=true (or any value but an explicit no) means we are in continuous integration."""
    return environ.get("CI", "").strip().lower() not in {"", "0", "false", "no", "off"}


def unavailable(reason, environ=os.environ):
    """Fail in CI, where PostgreSQL and Redis are part of the set-up; skip elsewhere."""
    if in_ci(environ):
        pytest.fail(
            f"{reason}; multiserver tests must not be skipped in CI (CI is set)", pytrace=False
        )
    pytest.skip(f"{reason}; start it to run the multiserver tests")


def admin_dsn(dbname="postgres"):
    return f"postgresql://{PG_USER}@{PG_HOST}:{PG_PORT}/{dbname}"


def require_services():
    import psycopg
    import redis

    try:
        psycopg.connect(admin_dsn(), connect_timeout=3).close()
    except psycopg.Error as error:
        unavailable(f"PostgreSQL is not reachable at {PG_HOST}:{PG_PORT} ({error})")
    client = redis.Redis(REDIS_HOST, REDIS_PORT, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as error:
        unavailable(f"Redis is not reachable at {REDIS_HOST}:{REDIS_PORT} ({error})")
    finally:
        client.close()


def pytest_runtest_setup(item):
    """Check before any fixture creates a database or starts a server."""
    if item.get_closest_marker("multiserver"):
        require_services()


@pytest.fixture
def database():
    """A fresh, uniquely named PostgreSQL database; dropped afterwards."""
    import psycopg
    from psycopg import sql

    name = f"symbiose_multi_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_dsn(), autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield name
    finally:
        with psycopg.connect(admin_dsn(), autocommit=True) as connection:
            connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


@pytest.fixture
def db_query(database):
    """Reads from the servers' database: db_query(sql, params) returns the first row."""
    import psycopg

    def query(statement, params=()):
        with psycopg.connect(admin_dsn(database)) as connection:
            return connection.execute(statement, params).fetchone()

    return query


@pytest.fixture
def shared_redis():
    """The Redis database both servers cache in, empty before and after the test."""
    import redis

    client = redis.Redis(REDIS_HOST, REDIS_PORT, db=REDIS_DB, socket_connect_timeout=3)
    client.flushdb()
    try:
        yield client
    finally:
        client.flushdb()
        client.close()


@pytest.fixture
def production_env(database, shared_redis, tmp_path):
    """The environment of every server process and management command: production settings."""
    env = {key: os.environ[key] for key in INHERITED_ENV if key in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="symbiose.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{database}",
        REDIS_URL=f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}",
        # No periodic re-read: a change must reach the other server through pub/sub alone.
        PAGE_CACHE_RECHECK_SECONDS="3600",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
        CACHE_DIR=str(tmp_path / "cache"),  # only used if REDIS_URL were ignored
        SNAPSHOT_ROOT=str(tmp_path / "site-snapshot"),  # the scheduler writes it, not ./
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def manage(env, *args, tmp_path):
    """Starts `manage.py <args>`; its output goes to a log file named after the command."""
    log = tmp_path / f"manage-{args[0]}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    return process, log


def finish(process, log):
    try:
        code = process.wait(timeout=COMMAND_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        code = "timeout"
    if code != 0:
        pytest.fail(f"{' '.join(map(str, process.args[1:]))} failed ({code}):\n{log.read_text()}")


@pytest.fixture
def deployed(production_env, tmp_path):
    """The deploy steps of the README: collectstatic, migrate, launch content; plus an editor.

    Steps that do not depend on each other run at the same time (collectstatic needs no
    database; the editor's account and the launch content touch different tables).
    """
    env = production_env
    editor = {**env, "DJANGO_SUPERUSER_PASSWORD": EDITOR["password"]}
    user = ["--username", EDITOR["username"], "--email", "redaktoer@example.com"]
    running = [manage(env, "collectstatic", "--noinput", "-v0", tmp_path=tmp_path)]
    try:
        finish(*manage(env, "migrate", "--noinput", "-v0", tmp_path=tmp_path))
        running.append(manage(env, "load_launch_content", "-v0", tmp_path=tmp_path))
        running.append(manage(editor, "createsuperuser", "--noinput", *user, tmp_path=tmp_path))
        for step in running:
            finish(*step)
    finally:
        for process, _ in running:  # after a failed step, leave nothing running
            if process.poll() is None:
                process.kill()
                process.wait()
    return env


def wait_until_healthy(servers):
    try:
        gunicorn.wait_until_healthy(servers, BOOT_SECONDS)
    except gunicorn.ServerError as error:
        pytest.fail(str(error))


@pytest.fixture
def servers(deployed, tmp_path):
    """Servers A and B: the same code, database and Redis, on two ports."""
    started = []
    try:
        for name in ("A", "B"):
            log = tmp_path / f"gunicorn-{name}.log"
            started.append(
                gunicorn.Gunicorn(deployed, log, name, extra_args=["--graceful-timeout", "5"])
            )
        wait_until_healthy(started)
        yield tuple(started)
    finally:
        for server in started:
            server.stop()


class RedisServer:
    """A Redis server of the test's own on a free loopback port, which the test may stop and
    start again: it comes back from its last snapshot, as after a crash or a restore."""

    def __init__(self, tmp_path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.dir = tmp_path / "redis"
        self.dir.mkdir()
        self.process = None

    def start(self):
        # No automatic snapshots: the test decides when one is taken (`snapshot`).
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
             "--appendonly", "no", "--dir", str(self.dir), "--dbfilename", "dump.rdb"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while not self.answers():
            if time.monotonic() > deadline or self.process.poll() is not None:
                pytest.fail(f"redis-server on port {self.port} did not start")
            time.sleep(0.05)

    def client(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=1)

    def answers(self):
        import redis

        try:
            return self.client().ping()
        except redis.RedisError:
            return False

    def snapshot(self):
        self.client().save()

    def stop(self):
        """Stops at once, without a new snapshot (what was changed since the last is lost)."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def own_redis(tmp_path):
    import shutil

    if shutil.which("redis-server") is None:
        unavailable("redis-server is not installed")
    server = RedisServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()
