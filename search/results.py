"""The hits for a query: promoted results first, then pages, then documents.

Pages: live, public (no view restriction), in the language of the request, searched with that
language's text-search configuration. Documents (their titles): those of public collections,
linked to their /documents/ address. The excerpt text comes from the search index itself (one
query for a page of hits, whatever their types), so no page is fetched again as its own type.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page
from wagtail.search.models import IndexEntry
from wagtail.search.utils import normalise_query_string

from caching.fragments import without_restricted

from . import excerpts
from .backend import backend_for

MAX_DOCUMENTS = 50  # document hits shown at most (titles only: few, and fetched at once)
# Where the index keeps the plain text of the non-title fields, per database.
INDEX_TEXT_FIELD = {"postgresql": "body_text", "sqlite": "body"}
# The base content's pages are all "Side" to a visitor; other types say what they are.
GENERIC_PAGE_TYPES = {"pages.contentpage", "pages.homepage"}


@dataclass
class Hit:
    title: str
    url: str
    kind: str
    excerpt: str
    date: datetime | None
    promoted: bool = False
    page_id: int | None = None


def kind_of(model):
    if model is None or model._meta.label_lower in GENERIC_PAGE_TYPES:
        return _("Page")
    return capfirst(model._meta.verbose_name)


def pages(language):
    locale = Locale.objects.get_for_language(language)
    return without_restricted(Page.objects.live().filter(locale=locale, depth__gt=1))


def public_documents():
    """Documents whose collection, and its ancestors, have no view restriction."""
    restricted = CollectionViewRestriction.objects.annotate(
        length=Length("collection__path")
    ).filter(collection__path=Substr(OuterRef("path"), 1, "length"))
    public = Collection.objects.exclude(Exists(restricted)).values("pk")
    return get_document_model().objects.filter(collection_id__in=public)


def index_texts(found):
    """{page pk: the plain text the index holds for it}, in one query."""
    field = INDEX_TEXT_FIELD.get(connection.vendor)
    if not field or not found:
        return {}
    rows = IndexEntry.objects.filter(
        content_type_id__in={page.content_type_id for page in found},
        object_id__in=[str(page.pk) for page in found],
    ).values_list("content_type_id", "object_id", field)
    return {(ct, object_id): text for ct, object_id, text in rows}


def page_hits(found, words, request, promoted=False):
    texts = index_texts(found)
    hits = []
    for page in found:
        model = ContentType.objects.get_for_id(page.content_type_id).model_class()
        text = " ".join(
            part
            for part in (page.search_description, texts.get((page.content_type_id, str(page.pk))))
            if part
        )
        hits.append(
            Hit(
                title=page.title,
                url=page.get_url(request),
                kind=kind_of(model),
                excerpt=excerpts.excerpt(text, words),
                date=page.last_published_at,
                promoted=promoted,
                page_id=page.pk,
            )
        )
    return hits


def document_hit(document, words):
    return Hit(
        title=document.title,
        url=document.url,
        kind=_("Document"),
        excerpt=excerpts.excerpt(document.title, words),
        date=document.created_at,
    )


class Results:
    """A sequence of hits for Django's Paginator: the count is known without fetching them,
    and a slice fetches only the pages and documents it shows."""

    def __init__(self, query, language, request, promoted=()):
        self.words = query.words
        self.request = request
        backend = backend_for(language)
        # A promoted page is shown once, first, not again among the others.
        shown = [hit.page_id for hit in promoted if hit.page_id]
        found = pages(language).exclude(pk__in=shown) if shown else pages(language)
        self.page_results = backend.search(query.terms, found, operator="and")
        # Documents have no language: their titles are indexed in Danish (SEARCH_CONFIG).
        self.documents = list(
            backend_for("").search(query.terms, public_documents(), operator="and")[:MAX_DOCUMENTS]
        )
        self.page_count = self.page_results.count()

    def count(self):
        return self.page_count + len(self.documents)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        hits = []
        if start < self.page_count:
            found = list(self.page_results[start : min(stop, self.page_count)])
            hits += page_hits(found, self.words, self.request)
        first_document = max(0, start - self.page_count)
        last_document = max(0, stop - self.page_count)
        hits += [document_hit(d, self.words) for d in self.documents[first_document:last_document]]
        return hits


def promoted(query, language, request):
    """The editors' promoted results for this search (Wagtail's search promotions): pages in
    the request's language that are live and public, and links elsewhere."""
    promotions = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query.text))
        .select_related("page")
        .order_by("sort_order")
    )
    public = (
        set(
            pages(language)
            .filter(pk__in=[p.page_id for p in promotions if p.page_id])
            .values_list("pk", flat=True)
        )
        if any(p.page_id for p in promotions)
        else set()
    )
    hits = []
    for promotion in promotions:
        if promotion.page_id:
            if promotion.page_id not in public:
                continue
            hit = page_hits([promotion.page], query.words, request, promoted=True)[0]
            if promotion.description:
                hit.excerpt = excerpts.excerpt(promotion.description, query.words)
            hits.append(hit)
        elif promotion.external_link_url:
            hits.append(
                Hit(
                    title=promotion.external_link_text or promotion.external_link_url,
                    url=promotion.external_link_url,
                    kind=_("Link"),
                    excerpt=excerpts.excerpt(promotion.description, query.words),
                    date=None,
                    promoted=True,
                )
            )
    return hits
