"""The forms moderators fill in: publishing (with optional redaction), giving a
reason for a rejection, and deciding a dispute.

A redaction may only take words out: each removed passage becomes
"[redacted]" and everything else stays as the author wrote it, so the public
can trust that what they read are the author's words, with gaps marked.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DisputeOutcome, FeedbackVersion, RedactionReason

REDACTED = "[redacted]"


def _normalised(text: str) -> str:
    # Browsers send text area line breaks as CRLF; the author's text was stored with LF.
    return text.replace("\r\n", "\n").strip()


def is_redaction_of(*, original: str, edited: str) -> bool:
    """True when ``edited`` is ``original`` with some passages replaced by [redacted]."""
    pieces = edited.split(REDACTED)
    if len(pieces) == 1:
        return edited == original
    first, *middle, last = pieces
    if not (original.startswith(first) and original.endswith(last)):
        return False
    position = len(first)
    for piece in middle:
        found = original.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return len(original) - len(last) >= position


class RedactableTextField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            strip=False,
            widget=forms.Textarea(attrs={"rows": 6}),
            help_text=_(
                "To hide personal data (names of people, phone numbers, e-mail addresses) or "
                "commercial-in-confidence details, replace the words "
                "with [redacted]. Do not change anything else. The public will see that "
                "something was redacted; the author's own words are kept for the record."
            ),
            **kwargs,
        )

    def to_python(self, value):
        return _normalised(super().to_python(value))


class PublishForm(forms.Form):
    """What the public will read, prefilled with the author's words. A text the
    author left empty has nothing to redact and no box."""

    went_well_public = RedactableTextField(label=_("What went well (as the public will read it)"))
    could_be_better_public = RedactableTextField(
        label=_("What could be better (as the public will read it)")
    )
    redaction_reason = forms.ChoiceField(
        label=_("If you redacted words, why?"),
        help_text=_("The public notice under the feedback gives this reason."),
        choices=RedactionReason.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Select one of the reasons listed")},
    )

    ORIGINALS = {"went_well_public": "went_well", "could_be_better_public": "could_be_better"}

    def __init__(self, *args, version: FeedbackVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.originals = {}
        for name, original_field in self.ORIGINALS.items():
            original = getattr(version, original_field)
            if not original:
                del self.fields[name]
                continue
            self.originals[name] = original
            self.fields[name].initial = getattr(version, name)

    def clean(self):
        cleaned = super().clean()
        for name, original in self.originals.items():
            edited = cleaned.get(name, "")
            if not is_redaction_of(original=original, edited=edited):
                self.add_error(
                    name,
                    _(
                        "Only replace words with [redacted] and leave the rest as the author "
                        "wrote it. To ask for other changes, reject the feedback and say why"
                    ),
                )
        redacted = any(
            cleaned.get(name, original) != original for name, original in self.originals.items()
        )
        if redacted and not cleaned.get("redaction_reason"):
            self.add_error("redaction_reason", _("Select why you replaced words with [redacted]"))
        return cleaned

    def service_arguments(self) -> dict[str, str]:
        arguments = {name: self.cleaned_data[name] for name in self.originals}
        return {**arguments, "redaction_reason": self.cleaned_data.get("redaction_reason", "")}


class ReasonForm(forms.Form):
    """A reason that is sent to the person whose words were not published."""

    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, label: str, help_text: str, required_message: str, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.label, field.help_text = label, help_text
        field.error_messages["required"] = required_message


def feedback_reject_form(*args, **kwargs) -> ReasonForm:
    return ReasonForm(
        *args,
        label=_("Reason for rejecting"),
        help_text=_(
            "We e-mail this to the author. Say which community guideline the feedback "
            "breaks and what they could change to send it again."
        ),
        required_message=_("Enter the reason for rejecting the feedback"),
        **kwargs,
    )


def response_reject_form(*args, **kwargs) -> ReasonForm:
    return ReasonForm(
        *args,
        label=_("Reason for rejecting"),
        help_text=_("We e-mail this to the supplier. Say which community guideline it breaks."),
        required_message=_("Enter the reason for rejecting the response"),
        **kwargs,
    )


class DisputeDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (DisputeOutcome.UPHELD.value, DisputeOutcome.UPHELD.label),
            (DisputeOutcome.NOT_UPHELD.value, DisputeOutcome.NOT_UPHELD.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether the dispute is upheld")},
    )
    decision = forms.CharField(
        label=_("Explain the decision"),
        help_text=_(
            "Shown publicly next to the feedback. Upheld feedback stays visible, marked as "
            "found inaccurate, and leaves the supplier's averages."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Explain the decision, which is shown publicly")},
    )

    @property
    def upheld(self) -> bool:
        return self.cleaned_data["outcome"] == DisputeOutcome.UPHELD
