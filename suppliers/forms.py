"""Forms for the supplier's own area, with error messages in plain English.

Registration and the profile share the organisation's facts (names, numbers,
size inputs, VCSE type, head office), so those fields and their checks live in
one base form. The services do the deriving: size band and head-office region.
"""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.forms import new_password_check, new_password_field, unregistered_email
from marketplace.core.choice_fields import CheckedModelChoiceField, CheckedModelMultipleChoiceField
from marketplace.core.models import Region
from marketplace.core.money import PoundsField
from marketplace.core.uploads import PDF, upload_check

from .identifiers import charity_number_normalise, company_number_normalise
from .models import Accreditation, PartnerRole, SupplierOrganisation, VcseType
from .postcodes import postcode_normalise
from .selectors import partner_candidates, supplier_invitations_open, supplier_name_taken

# A radio needs a value; the model stores "not a VCSE" as blank.
NOT_VCSE = "none"
WHOLE_UK = "whole-uk"
MAX_PDF_MB = 5

EMAIL_MESSAGES = {
    "required": _("Enter an e-mail address"),
    "invalid": _("Enter an e-mail address in the correct format, like name@example.co.uk"),
}
URL_MESSAGE = _("Enter a web address in the correct format, like https://www.example.co.uk")


def _messages(message: str, *keys: str) -> dict[str, str]:
    """One message for every way a value can be wrong: people need to know what to
    type, not which rule it broke."""
    return dict.fromkeys(keys, message)


def _url_field(label: str, **kwargs) -> forms.URLField:
    return forms.URLField(
        label=label,
        required=False,
        assume_scheme="https",
        max_length=200,
        error_messages=_messages(URL_MESSAGE, "invalid", "max_length"),
        widget=forms.URLInput(attrs={"spellcheck": "false"}),
        **kwargs,
    )


def _name_field(
    label: str, *, subject: str, required_message: str = "", **kwargs
) -> forms.CharField:
    """A name of up to 255 characters, the models' limit."""
    messages = {"max_length": format_lazy(_("{} must be 255 characters or fewer"), subject)}
    if required_message:
        messages["required"] = required_message
    return forms.CharField(
        label=label,
        max_length=255,
        required=bool(required_message),
        error_messages=messages,
        **kwargs,
    )


def _full_name_field() -> forms.CharField:
    return _name_field(
        _("Your full name"),
        subject=_("Your name"),
        required_message=_("Enter your full name"),
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )


def _pounds_field(what: str, **kwargs) -> PoundsField:
    """An amount from the accounts, in whole pounds, with one message for any mistake."""
    message = format_lazy(_("Enter your {} in whole pounds, like 250000"), what)
    return PoundsField(
        what=what,
        required=False,
        max_digits=15,
        decimal_places=0,
        error_messages=_messages(
            message, "invalid", "min_value", "max_digits", "max_whole_digits", "max_decimal_places"
        ),
        **kwargs,
    )


ORGANISATION_FIELDS = (
    "name",
    "trading_name",
    "companies_house_number",
    "charity_number",
    "staff_headcount",
    "turnover",
    "balance_sheet_total",
    "vcse_type",
    "head_office_postcode",
)


