"""Django's LocaleMiddleware without `Vary: Accept-Language`.

The language comes from the address alone: /en/… is English, every other address Danish
(i18n_patterns with prefix_default_language=False, where Django ignores the browser's
Accept-Language and cookie). Django still marks unprefixed responses as varying by
Accept-Language, which would make a CDN keep one copy of each Danish page per browser language.
"""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.cache import cc_delim_re


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.has_header("Vary"):
            kept = [
                field
                for field in cc_delim_re.split(response["Vary"])
                if field and field.lower() != "accept-language"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response
