"""The form of a guided journey: one set of radios per question, sent as a GET."""

from django import forms

from .journeys import Answer, Journey


class JourneyForm(forms.Form):
    def __init__(self, *args, journey: Journey, **kwargs):
        super().__init__(*args, **kwargs)
        self.journey = journey
        for question in journey.questions:
            self.fields[question.name] = forms.ChoiceField(
                label=question.text,
                help_text=question.hint,
                choices=[(answer.value, answer.text) for answer in question.choices()],
                widget=forms.RadioSelect,
                error_messages={"required": question.error, "invalid_choice": question.error},
            )

    def answers(self) -> list[Answer]:
        """The chosen answers; only call once the form is valid."""
        return [
            question.answer(self.cleaned_data[question.name]) for question in self.journey.questions
        ]
