import factory
import wagtail_factories

from pages.models import ContentPage, HomePage
from symbioses.models import (
    PartnerIndexPage,
    PartnerPage,
    SymbioseIndexPage,
    SymbiosePage,
    ThemeGroupIndexPage,
    ThemeGroupPage,
)


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Symbiose Hillerød"
    intro = "<p>Forsiden.</p>"

    class Meta:
        model = HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = "En indholdsside"
    intro = "En kort introduktion."

    class Meta:
        model = ContentPage


class SymbioseIndexPageFactory(wagtail_factories.PageFactory):
    title = "Symbioser"

    class Meta:
        model = SymbioseIndexPage


class PartnerIndexPageFactory(wagtail_factories.PageFactory):
    title = "Partnere"

    class Meta:
        model = PartnerIndexPage


class ThemeGroupIndexPageFactory(wagtail_factories.PageFactory):
    title = "Temagrupper"

    class Meta:
        model = ThemeGroupIndexPage


class PartnerPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Partner {n}")
    kind = "virksomhed"

    class Meta:
        model = PartnerPage


class ThemeGroupPageFactory(wagtail_factories.PageFactory):
    title = "Energi"

    class Meta:
        model = ThemeGroupPage


class SymbiosePageFactory(wagtail_factories.PageFactory):
    title = "Overskudsvarme"
    resource = "Overskudsvarme"
    status = "drift"
    environmental = True

    class Meta:
        model = SymbiosePage
