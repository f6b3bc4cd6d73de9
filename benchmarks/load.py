"""Serving the site with gunicorn and loading it with wrk."""

import re
import subprocess
import urllib.error
import urllib.request

from devtools.gunicorn import Gunicorn, ServerError, wait_until_healthy

from .config import CONNECTIONS, REPO, TARGET_CONNECTIONS, WORKERS, BenchError, say
from .results import LoadRun

WRK_SCRIPT = REPO / "benchmarks" / "wrk_report.lua"


def start_gunicorn(env, log_path, app="symbiose.wsgi:application"):
    server = Gunicorn(
        env, log_path, workers=WORKERS, extra_args=["--worker-tmp-dir", "/dev/shm"], app=app
    )
    say(f"Started gunicorn ({WORKERS} workers, production settings, {app}) at {server.url}...")
    try:
        wait_until_healthy([server])
    except ServerError as error:
        server.stop()
        raise BenchError(str(error)) from error
    return server


def warm_up(base, page):
    """Fills the page cache and wakes both workers; notes what a browser would be sent."""
    request = urllib.request.Request(base + page.url, headers={"Accept-Encoding": "gzip"})
    for _ in range(10):
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
        except urllib.error.HTTPError as error:
            raise BenchError(f"{page.url} answered {error.code} from gunicorn") from error
        page.x_cache = response.headers.get("X-Cache", "-")
        page.encoding = response.headers.get("Content-Encoding", "uncompressed")


def wrk(url, connections, seconds):
    # One wrk thread keeps up with these rates and leaves the cores to gunicorn.
    command = [
        "wrk", "--threads", "1", "--connections", str(connections), "--duration", f"{seconds}s",
        "--timeout", "5s", "--script", str(WRK_SCRIPT), url,
    ]  # fmt: skip
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 30, check=False
    )
    match = re.search(r"^WRK_REPORT (.*)$", result.stdout, re.MULTILINE)
    if result.returncode != 0 or not match:
        raise BenchError(f"wrk failed on {url}:\n{result.stdout}{result.stderr}")
    values = {key: int(value) for key, value in re.findall(r"(\w+)=(\d+)", match.group(1))}
    return LoadRun(
        requests=values["requests"],
        seconds=values["duration_us"] / 1e6,
        bytes=values["bytes"],
        socket_errors=sum(values[key] for key in ("connect", "read", "write", "timeout")),
        non2xx=values["non2xx"],
        p99_ms=values["p99_us"] / 1000,
    )


def measure_load(base, static, pages, seconds, rounds):
    """Each page right after a run of the static limit at the same connection count.

    A page is compared with the static file served seconds before, so other work on the
    machine shifts both alike; how much the static runs differ shows how steady it was. At the
    target's connection count each page gets `rounds` such pairs, minutes apart, and its median
    ratio is judged, so one noisy moment does not decide the verdict.
    """
    plan = [(c, rounds if c == TARGET_CONNECTIONS else 1) for c in CONNECTIONS]
    total = 2 * len(pages) * seconds * sum(n for _, n in plan)
    say(
        f"Loading with wrk: {seconds} s per run at {CONNECTIONS} connections, {rounds} rounds "
        f"at {TARGET_CONNECTIONS} (~{total} s)..."
    )
    for page in [static, *pages]:
        warm_up(base, page)
    for connections, count in plan:
        for _ in range(count):
            for page in pages:
                limit = run_wrk(base, static, connections, seconds)
                static.add(connections, limit)
                page.add(connections, run_wrk(base, page, connections, seconds), limit)


def run_wrk(base, page, connections, seconds):
    run = wrk(base + page.url, connections, seconds)
    say(
        f"  c={connections:<2} {page.url}: {run.rps:.0f} req/s, p99 {run.p99_ms:.1f} ms, "
        f"{run.errors} errors"
    )
    return run
