"""Load the launch content: the home page, the Om page and the English brochure.

Idempotent: each item is created only when it is missing, so running it again changes
nothing and never overwrites what editors have changed.
"""

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from pages.launch import brochure, content
from pages.models import ContentPage, HomePage
from pages.site_settings import SiteSettings


class Command(BaseCommand):
    help = "Loads the launch content (home page, Om Symbiose Hillerød, the English brochure)."

    @transaction.atomic
    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        home = self.home_page()
        if not ContentPage.objects.child_of(home).filter(slug=content.OM_SLUG).exists():
            om = ContentPage(
                title=content.OM_TITLE,
                slug=content.OM_SLUG,
                show_in_menus=True,
                search_description=content.MISSION,
                body=content.om_body(self.brochure().pk),
            )
            home.add_child(instance=om)
            om.save_revision().publish()
            self.say(f"Created {om.url_path}")
            if home.featured_page_id is None:
                home.featured_page = om
                home.save_revision().publish()
        SiteSettings.load()  # creates the footer settings with their launch values if missing
        self.say(self.style.SUCCESS("Launch content is in place."))

    def home_page(self):
        home = HomePage.objects.first()
        if home is not None:
            return home
        root = Page.get_first_root_node()
        home = HomePage(
            title=content.SITE_NAME,
            slug="forside",
            intro=f"<p>{content.MISSION}</p>",
            search_description=content.MISSION,
            featured_link_text=content.HOME_LINK_TEXT,
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        placeholder = site.root_page if site else None
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"root_page": home, "site_name": content.SITE_NAME, "hostname": "localhost"},
        )
        # Wagtail's own "Welcome" page is replaced, never an editor's page.
        if placeholder and placeholder.specific_class is Page and placeholder.is_leaf():
            placeholder.delete()
        self.say("Created the home page")
        return home

    def brochure(self):
        Document = get_document_model()
        document = Document(title=brochure.TITLE)
        document.file.save(brochure.FILENAME, ContentFile(brochure.build_brochure()), save=False)
        document._set_document_file_metadata()
        document.save()
        self.say(f"Stored the brochure as {document.file.name}")
        return document

    def say(self, message):
        if self.verbosity:
            self.stdout.write(message)
