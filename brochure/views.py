"""The stable addresses /brochure.pdf (Danish) and /en/brochure.pdf (English): always the
current edition, the designed PDF an editor uploaded or else the generated one.

Conditional requests are answered from the edition's hash and build time without reading the
PDF. Browsers and shared caches may keep it a minute (PAGE_CACHE_BROWSER_SECONDS) and must ask
again after that; the page cache never stores it (PAGE_CACHE_EXCLUDED_PREFIXES)."""

import logging

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from .editions import FILENAMES, build_edition, current
from .models import BrochureEdition

logger = logging.getLogger(__name__)


def caching_headers(response, etag, last_modified):
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    patch_cache_control(
        response, public=True, max_age=settings.PAGE_CACHE_BROWSER_SECONDS, must_revalidate=True
    )
    return response


def validators(served):
    """(ETag, Last-Modified) of what is served."""
    if isinstance(served, BrochureEdition):
        return served.etag, served.built_at
    # A designed PDF: Wagtail keeps no modification time, but its file's hash changes when an
    # editor replaces the file.
    return f'"document-{served.pk}-{served.file_hash or served.file.name}"', None


@require_safe
def brochure(request, language):
    served = current(language)
    if served is None:  # a new database, or every build so far failed: build it now
        try:
            served = build_edition(language)
        except Exception:
            logger.exception("Brochure: the %s edition could not be built", language)
            response = HttpResponse(status=503)
            response["Retry-After"] = "60"
            return response
    etag, last_modified = validators(served)
    not_modified = get_conditional_response(
        request,
        etag=etag,
        last_modified=int(last_modified.timestamp()) if last_modified else None,
    )
    if not_modified is not None:
        return caching_headers(not_modified, etag, last_modified)
    if isinstance(served, BrochureEdition):
        data = bytes(BrochureEdition.objects.values_list("pdf", flat=True).get(pk=served.pk))
    else:
        with served.open_file() as handle:
            data = handle.read()
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{FILENAMES[language]}"'
    response["X-Content-Type-Options"] = "nosniff"
    return caching_headers(response, etag, last_modified)
