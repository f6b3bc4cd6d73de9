"""Local runs (`make run`): a throwaway key, static files straight from the source folders.

DEBUG is off unless DEBUG=1, so the local site shows the real Danish 404 and 500 pages.
"""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
if not os.environ.get("EMAIL_HOST"):  # e-mails are printed in the terminal
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
