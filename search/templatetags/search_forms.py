"""Template tags for the search filter form."""

from django import template
from govuk_frontend_django.components.checkboxes import GovUKCheckboxes

register = template.Library()


@register.simple_tag
def search_flag_checkboxes(items: list[dict], legend: str):
    """Single yes/no filters as one group of GOV.UK checkboxes, each box with its own name.

    ``gds_checkboxes_field`` renders one field's choices under one name; these are
    separate fields (VCSE, buy online…) that read best together.
    """
    return GovUKCheckboxes(
        idPrefix="flags",
        name="flags",
        fieldset={"legend": {"text": legend, "classes": "govuk-fieldset__legend--s"}},
        classes="govuk-checkboxes--small",
        items=items,
    )
