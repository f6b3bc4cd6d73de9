"""Building, storing and finding the brochure's editions.

Each edition is built from the live content and stored in the database (BrochureEdition), so
every server process serves the same bytes. A rebuild is asked for by the signals (brochure/
signals.py) when anything the brochure shows is published or changed, and runs once after the
transaction commits; a build that fails is logged and the previous edition is kept, so a
publish never fails because of the brochure.
"""

import hashlib
import logging
import threading

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from caching import cdn
from caching.pagecache import bump_generation
from pages.documents import is_private

from .models import LANGUAGES, BrochureEdition, BrochureSettings
from .render import render_pdf

logger = logging.getLogger(__name__)

FILENAMES = {language: f"symbiose-hillerod-brochure-{language}.pdf" for language in LANGUAGES}


def address(language):
    """The stable address of the edition: /brochure.pdf, /en/brochure.pdf."""
    return reverse(f"brochure_{language}")


def build_edition(language):
    """Builds the edition in `language` and stores it if its bytes changed; returns it."""
    rendered = render_pdf(language)
    digest = hashlib.sha256(rendered.pdf).hexdigest()
    with transaction.atomic():
        edition = BrochureEdition.objects.select_for_update().filter(language=language).first()
        if edition is not None and edition.sha256 == digest:
            return edition  # unchanged: the same ETag and Last-Modified as before
        edition = edition or BrochureEdition(language=language)
        edition.pdf = rendered.pdf
        edition.size = len(rendered.pdf)
        edition.page_count = rendered.page_count
        edition.sha256 = digest
        edition.built_at = timezone.now()
        edition.build_seconds = round(rendered.seconds, 3)
        edition.save()
        bump_generation()  # the about page shows the edition's size
    logger.info(
        "Brochure: built the %s edition (%s bytes, %s pages, %.2f s)",
        language,
        edition.size,
        edition.page_count,
        rendered.seconds,
    )
    return edition


def build_all():
    """Builds every edition; raises on the first failure (the management command's way)."""
    return [build_edition(language) for language in LANGUAGES]


def addresses():
    return [address(language) for language in LANGUAGES]


def rebuild_safely():
    """Builds every edition; one that fails is logged and keeps its previous edition."""
    for language in LANGUAGES:
        try:
            build_edition(language)
        except Exception:
            logger.exception(
                "Brochure: the %s edition could not be built; the previous one is kept", language
            )


_pending = threading.local()


def schedule_rebuild():
    """Rebuilds the editions once the current transaction commits (right away outside one).
    Several requests in one transaction give one rebuild: only the last one scheduled runs."""
    number = getattr(_pending, "number", 0) + 1
    _pending.number = number

    def run():
        if getattr(_pending, "number", None) == number:
            rebuild_safely()
            cdn.purge_paths(addresses())  # the CDN may have fetched the old one meanwhile

    transaction.on_commit(run)


def current(language):
    """What /brochure.pdf serves in `language`: the designed PDF an editor uploaded (a public
    Wagtail document), else the generated edition (without its bytes), else None."""
    designed = BrochureSettings.load().designed_pdf(language)
    if designed is not None and not is_private(designed):
        return designed
    return BrochureEdition.objects.defer("pdf").filter(language=language).first()
