"""The buyer's one question: how many units."""

from django import forms
from django.utils.translation import gettext_lazy as _

# Well beyond any listing's limit but small enough that no total can overflow.
LARGEST_QUANTITY = 1_000_000


class QuantityForm(forms.Form):
    quantity = forms.IntegerField(
        label=_("How many do you want to buy?"),
        min_value=1,
        max_value=LARGEST_QUANTITY,
        error_messages={
            "required": _("Enter how many you want to buy"),
            "invalid": _("Enter a whole number, like 10"),
            "min_value": _("Enter a number of 1 or more"),
            "max_value": _("Enter a number no bigger than 1,000,000"),
        },
    )

    def __init__(self, *args, listing, **kwargs):
        super().__init__(*args, **kwargs)
        self.listing = listing
        version = listing.live_version
        field = self.fields["quantity"]
        field.widget.input_type = "text"  # GOV.UK: no number spinners
        field.widget.attrs.update(inputmode="numeric", autocomplete="off")
        field.label = _("How many do you want to buy?")
        bounds = f"at least {version.min_quantity:,}"
        if version.max_quantity:
            bounds = f"from {version.min_quantity:,} to {version.max_quantity:,}"
        field.help_text = _("One unit is one %(unit)s. Enter a whole number, %(bounds)s") % {
            "unit": version.unit_name,
            "bounds": bounds,
        }

    def clean_quantity(self):
        from .services import order_quantity_errors

        quantity = self.cleaned_data["quantity"]
        message = order_quantity_errors(listing=self.listing, quantity=quantity)
        if message:
            raise forms.ValidationError(message)
        return quantity


class RefundForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you refunding this order?"),
        help_text=_("The buyer sees this reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Enter why you are refunding this order"),
            "max_length": _("The reason must be 1,000 characters or fewer"),
        },
    )
