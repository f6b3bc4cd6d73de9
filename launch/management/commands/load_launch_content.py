"""Load the launch content: home page, Om page, Historie, catalogue listings, the network's
real partners and symbioses, their English versions, the brochure's settings.

Idempotent: each item is created only when it is missing, so running it again changes
nothing and never overwrites what editors have changed. The default site gets its address from
SITE_HOSTNAME while it still has the localhost:80 of Wagtail's first migration. Once the
content is committed, both editions of the brochure are built from it (brochure app); an
edition whose bytes did not change is left as it was.
"""

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site, Task, Workflow
from wagtail.utils.file import hash_filelike

from brochure.editions import rebuild_safely
from brochure.models import BrochureSettings
from join.models import JoinFormField, JoinFormPage
from launch import content, content_en, join_content, network_content, news_content
from launch.translation import MissingEnglish, translate, update
from news.models import NewsIndexPage, NewsPage, NewsSource
from pages.management.commands.set_site_hostname import (
    WAGTAIL_DEFAULT_ADDRESS,
    configured_address,
    set_address,
)
from pages.models import ContentPage, HomePage
from pages.site_settings import SiteSettings
from symbioses.models import (
    PartnerIndexPage,
    PartnerPage,
    SymbioseIndexPage,
    SymbiosePage,
    SymbioseResult,
    SymbioseSource,
    ThemeGroupIndexPage,
    ThemeGroupPage,
)


