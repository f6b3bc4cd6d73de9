from django.db import connection
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string


def healthz(request):
    """Liveness and readiness: answers 200 only when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means "not ready"
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def server_error(request):
    """The 500 page with the hotline footer, even when the database is down."""
    from pages.site_settings import SiteSettings

    try:
        site_settings = SiteSettings.load()
    except Exception:  # noqa: BLE001 - fall back to the launch values kept as model defaults
        site_settings = SiteSettings()
    html = render_to_string("500.html", {"site_settings": site_settings})
    return HttpResponseServerError(html)
