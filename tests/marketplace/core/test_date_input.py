"""The shared day-month-year field: digits in any script, and optional limits worded
as the Design System's date-input guidance says."""

from datetime import date

import pytest
from django import forms

from marketplace.core.date_input import DateInputField


def _form(**limits):
    class DateForm(forms.Form):
        when = DateInputField(what="the date", **limits)

    return DateForm


def _errors(form_class, day: str, month: str, year: str) -> list[str]:
    form = form_class({"when-day": day, "when-month": month, "when-year": year})
    assert not form.is_valid()
    return form.errors["when"]


def test_without_limits_any_real_date_is_accepted_in_any_script():
    form = _form()(
        {"when-day": "\u0663", "when-month": "\u0661", "when-year": "\u0661\u0662\u0663\u0664"}
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["when"] == date(1234, 1, 3)


@pytest.mark.parametrize(
    ("limits", "year", "message"),
    [
        (
            {"earliest": date(2000, 1, 1)},
            "1999",
            "The date must be the same as or after 1 January 2000",
        ),
        (
            {"latest": date(2030, 6, 30)},
            "2031",
            "The date must be the same as or before 30 June 2030",
        ),
        (
            {"earliest": date(2000, 1, 1), "latest": lambda: date(2030, 6, 30)},
            "\u0661\u0662\u0663\u0664",
            "The date must be between 1 January 2000 and 30 June 2030",
        ),
    ],
)
def test_a_date_outside_the_limits_says_which_dates_are_allowed(limits, year, message):
    assert _errors(_form(**limits), "1", "1", year) == [message]


def test_a_digit_that_is_not_decimal_is_not_a_real_date():
    assert _errors(_form(), "\u00b2", "1", "2026") == [
        "The date must be a real date, like 27 3 2026"
    ]
