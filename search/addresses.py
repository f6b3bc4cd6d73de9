from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language

URL_NAMES = {"da": "search_da", "en": "search_en"}


def search_url(language=None, **params):
    """/soeg/ in Danish, /en/search/ in English, with the query parameters given."""
    language = language or get_language()
    url = reverse(URL_NAMES.get(language, URL_NAMES[settings.LANGUAGE_CODE]))
    params = {key: value for key, value in params.items() if value}
    return f"{url}?{urlencode(params)}" if params else url
