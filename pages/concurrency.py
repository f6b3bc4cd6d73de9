"""Two editors saving the same page: the second save no longer silently replaces the first.

Wagtail's page edit form posts the revision it was loaded from (`loaded_revision_id`,
`loaded_revision_created_at`), but Wagtail only uses it to refuse autosaves. This edit view
also refuses a full save, publish or workflow action when someone else has saved the page since
the form was loaded: the editor gets the form back with everything they typed, a message naming
who saved and when, and a link comparing the two versions. The re-rendered form carries the
latest revision, so saving again deliberately overwrites it.

symbiose/urls.py routes the edit address here, before Wagtail's admin URLs, for every page type.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils import dateformat, formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from wagtail.admin import messages
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import display_custom_404
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.pages.edit import EditView


class ConcurrencySafeEditView(EditView):
    def post(self, request, *args, **kwargs):
        # Aliases (405), autosaves (Wagtail refuses them itself when out of date) and locked
        # pages (Wagtail refuses them with its own message) stay Wagtail's.
        if self.page.alias_of_id or self.expects_json_response or self.locked_for_user:
            return super().post(request, *args, **kwargs)
        conflict = self.revision_saved_by_someone_else()
        if conflict is None:
            return super().post(request, *args, **kwargs)
        return self.refuse(conflict)

    def revision_saved_by_someone_else(self):
        """The newest revision another user (or no user) saved after the one the form was
        loaded from, or None.

        The editor's own revisions don't count: autosave creates revisions while the full form
        keeps the loaded revision's id, so a save after one's own autosave would otherwise be
        refused. (The same user in two windows is therefore not caught here; Wagtail's
        editing-sessions dialog warns about that in the browser.)
        """
        if not self.is_out_of_date:  # Wagtail's check: also False when nothing was posted
            return None
        try:
            loaded_pk = int(self.request.POST.get("loaded_revision_id", ""))
        except ValueError:
            loaded_pk = 0  # unknown base: every revision by someone else counts
        later = Q(pk__gt=loaded_pk)
        # The loaded revision itself may have been overwritten in place since (only its own
        # author's autosave can do that).
        try:
            loaded_at = parse_datetime(self.request.POST.get("loaded_revision_created_at", ""))
        except ValueError:  # well-formed but impossible, e.g. month 13
            loaded_at = None
        if loaded_at is not None:
            later |= Q(pk=loaded_pk, created_at__gt=loaded_at)
        return (
            self.real_page_record.revisions.filter(later)
            .exclude(user=self.request.user)  # keeps revisions without a user
            .select_related("user")
            .order_by("-created_at", "-pk")
            .first()
        )

    def refuse(self, conflict):
        """Nothing is saved; re-render the form with the posted data, as form_invalid does."""
        self.form = self.form_class(
            self.request.POST,
            self.request.FILES,
            instance=self.page,
            subscription=self.subscription,
            parent_page=self.parent,
            for_user=self.request.user,
        )
        if self.action_name == "save":
            self.form.defer_required_fields()
        self.form.is_valid()  # show field errors now rather than on the next attempt
        self.form.restore_required_fields()

        saved_at = timezone.localtime(conflict.created_at)
        message = _(
            "The page was saved by %(user)s at %(time)s on %(date)s, after you opened it. "
            "Your changes have not been saved; they are still in the form. "
            "Compare the versions, and save again to overwrite."
        ) % {
            "user": get_user_display_name(conflict.user) if conflict.user else _("another editor"),
            # Translators: a Django date format for the time of day, e.g. "15:27".
            "time": dateformat.format(saved_at, pgettext("time of day", "H:i")),
            "date": formats.date_format(saved_at, "DATE_FORMAT"),
        }
        # In a new window: leaving this one would lose what the editor typed.
        messages.error(self.request, message, buttons=[self.comparison_button()])
        self.has_unsaved_changes = True
        return self.render_to_response(self.get_context_data())

    def comparison_button(self):
        """Wagtail's comparison of the revision the editor loaded with the latest one; the
        page's history when the loaded revision no longer exists as it was loaded."""
        loaded_pk = self.request.POST.get("loaded_revision_id", "")
        latest = self.latest_revision
        if (
            loaded_pk.isdigit()
            and int(loaded_pk) != latest.pk
            and self.real_page_record.revisions.filter(pk=loaded_pk).exists()
        ):
            url = reverse(
                "wagtailadmin_pages:revisions_compare",
                args=(self.page.pk, int(loaded_pk), latest.pk),
            )
            return messages.button(url, _("Compare versions"), new_window=True)
        url = reverse("wagtailadmin_pages:history", args=(self.page.pk,))
        return messages.button(url, _("Page history"), new_window=True)


# Decorated as Wagtail decorates its own admin URLs (login and admin access, the admin's 404
# page, no caching). A page type given its own PageViewSet with a custom edit view must
# subclass ConcurrencySafeEditView, or this route would hide that view.
edit_view = never_cache(display_custom_404(require_admin_access(ConcurrencySafeEditView.as_view())))
