"""Page-tree rules, and every page type renders, previews and is editable."""

import responses
from django.test import override_settings
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail_factories import DocumentFactory, ImageFactory

from pages.models import ContentPage, HomePage
from tests.conftest import OEMBED_ANSWER, VIDEO_URL
from tests.factories import ContentPageFactory, HomePageFactory


class PageTreeTests(WagtailPageTestCase):
    def test_home_page_only_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(ContentPage, HomePage)

    def test_content_pages_under_home_and_each_other(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})
        self.assertAllowedSubpageTypes(HomePage, {ContentPage})
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage})
        self.assertCanNotCreateAt(Page, ContentPage)

    def test_only_one_home_page(self):
        root = Page.get_first_root_node()
        HomePageFactory(parent=root)
        self.assertFalse(HomePage.can_create_at(root))


@override_settings(ALLOWED_HOSTS=["*"])
class PageTypeRenderingTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=root, slug="forside-test")
        cls.content = ContentPageFactory(parent=cls.home, slug="indhold")
        Site.objects.update(root_page=cls.home)

    def setUp(self):
        self.login()

    def test_home_page(self):
        self.assertPageIsRoutable(self.home)
        self.assertPageIsRenderable(self.home)
        self.assertPageIsPreviewable(self.home)
        self.assertPageIsEditable(self.home)

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
                        ("heading", {"text": "Mission", "level": "h2", "anchor": ""}),
                        ("paragraph", rich_text("<p>Et afsnit.</p>")),
                        ("image", {"image": image.pk, "alt_text": "Et billede", "caption": ""}),
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
            }
        )
