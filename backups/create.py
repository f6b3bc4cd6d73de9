"""Making a backup: one directory, written under a hidden temporary name and renamed when
complete, so a half-written backup never looks like a backup."""

import platform
import shutil
from datetime import UTC, datetime
from pathlib import Path

from django.db import DatabaseError

from . import manifest, media, state
from .database import Database
from .errors import BackupError

NAME_PREFIX = "symbiose-"


def create(parent):
    """Writes parent/symbiose-<UTC time>/ (database, media/, manifest.json); its path."""
    parent = Path(parent)
    now = datetime.now(UTC)
    final = parent / f"{NAME_PREFIX}{now:%Y%m%dT%H%M%SZ}"
    partial = parent / f".{final.name}.partial"
    try:
        parent.mkdir(parents=True, exist_ok=True)
        if final.exists():
            raise BackupError(f"{final} exists already; try again in a second.")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir()
    except OSError as error:
        raise BackupError(f"Cannot write to {parent}: {error}") from None
    try:
        database = Database()
        contents = {
            "format": manifest.FORMAT,
            "created": now.isoformat(timespec="seconds"),
            "app_version": state.app_version(),
            "host": platform.node(),
            "database": {
                "vendor": database.vendor,
                "engine": database.settings["ENGINE"],
                "server_version": database.server_version(),
                "file": database.dump_file,
            },
            "migrations": state.latest_migrations(),
            "media": media.storage_description(),
        }
        database.dump(partial / database.dump_file)
        files = [manifest.file_entry(partial, database.dump_file), *media.back_up(partial)]
        contents["files"] = files
        contents["totals"] = {"files": len(files), "bytes": sum(f["size"] for f in files)}
        manifest.write(partial, contents)
        partial.rename(final)
    except BaseException as error:
        shutil.rmtree(partial, ignore_errors=True)
        if isinstance(error, OSError | DatabaseError):
            raise BackupError(f"Backup failed, nothing kept: {error}") from None
        raise
    return final, contents
