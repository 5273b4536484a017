"""The form of a guided journey: one set of radios per question, sent as a GET."""

from django import forms

from .journeys import Answer, Journey, Question, journey_questions


class JourneyForm(forms.Form):
    def __init__(self, *args, journey: Journey, **kwargs):
        super().__init__(*args, **kwargs)
        self.journey = journey
        # Asked once per request: whether an answer is offered can take a search.
        self.asked = journey_questions(journey)
        for question, choices in self.asked:
            self.fields[question.name] = forms.ChoiceField(
                label=question.text,
                help_text=question.hint,
                choices=[(answer.value, answer.text) for answer in choices],
                widget=forms.RadioSelect,
                error_messages={"required": question.error, "invalid_choice": question.error},
            )

    def answers(self) -> list[Answer]:
        """The chosen answers; only call once the form is valid."""
        return [
            next(answer for answer in choices if answer.value == self.cleaned_data[question.name])
            for question, choices in self.asked
        ]

    def questions(self) -> list[Question]:
        return [question for question, _ in self.asked]
