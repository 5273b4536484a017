"""CCS see search index updates that failed, so a broken engine is noticed, and
keep the buyer vocabulary.

A dashboard row counts failed updates and links to a read-only list; nobody adds,
edits or deletes them by hand: the retries, the next successful update or a
rebuild clear them (search/tasks.py).

Buyer phrases (search.models.BuyerPhrase) are a snippet CCS admins add and edit;
each change is audited (search.services.buyer_phrase_record) and applies to the
next search. Nobody deletes one: an entry is switched off ("in use" unticked).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet

from marketplace.core.dashboard import WAITING_FOR_CCS_HOOK, Waiting
from marketplace.core.wagtail_admin import (
    ActionsOnlyPermissionPolicy,
    NoDeletePermissionPolicy,
    NoDeleteSnippetViewSet,
)

from .models import BuyerPhrase, PendingEngineUpdate
from .services import buyer_phrase_record

register_permission_policy(
    PendingEngineUpdate, ActionsOnlyPermissionPolicy(PendingEngineUpdate, actions={"view": "view"})
)
register_permission_policy(BuyerPhrase, NoDeletePermissionPolicy(BuyerPhrase))


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


class BuyerPhraseViewSet(NoDeleteSnippetViewSet):
    model = BuyerPhrase
    icon = "search"
    menu_label = _("Buyer search words")
    menu_name = "buyer-phrases"
    add_to_admin_menu = True
    menu_order = 295
    copy_view_enabled = False
    list_display = ["phrase", "live", "updated_at"]
    list_filter = ["live"]
    search_fields = ["phrase", "catalogue_words"]
    panels = [
        FieldPanel("phrase"),
        FieldPanel("catalogue_words"),
        FieldPanel("categories"),
        FieldPanel("live"),
    ]


register_snippet(BuyerPhraseViewSet)


@hooks.register("after_create_snippet")
def audit_buyer_phrase_create(request, instance):
    if isinstance(instance, BuyerPhrase):
        buyer_phrase_record(actor=request.user, phrase=instance, created=True)


@hooks.register("after_edit_snippet")
def audit_buyer_phrase_edit(request, instance):
    if isinstance(instance, BuyerPhrase):
        buyer_phrase_record(actor=request.user, phrase=instance, created=False)
