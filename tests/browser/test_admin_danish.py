"""A Danish administrator goes through every screen of the admin: no English on any of them.

Logs in (superuser, preferred language Danish), visits each screen an editor or administrator
uses, opens the dialogs (scheduling, the block chooser, an image chooser, the footer's more
actions, the sidebar's submenus) and reads the visible text plus the aria-labels, titles and
placeholders of what is visible. Any word or phrase from ENGLISH, matched as a whole word and
with its case, fails the test. The list was built by reading every screen once in English.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from wagtail.models import Page, Site, Workflow
from wagtail.users.models import UserProfile

from pages.models import ContentPage
from tests.browser.editor import leave_editor, log_in

pytestmark = pytest.mark.browser

USERNAME, PASSWORD = "redaktoer", "hemmeligt-kodeord-123"  # tests/conftest.py: admin_user

# English words and phrases seen on the admin's screens before the Danish catalogue; none may
# come back. Whole words, case-sensitive ("Add" the button, not "add" in a URL).
# fmt: off
ENGLISH = [
    # the menu, the dashboard, the login form
    "Images", "Documents", "Reports", "Help", "Workflows", "Workflow tasks", "Users", "Groups",
    "Sites", "Collections", "Redirects", "Settings", "Dashboard", "Pages", "Snippets",
    "Log in", "Sign in", "Username", "Password", "Forgotten password?", "Remember me",
    "Your most recent edits", "Site summary", "Editor Guide", "What's new", "Main menu",
    "Toggle sidebar", "Skip to main content", "Locked pages", "Site history", "Aging pages",
    "Page types usage", "Awaiting your review", "Your locked pages", "Log out", "Account",
    # the page explorer
    "Sort", "Title", "Updated", "Live", "Draft", "Explore", "Add child page",
    "More options", "Select all", "Page explorer", "Show filters", "Search term",
    "Select", "Owner", "Locale", "Parent", "Published", "Private", "Public", "Visible to all",
    # the page editor
    "Collapse all", "Expand all", "Page title", "Insert a block", "Duplicate", "Move up",
    "Move down", "Drag", "Delete", "Choose an image", "Choose a page", "Choose", "Saved",
    "More actions", "Save draft", "Publish", "Unpublish", "Preview", "Content", "Promote",
    "Slug", "Title tag", "Meta description", "Show in menus", "For search engines",
    "For site menus", "Comments", "Add comment", "Toggle side panel", "Side panel",
    "Checks", "Content metrics", "Words", "Reading time", "Readability", "Issues found",
    "History", "Revisions", "Preview mode", "Refresh", "Preview in new tab", "Toggle preview",
    "Privacy", "Usage", "Privacy and access", "Current page status", "First published",
    "Last published", "View history", "View details", "Edit schedule", "Set schedule",
    "No publishing schedule set", "You have unsaved edits", "unsaved edits", "Search",
    "Lock", "Unlock", "Copy", "Move", "Cancel", "Close", "Save", "Submit for moderation",
    "Heading", "Paragraph", "Bold", "Italic", "Link", "Bulleted list", "Numbered list",
    "Write something", "Add", "Edit", "Delete", "Character count", "Toggle section",
    "Anyone can edit", "Once live anyone can view", "Alias", "Edit original page",
    # the scheduling dialog and status panel
    "Schedule", "Set publishing schedule", "Go live", "Go-live", "go live date/time",
    "Go live date/time", "Expiry", "Expiry date/time", "Save schedule",
    "Choose when this page should go live and/or expire", "Schedule to publish",
    "Anyone with editing permissions can create schedules", "Locking:",
    "Page visibility:", "Locale:",
    # workflows, reports, revisions
    "Add a workflow", "New workflow", "Assigned pages", "Show disabled", "Disabled",
    "Enabled", "Used on", "Task", "Tasks", "Add a task", "Task type", "Group approval task",
    "Requested by", "Started at", "By task", "By workflow", "Action", "Date/Time", "User",
    "Download CSV", "Download XLSX", "Apply filters", "Timestamp", "Compare", "Review this version",
    "Current draft", "Live version", "Edited", "Created", "Approved", "Rejected",
    "In progress", "Needs changes", "Cancelled", "No results", "There are no results",
    # images and documents
    "Add an image", "Add a document", "Add images", "Add documents", "File",
    "Tags", "Collection", "Popular tags", "Latest images", "Latest documents", "Newest",
    "Oldest", "Sort by", "Drag and drop", "Or choose from your computer", "Add to collection",
    "Maximum filesize", "Supported formats", "Focal point", "Image URL", "Grid layout",
    "List layout", "Filesize", "Choose a document", "Insert image", "Upload successful",
    "You haven't uploaded",
    # settings, users, groups, sites, collections, redirects
    "Add a user", "Add a group", "Add a site", "Add a redirect", "Add redirect", "Import",
    "Add a collection", "Hostname", "Is default site",
    "Default", "Redirect from", "Redirect to", "Temporary", "From", "To",
    "Name", "Email", "First Name", "Last Name", "Last login", "Access level",
    "Active", "Inactive", "Roles", "Permissions", "Page permissions",
    "Object permissions", "Collection management permissions", "Other permissions",
    "Toggle all", "Custom permissions", "Can access Wagtail admin", "Preferred language",
    "Current time zone", "Profile picture", "Notifications", "Theme preferences",
    "Keyboard shortcuts", "Language", "Profile", "Name and Email", "Change", "View",
    # messages
    "has been scheduled for publishing", "has been published", "has been updated",
    "has been created", "has been deleted", "could not be saved", "Page '",
    "Yes", "No", "All", "Any", "Actions", "Back", "Next", "Previous", "Loading",
    "Are you sure", "Sorry",
]
# fmt: on

# Names of things, not translations: the brand, and what Wagtail's migrations create as data
# (an administrator may rename these; they are not our catalogue's business).
NOT_ENGLISH = [
    "Wagtail",
    "Root",  # the title of the tree's root page
    # Wagtail's sites listing names two columns after their fields, which no catalogue can
    # translate (wagtail/sites/views.py: Column("site_name"), Column("root_page")).
    "Site name",
    "Root page",
    "Moderators approval",
    "Moderators",
    "Editors",
]

DUMP = os.environ.get("ADMIN_DANISH_DUMP")  # a folder: write each screen's text there

COLLECT = """() => {
    const seen = [document.title, document.body.innerText];
    const visible = (el) => !el.checkVisibility || el.checkVisibility();
    for (const el of document.querySelectorAll("[aria-label], [title], [placeholder]")) {
        if (!visible(el)) continue;
        for (const name of ["aria-label", "title", "placeholder"]) {
            if (el.hasAttribute(name)) seen.push(el.getAttribute(name));
        }
    }
    return seen.join("\\n");
}"""


def english_in(text, english=ENGLISH, not_english=NOT_ENGLISH):
    """The phrases of `english` that `text` contains, as whole words."""
    for name in not_english:
        text = text.replace(name, " ")
    return [
        phrase
        for phrase in english
        if re.search(rf"(?<![\w'’-]){re.escape(phrase)}(?![\w-])", text)
    ]


class Screens:
    """Reads each screen once and keeps what is English on it."""

    def __init__(self, page, english=ENGLISH, not_english=NOT_ENGLISH):
        self.page = page
        self.english, self.not_english = english, not_english
        self.found = {}

    def read(self, name, allow=()):
        """`allow`: English known to be on this screen, out of any catalogue's reach."""
        self.page.wait_for_load_state("load")
        text = self.page.evaluate(COLLECT)
        if DUMP:
            Path(DUMP).mkdir(parents=True, exist_ok=True)
            (Path(DUMP) / f"{name}.txt").write_text(text, encoding="utf-8")
        english = english_in(text, self.english, [*self.not_english, *allow])
        if english:
            self.found[name] = english

    def visit(self, name, path, allow=()):
        response = self.page.goto(self.page.network.origin + path)
        assert response.status == 200, f"{path} gave {response.status}"
        self.read(name, allow)


