"""The buyer's and the supplier's feedback forms.

The rules (one feedback per contract, the daily limit, what must be answered)
live in ``feedback.services``; these forms turn what was typed into the values
the services take, and put any ``ValidationError`` a service raises onto the
field it is about, so the page can show it next to the answer.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from marketplace.core.date_input import DateInputField
from marketplace.core.models import Region

from . import contract_dates, presenters
from .models import DisplayMode, ValueBand
from .pseudonyms import pseudonym
from .scale import DIMENSIONS, Rating

NOT_APPLICABLE = "na"
NO_REGION = "none"
TEXT_LIMIT = 5000
WOULD_USE_AGAIN = {"yes": True, "no": False, "not-sure": None}
DIMENSION_HINTS = {
    "overall": _("Your overall view of the supplier on this contract."),
    "quality": _("Was the work done well, to the standard the contract set?"),
    "timeliness": _("Did they deliver when they said they would?"),
    "value": _("Was what you got worth what you paid?"),
    "communication": _("Did they keep you informed and answer questions?"),
    "social_value": _("Did they deliver the social value they promised, if any?"),
}


class ServiceErrorsMixin:
    def add_service_errors(self, error: ValidationError) -> None:
        """Put a service's errors on the fields they name, the rest above the form."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)


def _text(label: str, hint: str, *, required: str = "") -> forms.CharField:
    limit = f"{label} must be {TEXT_LIMIT:,} characters or fewer"
    return forms.CharField(
        label=label,
        help_text=hint,
        required=bool(required),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea,
        error_messages={"required": required, "max_length": limit},
    )


def _rating(dimension: str) -> forms.ChoiceField:
    choices = [(str(level), text) for level, text in Rating.choices]
    messages = {"invalid_choice": "Select a rating from the list"}
    if dimension == "overall":
        messages["required"] = "Select an overall rating"
    else:
        choices.append((NOT_APPLICABLE, "Not applicable"))
    return forms.ChoiceField(
        label=DIMENSIONS[dimension],
        help_text=DIMENSION_HINTS[dimension],
        choices=choices,
        required=dimension == "overall",
        widget=forms.RadioSelect,
        error_messages=messages,
    )


class FeedbackContentForm(ServiceErrorsMixin, forms.Form):
    """The ratings and words of one version of a feedback."""

    overall = _rating("overall")
    quality = _rating("quality")
    timeliness = _rating("timeliness")
    value = _rating("value")
    communication = _rating("communication")
    social_value = _rating("social_value")
    would_use_again = forms.ChoiceField(
        label=_("Would you use them again?"),
        choices=[("yes", "Yes"), ("no", "No"), ("not-sure", "Not sure")],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select whether you would use this supplier again"),
            "invalid_choice": _("Select yes, no or not sure"),
        },
    )
    went_well = _text(
        "What went well",
        "What would you tell another buyer about the good parts of working with them?",
    )
    could_be_better = _text(
        "What could be better",
        "What should the supplier, or another buyer, know to do better next time?",
    )

    @staticmethod
    def initial_for(version) -> dict[str, str]:
        """A form filled in with an earlier version, for an update to start from."""
        levels = {dimension: getattr(version, dimension) for dimension in DIMENSIONS}
        initial = {
            dimension: NOT_APPLICABLE if level is None else str(level)
            for dimension, level in levels.items()
        }
        answer = {True: "yes", False: "no", None: "not-sure"}[version.would_use_again]
        return {
            **initial,
            "would_use_again": answer,
            "went_well": version.went_well,
            "could_be_better": version.could_be_better,
        }

    def content(self) -> dict[str, Any]:
        data = self.cleaned_data
        ratings = {
            dimension: None
            if data.get(dimension) in ("", NOT_APPLICABLE, None)
            else int(data[dimension])
            for dimension in DIMENSIONS
        }
        return {
            **ratings,
            "would_use_again": WOULD_USE_AGAIN[data["would_use_again"]],
            "went_well": data.get("went_well", ""),
            "could_be_better": data.get("could_be_better", ""),
        }


