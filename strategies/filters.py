"""The cross-organisation pipeline search, shared by the page, its downloads and
the opportunities for small suppliers."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frameworks.models import BuyingOrganisation, Category
from marketplace.core.choice_fields import (
    CheckedModelChoiceFilter,
    CheckedModelMultipleChoiceFilter,
)
from marketplace.core.models import Region

from .values import ValueBand, band_range


def _organisations_with_strategies(request):
    # Built per form: the strategy pages import this module, so at import time
    # Django cannot yet follow the organisation's reverse relation to them.
    return BuyingOrganisation.objects.filter(strategies__live=True).distinct().order_by("name")


class PipelineEntryFilterSet(django_filters.FilterSet):
    keywords = django_filters.CharFilter(
        label=_("Words in the title or description"), method="filter_keywords"
    )
    category = CheckedModelChoiceFilter(
        label=_("Category"),
        queryset=Category.objects.filter(depth__lte=2).order_by("path"),
        method="filter_category",
        empty_label=_("Any category"),
        error_messages={"invalid_choice": _("Select a category from the list")},
    )
    region = CheckedModelMultipleChoiceFilter(
        label=_("Delivery region"),
        error_messages={"invalid_choice": _("Select delivery regions from the list")},
        queryset=Region.objects.order_by("code"),
        field_name="regions",
        widget=forms.CheckboxSelectMultiple,
        distinct=True,
    )
    value = django_filters.MultipleChoiceFilter(
        label=_("Estimated value"),
        choices=ValueBand.choices,
        method="filter_value",
        widget=forms.CheckboxSelectMultiple,
    )
    suitable = django_filters.MultipleChoiceFilter(
        label=_("Suitable for"),
        choices=[("sme", _("Small and medium-sized enterprises (SMEs)")), ("vcse", _("VCSEs"))],
        method="filter_suitable",
        widget=forms.CheckboxSelectMultiple,
    )
    starts_after = django_filters.DateFilter(
        label=_("Procurement starts on or after"),
        field_name="procurement_start",
        lookup_expr="gte",
        help_text=_("For example, 1/4/2026"),
    )
    starts_before = django_filters.DateFilter(
        label=_("Procurement starts on or before"),
        field_name="procurement_start",
        lookup_expr="lte",
        help_text=_("For example, 31/3/2027"),
    )
    organisation = CheckedModelChoiceFilter(
        label=_("Buying organisation"),
        queryset=_organisations_with_strategies,
        field_name="page__organisation",
        empty_label=_("Any organisation"),
        error_messages={"invalid_choice": _("Select a buying organisation from the list")},
    )
    year = django_filters.ChoiceFilter(
        label=_("Financial year of the strategy"),
        field_name="page__financial_year",
        empty_label=_("Any year"),
    )

    # No Meta.model: every filter is declared here, and the views hand in the
    # entries to filter, so the pages that serve the search need not be imported.

    def __init__(self, *args, years: list[tuple[int, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # The years that have published strategies, known only at request time.
        self.filters["year"].extra["choices"] = years or []

    def filter_keywords(self, queryset, name, value):
        query = Q()
        for word in value.split()[:10]:
            query &= Q(title__icontains=word) | Q(description__icontains=word)
        return queryset.filter(query)

    def filter_category(self, queryset, name, value):
        # The category or anything below it: the materialised path is a prefix.
        return queryset.filter(categories__path__startswith=value.path).distinct()

    def filter_value(self, queryset, name, value):
        query = Q()
        for band in value:
            low, high = band_range(band)
            in_band = Q(value_amount__isnull=False)
            if low is not None:
                in_band &= Q(value_amount__gte=low)
            if high is not None:
                in_band &= Q(value_amount__lt=high)
            # An entry with only a band (no amount) matches on the band.
            query |= in_band | Q(value_amount__isnull=True, value_band=band)
        return queryset.filter(query)

    def filter_suitable(self, queryset, name, value):
        query = Q()
        if "sme" in value:
            query |= Q(suitable_for_sme=True)
        if "vcse" in value:
            query |= Q(suitable_for_vcse=True)
        return queryset.filter(query)

    def clean_window(self) -> None:
        """A window that ends before it starts is an error, not an empty result."""
        data = self.form.cleaned_data
        after, before = data.get("starts_after"), data.get("starts_before")
        if after and before and before < after:
            self.form.add_error(
                "starts_before", _("The end of the date window must be after its start")
            )

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if valid:
            self.clean_window()
            return not self.form.errors
        return valid
