"""Tests: the real database (SQLite by default, PostgreSQL via DATABASE_URL), fast hashing."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WAGTAILADMIN_BASE_URL = "http://testserver"
# Each test process keeps its own cache; tests/conftest.py empties it between tests.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE_REDIS_URL = ""
# No snapshot unless a test asks for one (tests/test_snapshot.py sets its own folder).
SNAPSHOT_ROOT = ""
# Django's test client logs in (Client.login) through authenticate() without a request, which
# django-axes refuses; tests/test_throttling.py turns it on for the lockouts it tests.
AXES_ENABLED = False
# The tests' data lives in a transaction that a side thread's connection cannot see.
PAGE_CACHE_ANCHOR_WAIT = 0
