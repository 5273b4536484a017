"""The supplier's forms: choose a framework lot, then describe the service.

Every message is written for a supplier who is probably a micro business doing
this alone: it says what is wrong and how to put it right. The rules against
keyword stuffing live in ``validation.py`` so the admin and any import share
them; this form only attaches their messages to the right fields.
"""

from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from frameworks.models import Category, Lot
from frameworks.selectors import lot_refusal_reason
from marketplace.core.choice_fields import CheckedModelChoiceField, CheckedModelMultipleChoiceField
from marketplace.core.models import Region
from marketplace.core.money import PoundsField
from marketplace.core.uploads import ODT, PDF, upload_check

from .models import ListingVersion
from .presenters import document_name
from .selectors import lots_open_for_listings
from .validation import ListingText, listing_text_errors
from .vocabulary import OpenStandard, PlatformIntegration, PriceUnit, PricingModel

WHOLE_UK = "whole-uk"
DOCUMENT_MAX_MB = 10
DOCUMENT_LIMIT_WORDS = f"{DOCUMENT_MAX_MB}MB"
YES, NO = "yes", "no"
OFFERS = (
    ("free_trial", _("A free trial is available")),
    ("education_pricing", _("Education pricing is available")),
)
TEXT_FIELDS = ("name", "summary", "description")
LIST_FIELDS = ("features", "benefits")
DOCUMENT_FIELDS = ("service_definition", "terms")
QUANTITY_FIELDS = ("min_quantity", "max_quantity")


