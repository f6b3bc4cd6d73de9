from django.contrib.auth.forms import AuthenticationForm
from wagtail.admin.forms.auth import LoginForm


class AdminLoginForm(LoginForm):
    """Wagtail's login form, its password field labelled in Danish.

    Wagtail redefines the field without a label, so Django names it "Password" after the field,
    which no catalogue translates; this takes the translated label of Django's own form.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = AuthenticationForm.base_fields["password"].label
