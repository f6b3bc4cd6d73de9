"""The controlled vocabularies of the catalogue. Codes are stable (used in URLs and open data)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    CITIZEN = "borger", _("Citizen/citizen group")
    ASSOCIATION = "forening", _("Association")
    COMPANY = "virksomhed", _("Company")
    MUNICIPALITY = "kommune", _("Municipality or other public body")
    EDUCATION = "uddannelse", _("Educational institution")
    RESEARCH = "forskning", _("Research")
    UTILITY = "forsyning", _("Utility")


class Dimension(models.TextChoices):
    ENVIRONMENTAL = "miljo", _("Environmental")
    SOCIAL = "social", _("Social")
    ECONOMIC = "okonomi", _("Economic")


# The boolean field of SymbiosePage that marks each dimension: the one place that pairs them.
DIMENSION_FIELDS = {
    Dimension.ENVIRONMENTAL: "environmental",
    Dimension.SOCIAL: "social",
    Dimension.ECONOMIC: "economic",
}


class Status(models.TextChoices):
    IDEA = "ide", _("Idea")
    ESTABLISHING = "etablering", _("Being established")
    OPERATING = "drift", _("In operation")
    ENDED = "afsluttet", _("Completed")


class Flow(models.TextChoices):
    NONE = "", _("No direction (shared use)")
    A_TO_B = "a_til_b", _("From the first partner to the second")
    B_TO_A = "b_til_a", _("From the second partner to the first")


class Unit(models.TextChoices):
    CO2E = "t_co2e_aar", _("t CO₂e/year")
    WATER = "m3_vand_aar", _("m³ water/year")
    ENERGY = "mwh_aar", _("MWh/year")
    MATERIALS = "t_materialer_aar", _("t materials/year")
    MONEY = "kr_aar", _("DKK/year")
    JOBS = "arbejdspladser", _("jobs")
    STUDENTS = "elever", _("students/trainee places")
