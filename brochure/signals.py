"""What rebuilds the brochure: publishing, unpublishing, moving or deleting a page it shows
(symbioses, partners, the about and join pages and their translations), restricting a page or
lifting a restriction, and saving the site settings or the brochure settings. The rebuild runs
after the transaction commits."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from pages.site_settings import SiteSettings
from symbioses.models import PartnerPage, SymbiosePage

from .editions import schedule_rebuild
from .models import BrochureSettings

SHOWN_TYPES = (SymbiosePage, PartnerPage)  # results, figures, the diagram's names


def shows(page):
    """True when the brochure shows something of the page."""
    if issubclass(page.specific_class or Page, SHOWN_TYPES):
        return True
    chosen = BrochureSettings.objects.select_related("about_page", "join_page").first()
    if chosen is None:
        return False
    keys = {
        chosen_page.translation_key
        for chosen_page in (chosen.about_page, chosen.join_page)
        if chosen_page is not None
    }
    return page.translation_key in keys


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, instance, **kwargs):
    if shows(instance):
        schedule_rebuild()


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, SHOWN_TYPES):
        schedule_rebuild()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance, **kwargs):
    """A restricted page, or one below it or naming it, is left out; restrictions are rare, so
    every change rebuilds rather than working out whether the brochure showed the page."""
    schedule_rebuild()


@receiver(post_save, sender=SiteSettings)
@receiver(post_save, sender=BrochureSettings)
def settings_saved(sender, instance, **kwargs):
    schedule_rebuild()
