"""The tables, the verdict and docs/performance.md."""

import datetime
import os
import platform
import re
import shlex
import subprocess
import sys
from pathlib import Path

from .config import CONNECTIONS, REPO, TARGET_CONNECTIONS, TARGET_RATIO, WORKERS, BenchError, say

DOC = REPO / "docs" / "performance.md"


def doc_markers():
    """Where --write-docs puts the results: a section of its own for the page cache in Redis."""
    name = "results-redis" if os.environ.get("REDIS_URL") else "results"
    return f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"


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
    command = shlex.join([str(python), "-m", "benchmarks.run", *sys.argv[1:]])
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
