"""GOV.UK checkboxes for long or nested lists, rendered with one Django template loop.

``gds_checkboxes_field`` renders each list through the Design System's Nunjucks
macro (govuk-frontend-django builds a new Jinja environment and compiles the macro
on every call), which is fine for a handful of boxes but cost the search page most
of its time for a few hundred categories. This tag writes the same markup (GOV.UK
Frontend's classes, a fieldset with legend, hint and error message) with one loop,
and groups a tree in GOV.UK details, one per parent, so a long list is never a
wall of checkboxes:

    groups = [{"summary": "Cloud hosting (82)", "open": False, "hint": "",
               "items": [{"value": "backup", "text": "Backup (12)", "checked": True,
                          "context": "Cloud hosting", "children": [...]}]}]

A group without a summary is a plain list. ``context`` is said to screen readers
after the label ("Backup (Cloud hosting)"), so two boxes with the same words are
told apart by their group. An item may carry its own ``name`` (single yes/no
filters shown together). Core knows nothing of categories: callers pass the tree
as data.
"""

from django import template
from django.forms import BoundField
from govuk_frontend_django.components.button import GovUKButton

register = template.Library()


def _rows(groups: list[dict], prefix: str) -> list[dict]:
    """Each group with its boxes in one flat list (a child's children marked where their
    indented block starts and ends), so the template needs one loop and no include
    per box; every box without an id gets one: the first the field's own, which error
    links point at, the others a number after it."""
    count = 0
    rows = []
    for group in groups:
        boxes = []
        for item in group["items"]:
            children = list(item.get("children", ()))
            for box in (item, *children):
                count += 1
                box.setdefault("id", prefix if count == 1 else f"{prefix}-{count}")
                boxes.append({"box": box, "starts": False, "ends": False})
            if children:
                boxes[-len(children)]["starts"] = boxes[-1]["ends"] = True
        rows.append({**group, "boxes": boxes})
    return rows


@register.inclusion_tag("core/includes/checkbox_tree.html")
def gds_checkbox_tree(
    field: BoundField | None = None,
    groups: list[dict] = (),
    *,
    name: str = "",
    id: str = "",
    legend: str = "",
    hint: str = "",
    legend_classes: str = "govuk-fieldset__legend--s",
    small: bool = True,
    apply_text: str = "",
) -> dict:
    prefix = id or (field.auto_id if field is not None else name)
    error = " ".join(str(e) for e in field.errors) if field is not None else ""
    hint = hint or (str(field.help_text) if field is not None and field.help_text else "")
    if error:  # the error summary links to the first box: its group must be open
        for group in groups[:1]:
            group["open"] = True
    rows = _rows(list(groups), prefix)
    described = " ".join(
        part for part, shown in ((f"{prefix}-hint", hint), (f"{prefix}-error", error)) if shown
    )
    return {
        "name": name or (field.html_name if field is not None else ""),
        "id": prefix,
        "legend": legend or (field.label if field is not None else ""),
        "legend_classes": legend_classes,
        "hint": hint,
        "error": error,
        "described": described,
        "groups": rows,
        "classes": " govuk-checkboxes--small" if small else "",
        # One button rendered once through the Design System's macro, repeated at the
        # end of each group so the buyer can apply without scrolling past the others.
        "apply": GovUKButton(text=apply_text, classes="govuk-button--secondary").render()
        if apply_text
        else "",
    }
