from django import forms

from .figures import financial_year_label, financial_year_slug


class YearForm(forms.Form):
    """Which financial year to show: only years the service can answer for."""

    year = forms.ChoiceField(
        label="Financial year",
        error_messages={"invalid_choice": "Choose a financial year from the list"},
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [
            (financial_year_slug(year), financial_year_label(year)) for year in years
        ]
