"""Forms for the supply chain: answering a partnership proposal."""

from django import forms
from django.utils.translation import gettext_lazy as _

CONFIRM, DECLINE = "confirm", "decline"


class PartnershipAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Do you work together as they describe?"),
        choices=[
            (CONFIRM, _("Yes, confirm the partnership")),
            (DECLINE, _("No, decline it")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select whether to confirm or decline the partnership"),
            "invalid_choice": _("Select whether to confirm or decline the partnership"),
        },
    )
