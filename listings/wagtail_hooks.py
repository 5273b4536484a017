"""CCS reviewers find and act on service listings in the Wagtail admin.

A "Service listings" menu holds the review queue and a read-only index of every
listing. Suppliers write listings and CCS acts only through the audited workflow,
so the admin has no add, edit or delete screens for them at all, and the
permission policy refuses those actions to everyone, superusers included.
"""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permissions import policy_registry, register_permission_policy

from frameworks.selectors import LOT_LISTING_COUNTS_HOOK
from marketplace.core.dashboard import WAITING_FOR_CCS_HOOK, Waiting
from marketplace.core.wagtail_admin import ActionsOnlyPermissionPolicy
from suppliers.selectors import PUBLISHED_LISTING_COUNTS_HOOK, PUBLISHED_LISTINGS_HOOK

from .admin_forms import REVIEW_ACTIONS
from .admin_views import (
    URL_NAMESPACE,
    ListingActionView,
    ListingIndexView,
    ListingQueueView,
    ListingReviewView,
)
from .models import Listing
from .selectors import (
    listing_counts_by_lot,
    listing_counts_by_supplier,
    listings_awaiting_review,
    listings_public_for_supplier,
)

# Looking is part of reviewing: both need listings.review_listing. Registered at
# import time, before anything asks the registry for the policy.
register_permission_policy(
    Listing, ActionsOnlyPermissionPolicy(Listing, actions={"view": "review", "review": "review"})
)


def _listing_views(view_class, name: str) -> list:
    """A listing page and the results-only fragment Wagtail's search and filters fetch."""
    names = {
        "index_url_name": f"{URL_NAMESPACE}:{name}",
        "index_results_url_name": f"{URL_NAMESPACE}:{name}_results",
    }
    prefix = "" if name == "queue" else f"{name}/"
    return [
        path(prefix, view_class.as_view(**names), name=name),
        path(
            f"{prefix}results/",
            view_class.as_view(**names, results_only=True),
            name=f"{name}_results",
        ),
    ]


class ListingReviewViewSet(ViewSet):
    name = URL_NAMESPACE
    url_prefix = "listings"
    icon = "doc-full"

    def get_urlpatterns(self):
        return [
            *_listing_views(ListingQueueView, "queue"),
            *_listing_views(ListingIndexView, "index"),
            path("<int:pk>/", ListingReviewView.as_view(), name="review"),
            *[
                path(f"<int:pk>/{name}/", ListingActionView.as_view(action_name=name), name=name)
                for name in REVIEW_ACTIONS
            ],
        ]


@hooks.register("register_admin_viewset")
def register_listing_review_viewset():
    return ListingReviewViewSet()


class ReviewerMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Listing).user_has_permission(request.user, "review")


@hooks.register("register_admin_menu_item")
def register_listings_menu():
    items = [
        ReviewerMenuItem(label, reverse(f"{URL_NAMESPACE}:{view}"), icon_name=icon, order=order)
        for order, (label, view, icon) in enumerate(
            [(_("Listings to review"), "queue", "tasks"), (_("All listings"), "index", "list-ul")]
        )
    ]
    return SubmenuMenuItem(
        _("Service listings"),
        Menu(items=items),
        name="service-listings",
        icon_name="doc-full",
        order=250,
    )


@hooks.register("register_permissions")
def listing_review_permission():
    # Lets CCS admins grant reviewing to a group from Wagtail's group screens.
    return Permission.objects.filter(content_type__app_label="listings", codename="review_listing")


@hooks.register(WAITING_FOR_CCS_HOOK, order=10)
def listings_waiting_for_ccs(user) -> list[Waiting]:
    if not policy_registry.get_by_type(Listing).user_has_permission(user, "review"):
        return []
    count = listings_awaiting_review().count()
    return [
        Waiting(
            ngettext(
                "listing submitted for review",
                "listings submitted for review",
                count,
            ),
            reverse(f"{URL_NAMESPACE}:queue"),
            count,
        )
    ]


# The framework and supplier pages show what is listed; those apps sit below
# listings, so they ask through these hooks instead of importing it.
hooks.register(LOT_LISTING_COUNTS_HOOK, listing_counts_by_lot)
hooks.register(PUBLISHED_LISTING_COUNTS_HOOK, listing_counts_by_supplier)
hooks.register(PUBLISHED_LISTINGS_HOOK, listings_public_for_supplier)
