"""Budget: at most 10 SQL queries to render any page type without the cache.

Wagtail's own lookups of the active locale and of view restrictions come from the shared cache
(caching/lookups.py). English pages route through the English home page (one query more) and
list the Danish catalogue with translations swapped in, one query per list
(symbioses/locales.py); their budget is ENGLISH_BUDGET.
"""

import pytest

from tests.conftest import PAGE_TYPE_URLS

BUDGET = 10
ENGLISH_BUDGET = 12


@pytest.mark.parametrize(("page_type", "url"), PAGE_TYPE_URLS.items())
def test_every_page_type_renders_within_the_query_budget(
    client, examples, uncached_queries, page_type, url
):
    queries = uncached_queries(client, url)
    listing = "\n".join(q["sql"][:160] for q in queries.captured_queries)
    assert len(queries) <= BUDGET, f"{page_type}: {len(queries)} queries\n{listing}"


ENGLISH_URLS = [
    "/en/",
    "/en/about/",
    "/en/symbioses/",
    "/en/partners/",
    "/en/theme-groups/",
    "/en/theme-groups/energy/",
]


@pytest.mark.parametrize("url", ENGLISH_URLS)
def test_english_pages_render_within_the_query_budget(client, examples, uncached_queries, url):
    queries = uncached_queries(client, url)
    listing = "\n".join(q["sql"][:160] for q in queries.captured_queries)
    assert len(queries) <= ENGLISH_BUDGET, f"{url}: {len(queries)} queries\n{listing}"


def test_om_page_queries_do_not_grow_with_its_sections(client, launch, uncached_queries):
    om = launch["om"]
    few = len(uncached_queries(client, om.url))
    body = list(om.body.raw_data)
    om.body = body * 12  # ~50 sections, ~130 blocks in them, documents included
    om.save_revision().publish()
    many = len(uncached_queries(client, om.url))
    assert many == few
