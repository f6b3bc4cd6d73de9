"""django-csp's middleware, with two changes; the policy itself is in the settings
(CONTENT_SECURITY_POLICY, with EXCLUDE_URL_PREFIXES for the admin and documents).

- The header lists the directives in the order of the settings. django-csp 4.0 assembles them
  through a set, whose order follows Python's string hashing, which is randomised per process:
  each server process would spell the same policy differently.
- Wagtail's previews may be framed by the admin's preview panel: frame-ancestors 'self'
  instead of 'none', for them only. Wagtail runs a preview through the whole middleware chain
  with a request for the page's public address, marked request.is_preview, so they would
  otherwise get the public page's header. X-Frame-Options says the same (SAMEORIGIN), so no
  browser gets two answers.
"""

from csp.constants import HEADER, HEADER_REPORT_ONLY, SELF
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.utils import DEFAULT_DIRECTIVES
from django.conf import settings

HEADERS = {
    HEADER: "CONTENT_SECURITY_POLICY",
    HEADER_REPORT_ONLY: "CONTENT_SECURITY_POLICY_REPORT_ONLY",
}
PREVIEW = {"frame-ancestors": [SELF]}  # what django-csp's @csp_replace would set on the view


def in_settings_order(policy, setting):
    """The directives of `policy` in the order of the setting, then in django-csp's own order."""
    configured = list((getattr(settings, setting, None) or {}).get("DIRECTIVES", {}))
    order = [*configured, *(name for name in DEFAULT_DIRECTIVES if name not in configured)]

    def position(directive):
        name = directive.split(" ", 1)[0]
        return (order.index(name) if name in order else len(order), name)

    return "; ".join(sorted(policy.split("; "), key=position))


class CSPMiddleware(BaseCSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if getattr(request, "is_preview", False):
            parts.replace = {**PREVIEW, **(parts.replace or {})}
        return parts

    def process_response(self, request, response):
        already_set = {header for header in HEADERS if header in response}
        response = super().process_response(request, response)
        for header, setting in HEADERS.items():
            if header in response and header not in already_set:
                response[header] = in_settings_order(response[header], setting)
        if getattr(request, "is_preview", False):
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response
