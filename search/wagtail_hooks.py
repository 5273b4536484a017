"""CCS see search index updates that failed, so a broken engine is noticed.

A dashboard row counts them and links to a read-only list; nobody adds, edits or
deletes them by hand: the retries, the next successful update or a rebuild clear
them (search/tasks.py).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry, register_permission_policy

from marketplace.core.dashboard import WAITING_FOR_CCS_HOOK, Waiting
from marketplace.core.wagtail_admin import ActionsOnlyPermissionPolicy

from .models import PendingEngineUpdate

register_permission_policy(
    PendingEngineUpdate, ActionsOnlyPermissionPolicy(PendingEngineUpdate, actions={"view": "view"})
)


class PendingEngineUpdateViewSet(ModelViewSet):
    model = PendingEngineUpdate
    icon = "warning"
    add_to_admin_menu = False
    menu_label = _("Search index updates that failed")
    list_display = ["listing", "attempts", "last_error", "first_failed_at", "last_tried_at"]
    list_per_page = 50
    inspect_view_enabled = False
    form_fields = ["attempts"]  # never shown: the policy allows viewing only

    def get_queryset(self, request):
        return PendingEngineUpdate.objects.select_related("listing__live_version")


pending_viewset = PendingEngineUpdateViewSet("search_index_failures")


@hooks.register("register_admin_viewset")
def register_pending_viewset():
    return pending_viewset


@hooks.register(WAITING_FOR_CCS_HOOK, order=90)
def search_failures_waiting_for_ccs(user) -> list[Waiting]:
    if not policy_registry.get_by_type(PendingEngineUpdate).user_has_permission(user, "view"):
        return []
    count = PendingEngineUpdate.objects.count()
    if not count:
        return []
    text = ngettext(
        "search index update failed (retried, and repaired by the next update or rebuild)",
        "search index updates failed (retried, and repaired by the next update or rebuild)",
        count,
    )
    return [Waiting(text, reverse(pending_viewset.get_url_name("index")), count)]
