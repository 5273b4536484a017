"""Sign-in and registration forms, with error messages in plain English."""

from django import forms
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from .models import BuyerSector, User
from .selectors import buyer_domain_is_allowed, buyer_organisation_find, join_refusal_message


def new_password_field() -> forms.CharField:
    """The "create a password" field of every form where someone chooses one."""
    return forms.CharField(
        label=_("Create a password"),
        strip=False,
        help_text=_("At least 12 characters. Avoid common words and passwords."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Create a password")},
    )


def new_password_check(form: forms.Form, *, email: str, full_name: str) -> None:
    """Run the password validators against the person the password is for (so it
    may not resemble their name or address) and put any failure on the field."""
    password = form.cleaned_data.get("password")
    if password:
        try:
            password_validation.validate_password(password, User(email=email, full_name=full_name))
        except forms.ValidationError as error:
            form.add_error("password", error)


def unregistered_email(email: str) -> str:
    """The address, lower-cased, if no account uses it yet; a field error if one does."""
    email = email.lower()
    if User.objects.filter(email__iexact=email).exists():
        raise forms.ValidationError(
            _("An account with this e-mail address already exists. Sign in instead."),
            code="exists",
        )
    return email


class SignInForm(forms.Form):
    """E-mail and password. Works with Django's LoginView, which only needs
    ``get_user()`` and a ``request`` keyword."""

    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your e-mail address"),
            "invalid": _("Enter an e-mail address in the correct format, like name@example.gov.uk"),
        },
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password")},
    )

    error_messages = {
        "invalid_login": _(
            "The e-mail address or password is not right. Check them and try again."
        ),
        "inactive": _(
            "You need to confirm your e-mail address before you can sign in. "
            "Use the link in the e-mail we sent you."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user_cache = None
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        email, password = cleaned.get("email"), cleaned.get("password")
        if email and password:
            email = email.lower()
            # Login throttling (axes) reads the address from "email" here and from
            # "username" on the admin's form: see throttle.py.
            self.user_cache = authenticate(self.request, email=email, password=password)
            if self.user_cache is None:
                dormant = User.objects.filter(email=email, is_active=False).first()
                # On the e-mail field, so the message sits next to what to fix and the
                # error summary links to it.
                if dormant is not None and dormant.check_password(password):
                    self.add_error("email", self.error_messages["inactive"])
                else:
                    self.add_error("email", self.error_messages["invalid_login"])
        return cleaned

    def get_user(self):
        return self.user_cache


class BuyerRegistrationForm(forms.Form):
    email = forms.EmailField(
        label=_("Work e-mail address"),
        help_text=_("Use your public-sector address, for example name@council.gov.uk"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your work e-mail address"),
            "invalid": _("Enter an e-mail address in the correct format, like name@example.gov.uk"),
        },
    )
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={"required": _("Enter your full name")},
    )
    organisation_name = forms.CharField(
        label=_("Organisation you buy for"),
        max_length=255,
        help_text=_("For example Leeds City Council or Department for Education"),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={"required": _("Enter the name of the organisation you buy for")},
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=BuyerSector.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the sector your organisation is in")},
    )
    password = new_password_field()

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if not buyer_domain_is_allowed(email=email):
            raise forms.ValidationError(
                _(
                    "Buyer accounts are for public-sector e-mail addresses. "
                    "Use your work address, or ask your organisation's digital team "
                    "to contact us to add your domain."
                ),
                code="domain_not_allowed",
            )
        return unregistered_email(email)

    def clean(self):
        cleaned = super().clean()
        new_password_check(
            self, email=cleaned.get("email", ""), full_name=cleaned.get("full_name", "")
        )
        # An existing organisation can only be asked by an address at its domains;
        # the message sits on the organisation's name, which is what to check.
        email, name = cleaned.get("email"), cleaned.get("organisation_name")
        organisation = buyer_organisation_find(name=name) if email and name else None
        if organisation is not None:
            refusal = join_refusal_message(organisation=organisation, email=email)
            if refusal:
                self.add_error("organisation_name", refusal)
        return cleaned


class JoinDecisionForm(forms.Form):
    """The button a member pressed on a request: approve or refuse."""

    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("refuse", "Refuse")])


class ResetPasswordForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your e-mail address"),
            "invalid": _("Enter an e-mail address in the correct format, like name@example.gov.uk"),
        },
    )


class ChooseNewPasswordForm(SetPasswordForm):
    error_messages = {"password_mismatch": _("The passwords do not match. Type them again.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password1"].help_text = _(
            "At least 12 characters. Avoid common words and passwords."
        )
        self.fields["new_password1"].error_messages["required"] = _("Enter a new password")
        self.fields["new_password2"].label = _("Type the new password again")
        self.fields["new_password2"].error_messages["required"] = _("Type the new password again")
