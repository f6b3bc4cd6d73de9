"""What invalidates the page cache: every change that can show on a published page."""

import logging

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import cdn
from .pagecache import FILES_GENERATION, bump_generation

logger = logging.getLogger(__name__)


@receiver(page_published)
def page_published_(sender, **kwargs):
    # A page shows up in menus, listings and diagrams of other pages: start afresh everywhere,
    # in the page cache and in the CDN (every live page is purged, this one with them).
    bump_generation()
    cdn.purge_after_commit()


@receiver(page_unpublished)
def page_unpublished_(sender, instance, **kwargs):
    bump_generation()
    cdn.purge_after_commit(cdn.page_paths([instance]))  # no longer live: named here


@receiver(post_page_move)
def page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    bump_generation()
    if url_path_before != url_path_after:  # the old addresses (the page and those below it)
        pages = instance.get_descendants(inclusive=True).specific(defer=True)
        cdn.purge_after_commit(cdn.page_paths(pages, url_path_before, url_path_after))
    else:
        cdn.purge_after_commit()


@receiver(page_slug_changed)
def slug_changed(sender, instance, instance_before, **kwargs):
    """Publishing a new slug moves the page and those below it: their old addresses too."""
    pages = instance.get_descendants(inclusive=True).specific(defer=True)
    cdn.purge_after_commit(cdn.page_paths(pages, instance_before.url_path, instance.url_path))


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_generation()
        cdn.purge_after_commit(cdn.page_paths([instance]))


def is_setting(model):
    """Wagtail settings (e.g. the footer's) are recognised as such: this app knows no app."""
    return issubclass(model, BaseGenericSetting | BaseSiteSetting)


@receiver(post_save)
@receiver(post_delete)
def setting_changed(sender, instance, **kwargs):
    if is_setting(sender):
        site_wide_change(sender, instance)


def restricted_pages(restriction):
    """The page and those below it; none when it was deleted with its restriction. A generator:
    no query at all when no CDN is configured."""
    page = Page.objects.filter(pk=restriction.page_id).first()
    if page is not None:
        yield from page.get_descendants(inclusive=True).specific(defer=True)


def site_wide_change(sender, instance, **kwargs):
    """Settings (the footer), files, embeds and restrictions can change any page."""
    if is_setting(sender):
        bump_generation(":settings")
        cdn.purge_after_commit()
    elif sender is PageViewRestriction:
        bump_generation(":restrictions")
        # The restricted pages are no longer public: named here, the CDN must forget them.
        cdn.purge_after_commit(cdn.page_paths(restricted_pages(instance)))
    elif sender is Locale:
        bump_generation(":locales")
    elif sender in (get_document_model(), get_image_model()):
        bump_generation(FILES_GENERATION)  # the pages' too: any page may show them
        cdn.purge_after_commit()
    else:
        bump_generation()
        cdn.purge_after_commit()


for model in (
    get_document_model(),
    get_image_model(),
    Embed,
    Site,
    PageViewRestriction,
    Locale,
):
    post_save.connect(site_wide_change, sender=model, dispatch_uid=f"pagecache-save-{model}")
    post_delete.connect(site_wide_change, sender=model, dispatch_uid=f"pagecache-delete-{model}")
