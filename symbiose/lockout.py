"""The admin login's lockout (django-axes): what it answers once a user name is locked out from an
address (AXES_LOCKOUT_CALLABLE), Wagtail's login screen with a Danish message and no form, status
429; and Wagtail's login view behind axes' check (symbiose/urls.py), so a locked-out post is
answered before the view renders its form or hashes a password: a cache read, no database query
(the counts live in the cache, AXES_HANDLER)."""

import math

from axes.decorators import axes_dispatch
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import ngettext
from wagtail.admin.views.account import LoginView

TEMPLATE = "symbiose/login_locked_out.html"  # ours: its strings are in locale/, not admin_da


def lockout_response(request, original_response=None, credentials=None):
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    minutes = math.ceil(seconds / 60)
    message = ngettext(
        "After too many wrong passwords, signing in with this user name from your address is "
        "blocked for %(minutes)s minute. Please wait, then try again.",
        "After too many wrong passwords, signing in with this user name from your address is "
        "blocked for %(minutes)s minutes. Please wait, then try again.",
        minutes,
    ) % {"minutes": minutes}
    # Rendered here: axes' middleware hands it back after Django renders template responses.
    response = render(request, TEMPLATE, {"message": message}, status=429)
    response["Retry-After"] = str(seconds)
    return response


admin_login = axes_dispatch(LoginView.as_view())
