from django import forms
from django.utils.translation import gettext_lazy as _


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