@pytest.fixture
def danish_admin(launched, admin_user):
    UserProfile.get_for_user(admin_user).__class__.objects.filter(user=admin_user).update(
        preferred_language="da"
    )
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "da"
    profile.save()
    return admin_user


def test_every_admin_screen_is_danish(danish_admin, launched, page):
    om = ContentPage.objects.get(slug="om-symbiose-hillerod")
    home = launched["home"]
    screens = Screens(page)

    screens.visit("login", "/admin/login/")
    page.locator("input[name=username]").fill(USERNAME)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(page.network.origin + "/admin/")
    screens.read("dashboard")

    # The sidebar's submenus (reports, settings, help), each opened in turn.
    for index in range(page.locator(".sidebar-sub-menu-item > button").count()):
        page.locator(".sidebar-sub-menu-item > button").nth(index).click()
        screens.read(f"menu-{index}")
        page.keyboard.press("Escape")

    screens.visit("explorer-root", "/admin/pages/")
    screens.visit("explorer", f"/admin/pages/{home.pk}/")
    screens.visit("search", "/admin/pages/search/?q=symbiose")
    screens.visit("history", f"/admin/pages/{om.pk}/history/")
    screens.visit("add-subpage", f"/admin/pages/{home.pk}/add_subpage/")

    # The page editor, its panels and dialogs.
    screens.visit("editor", f"/admin/pages/{om.pk}/edit/")
    # The first inserter that offers a choice of blocks (tippy marks it aria-expanded).
    page.locator("button.c-sf-add-button[aria-expanded]").first.click()
    expect(page.locator("[data-tippy-root]:visible input").first).to_be_visible()
    screens.read("editor-insert-block")
    # An image block, and its image chooser.
    page.locator("[data-tippy-root]:visible").get_by_role("option", name="Billede").click()
    page.locator("[data-chooser-action-choose]:visible").last.click()
    expect(page.locator(".modal-content:visible")).to_contain_text("Vælg et billede")
    screens.read("editor-image-chooser")
    page.locator(".modal-content:visible [data-dismiss=modal]").first.click()
    expect(page.locator(".modal-content:visible")).to_have_count(0)

    page.locator("footer .w-dropdown__toggle").first.click()
    screens.read("editor-more-actions")
    page.keyboard.press("Escape")

    page.locator('[data-side-panel-toggle="status"]').click()
    screens.read("editor-status-panel")
    page.locator('[data-a11y-dialog-show="schedule-publishing-dialog"]').first.click()
    expect(page.locator("#schedule-publishing-dialog")).to_be_visible()
    screens.read("editor-schedule-dialog")
    page.keyboard.press("Escape")

    tabs = page.locator("[role=tab]")  # ids follow the (translated) headings
    tabs.nth(1).click()
    screens.read("editor-promote")
    tabs.nth(0).click()

    page.locator("#id_title").fill(om.title + " (ændret)")
    screens.read("editor-unsaved")

    screens.visit("images", "/admin/images/")
    screens.visit("images-add", "/admin/images/multiple/add/")
    screens.visit("documents", "/admin/documents/")
    screens.visit("documents-add", "/admin/documents/multiple/add/")

    workflow = Workflow.objects.first()
    screens.visit("workflows", "/admin/workflows/list/")
    if workflow:
        screens.visit("workflow-edit", f"/admin/workflows/edit/{workflow.pk}/")
    screens.visit("workflow-tasks", "/admin/workflows/tasks/index/")

    screens.visit("users", "/admin/users/")
    screens.visit("user-edit", f"/admin/users/edit/{danish_admin.pk}/")
    screens.visit("groups", "/admin/groups/")
    # The locale permissions that wagtail_localize.locales registers are headed by the Locale
    # model's content type name, which no catalogue translates (Locale has no verbose_name).
    screens.visit("group-add", "/admin/groups/new/", allow=["Locale"])
    screens.visit("sites", "/admin/sites/")
    screens.visit("site-edit", f"/admin/sites/edit/{Site.objects.get().pk}/")
    screens.visit("collections", "/admin/collections/")
    screens.visit("redirects", "/admin/redirects/")
    screens.visit("redirect-add", "/admin/redirects/add/")
    screens.visit("settings", "/admin/settings/pages/sitesettings/")
    screens.visit("account", "/admin/account/")

    for report in ["locked", "site-history", "aging-pages", "workflow", "workflow_tasks"]:
        screens.visit(f"report-{report}", f"/admin/reports/{report}/")
    screens.visit("report-page-types", "/admin/reports/page-types-usage/")

    assert not screens.found, f"English on the admin's screens: {screens.found}"
    assert Page.objects.filter(pk=om.pk, title=om.title).exists()  # nothing was saved


