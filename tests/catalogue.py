"""Builders for catalogue tests: real pages in the real database, published like editors do."""

from decimal import Decimal

from symbioses.models import (
    PartnerIndexPage,
    PartnerPage,
    SymbioseIndexPage,
    SymbiosePage,
    SymbioseResult,
    ThemeGroupPage,
)


def make_partner(title, kind="virksomhed", **fields):
    index = PartnerIndexPage.objects.get()
    partner = PartnerPage(title=title, kind=kind, **fields)
    index.add_child(instance=partner)
    partner.save_revision().publish()
    return partner


def make_symbiose(title, a, b, *, results=(), publish=True, theme=None, **fields):
    """results: (indicator, value, unit, year) tuples."""
    defaults = {"resource": "Overskudsvarme", "status": "drift", "environmental": True}
    defaults.update(fields)
    page = SymbiosePage(
        title=title,
        partner_a=a,
        partner_b=b,
        theme_group=ThemeGroupPage.objects.get(slug=theme) if theme else None,
        **defaults,
    )
    page.results = [
        SymbioseResult(indicator=indicator, value=Decimal(str(value)), unit=unit, year=year)
        for indicator, value, unit, year in results
    ]
    SymbioseIndexPage.objects.get().add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.unpublish()
    return SymbiosePage.objects.get(pk=page.pk)
