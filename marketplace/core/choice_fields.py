"""Choices of database rows taken from input, checked before they reach the database.

Django's model choice fields pass what was sent straight into a query. A number
beyond the database's integer range (``99999999999999999999999``) then raises
OverflowError on SQLite, a 500 instead of a message; digits from other scripts
(``١٢``) are read by Python's ``int()`` as 12 and quietly pick a row. Every form
and filter that takes a row's id from input uses these fields instead, which
answer anything that cannot be one of the choices with the field's own "choose
from the list" message, so the page is a 400 that says what to do.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.utils.translation import gettext_lazy as _
from django_filters import fields as filter_fields

# An integer key no database can hold is refused without asking the database.
WIDEST_RANGE = (-(2**63), 2**63 - 1)


def _is_possible_key(value, *, model: type[models.Model], key: str) -> bool:
    """Whether ``value`` sent for ``model.key`` could name a row at all."""
    if isinstance(value, models.Model | int):
        return True  # set by the code (an initial value), not typed
    text = str(value)
    if "\x00" in text:
        return False  # no database text column can hold a NUL
    field = model._meta.pk if key == "pk" else model._meta.get_field(key)
    if not isinstance(field, models.IntegerField):
        return True
    # ASCII digits only: str.isdigit() and int() also accept other scripts' digits.
    if not (text.isascii() and text.isdigit()):
        return False
    connection = connections[router.db_for_read(model)]
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    low, high = low if low is not None else WIDEST_RANGE[0], high or WIDEST_RANGE[1]
    return low <= int(text) <= high


class _CheckedChoice:
    """Refuses a value that cannot be a row's key with the ``invalid_choice`` message."""

    def _refuse_impossible(self, value) -> None:
        model, key = self.queryset.model, self.to_field_name or "pk"
        if not _is_possible_key(value, model=model, key=key):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": str(value)[:50]},
            )


# Django's own ("Select a valid choice. 9999 is not one of the available choices.")
# speaks of choices and echoes the junk; each field should say what to select,
# and this is what one that does not says.
CHOOSE_FROM_THE_LIST = _("Select from the options listed")


class CheckedModelChoiceField(_CheckedChoice, forms.ModelChoiceField):
    """A ``ModelChoiceField`` that answers an impossible id with its message."""

    default_error_messages = {"invalid_choice": CHOOSE_FROM_THE_LIST}

    def to_python(self, value):
        if value not in self.empty_values:
            self._refuse_impossible(value)
        return super().to_python(value)


class CheckedModelMultipleChoiceField(_CheckedChoice, forms.ModelMultipleChoiceField):
    """A ``ModelMultipleChoiceField`` that answers an impossible id with its message.
    An empty item among the ticked ones is refused the same way (Django would say
    '"" is not a valid value')."""

    default_error_messages = {
        "invalid_choice": CHOOSE_FROM_THE_LIST,
        "invalid_list": CHOOSE_FROM_THE_LIST,
        "invalid_pk_value": CHOOSE_FROM_THE_LIST,
    }

    def _check_values(self, value):
        for item in value:
            self._refuse_impossible(item)
        return super()._check_values(value)


class _FilterChoiceField(CheckedModelChoiceField, filter_fields.ModelChoiceField):
    pass


class _FilterMultipleChoiceField(
    CheckedModelMultipleChoiceField, filter_fields.ModelMultipleChoiceField
):
    pass


class CheckedModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = _FilterChoiceField


class CheckedModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = _FilterMultipleChoiceField
