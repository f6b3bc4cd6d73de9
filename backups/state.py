"""What a manifest says about the code and the schema the backup was made with."""

import os
import subprocess

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder


def app_version():
    """APP_VERSION or GIT_COMMIT from the environment (set them in the image), else the commit
    of a git checkout, else None."""
    for name in ("APP_VERSION", "GIT_COMMIT"):
        if os.environ.get(name):
            return os.environ[name]
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=5,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return (result.stdout.strip() or None) if result.returncode == 0 else None


def latest_migrations(alias="default"):
    """{app label: the latest applied migration}, as in the database's django_migrations."""
    latest = {}
    for app, name in MigrationRecorder(connections[alias]).applied_migrations():
        latest[app] = max(latest.get(app, name), name)
    return dict(sorted(latest.items()))


def unknown_migrations(latest):
    """The backup's migrations that this code does not have (the backup is from newer code)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return sorted(f"{app}.{name}" for app, name in latest.items() if (app, name) not in known)
