import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "symbiose.settings.production")

django_application = get_wsgi_application()

# After django.setup(): cached pages are answered before Django's request handling.
from caching.anchor import anchor  # noqa: E402
from caching.wsgi import PageCacheApplication  # noqa: E402

application = PageCacheApplication(django_application)

# Each worker reads the page cache's database numbers as it starts (on a side thread, waiting
# 0.1 s at most): a worker that has never read them cannot find a cached page while
# PostgreSQL does not answer (docs/operations.md).
anchor.read()
