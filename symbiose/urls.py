from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from alerts import views as alert_views
from alerts.feeds import AlertFeed
from brochure import views as brochure_views
from pages import documents
from pages import views as page_views
from pages.concurrency import edit_view as page_edit_view
from search import views as search_views
from seo import views as seo_views
from symbiose import health, lockout, views
from symbioses import views as symbiose_views

urlpatterns = [
    # Before Wagtail's admin: refuses saves based on an outdated revision (pages/concurrency.py).
    path("admin/pages/<int:page_id>/edit/", page_edit_view, name="page_edit_concurrency_safe"),
    # Before Wagtail's admin: its JavaScript catalogue plus our Danish (admin_da/).
    path("admin/jsi18n/", views.admin_js_catalog, name="admin_js_catalog"),
    # Before Wagtail's admin: the translation editor's catalogue, our Danish on top (admin_da/).
    path("admin/localize/jsi18n/", views.localize_js_catalog, name="localize_js_catalog"),
    # Before Wagtail's admin: its login view, answered by django-axes' lockout first (lockout.py).
    path("admin/login/", lockout.admin_login, name="admin_login"),
    path("admin/", include(wagtailadmin_urls)),
    # Before Wagtail's own: the same views, with caching headers (pages/documents.py).
    re_path(r"^documents/(\d+)/(.*)$", documents.serve, name="document_serve"),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        documents.authenticate_with_password,
        name="document_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    # Answered first by symbiose.health.HealthMiddleware; named here for reverse().
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # The brochure's stable addresses: the current edition, designed or generated.
    path("brochure.pdf", brochure_views.brochure, {"language": "da"}, name="brochure_da"),
    path("en/brochure.pdf", brochure_views.brochure, {"language": "en"}, name="brochure_en"),
    path("was", page_views.accessibility_statement, name="accessibility_statement"),
    # The outage banner for other sites and feed readers: one address, both languages inside.
    path("status.json", alert_views.status, name="alerts_status"),
    path("driftsforstyrrelser.atom", AlertFeed(), name="alerts_feed"),
    # For search engines and security researchers, once for both languages (seo/).
    path("sitemap.xml", seo_views.sitemap, name="sitemap"),
    path("robots.txt", seo_views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", seo_views.security, name="security_txt"),
    # Site search, one address per language (search/addresses.py); the language comes from the
    # address, as everywhere (/en/… English), so these sit outside i18n_patterns.
    path("soeg/", search_views.search, name="search_da"),
    path("en/search/", search_views.search, name="search_en"),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Uploaded images only (never documents: those go through /documents/, which checks the
    # collection's privacy); in a larger set-up a web server or object storage serves these.
    urlpatterns += [
        re_path(rf"^media/(?P<folder>{'|'.join(views.IMAGE_FOLDERS)})/(?P<path>.+)$", views.media),
    ]

# Pages and the catalogue's open data in each language: Danish at /, English under /en/.
urlpatterns += i18n_patterns(
    re_path(
        r"^(?P<index_path>(?:[\w\-]+/)+)data(?P<data_format>\.json|\.csv|-excel\.csv)$",
        symbiose_views.open_data,
        name="symbioses_open_data",
    ),
    # Atom feeds: the news listing's, a theme group's news, the catalogue's (pages/feeds.py).
    re_path(r"^(?P<page_path>(?:[\w\-]+/)+)feed\.atom$", views.atom_feed, name="atom_feed"),
    # Before Wagtail's own: the same view, with wrong passwords limited (pages/throttle.py).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_views.authenticate_with_password,
        name="page_password",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler400 = "symbiose.views.bad_request"
handler404 = "symbiose.views.page_not_found"
handler500 = "symbiose.views.server_error"
