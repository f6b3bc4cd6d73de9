"""`make bench`: how fast each page type is served, rendered afresh and from the page cache.

1. Builds a throwaway site in a temp dir: SQLite, launch content and example symbioses.
2. Measures each page type in this process with production settings (Django's test client):
   SQL queries and median server time, uncached and cached.
3. Serves the site with gunicorn (production settings, 2 workers) and loads each page with wrk
   at 1, 8 and 32 connections, each run right after one of a copy of the Om page served as a
   static file by whitenoise: the "static limit" a cached page is compared with. At the target's
   8 connections this is done in several rounds and the median ratio is judged.
4. Prints the tables. Writes nothing into the repository, except `--write-docs`, which puts
   the results into docs/performance.md.

Exit status: 0 when every page type meets the target, 1 when one does not, 2 on a setup error.
"""

import argparse
import datetime
import gzip
import os
import platform
import re
import secrets
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WRK_SCRIPT = REPO / "benchmarks" / "wrk_report.lua"
DOC = REPO / "docs" / "performance.md"


def doc_markers():
    """Where --write-docs puts the results: a section of its own for the page cache in Redis."""
    name = "results-redis" if os.environ.get("REDIS_URL") else "results"
    return f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"


PAGES = [
    ("/", "HomePage"),
    ("/om-symbiose-hillerod/", "ContentPage"),
    ("/symbioser/", "SymbioseIndexPage"),
    ("/symbioser/eksempel-overskudsvarme-datacenter/", "SymbiosePage"),
    ("/partnere/", "PartnerIndexPage"),
    ("/partnere/eksempel-forsyningen/", "PartnerPage"),
    ("/temagrupper/", "ThemeGroupIndexPage"),
    ("/temagrupper/energi/", "ThemeGroupPage"),
]
STATIC_SOURCE = "/om-symbiose-hillerod/"  # its HTML, served as a static file, is the limit
STATIC_FILE = "bench-static/om.html"  # inside STATIC_ROOT; whitenoise serves it at startup
CONNECTIONS = (1, 8, 32)
TARGET_CONNECTIONS = 8
TARGET_RATIO = 0.75
ROUNDS = 3  # static/page pairs per page at the target's connection count; the median is judged
WORKERS = 2
HOST = "127.0.0.1"
# Only these are passed on from the caller's environment: nothing else (a CDN token, another
# database) may leak into the throwaway site. REDIS_URL makes the page cache use Redis.
PASSED_ON = ("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "REDIS_URL")


class BenchError(Exception):
    """A setup step failed: the message says which, and what it printed."""


@dataclass
class LoadRun:
    requests: int
    seconds: float
    bytes: int
    socket_errors: int
    non2xx: int
    p99_ms: float

    @property
    def rps(self):
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def errors(self):
        return self.socket_errors + self.non2xx


@dataclass
class Page:
    url: str
    label: str
    queries_uncached: int = 0
    queries_cached: int = 0
    ms_uncached: float = 0.0
    ms_cached: float = 0.0
    x_cache: str = "-"  # X-Cache of the last warm-up response from gunicorn
    encoding: str = "-"  # Content-Encoding gunicorn sent for Accept-Encoding: gzip
    runs: dict[int, list[LoadRun]] = field(default_factory=dict)
    # Per run: its req/s divided by that of the static run just before it.
    ratios: dict[int, list[float]] = field(default_factory=dict)

    def add(self, connections, run, limit=None):
        self.runs.setdefault(connections, []).append(run)
        if limit is not None:
            self.ratios.setdefault(connections, []).append(run.rps / limit.rps)

    @property
    def errors(self):
        return sum(run.errors for runs in self.runs.values() for run in runs)

    def rps(self, connections):
        return statistics.median(run.rps for run in self.runs[connections])

    def p99_ms(self, connections):
        return statistics.median(run.p99_ms for run in self.runs[connections])

    def spread(self, connections):
        """(max - min) / median of the req/s of its runs: how steady the machine was."""
        rates = [run.rps for run in self.runs[connections]]
        return (max(rates) - min(rates)) / statistics.median(rates)

    def ratio(self, connections):
        if connections not in self.ratios:  # the static limit itself
            return 1.0
        return statistics.median(self.ratios[connections])

    def passes(self):  # judged on the median ratio as printed, to two decimals
        return self.errors == 0 and round(self.ratio(TARGET_CONNECTIONS), 2) >= TARGET_RATIO

    def rounds_agree(self):
        """Every round at the target on the same side of it as the median: a clear verdict."""
        sides = {round(ratio, 2) >= TARGET_RATIO for ratio in self.ratios[TARGET_CONNECTIONS]}
        return len(sides) == 1


# --- Steps -----------------------------------------------------------------------------------


def site_environment(tmp):
    env = {name: os.environ[name] for name in PASSED_ON if name in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="symbiose.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=f"sqlite:///{tmp / 'bench.sqlite3'}",
        MEDIA_ROOT=str(tmp / "media"),
        STATIC_ROOT=str(tmp / "static"),
        CACHE_DIR=str(tmp / "cache"),  # the file cache, when REDIS_URL is not set
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *command):
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BenchError(f"manage.py {' '.join(command)} failed:\n{result.stdout}{result.stderr}")
    say(f"  manage.py {' '.join(command)} ({time.perf_counter() - started:.1f} s)")


def prepare_site(env):
    say("Preparing a throwaway site (SQLite, launch content, example symbioses)...")
    # Example content is refused by production settings, so the content is loaded with dev's.
    dev = {**env, "DJANGO_SETTINGS_MODULE": "symbiose.settings.dev"}
    manage(dev, "migrate", "--noinput")
    manage(dev, "load_launch_content")
    manage(dev, "load_example_symbioses")
    manage(env, "collectstatic", "--noinput")


def forget_cached_pages():
    """The next request renders afresh, as after an editor publishes.

    Uses the page cache's own invalidation. Never `cache.clear()`: with Redis that is FLUSHDB.
    """
    try:
        from caching.pagecache import bump_generation
    except ImportError:  # no page cache in this checkout: every request is rendered anyway
        return
    bump_generation()


def measure_in_process(env, requests):
    """SQL queries and median time per page, through the whole middleware stack, no network."""
    say(f"Measuring in-process ({requests} requests per page, uncached and cached)...")
    os.environ.clear()
    os.environ.update(env)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)

    def get(url):
        response = client.get(url)
        if response.status_code != 200:
            raise BenchError(f"{url} answered {response.status_code} in-process")
        return response

    def median_ms(url, before):
        times = []
        for _ in range(requests):
            before()
            started = time.perf_counter()
            get(url)
            times.append(time.perf_counter() - started)
        return statistics.median(times) * 1000

    pages = []
    for url, label in PAGES:
        page = Page(url, label)
        get(url)  # first rendering in this process: template compilation and the like
        forget_cached_pages()
        with CaptureQueriesContext(connection) as queries:
            response = get(url)
        if response.get("X-Cache") == "hit":
            raise BenchError("forget_cached_pages() no longer works: adapt it to caching/")
        page.queries_uncached = len(queries)
        with CaptureQueriesContext(connection) as queries:
            response = get(url)
        page.queries_cached = len(queries)
        page.x_cache = response.get("X-Cache", "-")  # replaced by gunicorn's answer later
        page.ms_uncached = median_ms(url, before=forget_cached_pages)
        page.ms_cached = median_ms(url, before=lambda: None)
        pages.append(page)
        say(
            f"  {url}: {page.queries_uncached} queries, {page.ms_uncached:.1f} ms uncached; "
            f"{page.queries_cached} queries, {page.ms_cached:.2f} ms cached"
        )

    static_file = Path(env["STATIC_ROOT"]) / STATIC_FILE
    static_file.parent.mkdir(parents=True, exist_ok=True)
    html = get(STATIC_SOURCE).content
    static_file.write_bytes(html)
    # whitenoise serves the .gz beside it to clients that accept gzip, as the page cache does.
    static_file.with_name(static_file.name + ".gz").write_bytes(gzip.compress(html, mtime=0))
    connection.close()
    return pages


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(env, log_path):
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "symbiose.wsgi:application",
        "--bind", f"{HOST}:{port}", "--workers", str(WORKERS),
        "--no-control-socket", "--worker-tmp-dir", "/dev/shm",
    ]  # fmt: skip
    say(f"Starting gunicorn ({WORKERS} workers, production settings) on {HOST}:{port}...")
    with open(log_path, "wb") as log:
        # Its own process group, so it can be stopped with all its workers.
        server = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    base = f"http://{HOST}:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"gunicorn exited:\n{Path(log_path).read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return server, base
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise BenchError(f"gunicorn did not answer /healthz in 30 s:\n{Path(log_path).read_text()}")


def stop(server):
    if server is None or server.poll() is not None:
        return
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    except ProcessLookupError:
        pass


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


# --- Report ----------------------------------------------------------------------------------


def table(header, rows, text_columns=2):
    """A Markdown table (readable as plain text too): text left, numbers right."""
    rule = [":--" if i < text_columns else "--:" for i in range(len(header))]
    return "\n".join("| " + " | ".join(line) + " |" for line in [header, rule, *rows])


def render_table(pages, requests):
    rows = [
        [
            page.label,
            f"`{page.url}`",
            str(page.queries_uncached),
            str(page.queries_cached),
            f"{page.ms_uncached:.1f}",
            f"{page.ms_cached:.2f}",
        ]
        for page in pages
    ]
    header = ["Page type", "Address", "SQL uncached", "SQL cached", "ms uncached", "ms cached"]
    title = f"Rendering in-process (production settings, median of {requests} requests):"
    return f"{title}\n\n{table(header, rows)}"


def load_table(static, pages, seconds, rounds):
    def each(values):
        return " / ".join(values)

    def row(page, verdict):
        runs = [run for runs in page.runs.values() for run in runs]
        per_response = sum(run.bytes for run in runs) // max(1, sum(run.requests for run in runs))
        return [
            page.label,
            f"`{page.url}`",
            each(f"{page.rps(c):.0f}" for c in CONNECTIONS),
            each(f"{page.p99_ms(c):.1f}" for c in CONNECTIONS),
            each(f"{page.ratio(c):.2f}" for c in CONNECTIONS),
            str(page.errors),
            f"{per_response:,} ({page.encoding})",
            page.x_cache,
            verdict,
        ]

    def each_round(page):
        return " / ".join(f"{ratio:.2f}" for ratio in page.ratios[TARGET_CONNECTIONS])

    rows = [row(static, "limit") + ["-"]]
    rows += [row(page, "PASS" if page.passes() else "FAIL") + [each_round(page)] for page in pages]
    counts = " / ".join(str(c) for c in CONNECTIONS)
    header = [
        "Page type", "Address", f"req/s at {counts}", f"p99 ms at {counts}",
        f"× static at {counts}", "errors", "bytes/response", "X-Cache", "target",
        f"× static per round at {TARGET_CONNECTIONS}",
    ]  # fmt: skip
    title = (
        f"Through gunicorn ({WORKERS} workers) with wrk, {seconds} s per run at {counts} "
        f"connections; at {TARGET_CONNECTIONS}, {rounds} rounds over all pages. "
        "× static: throughput divided by that of the static limit in the run just before, "
        "the median over the rounds; req/s and p99 are medians too. Errors: non-2xx and socket "
        "errors, all runs. Bytes: on the wire, headers included, asked with "
        "Accept-Encoding: gzip."
    )
    return f"{title}\n\n{table(header, rows)}"


def verdict(pages, load_before):
    failed = [page.label for page in pages if not page.passes()]
    target = (
        f"target: median ≥ {TARGET_RATIO} × static at {TARGET_CONNECTIONS} connections, zero errors"
    )
    result = f"FAIL: {', '.join(failed)} miss the {target}."
    if not failed:
        result = f"PASS: every page type meets the {target}."
    unclear = [page.label for page in pages if not page.rounds_agree()]
    if unclear:
        result += f" Close call: the rounds of {', '.join(unclear)} fall on both sides of it."
    if load_before > 0.5:
        result += " Not conclusive: other work was running (see below)."
    return result


def steadiness(static, load_before):
    """How far to trust small differences: other work on the machine moves every number."""
    spread = " / ".join(f"{static.spread(c):.0%}" for c in CONNECTIONS)
    counts = " / ".join(str(c) for c in CONNECTIONS)
    note = (
        f"Steadiness: the static limit's runs spread over {spread} of their median at {counts} "
        f"connections; the load average was {load_before:.2f} before the run."
    )
    if load_before > 0.5:
        note += " Other work was running: re-run on a quiet machine before trusting small gaps."
    return note


def page_cache_state(pages):
    from django.conf import settings

    hits = sum(page.x_cache == "hit" for page in pages)
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    store = "Redis (REDIS_URL)" if "redis" in backend.lower() else backend
    if hits == len(pages):
        return f"Page cache active ({store}): every page type served with X-Cache: hit"
    if hits == 0:
        return "Page cache NOT active: no response came from a page cache"
    return f"Page cache partly active ({store}): {hits} of {len(pages)} page types hit"


def machine(seconds, rounds):
    import django
    import gunicorn
    import wagtail

    cpuinfo = Path("/proc/cpuinfo").read_text()
    cpu = re.search(r"^model name\s*:\s*(.*)$", cpuinfo, re.MULTILINE)
    meminfo = Path("/proc/meminfo").read_text()
    ram_kib = int(re.search(r"^MemTotal:\s*(\d+)", meminfo, re.MULTILINE).group(1))
    wrk_banner = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    wrk_version = wrk_banner.stdout.split(" [", 1)[0].strip() or "wrk"
    return [
        ("CPUs (nproc)", str(len(os.sched_getaffinity(0)))),
        ("CPU", cpu.group(1).strip() if cpu else platform.processor() or "unknown"),
        ("RAM", f"{ram_kib / 1024 / 1024:.1f} GiB"),
        ("OS", platform.platform()),
        (
            "Python / Django / Wagtail",
            f"{platform.python_version()} / {django.__version__} / {wagtail.__version__}",
        ),
        ("Server", f"gunicorn {gunicorn.__version__}, {WORKERS} sync workers, production settings"),
        ("Database", "SQLite (temp file), launch content + example symbioses"),
        (
            "Load generator",
            f"{wrk_version}, 1 thread, {seconds} s per run, {rounds} rounds at "
            f"{TARGET_CONNECTIONS} connections, on the same machine",
        ),
    ]


def command_line():
    python = Path(sys.executable)
    if python.is_relative_to(REPO):
        python = python.relative_to(REPO)
    command = shlex.join([str(python), "benchmarks/run.py", *sys.argv[1:]])
    return f"REDIS_URL=… {command}" if os.environ.get("REDIS_URL") else command


def check_docs():
    text = DOC.read_text() if DOC.exists() else ""
    start, end = doc_markers()
    if start not in text or end not in text:
        raise BenchError(f"{DOC} lacks the {start} … {end} markers")


def write_docs(report, seconds, rounds):
    text = DOC.read_text()
    start, end = doc_markers()
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine_rows = [[name, value] for name, value in machine(seconds, rounds)]
    block = "\n\n".join(
        [
            start,
            f"Measured {now} with `{command_line()}`.",
            table(["Machine", ""], machine_rows),
            report,
            end,
        ]
    )
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    DOC.write_text(before + block + after)
    say(f"Wrote the results into {DOC.relative_to(REPO)}")


# --- Main ------------------------------------------------------------------------------------


def say(message):
    print(message, flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument(
        "--write-docs", action="store_true", help="put the results into docs/performance.md"
    )
    parser.add_argument("--seconds", type=int, default=5, help="per wrk run (default 5)")
    parser.add_argument(
        "--rounds",
        type=int,
        default=ROUNDS,
        help=f"static/page pairs per page at {TARGET_CONNECTIONS} connections (default {ROUNDS})",
    )
    parser.add_argument(
        "--requests", type=int, default=50, help="in-process requests per page (default 50)"
    )
    return parser.parse_args()


def stop_on_signal(signum, frame):
    raise SystemExit(128 + signum)  # runs the clean-up below, as Ctrl-C does


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        say("wrk is missing: install it with `sudo apt-get install wrk` (Debian/Ubuntu).")
        return 2
    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGHUP, stop_on_signal)
    started = time.monotonic()
    load_before = os.getloadavg()[0]
    tmp = Path(tempfile.mkdtemp(prefix="symbiose-bench-"))
    server = None
    try:
        if args.write_docs:
            check_docs()  # before minutes of work, not after
        env = site_environment(tmp)
        prepare_site(env)
        pages = measure_in_process(env, args.requests)
        static = Page("/static/" + STATIC_FILE, "Static limit (Om page HTML, whitenoise)")
        server, base = start_gunicorn(env, tmp / "gunicorn.log")
        measure_load(base, static, pages, args.seconds, args.rounds)
    except BenchError as error:
        say(f"\nBenchmark failed: {error}")
        return 2
    except KeyboardInterrupt:
        say("\nInterrupted: stopping gunicorn, removing the temp dir.")
        return 130
    finally:
        stop(server)
        shutil.rmtree(tmp, ignore_errors=True)

    report = "\n\n".join(
        [
            page_cache_state(pages) + ".",
            render_table(pages, args.requests),
            load_table(static, pages, args.seconds, args.rounds),
            verdict(pages, load_before),
            steadiness(static, load_before),
        ]
    )
    say("\n" + report + "\n")
    if args.write_docs:
        write_docs(report, args.seconds, args.rounds)
    say(f"Finished in {time.monotonic() - started:.0f} s.")
    return 0 if all(page.passes() for page in pages) else 1


if __name__ == "__main__":
    sys.exit(main())
