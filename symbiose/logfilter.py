"""Logs that stay readable during an outage: one line per kind of failure per interval, with a
count, instead of a traceback per request.

`RepeatFilter` sits on the console handler (LOGGING in settings/base.py). A record's kind is
its logger, level, message template (before its arguments: "Internal Server Error: %s" for
every address), and for an exception its class and the line that raised it. The first record
of a kind goes through as it is, traceback included. Others of that kind within
LOG_REPEAT_SECONDS are counted, not written; the first one after the interval is written on
one line, without a traceback, ending in how many there were:

    Redis 127.0.0.1:6379 unreachable (TimeoutError: ...); not tried again for 5 s
        [1234 times in the last 10 s]

A kind that stayed quiet for a whole interval starts afresh (its next record has a traceback).
Each process counts for itself. Records below WARNING pass untouched.
"""

import logging
import threading
import time
import traceback

MAX_KINDS = 1000  # kinds remembered; beyond that, the oldest are forgotten


class RepeatFilter(logging.Filter):
    def __init__(self, seconds=10.0, clock=time.monotonic):
        super().__init__()
        self.seconds = float(seconds)
        self.clock = clock
        self.lock = threading.Lock()
        self.kinds = {}  # kind -> [when its last line was written, records since then]

    @staticmethod
    def kind(record):
        exception = ()
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            frames = traceback.extract_tb(error.__traceback__)
            where = (frames[-1].filename, frames[-1].lineno) if frames else ()
            exception = (type(error).__qualname__, *where)
        return (record.name, record.levelno, str(record.msg), *exception)

    def filter(self, record):
        if record.levelno < logging.WARNING:
            return True
        kind = self.kind(record)
        now = self.clock()
        with self.lock:
            seen = self.kinds.get(kind)
            if seen is not None and now - seen[0] < self.seconds:
                seen[1] += 1
                return False
            if seen is not None and seen[1] == 0:
                seen = None  # quiet for a whole interval: a new episode
            self.kinds.pop(kind, None)
            self.kinds[kind] = [now, 0]
            while len(self.kinds) > MAX_KINDS:
                self.kinds.pop(next(iter(self.kinds)))
        if seen is not None:
            count, since = seen[1] + 1, now - seen[0]
            record.msg = f"{record.getMessage()} [{count} times in the last {since:.0f} s]"
            record.args = None
            record.exc_info = record.exc_text = record.stack_info = None  # shown the first time
        return True
