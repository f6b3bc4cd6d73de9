from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import query as queries
from .addresses import URL_NAMES, search_url
from .results import Results, promoted

PER_PAGE = 10


def search(request):
    """/soeg/ and /en/search/: the form, or the hits for ?q= (see results.py)."""
    language = get_language()
    query = queries.parse(request)
    request.language_alternates = {
        code: search_url(code, q=query.text if query.words else "") for code in URL_NAMES
    }
    context = {
        "query": query,
        "searched": bool(request.GET),
        "title": _("Search: %(text)s") % {"text": query.text} if query.words else _("Search"),
    }
    status = 200
    if query.words:
        promoted_hits = promoted(query, language, request)
        results = Results(query, language, request, promoted_hits)
        paginator = Paginator(results, PER_PAGE)
        number = request.GET.get("page", "1")
        try:
            number = int(number) if len(request.GET.getlist("page")) <= 1 else 0
        except ValueError:
            number = 0
        if paginator.count and not 1 <= number <= paginator.num_pages:
            context["page_error"] = _("There is no page %(number)s of these results.") % {
                "number": request.GET.get("page", "")[:20]
            }
            status = 404
        else:
            page = paginator.page(number if paginator.count else 1)
            context.update(
                page_obj=page,
                hits=list(page.object_list),
                promoted=promoted_hits if number == 1 else [],
                pagination=pagination(query, page),
            )
        context["count"] = paginator.count + len(promoted_hits)
    response = render(request, "search/search.html", context, status=status)
    if request.GET:
        # One visitor's search: never kept by the page cache, a CDN or the browser.
        patch_cache_control(response, private=True, no_store=True)
    return response


def pagination(query, page):
    """The links of the results' page navigation: the address, number and state of each."""
    if not page.has_other_pages():
        return None

    def link(number):
        return f"?{urlencode({'q': query.text, 'page': number})}"

    paginator = page.paginator
    numbers = paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return {
        "previous": link(page.previous_page_number()) if page.has_previous() else "",
        "next": link(page.next_page_number()) if page.has_next() else "",
        "pages": [
            {
                "number": n,
                "url": "" if n == paginator.ELLIPSIS else link(n),
                "current": n == page.number,
                "label": _("Page %(number)s") % {"number": n},
            }
            for n in numbers
        ],
    }
