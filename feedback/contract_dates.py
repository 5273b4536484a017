"""Which contract dates are plausible, for the form and the service alike.

A contract declared on this service started this century and starts or ends
within ten years from today. Anything outside that is a typing slip (a year
1234, or 2062 for 2026), and a feedback tied to it would mislead readers.
"""

from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.dateformat import format as format_date

EARLIEST = date(2000, 1, 1)
YEARS_AHEAD = 10


def earliest() -> date:
    return EARLIEST


def latest() -> date:
    today = timezone.localdate()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February, in a year ten years on that has none
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def opens_on(relationship: Any) -> date | None:
    """The day feedback on an award or declared contract opens, if that is after today.

    Feedback is about work done, so it waits until the contract has started. An
    award recorded without a start date has nothing to wait for.
    """
    start = relationship.start_date
    return start if start is not None and start > timezone.localdate() else None


def contract_dates_errors(*, start_date: date, end_date: date | None) -> dict[str, str]:
    """Messages by field, worded as the date-input component's guidance says."""
    errors = {}
    window = f"between {format_date(earliest(), 'j F Y')} and {format_date(latest(), 'j F Y')}"
    if not earliest() <= start_date <= latest():
        errors["start_date"] = f"The start date must be {window}"
    if end_date is not None:
        if not earliest() <= end_date <= latest():
            errors["end_date"] = f"The end date must be {window}"
        elif end_date < start_date:
            errors["end_date"] = "The end date must be the same as or after the start date"
    return errors