class Command(BaseCommand):
    help = (
        "Loads the launch content: home page, Om Symbiose Hillerød, Historie, the catalogue's "
        "listing pages, the five theme groups and the network's real partners and symbioses, "
        "in Danish and English; then builds the brochure."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        self.address = configured_address()  # SITE_HOSTNAME: checked before anything is made
        home = self.home_page()
        self.site_address()
        # The footer settings, created with their launch values if missing; the brochure
        # prints their hotline number and organisation.
        SiteSettings.load()
        om = ContentPage.objects.child_of(home).filter(slug=content.OM_SLUG).first()
        if om is None:
            om = ContentPage(
                title=content.OM_TITLE,
                slug=content.OM_SLUG,
                show_in_menus=True,
                search_description=content.MISSION,
                body=content.om_body(self.explainer()),
            )
            home.add_child(instance=om)
            om.save_revision().publish()
            self.say(f"Created {om.url_path}")
            if home.featured_page_id is None:
                home.featured_page = om
                home.save_revision().publish()
        self.history_page(home, om)
        self.catalogue(home)
        self.network()
        self.news(home)
        join = self.join_page(home)
        if join is not None and home.join_page_id is None:
            # The home page's call to action leads to the join page made with it.
            home.join_page = join
            home.save_revision().publish()
        sections_added = self.home_sections(home)
        self.english(home)
        if sections_added:
            self.home_sections_in_english(home)
        self.join_page_in_english(home)
        self.news_in_english(home)
        self.brochure_settings(om, JoinFormPage.objects.child_of(home).first())
        self.workflow_names()
        # Built from the committed content: in a test's transaction, when that commits.
        transaction.on_commit(rebuild_safely)
        self.say(self.style.SUCCESS("Launch content is in place."))

    def explainer(self):
        """The explainer's video, captions and poster (launch/media/, built by
        scripts/build_explainer.py) in the document and image libraries, each added only when
        the library has no file with the same content; their ids for the Om page's video block."""
        documents = {
            "file": self.library_file(get_document_model(), ".mp4"),
            "captions": self.library_file(get_document_model(), ".da.vtt"),
            "captions_en": self.library_file(get_document_model(), ".en.vtt"),
            "poster": self.library_file(
                get_image_model(), ".png", description=content.EXPLAINER_POSTER_DESCRIPTION
            ),
        }
        return {name: item.pk for name, item in documents.items()}

    def library_file(self, model, suffix, **fields):
        path = content.explainer_file(suffix)
        with path.open("rb") as source:
            file_hash = hash_filelike(source)
            existing = model.objects.filter(file_hash=file_hash).order_by("pk").first()
            if existing is not None:
                return existing
            source.seek(0)
            item = model(title=content.EXPLAINER_TITLES[suffix], file_hash=file_hash, **fields)
            item.file.save(path.name, File(source), save=False)
            if hasattr(item, "file_size"):
                item.file_size = path.stat().st_size
            item.save()
        self.say(f"Added {path.name} ({model._meta.model_name})")
        return item

    def brochure_settings(self, om, join):
        """The brochure opens with the Om page's text and ends with the join page, when its
        settings are new."""
        if not BrochureSettings.objects.exists():
            BrochureSettings.objects.create(about_page=om, join_page=join)
            self.say("The brochure shows the Om page and the join page")

    def catalogue(self, home):
        """The catalogue's listing pages and the five theme groups, each only if missing."""
        for model_name, (title, slug, intro) in content.CATALOGUE_INDEXES.items():
            model = apps.get_model(model_name)
            if model.objects.filter(locale=home.locale_id).exists():
                continue
            index = model(title=title, slug=slug, intro=f"<p>{intro}</p>", show_in_menus=True)
            home.add_child(instance=index)
            index.save_revision().publish()
            self.say(f"Created {index.url_path}")
            if model is ThemeGroupIndexPage:
                self.theme_groups(index)

    def theme_groups(self, index):
        # Created with their index only, so a group an editor deleted stays deleted.
        for title, slug, topic in content.THEME_GROUPS:
            group = ThemeGroupPage(
                title=title, slug=slug, description=content.theme_group_description(topic)
            )
            index.add_child(instance=group)
            group.save_revision().publish()
            self.say(f"Created {group.url_path}")

    def join_page(self, home):
        """Bliv en del af Symbiose Hillerød: the join form, with its fields, if missing."""
        if JoinFormPage.objects.child_of(home).exists():
            return None
        page = JoinFormPage(
            title=join_content.JOIN_TITLE,
            slug=join_content.JOIN_SLUG,
            show_in_menus=True,
            search_description=join_content.JOIN_DESCRIPTION,
            intro=join_content.JOIN_INTRO,
            consent_text=join_content.JOIN_CONSENT,
            thank_you_text=join_content.JOIN_THANKS,
        )
        for order, (name, label, kind, required, token, choices, help_text) in enumerate(
            join_content.JOIN_FIELDS
        ):
            page.form_fields.add(
                JoinFormField(
                    sort_order=order,
                    clean_name=name,
                    label=label,
                    field_type=kind,
                    required=required,
                    autocomplete=token,
                    choices="\n".join(choices),
                    help_text=help_text,
                )
            )
        home.add_child(instance=page)
        page.save_revision().publish()
        self.say(f"Created {page.url_path}")
        return page

    def join_page_in_english(self, home):
        """Join Symbiose Hillerød: the join page's English translation (launch/join_content.py),
        made through wagtail-localize like the other English pages, fields included."""
        danish = JoinFormPage.objects.child_of(home).live().first()
        english = Locale.objects.filter(language_code="en").first()
        if danish is None or english is None or not home.has_translation(english):
            return
        try:
            translated, created = translate(danish, english, join_content.JOIN_ENGLISH)
        except MissingEnglish as error:
            self.stderr.write(f"Not translated: {error}")
            return
        if created:
            self.say(f"Created {translated.url}")

    def english(self, home):
        """English versions of the home page, the Om page, the catalogue's listing pages and
        the theme groups (launch/content_en.py), each only if it has none yet. A page whose
        Danish an editor has changed before it had an English version is left to the editors."""
        english, _created = Locale.objects.get_or_create(language_code="en")
        om = ContentPage.objects.child_of(home).filter(slug=content.OM_SLUG).first()
        indexes = [
            apps.get_model(model_name).objects.child_of(home).first()
            for model_name in content.CATALOGUE_INDEXES
        ]
        history = ContentPage.objects.child_of(home).filter(slug=network_content.HISTORY_SLUG)
        groups = list(ThemeGroupPage.objects.filter(locale=home.locale_id).order_by("path"))
        partners = PartnerPage.objects.filter(
            locale=home.locale_id,
            is_example=False,
            slug__in=[slug for slug, *_rest in network_content.PARTNERS],
        ).order_by("path")
        symbioses = SymbiosePage.objects.filter(
            locale=home.locale_id,
            is_example=False,
            slug__in=[symbiose["slug"] for symbiose in network_content.SYMBIOSES],
        ).order_by("path")
        for page in [home, om, history.first(), *indexes, *groups, *partners, *symbioses]:
            if page is None or not page.live:
                continue
            try:
                translated, created = translate(page.specific, english, content_en.ENGLISH)
            except MissingEnglish as error:
                self.stderr.write(f"Not translated: {error}")
                continue
            if created:
                self.say(f"Created {translated.url}")
                if translated.slug == content_en.ENGLISH[network_content.HISTORY_SLUG] and om:
                    self.place_after(translated, om.get_translation_or_none(english))

    def history_page(self, home, om):
        """Historie: the network's milestones as a dated timeline, each with its source; if
        missing. Placed after the Om page, so the menu reads Om, Historie, ..."""
        if ContentPage.objects.child_of(home).filter(slug=network_content.HISTORY_SLUG).exists():
            return
        page = ContentPage(
            title=network_content.HISTORY_TITLE,
            slug=network_content.HISTORY_SLUG,
            show_in_menus=True,
            intro=network_content.HISTORY_INTRO,
            search_description=network_content.HISTORY_INTRO,
            body=network_content.history_body(om.pk if om else None),
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        self.place_after(page, om)
        self.say(f"Created {page.url_path}")

    @staticmethod
    def place_after(page, sibling):
        """Moves a page just after its sibling (where the menu lists it)."""
        if sibling is not None and sibling.get_parent().pk == page.get_parent().pk:
            page.move(sibling, pos="right")

    def network(self):
        """The network's documented partners and symbioses (launch/network_content.py), as
        real content, into a catalogue that has no real symbiosis yet: once they, or an
        editor's own, are there, nothing is added again, so what editors delete stays deleted."""
        danish = {"locale__language_code": settings.LANGUAGE_CODE}
        if SymbiosePage.objects.filter(is_example=False, **danish).exists():
            return
        partner_index = PartnerIndexPage.objects.filter(**danish).first()
        symbiose_index = SymbioseIndexPage.objects.filter(**danish).first()
        if partner_index is None or symbiose_index is None:
            return
        partners = {}
        for slug, title, kind, description, website in network_content.PARTNERS:
            partner = PartnerPage.objects.filter(slug=slug, **danish).first()
            if partner is None:
                partner = PartnerPage(
                    title=title, slug=slug, kind=kind, description=description, website=website
                )
                partner_index.add_child(instance=partner)
                partner.save_revision().publish()
                self.say(f"Created {partner.url_path}")
            partners[slug] = partner
        groups = {group.slug: group for group in ThemeGroupPage.objects.filter(**danish)}
        for item in network_content.SYMBIOSES:
            if SymbiosePage.objects.filter(slug=item["slug"], **danish).exists():
                continue
            environmental, social, economic = item["dimensions"]
            page = SymbiosePage(
                title=item["title"],
                slug=item["slug"],
                partner_a=partners[item["partner_a"]],
                partner_b=partners[item["partner_b"]],
                flow=item["flow"],
                resource=item["resource"],
                environmental=environmental,
                social=social,
                economic=economic,
                theme_group=groups.get(item["theme_group"]),
                status=item["status"],
                story="".join(f"<p>{paragraph}</p>" for paragraph in item["story"]),
            )
            page.results = [
                SymbioseResult(
                    indicator=indicator, value=value, unit=unit, year=year, method=method
                )
                for indicator, value, unit, year, method in item["results"]
            ]
            page.sources = [
                # In the order given: unsorted rows come back in any order on PostgreSQL.
                SymbioseSource(
                    sort_order=order, title=title, url=url, publisher=publisher, date=published
                )
                for order, (title, url, publisher, published) in enumerate(item["sources"])
            ]
            symbiose_index.add_child(instance=page)
            page.save_revision().publish()
            self.say(f"Created {page.url_path}")

    def news(self, home):
        """Nyheder and the news from the network's history (launch/news_content.py), made with
        their listing only: a news item an editor deleted stays deleted, and nothing an editor
        changed is touched again."""
        if NewsIndexPage.objects.child_of(home).exists():
            return
        index = NewsIndexPage(
            title=news_content.INDEX_TITLE,
            slug=news_content.INDEX_SLUG,
            intro=f"<p>{news_content.INDEX_INTRO}</p>",
            search_description=news_content.INDEX_INTRO,
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
        self.say(f"Created {index.url_path}")
        danish = {"locale__language_code": settings.LANGUAGE_CODE}
        groups = {group.slug: group for group in ThemeGroupPage.objects.filter(**danish)}
        symbioses = {page.slug: page for page in SymbiosePage.objects.filter(**danish)}
        for item in news_content.NEWS:
            page = NewsPage(
                title=item["title"],
                slug=item["slug"],
                date=item["date"],
                teaser=item["teaser"],
                body=news_content.news_body(item),
            )
            page.theme_groups = [groups[slug] for slug in item["theme_groups"] if slug in groups]
            page.symbioses = [symbioses[slug] for slug in item["symbioses"] if slug in symbioses]
            page.sources = [
                NewsSource(sort_order=order, title=title, url=url, publisher=publisher, date=when)
                for order, (title, url, publisher, when) in enumerate(item["sources"])
            ]
            index.add_child(instance=page)
            page.save_revision().publish()
            self.say(f"Created {page.url_path}")

    def news_in_english(self, home):
        """The English news listing and news, each only if it has no English version yet."""
        english = Locale.objects.filter(language_code="en").first()
        index = NewsIndexPage.objects.child_of(home).first()
        if english is None or index is None or not home.has_translation(english):
            return
        texts = {**content_en.ENGLISH, **news_content.NEWS_ENGLISH}
        slugs = [item["slug"] for item in news_content.NEWS]
        for page in [index, *NewsPage.objects.child_of(index).filter(slug__in=slugs)]:
            if not page.live:
                continue
            if page is not index and not index.has_translation(english):
                return  # an editor's choice: no English listing, so no English news
            try:
                translated, created = translate(page, english, texts)
            except MissingEnglish as error:
                self.stderr.write(f"Not translated: {error}")
                continue
            if created:
                self.say(f"Created {translated.url}")

    def home_sections(self, home):
        """A home page made before it had its sections (figures, featured symbioses, theme
        groups, the call to join) gets their launch texts and the join page, once: only while
        none of its revisions knows the fields, so nothing an editor chose is overwritten, and
        only when it has no draft waiting."""
        revision = home.latest_revision
        if revision is None or "join_page" in revision.content or home.has_unpublished_changes:
            return False
        for name, value in content.HOME_SECTIONS.items():
            setattr(home, name, value)
        home.join_page = JoinFormPage.objects.child_of(home).live().first()
        home.save_revision().publish()
        self.say("Added the home page's sections")
        return True

    def home_sections_in_english(self, home):
        english = Locale.objects.filter(language_code="en").first()
        if english is None:
            return
        try:
            translated = update(home, english, content_en.ENGLISH)
        except MissingEnglish as error:
            self.stderr.write(f"Not translated: {error}")
            return
        if translated is not None:
            self.say(f"Updated {translated.url}")

    def home_page(self):
        home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
        if home is not None:
            return home
        root = Page.get_first_root_node()
        home = HomePage(
            title=content.SITE_NAME,
            slug="forside",
            intro=f"<p>{content.MISSION}</p>",
            search_description=content.MISSION,
            featured_link_text=content.HOME_LINK_TEXT,
            **content.HOME_SECTIONS,
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        placeholder = site.root_page if site else None
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"root_page": home, "site_name": content.SITE_NAME},
            create_defaults={
                "root_page": home,
                "site_name": content.SITE_NAME,
                "hostname": self.address[0],
                "port": self.address[1],
            },
        )
        # Wagtail's own "Welcome" page is replaced, never an editor's page.
        if placeholder and placeholder.specific_class is Page and placeholder.is_leaf():
            placeholder.delete()
        self.say("Created the home page")
        return home

    def site_address(self):
        """The default site gets SITE_HOSTNAME while it still has the address Wagtail's
        migration gave it (localhost:80); an address an editor chose is kept."""
        site = Site.objects.get(is_default_site=True)
        if (site.hostname, site.port) == WAGTAIL_DEFAULT_ADDRESS:
            set_address(site, *self.address)
            self.say(f"The site's address is {site.root_url}")

    def workflow_names(self):
        """Wagtail's migration names its approval workflow and task in English; moderators read
        the name in their notification e-mails. Renamed while it is still Wagtail's."""
        for model in (Workflow, Task):
            renamed = model.objects.filter(name=content.WAGTAIL_WORKFLOW_NAME).update(
                name=content.WORKFLOW_NAME
            )
            if renamed:
                self.say(f"Named the {model._meta.model_name} {content.WORKFLOW_NAME!r}")

    def say(self, message):
        if self.verbosity:
            self.stdout.write(message)
