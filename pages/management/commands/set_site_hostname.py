"""Give the default site its public address: `python manage.py set_site_hostname [host[:port]]`.

Without an argument the address comes from SITE_HOSTNAME (pages/site_address.py). Wagtail
builds every full URL from it: the open data's addresses, the pages purged from the CDN, the
links in admin e-mails. Idempotent: running it again changes nothing.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from pages.site_address import parse_site_address

# What Wagtail's first migration gives the default site: not an editor's choice.
WAGTAIL_DEFAULT_ADDRESS = ("localhost", 80)


def configured_address(value=None):
    """(hostname, port) from the argument, or else SITE_HOSTNAME."""
    try:
        return parse_site_address(settings.SITE_HOSTNAME if value is None else value)
    except ValueError as error:
        raise CommandError(str(error)) from None


def set_address(site, hostname, port):
    """Gives the site this address; False when it had it already."""
    if (site.hostname, site.port) == (hostname, port):
        return False
    if Site.objects.exclude(pk=site.pk).filter(hostname=hostname, port=port).exists():
        raise CommandError(f"Another site already has the address {hostname}:{port}.")
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return True


class Command(BaseCommand):
    help = (
        "Sets the hostname and port of the default site from the argument (host[:port]) or "
        "SITE_HOSTNAME, so that full URLs (open data, CDN purges, e-mails) point at it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "address", nargs="?", help="host[:port]; default: the SITE_HOSTNAME setting"
        )

    def handle(self, *args, address=None, **options):
        hostname, port = configured_address(address)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site yet: run load_launch_content first.")
        changed = set_address(site, hostname, port)
        if options["verbosity"]:
            verb = "is now" if changed else "was already"
            self.stdout.write(f"The default site {verb} {site.root_url}")
