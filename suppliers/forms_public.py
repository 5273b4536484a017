"""The A to Z page's query: a letter and an optional name search, both in the URL."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .presenters import LETTERS


class SupplierIndexForm(forms.Form):
    q = forms.CharField(
        label=_("Search by supplier name"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("Supplier name must be 100 characters or fewer")},
    )
    letter = forms.ChoiceField(
        choices=[("", "All"), *[(letter, letter) for letter in LETTERS]],
        required=False,
        error_messages={"invalid_choice": _("Choose a letter from A to Z, or 0-9")},
    )
