"""What a page shows when it is shared (Open Graph, Twitter cards): an image editors choose in
the promote tab. Every page model takes this mixin; the tags that print it live in seo/."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


class SharePageMixin(models.Model):
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when the page is shared on social media or in chats; cropped to "
            "1200 × 630. Leave empty to use the page's own image, else the site's."
        ),
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel([FieldPanel("share_image")], heading=_("Sharing")),
    ]

    # Open Graph's og:type; news pages say "article".
    og_type = "website"

    class Meta:
        abstract = True

    def page_image(self):
        """(image, alternative text) of the page's own picture, or (None, ""): the home page's
        image, a news page's, a partner's logo, a symbiosis's first image."""
        hero = getattr(self, "hero_image", None)
        if hero is not None:
            return hero, getattr(self, "hero_image_alt", "") or hero.description
        image = getattr(self, "image", None)  # a news page's
        if image is not None:
            return image, getattr(self, "image_alt", "") or image.description
        logo = getattr(self, "logo", None)
        if logo is not None:
            return logo, getattr(self, "logo_alt_text", "") or logo.description
        for block in getattr(self, "images", None) or ():
            image = block.value.get("image")
            if image is not None:
                return image, block.value.get("alt_text") or image.description
        return None, ""
