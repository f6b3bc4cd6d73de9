"""Page-tree rules, and every page type renders, previews and is editable."""

import responses
from django.test import override_settings
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_factories import DocumentFactory, ImageFactory

from join.models import JoinFormField, JoinFormPage
from news.models import NewsIndexPage, NewsPage
from pages.models import ContentPage, HomePage
from symbioses.models import (
    PartnerIndexPage,
    PartnerPage,
    SymbioseIndexPage,
    SymbiosePage,
    ThemeGroupIndexPage,
    ThemeGroupPage,
)
from tests.catalogue import add_page, make_partner, make_symbiose
from tests.conftest import OEMBED_ANSWER, VIDEO_URL


def add_home(**fields):
    """A home page at the root of the tree (next to Wagtail's own welcome page)."""
    home = HomePage(title="Symbiose Hillerød", intro="<p>Forsiden.</p>", **fields)
    return add_page(Page.get_first_root_node(), home)


class PageTreeTests(WagtailPageTestCase):
    def test_home_page_only_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(ContentPage, HomePage)

    def test_content_pages_under_home_and_each_other(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage})
        self.assertCanNotCreateAt(Page, ContentPage)

    def test_home_holds_content_pages_and_the_catalogue_listings(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                ContentPage,
                SymbioseIndexPage,
                PartnerIndexPage,
                ThemeGroupIndexPage,
                JoinFormPage,
                NewsIndexPage,
            },
        )

    def test_one_join_form_under_each_home_page(self):
        self.assertAllowedParentPageTypes(JoinFormPage, {HomePage})
        self.assertAllowedSubpageTypes(JoinFormPage, set())
        home = add_home()
        self.assertTrue(JoinFormPage.can_create_at(home))
        add_page(home, JoinFormPage(title="Bliv en del af"))
        self.assertFalse(JoinFormPage.can_create_at(home))

    def test_catalogue_pages_live_under_their_listing(self):
        self.assertAllowedParentPageTypes(SymbiosePage, {SymbioseIndexPage})
        self.assertAllowedParentPageTypes(PartnerPage, {PartnerIndexPage})
        self.assertAllowedParentPageTypes(ThemeGroupPage, {ThemeGroupIndexPage})
        self.assertAllowedSubpageTypes(SymbioseIndexPage, {SymbiosePage})
        self.assertAllowedSubpageTypes(PartnerIndexPage, {PartnerPage})
        self.assertAllowedSubpageTypes(ThemeGroupIndexPage, {ThemeGroupPage})
        for leaf in (SymbiosePage, PartnerPage, ThemeGroupPage):
            self.assertAllowedSubpageTypes(leaf, set())

    def test_news_pages(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())

    def test_one_listing_of_each_kind(self):
        home = add_home()
        for model, title in [
            (NewsIndexPage, "Nyheder"),
            (SymbioseIndexPage, "Symbioser"),
            (PartnerIndexPage, "Partnere"),
            (ThemeGroupIndexPage, "Temagrupper"),
        ]:
            self.assertTrue(model.can_create_at(home))
            add_page(home, model(title=title))
            self.assertFalse(model.can_create_at(home))

    def test_only_one_home_page(self):
        add_home()
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))


