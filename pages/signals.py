from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction
from wagtail.signals import page_published

from .documents import collection_restricted, document_saved
from .embeds import prefetch_page_embeds


@receiver(page_published)
def resolve_embeds_on_publish(sender, instance, **kwargs):
    prefetch_page_embeds(instance)


post_save.connect(
    collection_restricted, sender=CollectionViewRestriction, dispatch_uid="documents-restricted"
)
post_save.connect(document_saved, sender=get_document_model(), dispatch_uid="documents-saved")
