import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "symbiose.settings.production")

django_application = get_wsgi_application()

# After django.setup(): cached pages are answered before Django's request handling.
from caching.wsgi import PageCacheApplication  # noqa: E402

application = PageCacheApplication(django_application)
