"""The filters of the search analytics report in the Wagtail admin.

Dates and the buyer sector narrow the daily rows; ``show`` picks the list (the
most frequent searches, those that found nothing, those that did not match every
word), which the selector applies after adding the days up, so a search's totals
are over the whole range.
"""

from datetime import timedelta

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import BuyerSector

from .analytics_models import NOT_A_BUYER_LABEL, SearchDailyCount

NOT_A_BUYER = "none"  # the sector filter's value for searches by people who are not buyers
DEFAULT_DAYS = 30


class Show:
    FREQUENT = "frequent"
    ZERO = "zero"
    RELAXED = "relaxed"
    CHOICES = [
        (FREQUENT, _("Most frequent searches")),
        (ZERO, _("Searches that found nothing")),
        (RELAXED, _("Searches that did not match every word")),
    ]


class _DateInput(forms.DateInput):
    input_type = "date"  # the browser's own date picker; typing works without JavaScript


class SearchAnalyticsForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error(
                "date_to", ValidationError(_("The end date must be on or after the start date"))
            )
        return cleaned


class SearchAnalyticsFilterSet(django_filters.FilterSet):
    show = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=Show.CHOICES,
        empty_label=None,
        method="_keep",
        error_messages={"invalid_choice": _("Choose a list from the options")},
    )
    date_from = django_filters.DateFilter(
        label=_("From"),
        field_name="day",
        lookup_expr="gte",
        widget=_DateInput,
        error_messages={"invalid": _("Enter the start date as a real date, like 2026-11-30")},
    )
    date_to = django_filters.DateFilter(
        label=_("To"),
        field_name="day",
        lookup_expr="lte",
        widget=_DateInput,
        error_messages={"invalid": _("Enter the end date as a real date, like 2026-11-30")},
    )
    sector = django_filters.ChoiceFilter(
        label=_("Buyer sector"),
        choices=[*BuyerSector.choices, (NOT_A_BUYER, NOT_A_BUYER_LABEL)],
        empty_label=_("Everyone"),
        method="_sector",
        error_messages={"invalid_choice": _("Choose a sector from the list")},
    )

    class Meta:
        model = SearchDailyCount
        fields: list[str] = []
        form = SearchAnalyticsForm

    def __init__(self, data=None, *args, **kwargs):
        # The last 30 days and the most frequent searches unless the user chose otherwise.
        data = data.copy() if data is not None else {}
        today = timezone.localdate()
        data.setdefault("date_from", (today - timedelta(days=DEFAULT_DAYS - 1)).isoformat())
        data.setdefault("date_to", today.isoformat())
        data.setdefault("show", Show.FREQUENT)
        super().__init__(data, *args, **kwargs)

    def _keep(self, queryset, name, value):
        return queryset  # applied by the selector, after the days are added up

    def _sector(self, queryset, name, value):
        return queryset.filter(sector="" if value == NOT_A_BUYER else value)

    @property
    def show_value(self) -> str:
        self.is_valid()
        return self.form.cleaned_data.get("show") or Show.FREQUENT
