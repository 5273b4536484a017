"""The frameworks index filter, shared by the public page and the admin."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import BuyerSector
from marketplace.core.choice_fields import (
    CheckedModelChoiceFilter,
    CheckedModelMultipleChoiceFilter,
)

from .lifecycle import framework_ids_with_status
from .models import BuyingOrganisation, Category, Framework, FrameworkStatus


class FrameworkFilterSet(django_filters.FilterSet):
    owner = CheckedModelMultipleChoiceFilter(
        label=_("Buying organisation"),
        queryset=BuyingOrganisation.objects.order_by("name"),
        error_messages={"invalid_choice": _("Select buying organisations from the list")},
        field_name="owner",
        widget=forms.CheckboxSelectMultiple,
    )
    sector = django_filters.MultipleChoiceFilter(
        label=_("Who can use it"),
        choices=BuyerSector.choices,
        method="filter_sector",
        widget=forms.CheckboxSelectMultiple,
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=FrameworkStatus.choices,
        method="filter_status",
        widget=forms.CheckboxSelectMultiple,
    )
    category = CheckedModelChoiceFilter(
        label=_("What you want to buy"),
        queryset=Category.objects.filter(depth__lte=2).order_by("path"),
        method="filter_category",
        empty_label=_("Any category"),
        error_messages={"invalid_choice": _("Select a category from the list")},
    )

    class Meta:
        model = Framework
        fields = ["owner", "sector", "status", "category"]

    def filter_sector(self, queryset, name, value):
        # sectors is a JSON list; matching its quoted member works on SQLite and PostgreSQL.
        query = Q()
        for sector in value:
            query |= Q(sectors__icontains=f'"{sector}"')
        return queryset.filter(query)

    def filter_status(self, queryset, name, value):
        # Status today comes from the dates, not a stored field (frameworks.lifecycle).
        return queryset.filter(
            pk__in=framework_ids_with_status(frameworks=queryset, statuses=value)
        )

    def filter_category(self, queryset, name, value):
        """A framework matches if a lot covers the category, part of it, or all of it."""
        ancestors = [
            value.path[:end]
            for end in range(Category.steplen, len(value.path) + 1, Category.steplen)
        ]
        return queryset.filter(
            Q(lots__categories__path__startswith=value.path)
            | Q(lots__categories__path__in=ancestors)
        ).distinct()
