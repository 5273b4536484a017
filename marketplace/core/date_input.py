"""A date asked for as day, month and year, the way GOV.UK services ask for it.

The three boxes are named ``<field>-day``, ``<field>-month`` and ``<field>-year``
(the Design System's own convention) and are rendered by ``gds_date_field``.
The messages follow the Design System's date-input guidance: say which part is
missing, or that the date must be a real one, naming the date asked for.

Digits from other scripts (Arabic-Indic "١٢٣٤", say) are read as the numbers
they are, like Python's ``int`` reads them, so a range check sees the real year.
A field may give ``earliest`` and ``latest`` (dates, or callables returning one
so "today" is worked out per request) to refuse implausible dates.
"""

from collections.abc import Callable
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.dateformat import format as format_date

PARTS = ("day", "month", "year")


class DayMonthYearWidget(forms.MultiWidget):
    template_name = "django/forms/widgets/multiwidget.html"

    def __init__(self, attrs=None):
        super().__init__(widgets=dict.fromkeys(PARTS, forms.TextInput), attrs=attrs)
        self.widgets_names = [f"-{part}" for part in PARTS]

    def decompress(self, value):
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateInputField(forms.MultiValueField):
    widget = DayMonthYearWidget

    def __init__(
        self,
        *,
        what: str,
        required: bool = True,
        earliest: date | Callable[[], date] | None = None,
        latest: date | Callable[[], date] | None = None,
        **kwargs,
    ):
        self.what = what  # "the start date", used in every message
        self.earliest, self.latest = earliest, latest
        fields = tuple(forms.CharField(required=False) for _ in PARTS)
        kwargs.setdefault("error_messages", {"required": f"Enter {what}"})
        super().__init__(fields=fields, require_all_fields=False, required=required, **kwargs)

    def compress(self, data_list):
        parts = [(value or "").strip() for value in (data_list or [])] or ["", "", ""]
        if not any(parts):
            return None
        missing = [name for name, value in zip(PARTS, parts, strict=True) if not value]
        what = self.what[0].upper() + self.what[1:]
        if len(missing) == 1:
            raise ValidationError(f"{what} must include a {missing[0]}")
        if missing:
            raise ValidationError(f"{what} must include a {' and a '.join(missing)}")
        # isdecimal, not isdigit: "²" is a digit that int() cannot read.
        if not all(value.isdecimal() for value in parts) or len(parts[2]) != 4:
            raise ValidationError(f"{what} must be a real date, like 27 3 2026")
        day, month, year = (int(value) for value in parts)
        try:
            given = date(year, month, day)
        except ValueError as error:
            raise ValidationError(f"{what} must be a real date, like 27 3 2026") from error
        self._check_range(given, what)
        return given

    def _check_range(self, given: date, what: str) -> None:
        earliest = self.earliest() if callable(self.earliest) else self.earliest
        latest = self.latest() if callable(self.latest) else self.latest
        if (earliest and given < earliest) or (latest and given > latest):
            # The Design System's wording for each kind of limit.
            if earliest and latest:
                limits = (
                    f"between {format_date(earliest, 'j F Y')} and {format_date(latest, 'j F Y')}"
                )
            elif earliest:
                limits = f"the same as or after {format_date(earliest, 'j F Y')}"
            else:
                limits = f"the same as or before {format_date(latest, 'j F Y')}"
            raise ValidationError(f"{what} must be {limits}")
