from django.dispatch import receiver
from wagtail.signals import page_published

from .embeds import prefetch_page_embeds


@receiver(page_published)
def resolve_embeds_on_publish(sender, instance, **kwargs):
    prefetch_page_embeds(instance)
