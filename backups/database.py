"""The database's part of a backup.

PostgreSQL: `pg_dump --format=custom` and `pg_restore`, with their own connections; the
password goes in PGPASSWORD, never on the command line (where `ps` shows it). SQLite (`make
run`): its online backup API, a consistent copy while the site runs.
"""

import os
import sqlite3
import subprocess

import dj_database_url
from django.db import connections

from .errors import BackupError

POSTGRESQL, SQLITE = "postgresql", "sqlite"
DUMP_FILES = {POSTGRESQL: "database.dump", SQLITE: "database.sqlite3"}
CONNECT_TIMEOUT = "10"  # seconds, for pg_dump, pg_restore and our own check
# libpq's environment for the OPTIONS a DATABASE_URL can carry; not "options" (a
# statement_timeout there is for the site's requests, not for a dump that takes minutes).
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
}


def vendor_of(engine):
    if "postgresql" in engine or "postgis" in engine:
        return POSTGRESQL
    if "sqlite3" in engine:
        return SQLITE
    raise BackupError(f"Backups support PostgreSQL and SQLite only, not {engine}.")


class Database:
    """The site's database (`Database()`), or another one named by a URL (a restore into a
    new database)."""

    def __init__(self, url=None):
        self.alias = None if url else "default"
        self.settings = dj_database_url.parse(url) if url else connections["default"].settings_dict
        self.vendor = vendor_of(self.settings["ENGINE"])
        self.name = str(self.settings["NAME"])

    @property
    def dump_file(self):
        return DUMP_FILES[self.vendor]

    def label(self):
        """For messages: never the password."""
        if self.vendor == SQLITE:
            return f"SQLite {self.name}"
        host = self.settings.get("HOST") or "local socket"
        port = self.settings.get("PORT") or 5432
        return f"PostgreSQL {self.name} on {host}:{port}"

    # -- PostgreSQL -----------------------------------------------------------------------

    def libpq_environment(self):
        env = dict(os.environ)  # as for Django's own connection: libpq reads PG* for the rest
        values = {
            "PGHOST": self.settings.get("HOST"),
            "PGPORT": self.settings.get("PORT"),
            "PGUSER": self.settings.get("USER"),
            "PGPASSWORD": self.settings.get("PASSWORD"),
            "PGDATABASE": self.name,
            "PGCONNECT_TIMEOUT": CONNECT_TIMEOUT,
        }
        options = self.settings.get("OPTIONS") or {}
        values.update({env_name: options.get(key) for key, env_name in LIBPQ_OPTIONS.items()})
        env.update({key: str(value) for key, value in values.items() if value})
        return env

    def run(self, program, *arguments):
        try:
            result = subprocess.run(
                [program, *arguments],
                env=self.libpq_environment(),
                capture_output=True,
                text=True,
            )
        except FileNotFoundError:
            raise BackupError(
                f"{program} is not installed: install the PostgreSQL client tools "
                "(Debian: postgresql-client), of the server's major version or newer."
            ) from None
        if result.returncode != 0:
            raise BackupError(
                f"{program} failed (exit {result.returncode}) on {self.label()}:\n"
                f"{result.stderr.strip()}"
            )
        return result

    def psycopg_connection(self):
        import psycopg

        return psycopg.connect(
            "", autocommit=True, **{"connect_timeout": CONNECT_TIMEOUT}, **self.libpq_keywords()
        )

    def libpq_keywords(self):
        keywords = {
            "host": self.settings.get("HOST"),
            "port": self.settings.get("PORT"),
            "user": self.settings.get("USER"),
            "password": self.settings.get("PASSWORD"),
            "dbname": self.name,
        }
        options = self.settings.get("OPTIONS") or {}
        keywords.update({key: options.get(key) for key in LIBPQ_OPTIONS})
        return {key: str(value) for key, value in keywords.items() if value}

    # -- SQLite ---------------------------------------------------------------------------

    def sqlite_connection(self):
        """Django's own connection for the site's database (it may live in memory, in tests);
        a new one otherwise."""
        if self.alias:
            connection = connections[self.alias]
            connection.ensure_connection()
            return connection.connection
        return sqlite3.connect(self.name, uri=self.name.startswith("file:"))

    # -- what a backup and a restore ask -------------------------------------------------

    def server_version(self):
        if self.vendor == SQLITE:
            return sqlite3.sqlite_version
        try:
            with self.psycopg_connection() as connection:
                return connection.execute("SHOW server_version").fetchone()[0]
        except Exception as error:  # noqa: BLE001 psycopg's errors, told to the operator
            raise BackupError(f"Cannot connect to {self.label()}: {error}") from None

    def dump(self, path):
        if self.vendor == POSTGRESQL:
            self.run("pg_dump", "--format=custom", "--no-password", f"--file={path}")
            return
        target = sqlite3.connect(path)
        try:
            self.sqlite_connection().backup(target)
        finally:
            target.close()

    def table_count(self):
        """Tables in the database (0: empty, safe to restore into)."""
        if self.vendor == SQLITE:
            if not self.alias and self.name != ":memory:" and not os.path.exists(self.name):
                return 0
            query = (
                "SELECT count(*) FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
            return self.sqlite_connection().execute(query).fetchone()[0]
        query = (
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', "
            "'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
        )
        try:
            with self.psycopg_connection() as connection:
                return connection.execute(query).fetchone()[0]
        except Exception as error:  # noqa: BLE001 psycopg's errors, told to the operator
            raise BackupError(f"Cannot connect to {self.label()}: {error}") from None

    def restore(self, path):
        """Replaces what the dump holds, in one transaction (PostgreSQL): all or nothing."""
        if self.vendor == POSTGRESQL:
            if self.alias:
                connections.close_all()  # our idle connection must not hold a lock
            self.run(
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--clean",
                "--if-exists",
                "--single-transaction",
                "--exit-on-error",
                "--no-password",
                f"--dbname={self.name}",
                str(path),
            )
            return
        source = sqlite3.connect(path)
        target = self.sqlite_connection()
        try:
            source.backup(target)
        finally:
            source.close()
            if not self.alias:
                target.close()
