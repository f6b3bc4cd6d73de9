"""The throwaway site measured: production settings, SQLite in a temp dir, real content."""

import os
import secrets
import subprocess
import sys
import time

from .config import REPO, BenchError, say

# Only these are passed on from the caller's environment: nothing else (a CDN token, another
# database) may leak into the throwaway site. REDIS_URL makes the page cache use Redis.
PASSED_ON = ("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "REDIS_URL")


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