# wagtail-localize's strings, as the admin showed them in English before our catalogue had them.
# fmt: off
LOCALIZE_ENGLISH = [
    "Translate", "Translations", "Translate this page", "Sync translated pages",
    "Translation of", "Publish in", "segments translated", "Not translated", "Changed",
    "Download PO file", "Upload PO file", "input translations offline", "to submit translations",
    "Translate with", "Translate all missing strings", "Stop Synced translation",
    "Start Synced translation", "Convert to alias page", "Uses", "Revert to", "Edit this page",
    "Fetching page information", "Change page", "Server error", "There are unsaved segments",
    "Update existing translations", "Why would I sync my page", "Publish immediately",
    "Use machine translation", "The last sync date", "Content type", "Source", "Target",
    "Source title", "Up to date", "Waiting for translations", "No translations found",
    "Add a locale", "Add locale", "Delete locale", "Synchronise content", "Locales",
    "Select a new language", "Submit", "Go back", "Include subtree", "All child pages",
]
# fmt: on

# Hard-coded in wagtail-localize, out of any catalogue's reach (tests/test_admin_danish.py, at
# NO_CATALOGUE, has the why): the report's filter labels, a model field's name. (The locales
# listing's "10 pages" and the Add locale screen's "Locale" are checked there, not here.)
LOCALIZE_NO_CATALOGUE = ["Source locale", "Target locale", "Sync from"]
# The translation editor's React code writes two texts itself, without gettext: the heading
# "Dansk to English translation" and the action menu's screen-reader "More actions"
# (wagtail_localize/static_src: TranslationEditor/index.tsx, common/components/ActionMenu).
EDITOR_NO_CATALOGUE = ["to English translation", "More actions"]


