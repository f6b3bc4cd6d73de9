from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from pages import views as page_views
from symbiose import views
from symbioses import views as symbiose_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", views.healthz, name="healthz"),
    path("was", page_views.accessibility_statement, name="accessibility_statement"),
    re_path(
        r"^(?P<index_path>(?:[\w\-]+/)+)data\.(?P<fmt>json|csv)$",
        symbiose_views.open_data,
        name="symbioses_open_data",
    ),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # Uploaded images; in a larger set-up a web server or object storage serves these.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [path("", include(wagtail_urls))]

handler500 = "symbiose.views.server_error"
