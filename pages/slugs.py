"""Page addresses are ASCII, with the Danish letters spelt out: æ→ae, ø→oe, å→aa, so a page
titled "Om Symbiose Hillerød" lives at om-symbiose-hilleroed (not hillerd or hillerod).

The browser and the server agree: every slug field in the admin uses DanishSlugInput, whose
formatters make Wagtail's own slug controller spell the letters out before it slugifies (so
there is no script of ours), and which spells them out on the server as well, for a slug typed
without JavaScript and for an empty one, which it makes from the title like the browser does.
"""

from django.db import models
from django.utils.text import slugify
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import SlugInput

DANISH_LETTERS = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
_SPELT_OUT = str.maketrans(DANISH_LETTERS)


def danish_slug(text):
    """The ASCII address of a title or of a typed slug."""
    return slugify((text or "").translate(_SPELT_OUT))


class DanishSlugInput(SlugInput):
    source_field = "title"  # what an empty slug is made from, as the browser does

    def __init__(self, attrs=None, formatters=None, locale=None):
        letters = list(DANISH_LETTERS.items())
        super().__init__(attrs, formatters=letters + list(formatters or []), locale=locale)

    def value_from_datadict(self, data, files, name):
        value = (super().value_from_datadict(data, files, name) or "").strip()
        if not value:
            value = data.get(name.removesuffix("slug") + self.source_field, "")
        return danish_slug(value) if value else value


register_form_field_override(
    models.SlugField, override={"widget": DanishSlugInput}, exact_class=True
)
