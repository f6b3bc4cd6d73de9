"""The visitor's IP address, read the same way by every limit: the join form's, the password
forms' (pages/throttle.py) and the admin login's (django-axes, AXES_CLIENT_IP_CALLABLE)."""

from django.conf import settings


def client_address(request):
    """The visitor's IP address. Behind TRUSTED_PROXY_COUNT proxies that each append the address
    they received the request from to X-Forwarded-For, it is the one the outermost proxy saw
    (entries further left may be made up by the client); without proxies, REMOTE_ADDR."""
    hops = settings.TRUSTED_PROXY_COUNT
    if hops:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(addresses) >= hops:
            return addresses[-hops]
    return request.META.get("REMOTE_ADDR", "")
