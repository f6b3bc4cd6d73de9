"""Knowing the generations in a file cache without reading its file on every request.

With the default file cache (no Redis), every cached page would otherwise open, read and
unpickle the generation's file: on a cached page that costs more than the rest of the answer.
Django's file cache replaces a file whenever it writes one (a new file moved into place), so a
file whose identity (inode, modification time, size) did not change still holds what was read
from it: a stat is enough. A bump by any process on the machine replaces the file and is seen
by the very next request everywhere, as before.
"""

import os
import threading

from django.core.cache.backends.filebased import FileBasedCache


class FileGenerations:
    def __init__(self):
        self.known = {}  # name: ((inode, mtime, size), value)
        self.lock = threading.Lock()

    def generation(self, store, key, name, read):
        """read(name) again only when the file of `key` in `store` changed."""
        if not isinstance(store, FileBasedCache):
            return read(name)
        try:
            found = os.stat(store._key_to_file(key))  # Django's own file name for the key
        except OSError:
            return read(name)
        identity = (found.st_ino, found.st_mtime_ns, found.st_size)
        known = self.known.get(name)
        if known is not None and known[0] == identity:
            return known[1]
        # Read after the stat: a write in between leaves a newer identity, so it is read again.
        value = read(name)
        if value is not None:
            with self.lock:
                self.known[name] = (identity, value)
        return value


file_generations = FileGenerations()
