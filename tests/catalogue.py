"""Builders for tests: real pages in the real database, published like editors do."""

from decimal import Decimal

from symbioses.models import (
    PartnerIndexPage,
    PartnerPage,
    SymbioseIndexPage,
    SymbiosePage,
    SymbioseResult,
    ThemeGroupPage,
)


def add_page(parent, page):
    """Adds the page below parent and publishes it; returns it."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_partner(title, kind="virksomhed", **fields):
    """A partner below the (one) partner index."""
    return add_page(
        PartnerIndexPage.objects.get(locale__language_code="da"),
        PartnerPage(title=title, kind=kind, **fields),
    )


def make_symbiose(title, a, b, *, results=(), publish=True, theme=None, **fields):
    """A symbiosis below the (one) symbiosis index. theme: a theme group's slug; results:
    (indicator, value, unit, year) tuples; publish=False leaves a draft."""
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
    SymbioseIndexPage.objects.get(locale__language_code="da").add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.unpublish()
    return SymbiosePage.objects.get(pk=page.pk)


def without_launch_catalogue():
    """Removes the real partners and symbioses that load_launch_content makes (in every
    language), for a test that counts only what it makes itself. The real content is tested
    in tests/test_real_content.py."""
    for model in (SymbiosePage, PartnerPage):
        for page in model.objects.all():
            page.delete()
