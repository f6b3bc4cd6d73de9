"""gunicorn settings read by every gunicorn started in this folder (the image's CMD names it;
gunicorn also reads ./gunicorn.conf.py by itself): the master starts ONE scheduler process
beside its workers, `manage.py run_scheduler`, which publishes scheduled pages every
SCHEDULER_SECONDS (default 30), and stops it when the server stops. Workers never run it, so
it is one per container whatever WEB_CONCURRENCY says; with several containers a PostgreSQL
advisory lock lets one publish at a time (pages/scheduling.py). SCHEDULER_SECONDS=0 starts
none (when a separate process or job runs it).

Workers: gthread, GUNICORN_THREADS threads each (default 4). A request waiting on a slow or
frozen dependency holds one thread, not the whole worker: the other threads go on answering
cached pages, /healthz and /readyz (every network call has a timeout too, and Redis a circuit
breaker: symbiose/settings/base.py). So WEB_CONCURRENCY workers answer up to
WEB_CONCURRENCY x GUNICORN_THREADS requests at once; GUNICORN_THREADS=1 gives the old sync
behaviour. This file sets it for every gunicorn started here: the image, the benchmark and test
servers (devtools/gunicorn.py).

The other server options stay on the command line (Dockerfile CMD, devtools/gunicorn.py).
"""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS") or "4")
_scheduler = None


def _scheduler_off():
    try:
        return float(os.environ.get("SCHEDULER_SECONDS") or "30") == 0
    except ValueError:
        return False  # run_scheduler reports the bad value


def _start_scheduler(server):
    global _scheduler
    if _scheduler_off():
        server.log.info("Scheduler off (SCHEDULER_SECONDS=0)")
        return
    _scheduler = subprocess.Popen(
        [sys.executable, str(HERE / "manage.py"), "run_scheduler", "--exit-with-parent"],
        cwd=HERE,
    )
    server.log.info("Started the scheduler (pid: %s)", _scheduler.pid)


def _stop_scheduler(server):
    global _scheduler
    process, _scheduler = _scheduler, None
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)
    server.log.info("Stopped the scheduler (pid: %s)", process.pid)


def when_ready(server):
    _start_scheduler(server)


def on_reload(server):
    """SIGHUP: new workers with new code, and a new scheduler with it."""
    _stop_scheduler(server)
    _start_scheduler(server)


def on_exit(server):
    _stop_scheduler(server)