class ChooseLotForm(forms.Form):
    lot = CheckedModelChoiceField(
        label=_("Which framework lot is the service for?"),
        queryset=Lot.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Select the framework lot your service is for"),
            "invalid_choice": _("Select one of the framework lots listed"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lot"].queryset = lots_open_for_listings()
        self.fields["lot"].label_from_instance = lambda lot: (
            f"{lot.framework.name}: Lot {lot.number}, {lot.name}"
        )

    def clean(self):
        # A lot left off the list (its framework expired, say) gets told why.
        if self.has_error("lot", "invalid_choice"):
            reason = lot_refusal_reason(lot_id=self.data.get("lot", ""))
            if reason:
                self.errors["lot"] = self.error_class([reason])
        return super().clean()


def _document_field(label: str) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        help_text=_("Optional. A PDF or ODT file, %(limit)s or smaller.")
        % {"limit": DOCUMENT_LIMIT_WORDS},
        error_messages={"empty": _("The selected file is empty")},
    )


def _words(label: str, hint: str) -> forms.CharField:
    # Not required here: validation.py says what is missing, in its own words.
    return forms.CharField(label=label, help_text=hint, required=False)


def _choices(
    field_class: type[forms.Field], label: str, *, invalid: str, required: str = "", **kwargs
):
    """A choice field whose messages say what to select. Optional unless ``required`` says
    what to write when nothing is chosen; a multiple choice shows "Select all that apply"."""
    messages = {"invalid_choice": invalid, "invalid_pk_value": invalid}
    if required:
        messages["required"] = required
    elif issubclass(field_class, forms.MultipleChoiceField):
        kwargs.setdefault("help_text", _("Select all that apply"))
    return field_class(label=label, required=bool(required), error_messages=messages, **kwargs)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ListingForm(forms.Form):
    """One service on one lot. Used to create a listing and to change its draft."""

    name = _words(_("Service name"), _("100 characters or fewer, like 'Cloud backup for schools'"))
    summary = _words(
        _("Summary"), _("One or two sentences about what the service does, in 50 words or fewer")
    )
    description = _words(
        _("Description"), _("What the service does and how buyers use it, in 500 words or fewer")
    )
    # One textarea with one item per line, rather than ten text inputs: a single
    # labelled control is quicker to fill in by keyboard and with a screen reader
    # (no ten near-identical labels to tab through), people can paste a list they
    # already have, and the rules' messages ("Feature 3 must be…") still point at
    # a line the supplier can count to.
    features = _words(
        _("Features"), _("Up to 10 features, one on each line, each 10 words or fewer")
    )
    benefits = _words(
        _("Benefits"), _("Up to 10 benefits, one on each line, each 10 words or fewer")
    )
    categories = _choices(
        CheckedModelMultipleChoiceField,
        _("Categories"),
        required=_("Select at least one category"),
        invalid=_("Select only categories listed for this lot"),
        queryset=Lot.objects.none(),
    )
    regions = _choices(
        forms.MultipleChoiceField,
        _("Where do you deliver the service?"),
        required=_("Select the regions where you deliver the service, or the whole UK"),
        invalid=_("Select only regions from the list"),
    )
    open_standards = _choices(
        forms.MultipleChoiceField,
        _("Open standards the service supports"),
        invalid=_("Select only open standards from the list"),
        choices=OpenStandard.choices,
    )
    integrations = _choices(
        forms.MultipleChoiceField,
        _("Government platforms the service works with"),
        invalid=_("Select only platforms from the list"),
        choices=PlatformIntegration.choices,
    )
    price = PoundsField(label=_("Price (£)"), what="price", max_digits=12)
    price_unit = _choices(
        forms.ChoiceField,
        _("What the price is for"),
        required=_("Select what the price is for, like per user"),
        invalid=_("Select what the price is for from the list"),
        choices=[("", _("Choose a unit")), *PriceUnit.choices],
    )
    pricing_model = _choices(
        forms.ChoiceField,
        _("How is the service priced?"),
        required=_("Select how the service is priced"),
        invalid=_("Select how the service is priced"),
        choices=PricingModel.choices,
    )
    offers = _choices(
        forms.MultipleChoiceField,
        _("Offers"),
        invalid=_("Select only offers from the list"),
        choices=OFFERS,
    )
    service_definition = _document_field(_("Service definition document"))
    terms = _document_field(_("Terms and conditions"))
    buy_online = _choices(
        forms.ChoiceField,
        _("Can buyers pay for the service online by card?"),
        required=_("Select yes if buyers can pay for the service online by card"),
        invalid=_("Select yes if buyers can pay for the service online by card"),
        choices=[(YES, _("Yes")), (NO, _("No"))],
    )
    unit_price = PoundsField(
        label=_("Unit price for card payments (£)"),
        what="unit price",
        max_digits=10,
        required=False,
        help_text=_("Only if buyers can pay online: what a buyer pays for one unit, before VAT"),
    )
    unit_name = forms.CharField(
        label=_("What is one unit called?"),
        help_text=_("Only if buyers can pay online. For example: mailbox, licence, GB a month"),
        max_length=40,
        required=False,
        error_messages={"max_length": _("The unit's name must be 40 characters or fewer")},
    )
    min_quantity = forms.IntegerField(
        label=_("Fewest units in one order"),
        required=False,
        min_value=1,
        max_value=1_000_000,
        error_messages={
            "invalid": _("The fewest units must be a whole number, like 1"),
            "min_value": _("The fewest units must be 1 or more"),
            "max_value": _("The fewest units must be 1,000,000 or fewer"),
        },
    )
    max_quantity = forms.IntegerField(
        label=_("Most units in one order"),
        help_text=_("Leave empty for no limit of your own"),
        required=False,
        min_value=1,
        max_value=1_000_000,
        error_messages={
            "invalid": _("The most units must be a whole number, like 500"),
            "min_value": _("The most units must be 1 or more"),
            "max_value": _("The most units must be 1,000,000 or fewer"),
        },
    )

    def __init__(
        self, *args, lot: Lot, current: ListingVersion | None = None, supplier: Any = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.lot, self.current, self.supplier = lot, current, supplier
        for field in QUANTITY_FIELDS:
            self.fields[field].widget.input_type = "text"  # GOV.UK: no number spinners
            self.fields[field].widget.attrs["inputmode"] = "numeric"
        categories = self.fields["categories"]
        categories.queryset = lot.categories.order_by("name")
        if lot.max_categories:
            categories.help_text = _("Select up to %(count)s") % {"count": lot.max_categories}
        self.fields["regions"].choices = [
            *((region.code, region.name) for region in Region.objects.all()),
            (WHOLE_UK, _("The whole UK")),
        ]
        for field in DOCUMENT_FIELDS:
            existing = getattr(current, field, None)
            if existing:
                self.fields[field].help_text = _(
                    "Your current file is %(name)s. Choose a new PDF or ODT file, "
                    "%(limit)s or smaller, only if you want to replace it."
                ) % {"name": document_name(current, field), "limit": DOCUMENT_LIMIT_WORDS}

    @staticmethod
    def initial_for(version: ListingVersion) -> dict[str, Any]:
        """The form's answers for an existing version, to change it."""
        regions = [region.code for region in version.regions.all()]
        offers = [code for code, _label in OFFERS if getattr(version, code)]
        return {
            **{field: getattr(version, field) for field in TEXT_FIELDS},
            **{field: "\n".join(getattr(version, field)) for field in LIST_FIELDS},
            "categories": [category.pk for category in version.categories.all()],
            "regions": regions + ([WHOLE_UK] if version.serves_whole_uk else []),
            "open_standards": version.open_standards,
            "integrations": version.integrations,
            "price": version.price,
            "price_unit": version.price_unit,
            "pricing_model": version.pricing_model,
            "offers": offers,
            "buy_online": YES if version.buy_online else NO,
            "unit_price": version.unit_price,
            "unit_name": version.unit_name,
            "min_quantity": version.min_quantity,
            "max_quantity": version.max_quantity,
        }

    @staticmethod
    def initial_for_supplier(supplier: Any) -> dict[str, Any]:
        """A new listing starts with the regions the supplier says it serves."""
        regions = [region.code for region in supplier.regions_served.all()]
        return {"regions": regions + ([WHOLE_UK] if supplier.serves_whole_uk else [])}

    def category_groups(self) -> list[dict]:
        """The lot's categories grouped under their parents, for the checkbox tree
        (core's ``gds_checkbox_tree``): many categories share a name across groups
        ("Email and secure email"), so each box is shown, and read out, with its
        group. A group holding a chosen box starts open; one group is a plain list."""
        categories = list(self.fields["categories"].queryset)
        parents = dict(
            Category.objects.filter(
                path__in={category.path[: -Category.steplen] for category in categories}
            ).values_list("path", "name")
        )
        value = self["categories"].value() or []
        chosen = {str(getattr(item, "pk", item)) for item in value}
        groups: dict[str, dict] = {}
        for category in sorted(categories, key=lambda c: (c.path[: -Category.steplen], c.name)):
            parent = parents.get(category.path[: -Category.steplen], "")
            group = groups.setdefault(parent, {"summary": parent, "open": False, "items": []})
            checked = str(category.pk) in chosen
            group["open"] = group["open"] or checked
            group["items"].append(
                {
                    "value": str(category.pk),
                    "text": category.name,
                    "checked": checked,
                    "context": parent,
                }
            )
        if len(groups) == 1:
            for group in groups.values():
                group["summary"] = ""
        return list(groups.values())

    def clean_categories(self):
        chosen = self.cleaned_data["categories"]
        cap = self.lot.max_categories
        if cap and len(chosen) > cap:
            raise forms.ValidationError(
                _("Select no more than %(count)s categories") % {"count": cap}, code="too_many"
            )
        return chosen

    def _clean_document(self, field: str, label: str):
        return upload_check(
            self.cleaned_data.get(field),
            types={**PDF, **ODT},
            max_mb=DOCUMENT_MAX_MB,
            type_message=f"{label} must be a PDF or ODT file",
            size_message=f"{label} must be smaller than {DOCUMENT_LIMIT_WORDS}",
        )

    def clean_service_definition(self):
        return self._clean_document("service_definition", "The service definition")

    def clean_terms(self):
        return self._clean_document("terms", "The terms and conditions")

    def clean_features(self):
        return _lines(self.cleaned_data["features"])

    def clean_benefits(self):
        return _lines(self.cleaned_data["benefits"])

    def clean(self):
        cleaned = super().clean()
        text = ListingText(
            **{field: cleaned.get(field, "") for field in TEXT_FIELDS},
            **{field: cleaned.get(field, []) for field in LIST_FIELDS},
        )
        for field, messages in listing_text_errors(text).items():
            for message in messages:
                self.add_error(field, message)
        if cleaned.get("buy_online") == YES:
            self._clean_buy_online(cleaned)
        else:
            cleaned.update(unit_price=None, unit_name="", min_quantity=1, max_quantity=None)
        return cleaned

    def _clean_buy_online(self, cleaned: dict[str, Any]) -> None:
        if self.supplier is not None and not import_string(settings.LISTINGS_CARD_PAYMENTS_CHECK)(
            supplier=self.supplier
        ):
            self.add_error(
                "buy_online",
                _(
                    "Buyers can pay online only once your organisation has connected a "
                    "Stripe account that can take card payments. Connect one from your "
                    "account page, or select no"
                ),
            )
        if cleaned.get("unit_price") is None and "unit_price" not in self.errors:
            self.add_error("unit_price", _("Enter the unit price buyers pay when they buy online"))
        elif cleaned.get("unit_price") is not None and cleaned["unit_price"] < Decimal("0.01"):
            self.add_error("unit_price", _("The unit price must be at least 1p"))
        if not cleaned.get("unit_name") and "unit_name" not in self.errors:
            self.add_error("unit_name", _("Enter what one unit is called, like mailbox"))
        fewest, most = cleaned.get("min_quantity") or 1, cleaned.get("max_quantity")
        cleaned["min_quantity"] = fewest
        if most is not None and most < fewest and "max_quantity" not in self.errors:
            self.add_error(
                "max_quantity", _("The most units must be no fewer than the fewest units")
            )

    def content(self) -> dict[str, Any]:
        """The cleaned answers in the shape ``listings.services`` expects."""
        data = self.cleaned_data
        regions = [code for code in data["regions"] if code != WHOLE_UK]
        content = {
            **{field: data[field] for field in (*TEXT_FIELDS, *LIST_FIELDS)},
            "categories": list(data["categories"]),
            "serves_whole_uk": WHOLE_UK in data["regions"],
            "regions": regions,
            "open_standards": data["open_standards"],
            "integrations": data["integrations"],
            "price": data["price"],
            "price_unit": data["price_unit"],
            "pricing_model": data["pricing_model"],
            **{code: code in data["offers"] for code, _label in OFFERS},
            "buy_online": data["buy_online"] == YES,
            "unit_price": data["unit_price"],
            "unit_name": data["unit_name"],
            "min_quantity": data["min_quantity"],
            "max_quantity": data["max_quantity"],
        }
        # A document not uploaded this time is left as it was, so editing keeps it.
        content.update({field: data[field] for field in DOCUMENT_FIELDS if data.get(field)})
        return content


class ListingEditForm(ListingForm):
    """Changing an existing listing: the form remembers which revision it was opened on,
    so a save on top of someone else's later change is caught, not silently lost."""

    revision = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            key: _("This page is out of date. Go back to the listing and change it again")
            for key in ("required", "invalid", "min_value")
        },
    )

    def conflict(self, *, latest: ListingVersion, message: str) -> None:
        """Someone saved first: keep these answers, but on top of their revision now,
        so saving again is a decision made knowing about their change."""
        self.data = self.data.copy()
        self.data["revision"] = str(latest.revision)
        self.current = latest
        self.add_error(None, forms.ValidationError(message, code="conflict"))


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you withdrawing the listing? (optional)"),
        help_text=_("CCS sees this. It helps them understand why services leave the marketplace."),
        required=False,
        max_length=1000,
        error_messages={"max_length": _("The reason must be 1000 characters or fewer")},
    )
