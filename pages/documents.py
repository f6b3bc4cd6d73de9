"""Documents are served only at /documents/<id>/<name>, by Wagtail's view that checks the
privacy of the document's collection (WAGTAILDOCS_SERVE_METHOD = "serve_view"); /media/ serves
images only (symbiose/views.py).

This wrapper adds what that view leaves out, the HTTP caching headers: a document in a
private collection (and its password form) is never stored by a shared cache or the browser;
a public one is cached like a page. And an address that was sent around keeps working when an
editor replaces the file: Wagtail's view answers 404 once the name in the address is no longer
the file's, so a public document's old address redirects permanently (301) to its current one. When a document becomes private, it is purged from the
CDN, which may hold it from when it was public. And a `Range` request gets the part it asks
for (206): video players ask so, and Safari plays no video from a server that does not answer.
"""

import re

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse, HttpResponsePermanentRedirect, StreamingHttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.cache import never_cache
from wagtail.documents import get_document_model
from wagtail.documents.views import serve as wagtail_views
from wagtail.models import Collection

from caching import cdn

from .throttle import limit_wrong_passwords


def is_private(document):
    """True when the document's collection, or one above it, has a view restriction."""
    return document.collection.get_view_restrictions().exists()


def serve(request, document_id, document_filename):
    document = (
        get_document_model().objects.select_related("collection").filter(pk=document_id).first()
    )
    private = document is not None and is_private(document)
    if document is not None and not private and document.filename != document_filename:
        response = HttpResponsePermanentRedirect(document.url)
        # Bounded, so a browser asks again should the file be replaced once more.
        patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_BROWSER_SECONDS)
        return response
    response = wagtail_views.serve(request, document_id, document_filename)
    if document is not None and response.status_code == 200:
        response = byte_range(request, response, document)
    if private:
        add_never_cache_headers(response)  # Cache-Control: ..., no-store, private
    elif document is not None and response.status_code in (200, 206, 304):
        patch_cache_control(
            response,
            public=True,
            max_age=settings.PAGE_CACHE_BROWSER_SECONDS,
            s_maxage=settings.PAGE_CACHE_SHARED_SECONDS,
        )
    return response


RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
KEPT_HEADERS = (
    "Content-Type", "Content-Disposition", "Content-Security-Policy", "X-Content-Type-Options",
    "ETag", "Last-Modified",
)  # fmt: skip
CHUNK = 64 * 1024


def byte_range(request, response, document):
    """The part of the file a `Range: bytes=…` header asks for (206), as video players ask
    (Safari plays no video from a server that does not answer them); else the whole file,
    saying that ranges may be asked for. One range only; an If-Range that no longer matches
    gets the whole file."""
    response["Accept-Ranges"] = "bytes"
    match = RANGE.match(request.headers.get("Range", "").strip())
    if_range = request.headers.get("If-Range")
    if not match or (if_range and if_range != response.get("ETag")):
        return response
    size = document.file.size
    first, last = match.groups()
    if first:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    elif last:
        start, end = max(size - int(last), 0), size - 1  # the last bytes
    else:
        return response
    # The whole file's handle: a part is sent instead. Not response.close(), which would send
    # request_finished (closing the database connection) in the middle of the request.
    whole_file = getattr(response, "file_to_stream", None)
    if whole_file is not None:
        whole_file.close()
    if start > end or start >= size:
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        return refused
    part = StreamingHttpResponse(read_part(document, start, end - start + 1), status=206)
    for header in KEPT_HEADERS:
        if header in response:
            part[header] = response[header]
    part["Accept-Ranges"] = "bytes"
    part["Content-Range"] = f"bytes {start}-{end}/{size}"
    part["Content-Length"] = str(end - start + 1)
    return part


def read_part(document, start, length):
    with document.file.open("rb") as file:
        file.seek(start)
        while length > 0:
            chunk = file.read(min(CHUNK, length))
            if not chunk:
                return
            length -= len(chunk)
            yield chunk


# The password form's own address (where it is posted, and a wrong password shows it again).
# Wrong passwords are limited per address (pages/throttle.py).
authenticate_with_password = never_cache(
    limit_wrong_passwords("document", "restriction_id")(wagtail_views.authenticate_with_password)
)


def document_addresses(documents):
    """Every public address of the documents, at the site's public address (SITE_HOSTNAME)."""
    root = cdn.root_url()
    return [f"{root}{document.url}" for document in documents]


def purge_from_the_cdn(documents):
    if not settings.WAGTAILFRONTENDCACHE:
        return
    documents = list(documents)
    if documents:
        cdn.purge(sorted(document_addresses(documents)))


def collection_restricted(sender, instance, **kwargs):
    """A collection became private (or its restriction changed): its documents, and those of
    the collections inside it, may still be in the CDN from when they were public."""
    collections = Collection.objects.descendant_of(instance.collection, inclusive=True)
    documents = get_document_model().objects.filter(collection__in=collections)
    transaction.on_commit(lambda: purge_from_the_cdn(documents))


def document_saved(sender, instance, raw=False, **kwargs):
    """A document moved into a private collection may still be in the CDN. Not for rows being
    loaded (raw: loaddata, a restored test database), whose collection may not be there yet."""
    if not raw and is_private(instance):
        transaction.on_commit(lambda: purge_from_the_cdn([instance]))
