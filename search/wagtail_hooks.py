"""CCS see search index updates that failed, so a broken engine is noticed;
keep the buyer vocabulary; read the search analytics report and recommend
services for a search.

A dashboard row counts failed updates and links to a read-only list; nobody adds,
edits or deletes them by hand: the retries, the next successful update or a
rebuild clear them (search/tasks.py).

Buyer phrases (search.models.BuyerPhrase) are a snippet CCS admins add and edit;
each change is audited (search.services.buyer_phrase_record) and applies to the
next search. Nobody deletes one: an entry is switched off ("in use" unticked).
"""

from django.core.exceptions import ValidationError
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet

from listings.selectors import listings_public
from marketplace.core.dashboard import WAITING_FOR_CCS_HOOK, Waiting
from marketplace.core.wagtail_admin import (
    ActionsOnlyPermissionPolicy,
    NoDeletePermissionPolicy,
    NoDeleteSnippetViewSet,
)

from .admin_views import URL_NAMESPACE, VIEW_PERMISSION, SearchAnalyticsView
from .analytics import query_normalise
from .models import BuyerPhrase, PendingEngineUpdate, RecommendedListing
from .services import buyer_phrase_record, recommended_listing_audit

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


# Search analytics (a report) and "Recommended by CCS" (a snippet): issue 13.


@hooks.register("register_admin_urls")
def register_search_analytics_urls():
    urls = [path("", SearchAnalyticsView.as_view(), name="report")]
    return [path("search-analytics/", include((urls, URL_NAMESPACE)))]


class AnalyticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_search_analytics_menu_item():
    return AnalyticsMenuItem(
        _("Search analytics"),
        reverse(f"{URL_NAMESPACE}:report"),
        name="search-analytics",
        icon_name="search",
        order=900,
    )


class RecommendedListingForm(WagtailAdminModelForm):
    """Only published listings can be chosen; the words are stored as searches are counted."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["listing"].queryset = listings_public().order_by("live_version__name")

    def clean_query(self):
        query = query_normalise(self.cleaned_data.get("query") or "")
        if not query:
            raise ValidationError(_("Enter the search words to recommend the service for"))
        return query


register_permission_policy(RecommendedListing, NoDeletePermissionPolicy(RecommendedListing))


class RecommendedListingViewSet(NoDeleteSnippetViewSet):
    model = RecommendedListing
    icon = "pick"
    menu_label = _("Recommended services")
    menu_name = "recommended-services"
    add_to_admin_menu = False  # under Snippets, beside the buyer vocabulary
    copy_view_enabled = False
    list_display = ["query", "listing", "order", "active", "updated_at"]
    list_filter = ["active"]
    search_fields = ["query"]
    edit_handler = ObjectList(
        [FieldPanel("query"), FieldPanel("listing"), FieldPanel("order"), FieldPanel("active")],
        base_form_class=RecommendedListingForm,
    )

    def get_queryset(self, request):
        return RecommendedListing.objects.select_related("listing__live_version")


register_snippet(RecommendedListingViewSet)


@hooks.register("after_create_snippet")
def recommended_listing_created(request, instance):
    if isinstance(instance, RecommendedListing):
        recommended_listing_audit(actor=request.user, recommendation=instance, action="created")


@hooks.register("after_edit_snippet")
def recommended_listing_edited(request, instance):
    if isinstance(instance, RecommendedListing):
        recommended_listing_audit(actor=request.user, recommendation=instance, action="edited")
