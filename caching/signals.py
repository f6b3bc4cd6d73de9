"""What invalidates the page cache: every change that can show on a published page."""

import logging

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .pagecache import FILES_GENERATION, bump_generation

logger = logging.getLogger(__name__)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, **kwargs):
    # A page shows up in menus, listings and diagrams of other pages: start afresh everywhere.
    bump_generation()


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_generation()


def is_setting(model):
    """Wagtail settings (e.g. the footer's) are recognised as such: this app knows no app."""
    return issubclass(model, BaseGenericSetting | BaseSiteSetting)


@receiver(post_save)
@receiver(post_delete)
def setting_changed(sender, instance, **kwargs):
    if is_setting(sender):
        site_wide_change(sender, instance)


def site_wide_change(sender, instance, **kwargs):
    """Settings (the footer), files, embeds and restrictions can change any page."""
    if is_setting(sender):
        bump_generation(":settings")
        purge_every_page_from_the_cdn()
    elif sender is PageViewRestriction:
        bump_generation(":restrictions")
    elif sender is Locale:
        bump_generation(":locales")
    elif sender in (get_document_model(), get_image_model()):
        bump_generation(FILES_GENERATION)  # the pages' too: any page may show them
    else:
        bump_generation()


def purge_every_page_from_the_cdn():
    if settings.WAGTAILFRONTENDCACHE:
        batch = PurgeBatch()
        batch.add_pages(Page.objects.live().public().specific())
        batch.purge()


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
