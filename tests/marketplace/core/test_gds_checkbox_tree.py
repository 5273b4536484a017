"""The checkbox tree widget the search filters and the listing form share."""

import re

from django import forms
from django.template import engines

TEMPLATE = engines["django"].from_string(
    "{% load gds_checkbox_tree %}{% gds_checkbox_tree form.choice groups apply_text=apply %}"
)


class ChoiceForm(forms.Form):
    choice = forms.MultipleChoiceField(
        label="What you want to buy",
        help_text="Select all that apply",
        choices=[("a", "A"), ("b", "B"), ("c", "C")],
        error_messages={"invalid_choice": "Choose categories from the list"},
    )


def tree(checked: str = "") -> list[dict]:
    return [
        {
            "summary": "Hosting (3)",
            "open": False,
            "items": [
                {"value": "a", "text": "Email", "context": "Hosting", "checked": checked == "a"},
                {
                    "value": "b",
                    "text": "Backup",
                    "context": "Hosting",
                    "checked": checked == "b",
                    "children": [{"value": "c", "text": "Nightly", "context": "Backup"}],
                },
            ],
        },
        {"items": [{"value": "d", "text": "Software"}]},
    ]


def render(form, groups, apply="") -> str:
    return TEMPLATE.render({"form": form, "groups": groups, "apply": apply})


def test_groups_are_govuk_details_with_checkboxes_named_after_the_field():
    html = render(ChoiceForm(), tree(checked="b"), apply="Apply filters")

    assert html.count('<details class="govuk-details') == 1
    assert '<span class="govuk-details__summary-text">Hosting (3)</span>' in html
    assert re.findall(
        r'<input class="govuk-checkboxes__input" id="([^"]+)" name="choice"', html
    ) == [
        "id_choice",  # the field's own id, which the error summary links to
        "id_choice-2",
        "id_choice-3",
        "id_choice-4",
    ]
    assert 'value="b" checked' in html
    assert 'value="a" checked' not in html
    # A child's own children are indented beneath it, as GOV.UK shows a revealed answer.
    assert '<div class="govuk-checkboxes__conditional">' in html
    # The group is read out after each label, so two "Email" boxes are told apart.
    assert 'Email<span class="govuk-visually-hidden"> (Hosting)</span></label>' in html
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">' in html
    assert 'aria-describedby="id_choice-hint"' in html
    assert html.count("Apply filters") == 1  # once per group of details


def test_an_error_is_shown_with_the_first_group_open():
    form = ChoiceForm({"choice": ["z"]})
    assert not form.is_valid()

    html = render(form, tree())

    assert "govuk-form-group--error" in html
    assert (
        '<p id="id_choice-error" class="govuk-error-message">'
        '<span class="govuk-visually-hidden">Error:</span> Choose categories from the list</p>'
    ) in html
    assert 'aria-describedby="id_choice-hint id_choice-error"' in html
    assert '<details class="govuk-details govuk-!-margin-bottom-2" open>' in html
