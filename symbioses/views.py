from django.http import Http404
from django.views.decorators.http import require_GET
from wagtail.models import Site

from .exports import csv_response, excel_csv_response, json_response
from .models import SymbioseIndexPage


@require_GET
def open_data(request, index_path, data_format):
    """<symbiosis index>/data.json, data.csv and data-excel.csv (data_format ".json", ".csv" or
    "-excel.csv"): the same filters as the page, published only."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    page, _args, _kwargs = site.root_page.localized.specific.route(
        request, index_path.strip("/").split("/")
    )
    page = page.specific
    if not isinstance(page, SymbioseIndexPage) or page.get_view_restrictions().exists():
        raise Http404
    filters, symbioses = page.filtered(request.GET, request)
    symbioses = symbioses.prefetch_related("sources")
    if data_format == ".json":
        return json_response(filters, symbioses)
    if data_format == "-excel.csv":
        return excel_csv_response(symbioses)
    return csv_response(symbioses)