def test_every_wagtail_localize_screen_is_danish(danish_admin, launched, page):
    """The translation workflow as an editor meets it: the source page's sync action, the
    translation editor (wagtail-localize's React app, its strings from the JavaScript catalogue
    at /admin/localize/jsi18n/), the report, the locale screens."""
    from wagtail.models import Locale
    from wagtail_localize.models import TranslationSource

    om = ContentPage.objects.get(slug="om-symbiose-hillerod")
    english = om.get_translation(Locale.objects.get(language_code="en"))
    source = TranslationSource.objects.get_for_instance(om)
    screens = Screens(page, [*ENGLISH, *LOCALIZE_ENGLISH], [*NOT_ENGLISH, *LOCALIZE_NO_CATALOGUE])
    log_in(page)
    # The sidebar's reports and settings submenus: "Oversættelser", "Sprog".
    expect(page.locator(".sidebar-sub-menu-item > button").first).to_be_visible()
    for index in range(page.locator(".sidebar-sub-menu-item > button").count()):
        page.locator(".sidebar-sub-menu-item > button").nth(index).click()
        screens.read(f"localize-menu-{index}")
        page.keyboard.press("Escape")

    # The Danish page: its header's more actions offer to sync the translations.
    screens.visit("localize-source-editor", f"/admin/pages/{om.pk}/edit/")
    page.locator("header .w-dropdown__toggle").first.click()
    expect(page.get_by_text("Synkronisér oversatte sider")).to_be_visible()
    screens.read("localize-source-editor-actions")
    page.keyboard.press("Escape")
    leave_editor(page, f"/admin/localize/update/{source.pk}/")
    screens.read("localize-sync")

    # The translation editor of the English page.
    screens.visit("localize-editor", f"/admin/pages/{english.pk}/edit/", EDITOR_NO_CATALOGUE)
    editor = page.locator(".js-translation-editor")
    expect(editor).to_contain_text("Udgiv på English")
    screens.read("localize-editor-rendered", allow=EDITOR_NO_CATALOGUE)
    editor.get_by_role("button", name="More actions").click()
    expect(editor.get_by_text("Stop synkroniseret oversættelse")).to_be_visible()
    screens.read("localize-editor-actions", allow=EDITOR_NO_CATALOGUE)
    page.keyboard.press("Escape")
    for index in range(editor.get_by_role("tab").count()):
        editor.get_by_role("tab").nth(index).click()
        screens.read(f"localize-editor-tab-{index}", allow=EDITOR_NO_CATALOGUE)
    editor.get_by_role("tab").first.click()
    editor.get_by_role("button", name="Redigér", exact=True).first.click()
    expect(editor.get_by_role("button", name="Gem", exact=True)).to_be_visible()
    screens.read("localize-editor-segment", allow=EDITOR_NO_CATALOGUE)
    leave_editor(page, "/admin/localize/reports/translations/")
    screens.read("localize-report")

    screens.visit("locales", "/admin/locales/")
    screens.visit("locale-edit", f"/admin/locales/edit/{english.locale_id}/")
    screens.visit("localize-convert", f"/admin/localize/page/{english.pk}/convert_to_alias/")

    assert not screens.found, f"English on wagtail-localize's screens: {screens.found}"
