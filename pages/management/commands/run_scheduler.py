"""Runs the SCHEDULED_JOBS (publishing and unpublishing scheduled pages, deleting expired join
submissions) every SCHEDULER_SECONDS (default 30) until it gets SIGTERM or SIGINT. One per
container: gunicorn.conf.py starts it; `make run` too."""

import logging
import os
import signal
import threading

from django.core.management.base import BaseCommand

from pages import scheduling


class Command(BaseCommand):
    help = (
        "Runs the SCHEDULED_JOBS (Wagtail's publish_scheduled, ...) every SCHEDULER_SECONDS "
        "seconds until stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Seconds between rounds (default: SCHEDULER_SECONDS or 30).",
        )
        parser.add_argument("--once", action="store_true", help="Run one round and stop.")
        parser.add_argument(
            "--exit-with-parent",
            action="store_true",
            help="Stop when the process that started this one ends.",
        )

    def handle(self, *args, interval=None, once=False, exit_with_parent=False, **options):
        interval = max(1.0, interval) if interval else scheduling.interval_from_env()
        self._log_to_console(options["verbosity"])
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        scheduling.run(
            interval,
            stop=stop,
            rounds=1 if once else None,
            parent_pid=os.getppid() if exit_with_parent else None,
        )

    def _log_to_console(self, verbosity):
        """What was published goes to the log (stderr) at INFO, whatever LOG_LEVEL says for
        the rest; -v0 shows errors only, -v2 every skipped round too."""
        logger = logging.getLogger(scheduling.__name__)
        logger.setLevel({0: logging.ERROR, 1: logging.INFO}.get(verbosity, logging.DEBUG))
        for old in [h for h in logger.handlers if getattr(h, "run_scheduler", False)]:
            logger.removeHandler(old)
        handler = logging.StreamHandler(self.stderr)
        handler.setFormatter(logging.Formatter("[%(asctime)s] scheduler: %(message)s"))
        handler.terminator = ""  # OutputWrapper ends each line itself
        handler.run_scheduler = True
        logger.addHandler(handler)
        logger.propagate = False
