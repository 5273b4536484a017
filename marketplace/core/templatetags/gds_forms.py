"""Render Django form fields through GOV.UK Frontend's own macros.

govuk-frontend-django 0.22 ships the components (GovUKInput, GovUKRadios…) but
no tags that take a Django BoundField, so these tags map a field's label, hint,
errors and submitted value onto the component. The markup still comes from the
Design System's macros; none is written here.
"""

from django import template
from django.forms import BoundField
from govuk_frontend_django.components.character_count import GovUKCharacterCount
from govuk_frontend_django.components.checkboxes import GovUKCheckboxes
from govuk_frontend_django.components.date_input import GovUKDateInput
from govuk_frontend_django.components.file_upload import GovUKFileUpload
from govuk_frontend_django.components.input import GovUKInput
from govuk_frontend_django.components.password_input import GovUKPasswordInput
from govuk_frontend_django.components.radios import GovUKRadios
from govuk_frontend_django.components.select import GovUKSelect
from govuk_frontend_django.components.textarea import GovUKTextarea
from govuk_frontend_django.templatetags.govuk_frontend_django.pagination import gds_pagination

register = template.Library()


def _common(field: BoundField, options: dict, *, labelled: bool = True) -> dict:
    result: dict = {"name": field.html_name}
    if labelled:
        result["id"] = field.id_for_label
        result["label"] = {
            "text": options.pop("label", field.label),
            "classes": options.pop("label_classes", None),
            "isPageHeading": options.pop("is_page_heading", None),
        }
    hint = options.pop("hint", field.help_text)
    if hint:
        result["hint"] = {"text": str(hint)}
    if field.errors:
        result["errorMessage"] = {"text": " ".join(str(error) for error in field.errors)}
    attributes = {
        key: value
        for key, value in field.field.widget.attrs.items()
        if key in {"autocomplete", "spellcheck", "inputmode"}
    }
    if "autocomplete" in attributes:
        result["autocomplete"] = attributes.pop("autocomplete")
    if "spellcheck" in attributes:
        result["spellcheck"] = attributes.pop("spellcheck") not in {"false", False}
    if "inputmode" in attributes:
        result["inputmode"] = attributes.pop("inputmode")
    result.update(options)
    return result


def _value(field: BoundField) -> str:
    value = field.value()
    return "" if value is None else str(value)


def _values(field: BoundField) -> list[str]:
    value = field.value()
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return [str(value)]


def _legend(field: BoundField, legend: str | None, legend_classes: str, as_heading: bool) -> dict:
    return {
        "legend": {
            "text": legend or field.label,
            "classes": legend_classes,
            "isPageHeading": as_heading,
        }
    }


@register.simple_tag
def gds_input_field(field: BoundField, **options):
    result = _common(field, options)
    result.setdefault("value", _value(field))  # keeps what the person typed
    result.setdefault("type", getattr(field.field.widget, "input_type", "text"))
    return GovUKInput(**result)


@register.simple_tag
def gds_password_field(field: BoundField, **options):
    # A password is never sent back to the browser, even after an error.
    return GovUKPasswordInput(**_common(field, options))


@register.simple_tag
def gds_file_upload_field(field: BoundField, **options):
    # Browsers never let a page refill a file input, so there is no value to keep;
    # the hint should say what happens to a file already uploaded.
    return GovUKFileUpload(**_common(field, options))


@register.simple_tag
def gds_textarea_field(field: BoundField, **options):
    result = _common(field, options)
    result.setdefault("value", _value(field))
    max_words = options.pop("maxwords", None) or result.pop("maxwords", None)
    max_length = result.pop("maxlength", None)
    if max_words or max_length:
        # The library's dataclass requires both limits although the macro uses one;
        # words win when both are given, as in the Design System's own macro.
        result["maxwords"] = max_words or None
        result["maxlength"] = None if max_words else max_length
        return GovUKCharacterCount(**result)
    return GovUKTextarea(**result)