class OrganisationFactsForm(forms.Form):
    """Who the organisation is, how big and where: asked at registration and on the profile."""

    name_taken_message = _(
        "An organisation with this name is already registered. "
        "If it is yours, ask someone there to invite you to its team."
    )

    name = _name_field(
        _("Legal name of the organisation"),
        subject=_("The legal name"),
        required_message=_("Enter the legal name of your organisation"),
        help_text=_("As registered at Companies House or with the charity regulator"),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    trading_name = _name_field(
        _("Trading name (optional)"),
        subject=_("The trading name"),
        help_text=_("If buyers know you by another name"),
    )
    companies_house_number = forms.CharField(
        label=_("Companies House number"),
        required=False,
        help_text=_("8 characters, like 01234567 or SC123456"),
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    charity_number = forms.CharField(
        label=_("Charity number"),
        required=False,
        help_text=_("If you are a registered charity, like 1234567, SC012345 or NIC100001"),
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    staff_headcount = forms.IntegerField(
        label=_("How many staff do you employ?"),
        help_text=_("Count everyone on your payroll, full and part time"),
        min_value=0,
        max_value=10_000_000,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter how many staff you employ"),
            **_messages(
                _("Enter your staff headcount as a whole number, like 12"),
                "invalid",
                "min_value",
                "max_value",
            ),
        },
    )
    turnover = _pounds_field(
        _("annual turnover"),
        label=_("Annual turnover (£)"),
        help_text=_("From your last accounts. Give this, the balance sheet total, or both."),
    )
    balance_sheet_total = _pounds_field(
        _("balance sheet total"),
        label=_("Balance sheet total (£)"),
        help_text=_("Total assets from your last balance sheet"),
    )
    vcse_type = forms.ChoiceField(
        label=_("Is your organisation a voluntary, community or social enterprise (VCSE)?"),
        choices=[*VcseType.choices, (NOT_VCSE, _("Not a VCSE"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the type of VCSE, or select Not a VCSE")},
    )
    head_office_postcode = forms.CharField(
        label=_("Head office postcode"),
        help_text=_("We use it to show buyers the region you are based in"),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "spellcheck": "false"}),
        error_messages={"required": _("Enter your head office postcode")},
    )

    def __init__(self, *args, supplier: SupplierOrganisation | None = None, **kwargs):
        self.supplier = supplier
        super().__init__(*args, **kwargs)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if supplier_name_taken(name=name, exclude_pk=self.supplier.pk if self.supplier else None):
            raise forms.ValidationError(self.name_taken_message, code="taken")
        return name

    def clean_companies_house_number(self) -> str:
        return _normalised(self.cleaned_data["companies_house_number"], company_number_normalise)

    def clean_charity_number(self) -> str:
        return _normalised(self.cleaned_data["charity_number"], charity_number_normalise)

    def clean_head_office_postcode(self) -> str:
        return _normalised(self.cleaned_data["head_office_postcode"], postcode_normalise)

    def clean_vcse_type(self) -> str:
        value = self.cleaned_data["vcse_type"]
        return "" if value == NOT_VCSE else value

    def clean(self):
        cleaned = super().clean()
        numbers = ("companies_house_number", "charity_number")
        if not any(cleaned.get(f) for f in numbers) and not any(f in self.errors for f in numbers):
            self.add_error(
                "companies_house_number",
                _("Enter your Companies House number or your charity number"),
            )
        money = ("turnover", "balance_sheet_total")
        if all(cleaned.get(f) is None for f in money) and not any(f in self.errors for f in money):
            self.add_error(
                "turnover", _("Enter your annual turnover or your balance sheet total, or both")
            )
        return cleaned

    def organisation_answers(self) -> dict[str, Any]:
        return {field: self.cleaned_data[field] for field in ORGANISATION_FIELDS}


def _normalised(value: str, normalise) -> str:
    """Blank stays blank; anything else is normalised or refused with the
    normaliser's own message."""
    if not value.strip():
        return ""
    try:
        return normalise(value)
    except ValueError as error:
        raise forms.ValidationError(str(error), code="format") from error


class SupplierRegistrationForm(OrganisationFactsForm):
    full_name = _full_name_field()
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We will send a link to this address to confirm it"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={**EMAIL_MESSAGES, "required": _("Enter your e-mail address")},
    )
    password = new_password_field()

    def clean_email(self) -> str:
        return unregistered_email(self.cleaned_data["email"])

    def clean(self):
        cleaned = super().clean()
        new_password_check(
            self, email=cleaned.get("email", ""), full_name=cleaned.get("full_name", "")
        )
        return cleaned


COMMITMENTS = [
    ("real_living_wage_employer", _("We are an accredited Real Living Wage employer")),
    ("offers_apprenticeships", _("We offer apprenticeships")),
]
# Which contact details buyers may see: (model field that publishes it, the detail).
CONTACT_PUBLISHING = {
    "name": ("publish_contact_name", "contact_name"),
    "email": ("publish_contact_email", "contact_email"),
    "phone": ("publish_contact_phone", "contact_phone"),
}
CONTACT_CHOICES = [
    ("name", _("Contact name")),
    ("email", _("Contact e-mail address")),
    ("phone", _("Contact phone number")),
]
CONTACT_MISSING = {
    "name": _("Enter a contact name to show it to buyers, or do not select it"),
    "email": _("Enter a contact e-mail address to show it to buyers, or do not select it"),
    "phone": _("Enter a contact phone number to show it to buyers, or do not select it"),
}
PROFILE_TEXT_FIELDS = (
    "description",
    "website",
    "contact_name",
    "contact_email",
    "contact_phone",
    "carbon_reduction_plan_url",
    "code_of_conduct_url",
)


class SupplierProfileForm(OrganisationFactsForm):
    """Everything a supplier says about itself. Bound to the user's own organisation
    by the view; it never takes an organisation from the request."""

    name_taken_message = _("Another organisation is already registered with this name")

    description = forms.CharField(
        label=_("About your organisation"),
        required=False,
        max_length=2000,
        help_text=_("What you do and who you work with, in plain English"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "max_length": _("About your organisation must be 2,000 characters or fewer")
        },
    )
    website = _url_field(_("Website"))
    contact_name = _name_field(
        _("Contact name"),
        subject=_("The contact name"),
        help_text=_("The person buyers should contact"),
    )
    contact_email = forms.EmailField(
        label=_("Contact e-mail address"),
        required=False,
        widget=forms.EmailInput(attrs={"spellcheck": "false"}),
        error_messages=EMAIL_MESSAGES,
    )
    contact_phone = forms.RegexField(
        label=_("Contact phone number"),
        required=False,
        regex=r"^[0-9+() -]{7,32}$",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={
            "invalid": _("Enter a phone number, like 01632 960 001 or +44 808 157 0192")
        },
    )
    contact_published = forms.MultipleChoiceField(
        label=_("Which contact details should buyers see?"),
        required=False,
        choices=CONTACT_CHOICES,
        help_text=_(
            "They appear on your supplier page and your service pages. Buyers can always "
            "send you a question through this site, whatever you choose."
        ),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select contact details from the list")},
    )
    regions = forms.MultipleChoiceField(
        label=_("Where do you provide your services?"),
        required=False,
        help_text=_("Select the whole UK, or each region you serve"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select regions from the list")},
    )
    accreditations = CheckedModelMultipleChoiceField(
        label=_("Accreditations"),
        queryset=Accreditation.objects.all(),
        required=False,
        help_text=_("Select the certificates you hold now"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select accreditations from the list")},
    )
    commitments = forms.MultipleChoiceField(
        label=_("Social value"),
        required=False,
        choices=COMMITMENTS,
        widget=forms.CheckboxSelectMultiple,
    )
    carbon_reduction_plan_url = _url_field(
        _("Link to your carbon reduction plan (optional)"),
        help_text=_("A web page or PDF that sets out how you will reach net zero"),
    )
    code_of_conduct_url = _url_field(_("Link to your code of conduct (optional)"))
    code_of_conduct_file = forms.FileField(
        label=_("Or upload your code of conduct as a PDF (optional)"),
        required=False,
        help_text=format_lazy(_("The file must be a PDF smaller than {} MB"), MAX_PDF_MB),
        error_messages={
            "empty": _("The selected file is empty"),
            "invalid": _("Select a PDF file"),
        },
    )

    def __init__(self, *args, supplier: SupplierOrganisation, **kwargs):
        super().__init__(*args, supplier=supplier, **kwargs)
        regions = [(region.code, region.name) for region in Region.objects.order_by("code")]
        self.fields["regions"].choices = [(WHOLE_UK, _("The whole UK")), *regions]
        if not self.is_bound:
            self.initial = profile_initial(supplier)

    def clean(self):
        cleaned = super().clean()
        # A detail can be shown only if there is one to show.
        for choice in cleaned.get("contact_published", []):
            detail = CONTACT_PUBLISHING[choice][1]
            if detail not in self.errors and not cleaned.get(detail):
                self.add_error("contact_published", CONTACT_MISSING[choice])
        return cleaned

    def clean_code_of_conduct_file(self) -> UploadedFile | None:
        return upload_check(
            self.cleaned_data.get("code_of_conduct_file"),
            types=PDF,
            max_mb=MAX_PDF_MB,
            type_message=_("The code of conduct must be a PDF"),
            size_message=format_lazy(_("The file must be smaller than {} MB"), MAX_PDF_MB),
        )

    def changes(self) -> dict[str, Any]:
        """What to hand to supplier_profile_update: model fields by their own names."""
        data = self.cleaned_data
        changes = self.organisation_answers()
        changes.update({field: data[field] for field in PROFILE_TEXT_FIELDS})
        whole_uk = WHOLE_UK in data["regions"]
        changes["serves_whole_uk"] = whole_uk
        # Serving the whole UK covers every region, so no region is listed as well.
        codes = [] if whole_uk else data["regions"]
        changes["regions_served"] = list(Region.objects.filter(code__in=codes))
        changes["accreditations"] = list(data["accreditations"])
        for field, _label in COMMITMENTS:
            changes[field] = field in data["commitments"]
        for choice, (field, _detail) in CONTACT_PUBLISHING.items():
            changes[field] = choice in data["contact_published"]
        if data["code_of_conduct_file"]:
            changes["code_of_conduct_file"] = data["code_of_conduct_file"]
        return changes


def profile_initial(supplier: SupplierOrganisation) -> dict[str, Any]:
    initial = {field: getattr(supplier, field) for field in ORGANISATION_FIELDS}
    initial.update({field: getattr(supplier, field) for field in PROFILE_TEXT_FIELDS})
    initial["vcse_type"] = supplier.vcse_type or NOT_VCSE
    if supplier.pk:
        initial["regions"] = (
            [WHOLE_UK]
            if supplier.serves_whole_uk
            else [region.pk for region in supplier.regions_served.all()]
        )
        initial["accreditations"] = [a.pk for a in supplier.accreditations.all()]
    initial["commitments"] = [field for field, _label in COMMITMENTS if getattr(supplier, field)]
    initial["contact_published"] = [
        choice
        for choice, (field, _detail) in CONTACT_PUBLISHING.items()
        if getattr(supplier, field)
    ]
    return initial


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the person to invite"),
        widget=forms.EmailInput(attrs={"spellcheck": "false"}),
        error_messages=EMAIL_MESSAGES,
    )

    def __init__(self, *args, supplier: SupplierOrganisation, **kwargs):
        self.supplier = supplier
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if supplier_invitations_open(supplier=self.supplier).filter(email=email).exists():
            raise forms.ValidationError(
                _(
                    "You have already invited this person. "
                    "Cancel that invitation first if you want to send a new one."
                ),
                code="invited",
            )
        return email


class AcceptInvitationForm(forms.Form):
    full_name = _full_name_field()
    password = new_password_field()

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        try:
            unregistered_email(self.email)
        except forms.ValidationError as error:
            self.add_error(None, error)
        new_password_check(self, email=self.email, full_name=cleaned.get("full_name", ""))
        return cleaned


class PartnershipForm(forms.Form):
    partner = CheckedModelChoiceField(
        label=_("Which supplier do you work with?"),
        queryset=SupplierOrganisation.objects.none(),
        empty_label=_("Choose a supplier"),
        help_text=_("Suppliers are listed by their legal name"),
        error_messages={
            "required": _("Choose the supplier you work with"),
            "invalid_choice": _("Choose a supplier from the list"),
        },
    )
    role = forms.ChoiceField(
        label=_("What are they to you?"),
        choices=PartnerRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether they are your subcontractor or prime")},
    )
    statement = forms.CharField(
        label=_("How do you work together?"),
        max_length=1000,
        help_text=_("Buyers will see this on both organisations' profiles"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Describe how you work together"),
            "max_length": _("The description must be 1,000 characters or fewer"),
        },
    )

    def __init__(self, *args, supplier: SupplierOrganisation, **kwargs):
        super().__init__(*args, **kwargs)
        partner = self.fields["partner"]
        partner.queryset = partner_candidates(supplier=supplier)
        partner.label_from_instance = lambda organisation: organisation.name
