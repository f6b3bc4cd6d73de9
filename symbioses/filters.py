"""The catalogue's filters: plain GET parameters, shareable, and forgiving of garbage.

Not django-filter (installed with Wagtail): a FilterSet for these four parameters is no shorter.
Two of them need method hooks (a dimension is a boolean field of its own, a partner kind may be
either partner's), the theme needs a ModelChoiceField subclass to drop garbage before its query,
and we would still write as_dict and querystring on top, for the template, the links and the
open data. Here the rule that matters, every value checked before it reaches the database, is
in one place: from_query.
"""

from dataclasses import dataclass, fields
from urllib.parse import urlencode

from django.core.validators import slug_unicode_re
from django.db.models import Q

from .choices import DIMENSION_FIELDS, Dimension, PartnerKind, Status

MAX_VALUE_LENGTH = 255  # a page slug's maximum length; every valid value is shorter


def cleaned(value):
    """The value if it is a short, printable string (no NUL byte or other control
    character), otherwise ''."""
    if isinstance(value, str) and len(value) <= MAX_VALUE_LENGTH and value.isprintable():
        return value
    return ""


@dataclass(frozen=True)
class SymbioseFilter:
    # Field names are the GET parameters (Danish, as visitors see them in the address bar).
    dimension: str = ""
    tema: str = ""
    status: str = ""
    partnertype: str = ""

    @classmethod
    def from_query(cls, query, theme_groups):
        """Keeps the valid values and silently drops the rest (never an error page).

        theme_groups: the theme groups (a queryset) whose slug `tema` may be. Every value is
        checked before it can reach the database: only a short, printable string of the
        expected form is used (PostgreSQL refuses text with a NUL byte).
        """

        def pick(name, allowed):
            value = cleaned(query.get(name, ""))
            return value if value in allowed else ""

        tema = cleaned(query.get("tema", ""))
        if tema and not (
            slug_unicode_re.fullmatch(tema) and theme_groups.filter(slug=tema).exists()
        ):
            tema = ""
        return cls(
            dimension=pick("dimension", Dimension.values),
            tema=tema,
            status=pick("status", Status.values),
            partnertype=pick("partnertype", PartnerKind.values),
        )

    @staticmethod
    def allowed(theme_groups):
        """{parameter: its valid values}: what from_query keeps (the page cache keys on these
        alone; caching.keys.vary_on)."""
        return {
            "dimension": Dimension.values,
            "tema": list(theme_groups.values_list("slug", flat=True)),
            "status": Status.values,
            "partnertype": PartnerKind.values,
        }

    def apply(self, symbioses):
        """The symbioses (a queryset) that match every filter."""
        if self.dimension:
            symbioses = symbioses.filter(**{DIMENSION_FIELDS[self.dimension]: True})
        if self.tema:
            symbioses = symbioses.filter(theme_group__slug=self.tema)
        if self.status:
            symbioses = symbioses.filter(status=self.status)
        if self.partnertype:
            symbioses = symbioses.filter(
                Q(partner_a__kind=self.partnertype) | Q(partner_b__kind=self.partnertype)
            )
        return symbioses

    @property
    def active(self):
        return any(getattr(self, field.name) for field in fields(self))

    def as_dict(self):
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}

    def querystring(self):
        """The normalised query: only valid values, in a fixed order ('' when unfiltered)."""
        return urlencode(self.as_dict())
