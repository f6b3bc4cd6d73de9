"""Database reads that a request waits for only briefly.

A frozen PostgreSQL (or a network path to it that stopped) answers nothing, and nothing on the
client side times out: the server's statement_timeout cannot fire, the socket stays open. A
`SideCall` runs such a read on a thread of its own (with its own database connection) and the
request waits at most `wait` seconds for it. If it takes longer, the request goes on without
it; while that read is still hanging, later calls do not wait at all and start nothing new.
When the database answers again, the hanging read finishes and the next call starts afresh.
"""

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.db import DatabaseError, connection


class Pending(Exception):
    """This call did not finish within its wait (`started`), or the previous one has not."""

    def __init__(self, message, started):
        super().__init__(message)
        self.started = started


class SideCall:
    def __init__(self, name):
        self.name = name
        self.lock = threading.Lock()
        self.pid = None
        self.executor = None
        self.future = None

    def start(self, function):
        """Starts function() on the side thread: a Future. Pending if the last one still runs."""
        with self.lock:
            if self.pid != os.getpid():  # a forked child has no thread of its parent's
                self.pid, self.future = os.getpid(), None
                self.executor = ThreadPoolExecutor(1, thread_name_prefix=self.name)
            if self.future is not None and not self.future.done():
                raise Pending(f"{self.name}: the previous call has not finished", started=False)
            self.future = self.executor.submit(_closing_on_error, function)
            return self.future

    def __call__(self, function, wait):
        """function()'s result, or its exception; Pending if it did not finish in `wait` s."""
        future = self.start(function)
        try:
            return future.result(timeout=wait)
        except FutureTimeout:
            raise Pending(f"{self.name}: no answer within {wait:g} s", started=True) from None


def _closing_on_error(function):
    try:
        return function()
    except DatabaseError:
        connection.errors_occurred = True
        raise
    finally:
        if connection.errors_occurred:  # this thread's own connection: connect afresh next time
            connection.close()