class WriteFeedbackForm(FeedbackContentForm):
    """A first feedback: which contract it is about and how to show the buyer's name."""

    relationship = forms.ChoiceField(
        label=_("Which contract is your feedback about?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the contract your feedback is about"),
            "invalid_choice": _("Select one of the contracts listed"),
        },
    )
    display_mode = forms.ChoiceField(
        label=_("How should we show your organisation?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how we should show your organisation"),
            "invalid_choice": _("Select how we should show your organisation"),
        },
    )
    pseudonym_region = forms.ChoiceField(
        label=_("If you choose a description, which one?"),
        help_text=_("Buyers will see this instead of your organisation's name."),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Select one of the descriptions listed")},
    )
    field_order = ["relationship"]

    def __init__(self, *args, relationships: dict, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.awards = {f"award-{award.pk}": award for award in relationships["awards"]}
        self.declared = {f"declared-{c.pk}": c for c in relationships["declared"]}
        self.fields["relationship"].choices = [
            *((key, presenters.award_text(award)) for key, award in self.awards.items()),
            *((key, presenters.declared_text(c)) for key, c in self.declared.items()),
        ]
        self.fields["display_mode"].choices = [
            (DisplayMode.ORGANISATION, f"The name of your organisation: {organisation.name}"),
            (DisplayMode.PSEUDONYM, "A description of your organisation instead of its name"),
        ]
        self.regions = {region.code: region for region in Region.objects.all()}
        self.fields["pseudonym_region"].choices = [
            *(
                (code, pseudonym(sector=organisation.sector, region_name=region.name))
                for code, region in self.regions.items()
            ),
            (NO_REGION, pseudonym(sector=organisation.sector, region_name=None)),
        ]

    def clean(self):
        data = super().clean()
        if data.get("display_mode") == DisplayMode.PSEUDONYM and not data.get("pseudonym_region"):
            self.add_error("pseudonym_region", "Select the description to show")
        return data

    def relationship_kwargs(self) -> dict[str, Any]:
        key = self.cleaned_data["relationship"]
        if key in self.awards:
            return {"award": self.awards[key]}
        return {"declared_contract": self.declared[key]}

    def display_kwargs(self) -> dict[str, Any]:
        mode = self.cleaned_data["display_mode"]
        region = None
        if mode == DisplayMode.PSEUDONYM:
            region = self.regions.get(self.cleaned_data["pseudonym_region"])
        return {"display_mode": mode, "pseudonym_region": region}


class DeclareContractForm(ServiceErrorsMixin, forms.Form):
    reference = forms.CharField(
        label=_("Contract reference"),
        help_text=_("The reference your organisation uses for this contract, like a PO number."),
        max_length=100,
        error_messages={
            "required": _("Enter the contract reference"),
            "max_length": _("The contract reference must be 100 characters or fewer"),
        },
    )
    value_band = forms.ChoiceField(
        label=_("What is the contract worth?"),
        choices=ValueBand.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select what the contract is worth"),
            "invalid_choice": _("Select one of the values listed"),
        },
    )
    start_date = DateInputField(
        what="the start date",
        earliest=contract_dates.earliest,
        latest=contract_dates.latest,
        label=_("When did the contract start?"),
        help_text=_("For example, 27 3 2026"),
    )
    end_date = DateInputField(
        what="the end date",
        earliest=contract_dates.earliest,
        latest=contract_dates.latest,
        required=False,
        label=_("When does the contract end? (optional)"),
        help_text=_("Leave this empty if it has no end date. For example, 31 3 2027"),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be the same as or after the start date")
        return data


class ResponseForm(ServiceErrorsMixin, forms.Form):
    text = _text(
        "Your response",
        "Buyers will read this under the feedback. You can respond once, and a moderator "
        "checks your response before it is published.",
        required="Enter your response",
    )


class DisputeForm(ServiceErrorsMixin, forms.Form):
    reason = _text(
        "What is factually inaccurate?",
        "Say which statements are wrong and what the facts are. A moderator will decide, "
        "and the outcome is shown with the feedback.",
        required="Say what is factually inaccurate",
    )


class FilterForm(forms.Form):
    """The public page's filters; a bad value gets a message, not a 500."""

    dimension = forms.ChoiceField(
        label=_("Ratings of"),
        required=False,
        choices=list(DIMENSIONS.items()),
        error_messages={"invalid_choice": _("Select one of the things buyers rate")},
    )
    sector = forms.ChoiceField(
        label=_("Buyer sector"),
        required=False,
        choices=[("", "All sectors"), *presenters.SECTOR_LABELS.items()],
        error_messages={"invalid_choice": _("Select one of the sectors listed")},
    )
