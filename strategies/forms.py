from django import forms
from django.utils.translation import gettext_lazy as _

from frameworks.models import Category
from marketplace.core.choice_fields import CheckedModelMultipleChoiceField
from marketplace.core.models import Region

from .cpv import cpv_divisions


class ComparisonForm(forms.Form):
    """Which two of an organisation's published years to compare (a GET form)."""

    earlier = forms.TypedChoiceField(label=_("Compare"), coerce=int)
    later = forms.TypedChoiceField(label=_("With"), coerce=int)

    def __init__(self, *args, years: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["earlier"].choices = years
        self.fields["later"].choices = years

    def clean(self):
        data = super().clean()
        if data.get("earlier") is not None and data.get("earlier") == data.get("later"):
            self.add_error("later", _("Choose two different years"))
        return data


class PipelineAlertForm(forms.Form):
    """What a supplier wants to hear about: a few top-level groups, not the
    whole category tree. Any one choice is enough; an empty group means "any"."""

    categories = CheckedModelMultipleChoiceField(
        label=_("Categories of the framework map"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each includes everything under it."),
    )
    cpv_divisions = forms.MultipleChoiceField(
        label=_("Groups of the Common Procurement Vocabulary (CPV)"),
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Most planned procurements are described by CPV codes. Each group "
            "includes every code that starts with its two digits."
        ),
    )
    regions = CheckedModelMultipleChoiceField(
        label=_("Delivery regions"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to hear about work anywhere in the UK."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = Category.objects.filter(depth=1).order_by("name")
        self.fields["cpv_divisions"].choices = [
            (prefix, f"{prefix} {name}") for prefix, name in cpv_divisions()
        ]
        self.fields["regions"].queryset = Region.objects.order_by("code")

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("categories") or data.get("cpv_divisions")):
            raise forms.ValidationError(
                _("Choose at least one category or CPV group, so the alert is about your work"),
                code="nothing_chosen",
            )
        return data
