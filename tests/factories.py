import wagtail_factories

from pages.models import ContentPage, HomePage


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
