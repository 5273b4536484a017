"""Filters over service listings, shared by the CCS admin and the public side.

``ListingFilterSet`` narrows by framework and supplier, which means the same to
buyers and to CCS. ``ListingAdminFilterSet`` adds the workflow status, which
only CCS needs: the public only ever sees published listings.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from frameworks.models import Framework
from marketplace.core.choice_fields import CheckedModelChoiceFilter
from suppliers.models import SupplierOrganisation

from .models import Listing
from .vocabulary import ListingStatus


class ListingFilterSet(django_filters.FilterSet):
    framework = CheckedModelChoiceFilter(
        label=_("Framework"),
        field_name="lot__framework",
        queryset=Framework.objects.order_by("name"),
        empty_label=_("Any framework"),
        error_messages={"invalid_choice": _("Select a framework from the list")},
    )
    supplier = CheckedModelChoiceFilter(
        label=_("Supplier"),
        queryset=SupplierOrganisation.objects.order_by("name"),
        empty_label=_("Any supplier"),
        error_messages={"invalid_choice": _("Select a supplier from the list")},
    )

    class Meta:
        model = Listing
        fields = ["framework", "supplier"]


class ListingAdminFilterSet(ListingFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ListingStatus.choices, empty_label=_("Any status")
    )

    class Meta(ListingFilterSet.Meta):
        fields = ["status", "framework", "supplier"]
