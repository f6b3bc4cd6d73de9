"""The media files' part of a backup: whatever Django's default storage holds (MEDIA_ROOT on
disk, or the bucket when AWS_STORAGE_BUCKET_NAME is set), read and written through the storage
API, so both work the same way."""

import posixpath
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage

from .errors import BackupError
from .manifest import HashingWriter, checksum

PREFIX = "media/"  # inside the backup directory


def storage_description():
    storage = default_storage
    kind = f"{type(storage).__module__}.{type(storage).__qualname__}"
    where = getattr(storage, "bucket_name", None) or getattr(storage, "location", "")
    return {"storage": kind, "location": str(where)}


def names(storage=None, top=""):
    """Every file in the storage, as storage names (a/b/c.jpg)."""
    storage = storage or default_storage
    try:
        directories, files = storage.listdir(top)
    except FileNotFoundError:  # MEDIA_ROOT not made yet: no media
        return
    for name in sorted(files):
        yield posixpath.join(top, name) if top else name
    for directory in sorted(directories):
        yield from names(storage, posixpath.join(top, directory) if top else directory)


def back_up(directory):
    """Copies every media file into directory/media/; their manifest entries."""
    entries = []
    for name in names():
        relative = PREFIX + name
        try:
            with default_storage.open(name, "rb") as source:
                entry = HashingWriter(Path(directory) / relative).copy_from(source)
        except OSError as error:
            raise BackupError(f"Cannot read the media file {name}: {error}") from None
        entries.append({"path": relative, **entry})
    return entries


def restore(directory, manifest):
    """Writes the backup's media files to the storage; (written, unchanged). Files the storage
    has and the backup does not are left alone: nothing in the database refers to them."""
    written = unchanged = 0
    for entry in manifest["files"]:
        if not entry["path"].startswith(PREFIX):
            continue
        name = entry["path"][len(PREFIX) :]
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as current:
                if checksum(current) == (entry["size"], entry["sha256"]):
                    unchanged += 1
                    continue
            default_storage.delete(name)
        with open(Path(directory) / entry["path"], "rb") as source:
            saved = default_storage.save(name, File(source, name=name))
        if saved != name:
            raise BackupError(f"The storage saved {name} as {saved}; restore stopped.")
        written += 1
    return written, unchanged
