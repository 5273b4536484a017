"""CCS finds supplier organisations in the Wagtail admin and verifies them.

A snippet gives the list (search by name, filters for verified, size and VCSE)
and an inspect page. Suppliers own their profiles, so the policy allows only
looking ("view") and verifying (which needs change_supplierorganisation, as the
service checks): no add, edit or delete screens, for superusers either.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import DateColumn, StatusFlagColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from marketplace.core.wagtail_admin import ActionsOnlyPermissionPolicy, NoDeleteSnippetViewSet

from .admin_views import (
    SupplierFilterSet,
    SupplierIndexView,
    SupplierInspectView,
    SupplierVerifyView,
)
from .models import SupplierOrganisation

register_permission_policy(
    SupplierOrganisation,
    ActionsOnlyPermissionPolicy(SupplierOrganisation, actions={"view": "view", "verify": "change"}),
)


class SupplierOrganisationViewSet(NoDeleteSnippetViewSet):
    model = SupplierOrganisation
    icon = "group"
    menu_label = _("Suppliers")
    menu_name = "suppliers"
    add_to_admin_menu = True
    menu_order = 260
    index_view_class = SupplierIndexView
    inspect_view_class = SupplierInspectView
    copy_view_enabled = False
    list_display = [
        "name",
        "trading_name",
        "size_band",
        "vcse_type",
        StatusFlagColumn(
            "verified", label=_("Verified"), true_label=_("Verified"), sort_key="verified"
        ),
        DateColumn("created_at", label=_("Registered"), sort_key="created_at"),
    ]
    filterset_class = SupplierFilterSet
    search_fields = ["name", "trading_name", "companies_house_number", "charity_number"]
    inspect_view_fields = [
        "name",
        "trading_name",
        "companies_house_number",
        "charity_number",
        "website",
        "contact_name",
        "contact_email",
        "contact_phone",
        "size_band",
        "staff_headcount",
        "turnover",
        "balance_sheet_total",
        "vcse_type",
        "head_office_postcode",
        "head_office_region",
        "serves_whole_uk",
        "regions_served",
        "accreditations",
        "description",
        "verified",
        "verified_at",
        "created_at",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("verify/<int:pk>/", SupplierVerifyView.as_view(), name="verify"),
        ]

    def get_permissions_to_register(self):
        # Adding is for suppliers registering themselves, never for the admin.
        return super().get_permissions_to_register().exclude(codename__startswith="add_")


register_snippet(SupplierOrganisationViewSet)
