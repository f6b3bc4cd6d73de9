"""Example partners and symbioses for trying out the catalogue. Never used in production.

Every item is marked as an example (`is_example`), so pages and open data label it "Eksempel".
Idempotent: items whose address already exists are left alone.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from symbioses.choices import Flow, PartnerKind, Status, Unit
from symbioses.models import (
    PartnerIndexPage,
    PartnerPage,
    SymbioseIndexPage,
    SymbiosePage,
    SymbioseResult,
    ThemeGroupPage,
)

PARTNERS = [
    ("eksempel-forsyningen", "Forsyningen (eksempel)", PartnerKind.UTILITY),
    ("eksempel-bryggeri", "Bryggeriet Eksempel ApS", PartnerKind.COMPANY),
    ("eksempel-datacenter", "Datacenter Eksempel A/S", PartnerKind.COMPANY),
    ("eksempel-skole", "Eksempelskolen", PartnerKind.EDUCATION),
    ("eksempel-kommune", "Kommunen (eksempel)", PartnerKind.MUNICIPALITY),
    ("eksempel-forening", "Foreningen Grøn Have (eksempel)", PartnerKind.ASSOCIATION),
    ("eksempel-borgere", "Borgergruppen Byens Træer (eksempel)", PartnerKind.CITIZEN),
    ("eksempel-universitet", "Universitetets klimalab (eksempel)", PartnerKind.RESEARCH),
]

# slug, title, a, b, flow, resource, (env, social, economic), theme group slug, status, start,
# investment, investment_by, yearly saving, saving_to, results [(indicator, value, unit, year)]
SYMBIOSES = [
    (
        "eksempel-overskudsvarme-datacenter", "Overskudsvarme fra datacenter til fjernvarme",
        "eksempel-datacenter", "eksempel-forsyningen", Flow.A_TO_B, "Overskudsvarme",
        (True, False, True), "energi", Status.OPERATING, date(2023, 3, 1),
        12_000_000, "Forsyningen", 1_500_000, "Fjernvarmekunderne",
        [
            ("Leveret overskudsvarme", "18500", Unit.ENERGY, 2024),
            ("Leveret overskudsvarme", "16200", Unit.ENERGY, 2023),
            ("Sparet udledning", "2100", Unit.CO2E, 2024),
        ],
    ),
    (
        "eksempel-bryggerivand", "Renset procesvand fra bryggeri til vanding",
        "eksempel-bryggeri", "eksempel-kommune", Flow.A_TO_B, "Procesvand",
        (True, False, True), "vand-og-spildevand", Status.OPERATING, date(2022, 5, 1),
        850_000, "Bryggeriet", 240_000, "Bryggeriet og kommunen",
        [("Genbrugt vand", "42000", Unit.WATER, 2024), ("Sparet vandafgift", "240000", Unit.MONEY, 2024)],
    ),
    (
        "eksempel-mask-til-biogas", "Mask fra bryggeri til biogas",
        "eksempel-bryggeri", "eksempel-forsyningen", Flow.A_TO_B, "Mask (restprodukt)",
        (True, False, True), "affald", Status.ESTABLISHING, date(2025, 9, 1),
        2_400_000, "Forsyningen", 310_000, "Forsyningen",
        [("Behandlet restprodukt", "950", Unit.MATERIALS, 2025)],
    ),
    (
        "eksempel-praktik-forsyning", "Praktikpladser i forsyningen for skolens elever",
        "eksempel-forsyningen", "eksempel-skole", Flow.A_TO_B, "Viden og praktikpladser",
        (False, True, False), "kompetence-og-uddannelse", Status.OPERATING, date(2021, 8, 15),
        None, "", None, "",
        [("Elever i praktik", "14", Unit.STUDENTS, 2024), ("Elever i praktik", "9", Unit.STUDENTS, 2023)],
    ),
    (
        "eksempel-groenne-arealer", "Grønne arealer ved regnvandsbassin til motion",
        "eksempel-kommune", "eksempel-forening", Flow.NONE, "Grønne arealer",
        (True, True, False), "infrastruktur", Status.OPERATING, date(2020, 6, 1),
        300_000, "Kommunen", None, "",
        [("Nye arbejdspladser i foreningens drift", "2", Unit.JOBS, 2024)],
    ),
    (
        "eksempel-traeplantning", "Træer på forsyningens arealer",
        "eksempel-borgere", "eksempel-forsyningen", Flow.NONE, "Arealer og frivillige kræfter",
        (True, True, False), "infrastruktur", Status.IDEA, None,
        None, "", None, "",
        [],
    ),
    (
        "eksempel-varmemaalinger", "Målinger af varmetab i samarbejde med forskning",
        "eksempel-universitet", "eksempel-forsyningen", Flow.B_TO_A, "Måledata",
        (True, False, True), "energi", Status.ENDED, date(2019, 1, 10),
        500_000, "Universitetet og forsyningen", 200_000, "Forsyningen",
        [("Reduceret varmetab", "900", Unit.ENERGY, 2021), ("Sparet udledning", "95", Unit.CO2E, 2021)],
    ),
]  # fmt: skip


class Command(BaseCommand):
    help = "Loads example partners and symbioses (labelled 'Eksempel') for trying the catalogue."

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.EXAMPLE_CONTENT_ALLOWED:
            raise CommandError("Example content is never loaded with production settings.")
        call_command("load_launch_content", verbosity=0)
        partners = self.partners()
        index = SymbioseIndexPage.objects.get(locale__language_code=settings.LANGUAGE_CODE)
        groups = {
            group.slug: group
            for group in ThemeGroupPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        }
        created = 0
        for row in SYMBIOSES:
            slug, title, a, b, flow, resource, (env, soc, eco), group, status, start = row[:10]
            investment, investment_by, saving, saving_to, results = row[10:]
            if SymbiosePage.objects.filter(slug=slug).exists():
                continue
            page = SymbiosePage(
                title=title, slug=slug, is_example=True, partner_a=partners[a],
                partner_b=partners[b], flow=flow, resource=resource, environmental=env,
                social=soc, economic=eco, theme_group=groups.get(group), status=status,
                start_date=start, investment=investment, investment_by=investment_by,
                yearly_saving=saving, saving_to=saving_to,
                story=f"<p>Et eksempel på en symbiose: {resource.lower()} udnyttes bedre.</p>",
            )  # fmt: skip
            page.results = [
                SymbioseResult(indicator=indicator, value=Decimal(value), unit=unit, year=year)
                for indicator, value, unit, year in results
            ]
            index.add_child(instance=page)
            page.save_revision().publish()
            created += 1
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"{created} example symbioses loaded."))

    def partners(self):
        index = PartnerIndexPage.objects.get(locale__language_code=settings.LANGUAGE_CODE)
        partners = {}
        for slug, title, kind in PARTNERS:
            partner = PartnerPage.objects.filter(slug=slug).first()
            if partner is None:
                partner = PartnerPage(
                    title=title,
                    slug=slug,
                    kind=kind,
                    is_example=True,
                    description=f"{title} er en eksempelpartner til at afprøve kataloget.",
                )
                index.add_child(instance=partner)
                partner.save_revision().publish()
            partners[slug] = partner
        return partners
