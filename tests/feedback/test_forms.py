"""The feedback forms: what they ask, the values they hand the services, and the
messages a buyer sees for a wrong or missing answer."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import timezone

from feedback import contract_dates
from feedback.forms import (
    DeclareContractForm,
    FeedbackContentForm,
    FilterForm,
    WriteFeedbackForm,
)
from tests.factories import BuyerOrganisationFactory

pytestmark = pytest.mark.django_db


def content_answers(**overrides) -> dict:
    answers = {
        "overall": "4",
        "quality": "5",
        "timeliness": "3",
        "value": "4",
        "communication": "na",
        "would_use_again": "not-sure",
        "went_well": "Restores were quick.",
        "could_be_better": "",
    }
    answers.update(overrides)
    return {key: value for key, value in answers.items() if value is not None}


def declare_answers(**overrides) -> dict:
    answers = {
        "reference": "PO-1234",
        "value_band": "10k-100k",
        "start_date-day": "1",
        "start_date-month": "4",
        "start_date-year": "2026",
        "end_date-day": "",
        "end_date-month": "",
        "end_date-year": "",
    }
    answers.update(overrides)
    return answers


def test_ratings_become_levels_and_not_applicable_or_no_answer_becomes_none():
    form = FeedbackContentForm(content_answers())
    assert form.is_valid(), form.errors

    assert form.content() == {
        "overall": 4,
        "quality": 5,
        "timeliness": 3,
        "value": 4,
        "communication": None,  # "Not applicable"
        "social_value": None,  # not answered
        "would_use_again": None,  # "Not sure"
        "went_well": "Restores were quick.",
        "could_be_better": "",
    }


def test_overall_has_no_not_applicable_and_is_required():
    form = FeedbackContentForm(content_answers(overall=None, would_use_again=None))

    assert not form.is_valid()
    assert form.errors["overall"] == ["Select an overall rating"]
    assert form.errors["would_use_again"] == ["Select whether you would use this supplier again"]
    assert "na" not in dict(form.fields["overall"].choices)
    assert dict(form.fields["quality"].choices)["na"] == "Not applicable"
    assert dict(form.fields["quality"].choices)["3"] == "Satisfactory: what the contract asked"


def test_a_rating_off_the_scale_is_refused_in_words():
    form = FeedbackContentForm(content_answers(quality="7"))

    assert not form.is_valid()
    assert form.errors["quality"] == ["Select a rating from the list"]


def test_an_update_starts_from_the_earlier_version(published):
    version = published.versions.get()
    initial = FeedbackContentForm.initial_for(version)

    assert initial["overall"] == "4"
    assert initial["communication"] == "na"
    assert initial["would_use_again"] == "yes"
    assert initial["could_be_better"] == "Invoices arrived late."


def test_service_errors_land_on_their_field_or_above_the_form():
    form = FeedbackContentForm(content_answers())
    form.is_valid()

    form.add_service_errors(ValidationError({"went_well": "Tell other buyers what went well"}))
    form.add_service_errors(ValidationError("Try again tomorrow"))

    assert form.errors["went_well"] == ["Tell other buyers what went well"]
    assert form.non_field_errors() == ["Try again tomorrow"]


def _write_form(data=None):
    organisation = BuyerOrganisationFactory(name="Leeds City Council", sector="local-authority")
    return WriteFeedbackForm(
        data, relationships={"awards": [], "declared": []}, organisation=organisation
    )


def test_the_description_choices_preview_what_the_public_will_read():
    form = _write_form()

    descriptions = dict(form.fields["pseudonym_region"].choices)
    assert descriptions["TLD"] == "A council in the North West"
    assert descriptions["TLL"] == "A council in Wales"
    assert descriptions["none"] == "A council"
    modes = dict(form.fields["display_mode"].choices)
    assert modes["organisation"] == "The name of your organisation: Leeds City Council"


def test_a_description_needs_a_choice_of_which_one():
    form = _write_form({**content_answers(), "display_mode": "pseudonym"})

    assert not form.is_valid()
    assert form.errors["pseudonym_region"] == ["Select the description to show"]
    assert form.errors["relationship"] == ["Select the contract your feedback is about"]


def test_a_declared_contract_gets_its_dates_from_day_month_and_year():
    form = DeclareContractForm(
        declare_answers(**{"end_date-day": "31", "end_date-month": "3", "end_date-year": "2027"})
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["start_date"] == date(2026, 4, 1)
    assert form.cleaned_data["end_date"] == date(2027, 3, 31)


def test_an_empty_end_date_is_allowed():
    form = DeclareContractForm(declare_answers())

    assert form.is_valid(), form.errors
    assert form.cleaned_data["end_date"] is None


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("", "", ""), "Enter the start date"),
        (("1", "", "2026"), "The start date must include a month"),
        (("", "", "2026"), "The start date must include a day and a month"),
        (("31", "2", "2026"), "The start date must be a real date, like 27 3 2026"),
        (("1", "4", "26"), "The start date must be a real date, like 27 3 2026"),
        (("first", "4", "2026"), "The start date must be a real date, like 27 3 2026"),
    ],
)
def test_a_wrong_start_date_says_what_is_wrong(parts, message):
    day, month, year = parts
    form = DeclareContractForm(
        declare_answers(
            **{"start_date-day": day, "start_date-month": month, "start_date-year": year}
        )
    )

    assert not form.is_valid()
    assert form.errors["start_date"] == [message]


def test_the_end_date_must_follow_the_start_date():
    form = DeclareContractForm(
        declare_answers(**{"end_date-day": "1", "end_date-month": "1", "end_date-year": "2026"})
    )

    assert not form.is_valid()
    assert form.errors["end_date"] == ["The end date must be the same as or after the start date"]


def _ten_years_on() -> date:
    today = timezone.localdate()
    return today.replace(year=today.year + 10, day=min(today.day, 28))


@pytest.mark.parametrize(
    "year",
    [
        "1234",
        "\u0661\u0662\u0663\u0664",  # 1234 in Arabic-Indic digits
        "\u06f1\u06f2\u06f3\u06f4",  # 1234 in Extended Arabic-Indic (Persian) digits
        "1999",
        "2099",
    ],
)
def test_an_implausible_contract_year_is_refused_in_any_script(year):
    form = DeclareContractForm(declare_answers(**{"start_date-year": year}))
    latest = contract_dates.latest()

    assert not form.is_valid()
    assert form.errors["start_date"] == [
        f"The start date must be between 1 January 2000 and {latest.day} {latest:%B} {latest.year}"
    ]


def test_digits_of_another_script_are_read_as_the_date_they_spell():
    form = DeclareContractForm(
        declare_answers(
            **{
                "start_date-day": "\u0661",
                "start_date-month": "\u0664",
                "start_date-year": "\u0662\u0660\u0662\u0666",
            }
        )
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["start_date"] == date(2026, 4, 1)


def test_a_superscript_digit_is_not_a_real_date_and_not_a_server_error():
    form = DeclareContractForm(declare_answers(**{"start_date-day": "\u00b2"}))

    assert not form.is_valid()
    assert form.errors["start_date"] == ["The start date must be a real date, like 27 3 2026"]


def test_an_end_date_more_than_ten_years_ahead_is_refused():
    too_far = _ten_years_on().replace(year=_ten_years_on().year + 1)
    form = DeclareContractForm(
        declare_answers(
            **{
                "end_date-day": str(too_far.day),
                "end_date-month": str(too_far.month),
                "end_date-year": str(too_far.year),
            }
        )
    )

    assert not form.is_valid()
    assert form.errors["end_date"][0].startswith("The end date must be between 1 January 2000 and")


def test_the_date_tag_renders_the_design_systems_date_input_with_the_answers_kept():
    form = DeclareContractForm(declare_answers(**{"start_date-month": ""}))
    form.is_valid()

    html = Template("{% load gds_forms %}{% gds_date_field form.start_date %}").render(
        Context({"form": form})
    )

    assert 'class="govuk-date-input"' in html
    assert 'name="start_date-day"' in html and 'name="start_date-year"' in html
    assert 'id="id_start_date"' in html  # the day box, where the error summary links
    assert 'value="2026"' in html
    assert "govuk-input--error" in html
    assert "The start date must include a month" in html
    assert "When did the contract start?" in html


def test_filters_refuse_values_that_are_not_offered():
    form = FilterForm({"dimension": "price", "sector": "aliens"})

    assert not form.is_valid()
    assert form.errors["dimension"] == ["Select one of the things buyers rate"]
    assert form.errors["sector"] == ["Select one of the sectors listed"]
