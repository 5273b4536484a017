"""CCS manages the framework map (buying organisations, frameworks and their lots,
the category tree, published usage) as Wagtail snippets under one menu.

Nothing on the map is hard-deleted: a framework retires through its status and
disposition, and other records point at organisations and categories. So the
three core models get a permission policy that refuses "delete" to everyone,
superusers included, which removes the delete view, buttons and bulk action.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from marketplace.core.services import audit_record
from marketplace.core.wagtail_admin import NoDeletePermissionPolicy, NoDeleteSnippetViewSet

from .admin_forms import (
    BuyingOrganisationAdminForm,
    CategoryAdminForm,
    FrameworkAdminForm,
    FrameworkUsageAdminForm,
)
from .models import BuyingOrganisation, Category, Framework, FrameworkUsage

UNDELETABLE = (BuyingOrganisation, Framework, Category)

# Must run before anything asks the registry for these models' policy (Wagtail 8
# then refuses to register one), hence at import time at the top of this module.
for undeletable in UNDELETABLE:
    register_permission_policy(undeletable, NoDeletePermissionPolicy(undeletable))


class BuyingOrganisationViewSet(NoDeleteSnippetViewSet):
    model = BuyingOrganisation
    icon = "group"
    list_display = ["name", "abbreviation", "organisation_type"]
    list_filter = ["organisation_type"]
    search_fields = ["name", "abbreviation"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("abbreviation"),
            FieldPanel("slug"),
            FieldPanel("organisation_type"),
            FieldPanel("sectors_served"),
            FieldPanel("website"),
        ],
        base_form_class=BuyingOrganisationAdminForm,
    )


class FrameworkViewSet(NoDeleteSnippetViewSet):
    model = Framework
    icon = "list-ul"
    # The status shown is today's, from the dates (frameworks.lifecycle); the
    # stored field only fills in what the dates cannot say, so it is no filter.
    list_display = [
        "name",
        "reference",
        "owner",
        Column("current_status_label", label=_("Status today")),
        "disposition",
    ]
    list_filter = ["disposition", "planned", "owner"]
    search_fields = ["name", "reference", "description"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("reference"),
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldPanel("owner"),
                    FieldPanel("sectors"),
                ],
                heading=_("Basics"),
            ),
            FieldPanel("description"),
            FieldPanel("how_to_buy"),
            FieldPanel("route_to_market"),
            MultiFieldPanel(
                [
                    FieldPanel("status"),
                    FieldPanel("planned"),
                    FieldPanel("applications_open"),
                    FieldPanel("applications_close"),
                    FieldPanel("live_from"),
                    FieldPanel("expires"),
                    FieldPanel("previous_iteration"),
                ],
                heading=_("Lifecycle"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("disposition"),
                    FieldPanel("disposition_target"),
                    FieldPanel("disposition_rationale"),
                    FieldPanel("disposition_date"),
                ],
                heading=_("Desired map"),
            ),
            InlinePanel(
                "lots",
                heading=_("Lots"),
                label=_("Lot"),
                panels=[
                    FieldPanel("number"),
                    FieldPanel("slug"),
                    FieldPanel("name"),
                    FieldPanel("description"),
                    FieldPanel("max_categories"),
                    FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                ],
            ),
        ],
        base_form_class=FrameworkAdminForm,
    )


class CategoryViewSet(NoDeleteSnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    list_display = ["name", "slug", "depth"]
    ordering = ["path"]  # tree order: parents before their children
    search_fields = ["name", "slug"]
    edit_handler = ObjectList(
        [FieldPanel("parent"), FieldPanel("name"), FieldPanel("slug"), FieldPanel("cpv_codes")],
        base_form_class=CategoryAdminForm,
    )


class FrameworkUsageViewSet(SnippetViewSet):
    # Loaded from published spend data; the admin is for looking and small fixes.
    model = FrameworkUsage
    icon = "table"
    inspect_view_enabled = True
    # Money in pounds and sectors by name: nobody reads "17200779758" or "central-government".
    list_display = [
        "framework",
        Column("sector", label=_("Buyer sector"), accessor="get_sector_display"),
        "period",
        Column("spend", label=_("Spend")),
        "transactions",
    ]
    list_filter = ["sector", "period"]
    search_fields = ["framework__name", "sector", "period"]
    inspect_view_fields = ["framework", "sector", "period", "spend", "transactions", "source"]
    edit_handler = ObjectList(
        [
            FieldPanel("framework"),
            FieldPanel("sector"),
            FieldPanel("period"),
            FieldPanel("spend_pounds"),
            FieldPanel("transactions"),
            FieldPanel("source"),
        ],
        base_form_class=FrameworkUsageAdminForm,
    )


class FrameworkMapViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Framework map")
    menu_icon = "site"
    items = (
        FrameworkViewSet,
        BuyingOrganisationViewSet,
        CategoryViewSet,
        FrameworkUsageViewSet,
    )


register_snippet(FrameworkMapViewSetGroup)


# Our audit trail records admin changes next to the service's own, so one
# query answers "who changed the map"; Wagtail's log keeps the field detail.
AUDITED = (BuyingOrganisation, Framework, Category, FrameworkUsage)


def _audit(request, instance, verb):
    if isinstance(instance, AUDITED):
        action = f"framework_map.{instance._meta.model_name}.{verb}"
        audit_record(actor=request.user, action=action, subject=instance)


@hooks.register("after_create_snippet")
def audit_framework_map_create(request, instance):
    _audit(request, instance, "created")


@hooks.register("after_edit_snippet")
def audit_framework_map_edit(request, instance):
    _audit(request, instance, "changed")
