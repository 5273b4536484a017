from django import forms
from django.utils.translation import gettext_lazy as _

from .models import QUESTION_MAX


def _text_field(label: str, hint: str, *, required: str, too_long: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        max_length=QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": required, "max_length": too_long},
    )


class QuestionForm(forms.Form):
    text = _text_field(
        _("Your question"),
        _(
            "Do not include personal details. The supplier will see your organisation's "
            "name and your question, and will answer through this site."
        ),
        required=_("Enter your question"),
        too_long=_("Your question must be 2,000 characters or fewer"),
    )


class AnswerForm(forms.Form):
    text = _text_field(
        _("Your answer"),
        _("The buyer will see this with your organisation's name, and we will e-mail it to them."),
        required=_("Enter your answer"),
        too_long=_("Your answer must be 2,000 characters or fewer"),
    )