@override_settings(ALLOWED_HOSTS=["*"])
class PageTypeRenderingTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = add_home(slug="forside-test")
        content = ContentPage(
            title="En indholdsside", intro="En kort introduktion.", slug="indhold"
        )
        cls.content = add_page(cls.home, content)
        cls.symbiose_index = add_page(
            cls.home, SymbioseIndexPage(title="Symbioser", slug="symbioser")
        )
        cls.partner_index = add_page(cls.home, PartnerIndexPage(title="Partnere", slug="partnere"))
        cls.group_index = add_page(
            cls.home, ThemeGroupIndexPage(title="Temagrupper", slug="temagrupper")
        )
        cls.partner_a = make_partner("Partner A", "forsyning", slug="a")
        cls.partner_b = make_partner("Partner B", slug="b")
        cls.group = add_page(cls.group_index, ThemeGroupPage(title="Energi", slug="energi"))
        cls.symbiose = make_symbiose(
            "Overskudsvarme", cls.partner_a, cls.partner_b, theme="energi", slug="varme"
        )
        join = JoinFormPage(title="Bliv en del af", slug="bliv", intro="<p>Skriv til os.</p>")
        join.form_fields.add(
            JoinFormField(clean_name="organisation", label="Organisation", field_type="singleline")
        )
        cls.join = add_page(cls.home, join)
        cls.news_index = add_page(cls.home, NewsIndexPage(title="Nyheder", slug="nyheder"))
        news = NewsPage(title="Nyt om varme", slug="nyt", teaser="Kort om varmen.")
        news.theme_groups = [cls.group]
        news.symbioses = [cls.symbiose]
        cls.news = add_page(cls.news_index, news)
        Site.objects.update(root_page=cls.home)

    def setUp(self):
        self.login()

    def test_home_page(self):
        data = nested_form_data(
            {
                "title": "Symbiose Hillerød",
                "slug": "forside-test",
                "intro": rich_text("<p>Forsiden.</p>"),
                "featured_page": self.content.pk,
                "featured_link_text": "Læs mere",
                "hero_image": ImageFactory().pk,
                "hero_image_alt": "To partnere ved varmeveksleren",
                "figures_heading": "Netværket i tal",
                "featured_heading": "",
                "featured_symbioses": streamfield([]),
                "theme_groups_heading": "",
                "join_heading": "Vær med",
                "join_text": "Skriv til os.",
                "join_page": self.join.pk,
            }
        )
        self.assertPageIsRoutable(self.home)
        self.assertPageIsRenderable(self.home)
        self.assertPageIsPreviewable(self.home, post_data=data)
        self.assertPageIsEditable(self.home, post_data=data)

    def test_content_page(self):
        self.assertPageIsRoutable(self.content)
        self.assertPageIsRenderable(self.content)
        self.assertPageIsEditable(self.content, post_data=self.content_form_data())

    def test_content_page_previews_every_block(self):
        with responses.RequestsMock() as mock:
            mock.get("https://www.youtube.com/oembed", json=OEMBED_ANSWER)
            self.assertPageIsPreviewable(self.content, post_data=self.content_form_data())
            # The preview may ask the video host; a visitor's request never does (see test_video).
            self.assertEqual(len(mock.calls), 1)

    def test_catalogue_listings(self):
        for page in (self.symbiose_index, self.partner_index, self.group_index):
            self.assertPageIsRoutable(page)
            self.assertPageIsRenderable(page)
            self.assertPageIsPreviewable(page)
            self.assertPageIsEditable(page)

    def test_news_listing(self):
        self.assertPageIsRoutable(self.news_index)
        self.assertPageIsRenderable(self.news_index)
        self.assertPageIsPreviewable(self.news_index)
        self.assertPageIsEditable(self.news_index)

    def test_news_page(self):
        data = nested_form_data(
            {
                "title": "Nyt om varme",
                "slug": "nyt",
                "date": "2026-11-01",
                "teaser": "Kort om varmen.",
                "image": ImageFactory().pk,
                "image_alt": "Varmeveksleren",
                "body": streamfield([]),
                "theme_groups": [self.group.pk],
                "symbioses": [self.symbiose.pk],
                "sources": inline_formset(
                    [
                        {
                            "title": "Ny ledning",
                            "url": "https://example.dk/artikel",
                            "publisher": "Avisen",
                            "date": "2017-05-19",
                        }
                    ]
                ),
            }
        )
        self.assertPageIsRoutable(self.news)
        self.assertPageIsRenderable(self.news)
        self.assertPageIsPreviewable(self.news, post_data=data)
        self.assertPageIsEditable(self.news, post_data=data)

    def test_partner_page(self):
        self.assertPageIsRenderable(self.partner_a)
        self.assertPageIsPreviewable(self.partner_a)
        self.assertPageIsEditable(self.partner_a)

    def test_theme_group_page(self):
        self.assertPageIsRenderable(self.group)
        self.assertPageIsPreviewable(self.group)
        self.assertPageIsEditable(self.group)

    def test_symbiose_page(self):
        data = nested_form_data(
            {
                "title": "Overskudsvarme",
                "slug": "varme",
                "partner_a": self.partner_a.pk,
                "partner_b": self.partner_b.pk,
                "flow": "a_til_b",
                "resource": "Overskudsvarme",
                "environmental": "on",
                "theme_group": self.group.pk,
                "status": "drift",
                "start_date": "2024-01-01",
                "story": rich_text("<p>Historien.</p>"),
                "images": streamfield([]),
                "results": inline_formset(
                    [
                        {
                            "indicator": "Leveret varme",
                            "value": "1200",
                            "unit": "mwh_aar",
                            "year": "2024",
                            "baseline": "",
                            "method": "Måler",
                        }
                    ]
                ),
                "sources": inline_formset(
                    [
                        {
                            "title": "Ny ledning",
                            "url": "https://example.dk/artikel",
                            "publisher": "Avisen",
                            "date": "2017-05-19",
                        }
                    ]
                ),
                "investment": "1000000",
                "yearly_saving": "250000",
            }
        )
        self.assertPageIsRenderable(self.symbiose)
        self.assertPageIsPreviewable(self.symbiose, post_data=data)
        self.assertPageIsEditable(self.symbiose, post_data=data)

    def test_join_form_page(self):
        data = nested_form_data(
            {
                "title": "Bliv en del af",
                "slug": "bliv",
                "intro": rich_text("<p>Skriv til os.</p>"),
                "consent_text": rich_text("<p>Vi gemmer det.</p>"),
                "thank_you_text": rich_text("<p>Tak.</p>"),
                "to_address": "kontakt@symbiosehillerod.dk",
                "from_address": "",
                "subject": "",
                "form_fields": inline_formset(
                    [
                        {
                            "label": "Organisation",
                            "help_text": "",
                            "required": "on",
                            "field_type": "singleline",
                            "choices": "",
                            "default_value": "",
                            "autocomplete": "organization",
                        },
                        {
                            "label": "Samtykke",
                            "help_text": "",
                            "required": "on",
                            "field_type": "checkbox",
                            "choices": "",
                            "default_value": "",
                            "autocomplete": "",
                        },
                    ]
                ),
            }
        )
        self.assertPageIsRoutable(self.join)
        self.assertPageIsRenderable(self.join)
        self.assertPageIsPreviewable(self.join, post_data=data)
        self.assertPageIsPreviewable(self.join, post_data=data, mode="landing")
        self.assertPageIsEditable(self.join, post_data=data)

    def content_form_data(self):
        image = ImageFactory()
        document = DocumentFactory()
        return nested_form_data(
            {
                "title": "Forhåndsvisning",
                "slug": "indhold",
                "intro": "",
                "body": streamfield(
                    [
                        (
                            "section",
                            {
                                "heading": "Mission",
                                "anchor": "",
                                "content": streamfield(
                                    [
                                        ("subheading", {"text": "Mål", "anchor": ""}),
                                        ("paragraph", rich_text("<p>Et afsnit.</p>")),
                                        (
                                            "image",
                                            {
                                                "image": image.pk,
                                                "alt_text": "Et billede",
                                                "caption": "",
                                            },
                                        ),
                                        ("video", {"url": VIDEO_URL, "title": "En video"}),
                                        (
                                            "document",
                                            {
                                                "text_before": "I",
                                                "link_text": "brochuren",
                                                "text_after": "kan du læse mere.",
                                                "document": document.pk,
                                                "language": "en",
                                            },
                                        ),
                                    ]
                                ),
                            },
                        ),
                    ]
                ),
            }
        )
