"""A throwaway gunicorn serving this checkout: started on a free loopback port, waited for
until /readyz answers (its database and cache answer), stopped with all its workers. Used by
tests/multiserver and `make bench`. It runs in the checkout, so gunicorn reads
./gunicorn.conf.py as in production: gthread workers with GUNICORN_THREADS threads each."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


class ServerError(Exception):
    """A server did not start or answer; the message holds the end of its log."""


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Gunicorn:
    def __init__(
        self,
        env,
        log_path,
        name="gunicorn",
        workers=2,
        extra_args=(),
        app="symbiose.wsgi:application",
    ):
        self.name = name
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.log = Path(log_path)
        command = [
            sys.executable, "-m", "gunicorn", app,
            "--bind", f"{HOST}:{self.port}", "--workers", str(workers),
            # Not gunicorn's one control socket per user (~/.gunicorn/gunicorn.ctl), which two
            # servers, or any other gunicorn on the machine, would take from each other.
            "--no-control-socket",
            *extra_args,
        ]  # fmt: skip
        with self.log.open("wb") as output:
            self.process = subprocess.Popen(
                command,
                cwd=REPO,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, so the workers die with it
            )

    def __repr__(self):
        return f"<server {self.name} {self.url}>"

    def log_text(self):
        return self.log.read_text(errors="replace")[-4000:]

    def healthy(self):
        try:
            with urllib.request.urlopen(f"{self.url}/readyz", timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def stop(self):
        if self.process.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue


def wait_until_healthy(servers, seconds=30):
    """Returns once every server answers /readyz with 200; raises ServerError otherwise."""
    deadline = time.monotonic() + seconds
    waiting = list(servers)
    while waiting:
        for server in list(waiting):
            if server.process.poll() is not None:
                raise ServerError(f"{server} exited at start:\n{server.log_text()}")
            if server.healthy():
                waiting.remove(server)
        if waiting and time.monotonic() > deadline:
            logs = "\n".join(f"--- {s}\n{s.log_text()}" for s in waiting)
            raise ServerError(f"no /readyz answer within {seconds} s from {waiting}:\n{logs}")
        time.sleep(0.1)
