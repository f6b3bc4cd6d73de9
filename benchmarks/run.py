"""`make bench` (python -m benchmarks.run): the steps in order; see benchmarks/__init__.py."""

import argparse
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from . import __doc__ as DESCRIPTION
from .config import ROUNDS, STATIC_FILE, TARGET_CONNECTIONS, BenchError, say
from .inprocess import measure_in_process
from .layer import layer_passes, layer_table, measure_layer
from .load import measure_load, start_gunicorn
from .report import (
    check_docs,
    load_table,
    page_cache_state,
    render_table,
    steadiness,
    verdict,
    write_docs,
)
from .results import Page
from .site import prepare_site, site_environment


def parse_args():
    parser = argparse.ArgumentParser(description=DESCRIPTION.split("\n\n", 1)[0])
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
    parser.add_argument(
        "--layer-only",
        action="store_true",
        help="only the page cache's WSGI layer against the bare and the Django static file",
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
        pages = measure_in_process(env, 1 if args.layer_only else args.requests)
        static = Page("/static/" + STATIC_FILE, "Static limit (Om page HTML, whitenoise)")
        if not args.layer_only:
            server = start_gunicorn(env, tmp / "gunicorn.log")
            measure_load(server.url, static, pages, args.seconds, args.rounds)
            server.stop()
            server = None
        layer = measure_layer(env, tmp, args.seconds, args.rounds)
    except BenchError as error:
        say(f"\nBenchmark failed: {error}")
        return 2
    except KeyboardInterrupt:
        say("\nInterrupted: stopping gunicorn, removing the temp dir.")
        return 130
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    parts = [layer_table(layer, args.seconds, args.rounds)]
    if not args.layer_only:
        parts = [
            page_cache_state(pages) + ".",
            render_table(pages, args.requests),
            load_table(static, pages, args.seconds, args.rounds),
            verdict(pages, load_before),
            steadiness(static, load_before),
            *parts,
        ]
    report = "\n\n".join(parts)
    say("\n" + report + "\n")
    if args.write_docs:
        write_docs(report, args.seconds, args.rounds)
    say(f"Finished in {time.monotonic() - started:.0f} s.")
    passed = layer_passes(layer) and (args.layer_only or all(page.passes() for page in pages))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
