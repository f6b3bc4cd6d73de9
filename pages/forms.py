"""The document form of the admin (WAGTAILDOCS_DOCUMENT_FORM_BASE): also used by the multiple
upload and the chooser's upload tab. The content must be what the extension says
(pages/upload_checks.py), and a refusal says so once."""

from wagtail.documents.forms import BaseDocumentForm

from pages.upload_checks import check_document_content


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and hasattr(uploaded, "read") and not getattr(uploaded, "_committed", False):
            check_document_content(uploaded)
        return uploaded

    def _post_clean(self):
        # Document.clean checks the extension of the instance's file; when the upload was
        # refused, that is a new document's empty name, and its message (the extension "" is not
        # allowed) would follow the real one. Keep only the field's own refusal.
        refused = self.errors["file"].copy() if self.has_error("file") else None
        super()._post_clean()
        if refused is not None:
            self._errors["file"] = refused
