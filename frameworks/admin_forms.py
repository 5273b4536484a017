"""Wagtail admin forms for the framework map.

Some model fields store JSON lists (buyer sectors, CPV codes), which Wagtail
would otherwise show as raw JSON; these forms give staff checkboxes and a
comma-separated box instead. The category form places new nodes in the tree.
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from marketplace.accounts.models import BuyerSector
from marketplace.core.choice_fields import CheckedModelChoiceField

from .models import Category


class SectorsField(forms.MultipleChoiceField):
    """Buyer sector codes as checkboxes, cleaned to the plain list the JSONField stores."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", BuyerSector.choices)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class CommaSeparatedListField(forms.CharField):
    """A JSON list of short codes edited as "a, b, c"."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(item) for item in value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        return [part.strip() for part in text.split(",") if part.strip()]


class BuyingOrganisationAdminForm(WagtailAdminModelForm):
    sectors_served = SectorsField(label=_("Sectors served"))


class FrameworkAdminForm(WagtailAdminModelForm):
    sectors = SectorsField(label=_("Sectors that may use it"))


class CategoryAdminForm(WagtailAdminModelForm):
    # Not a model field: the tree position is the materialised path, which only
    # treebeard's add_root/add_child may write. Offered on create only, because
    # moving a node re-paths its whole subtree and is not an editing job.
    parent = CheckedModelChoiceField(
        label=_("Parent category"),
        queryset=Category.objects.all(),
        required=False,
        empty_label=_("None (top level)"),
        error_messages={"invalid_choice": _("Select a parent category from the list")},
        help_text=_("Leave blank to make a top-level category."),
    )
    cpv_codes = CommaSeparatedListField(
        label=_("CPV codes"),
        required=False,
        help_text=_("Separate codes with commas, for example 72000000, 48000000."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["parent"]

    def save(self, commit=True):
        if self.instance.pk:
            return super().save(commit=commit)
        node = super().save(commit=False)
        parent = self.cleaned_data.get("parent")
        node = parent.add_child(instance=node) if parent else Category.add_root(instance=node)
        self._save_m2m()
        return node


class FrameworkUsageAdminForm(WagtailAdminModelForm):
    """Spend is stored in pence, exactly; staff read and type pounds."""

    spend_pounds = forms.DecimalField(
        label=_("Spend in pounds"),
        min_value=0,
        max_digits=15,
        decimal_places=2,
        help_text=_("For example 172007797.58"),
        error_messages={
            "required": _("Enter the spend in pounds"),
            "invalid": _("The spend must be a number of pounds, like 1250.50"),
            "min_value": _("The spend must be £0 or more"),
            "max_decimal_places": _("Enter the spend in pounds and pence, like 1250.50"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["spend_pounds"] = Decimal(self.instance.spend_pence) / 100

    def save(self, commit=True):
        self.instance.spend_pence = int(self.cleaned_data["spend_pounds"] * 100)
        return super().save(commit=commit)