@register.simple_tag
def gds_select_field(field: BoundField, **options):
    result = _common(field, options)
    current = _value(field)
    result["items"] = [
        {"value": str(value), "text": str(text), "selected": str(value) == current}
        for value, text in field.field.choices
    ]
    return GovUKSelect(**result)


@register.simple_tag
def gds_radios_field(
    field: BoundField,
    legend: str | None = None,
    legend_classes: str = "govuk-fieldset__legend--m",
    is_page_heading: bool = False,
    **options,
):
    result = _common(field, options, labelled=False)
    result["idPrefix"] = field.auto_id  # the first radio gets the id error links point at
    result["fieldset"] = _legend(field, legend, legend_classes, is_page_heading)
    result["value"] = _value(field)
    result["items"] = [
        {"value": str(value), "text": str(text)}
        for value, text in field.field.choices
        if str(value) != ""
    ]
    return GovUKRadios(**result)


@register.simple_tag
def gds_checkboxes_field(
    field: BoundField,
    legend: str | None = None,
    legend_classes: str = "govuk-fieldset__legend--m",
    **options,
):
    result = _common(field, options, labelled=False)
    result["idPrefix"] = field.auto_id
    result["fieldset"] = _legend(field, legend, legend_classes, False)
    result["values"] = _values(field)
    result["items"] = [
        {"value": str(value), "text": str(text)} for value, text in field.field.choices
    ]
    return GovUKCheckboxes(**result)


@register.simple_tag
def gds_date_field(
    field: BoundField,
    legend: str | None = None,
    legend_classes: str = "govuk-fieldset__legend--s",
    **options,
):
    """A ``DateInputField`` (marketplace/core/date_input.py) as the date-input component.

    The day box takes the field's own id, so the error summary's link (to
    ``#<field id>``) puts the cursor in the first box, as the Design System asks.
    """
    result = _common(field, options, labelled=False)
    prefix = result.pop("name")
    value = field.value()
    if not isinstance(value, list | tuple):
        value = field.field.widget.decompress(value)
    error = " govuk-input--error" if field.errors else ""
    widths = {"day": 2, "month": 2, "year": 4}
    result["id"] = f"{field.auto_id}-date"
    result["namePrefix"] = prefix
    result["fieldset"] = _legend(field, legend, legend_classes, False)
    result["items"] = [
        {
            "id": field.auto_id if part == "day" else f"{field.auto_id}-{part}",
            "name": part,
            "label": part.capitalize(),
            "value": "" if part_value is None else str(part_value),
            "classes": f"govuk-input--width-{widths[part]}{error}",
        }
        for part, part_value in zip(widths, value, strict=True)
    ]
    return GovUKDateInput(**result)


@register.simple_tag(takes_context=True)
def gds_pagination_keep_query(context, page_obj):
    """Pagination for every paged list: the library's links are bare ``?page=N``,
    which would drop a buyer's filters, so put the rest of the query string back."""
    pagination = gds_pagination(page_obj)
    query = context["request"].GET.copy()

    def href(old: str | None) -> str | None:
        if not old:
            return old
        query["page"] = old.split("=", 1)[1]
        return "?" + query.urlencode()

    for link in (pagination.previous, pagination.next):
        if link:
            link["href"] = href(link["href"])
    for item in pagination.items or []:
        item.href = href(item.href)
        if not item.ellipsis:
            # The library passes its items to the macro as objects, so their unset
            # visuallyHiddenText reaches the macro as None and every link was labelled
            # "None" (WCAG 2.5.3); give each the Design System's own wording.
            item.visuallyHiddenText = f"Page {item.number}"
    return pagination


@register.simple_tag
def gds_error_summary_items(*forms):
    """Every error of the given forms as error-summary items that link to their field."""
    items = []
    for form in forms:
        if form is None:
            continue
        for error in form.non_field_errors():
            first = next(iter(form), None)
            items.append({"text": str(error), "href": f"#{first.auto_id}" if first else "#"})
        for field in form:
            for error in field.errors:
                items.append({"text": str(error), "href": f"#{field.auto_id}"})
    return items
