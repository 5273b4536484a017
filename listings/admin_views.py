"""CCS review of service listings in the Wagtail admin.

Reviewers read a listing and act on it through the audited workflow in
``services.py``; they never edit what a supplier wrote. Every view checks the
listing permission policy ("view" and "review" both need
``listings.review_listing``), and Wagtail's admin URLs require admin access.
"""

from django.core.exceptions import ValidationError
from django.db.models import JSONField, OuterRef, Subquery
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.ui.tables import (
    Column,
    DateColumn,
    StatusFlagColumn,
    StatusTagColumn,
    TitleColumn,
)
from wagtail.admin.views.generic import IndexView

from marketplace.core.selectors import audit_events_for
from marketplace.core.wagtail_admin import AdminObjectView

from .admin_forms import REVIEW_ACTIONS, ReasonForm
from .comparison import version_changes, version_fields
from .filters import ListingAdminFilterSet
from .models import Listing, ListingVersion
from .selectors import listings_awaiting_review
from .vocabulary import ListingStatus, VersionState

URL_NAMESPACE = "listings_admin"


def review_url(listing_id: int) -> str:
    return reverse(f"{URL_NAMESPACE}:review", args=[listing_id])


def _framework_and_lot(listing: Listing) -> str:
    return f"{listing.lot.framework.name}: Lot {listing.lot.number} {listing.lot.name}"


class ListingIndexView(IndexView):
    """All listings, read-only: each row opens the review page."""

    model = Listing
    any_permission_required = ["view"]
    page_title = _("All listings")
    filterset_class = ListingAdminFilterSet
    search_fields = ["supplier__name", "supplier__trading_name", "live_version__name"]
    default_ordering = "-updated_at"
    # A plain ViewSet (not a ModelViewSet) does not pass list_per_page, and an unpaged
    # index rendered all 1,059 demo listings on one 1.1 MB page in 10-12 s.
    paginate_by = 50

    def get_base_queryset(self):
        return Listing.objects.select_related("supplier", "lot__framework", "live_version")

    def _title_column(self, label, accessor):
        return TitleColumn(
            "name", label=label, accessor=accessor, get_url=lambda listing: review_url(listing.pk)
        )

    @cached_property
    def columns(self):
        return [
            self._title_column(_("Service"), str),
            Column("supplier", label=_("Supplier"), sort_key="supplier__name"),
            Column("framework", label=_("Framework and lot"), accessor=_framework_and_lot),
            StatusTagColumn(
                "get_status_display",
                label=_("Status"),
                sort_key="status",
                primary=lambda listing: listing.status == ListingStatus.PUBLISHED,
            ),
            DateColumn("updated_at", label=_("Updated"), sort_key="updated_at"),
        ]


class ListingQueueView(ListingIndexView):
    """Listings with a version waiting for review, oldest submission first."""

    page_title = _("Listings to review")
    filterset_class = None
    default_ordering = "submitted_at"

    def get_base_queryset(self):
        submitted = ListingVersion.objects.filter(
            listing=OuterRef("pk"), state=VersionState.SUBMITTED
        ).order_by("-number")
        return listings_awaiting_review().annotate(
            submitted_name=Subquery(submitted.values("name")[:1]),
            submitted_at=Subquery(submitted.values("submitted_at")[:1]),
            submitted_flags=Subquery(
                submitted.values("duplicate_flags")[:1], output_field=JSONField()
            ),
        )

    @cached_property
    def columns(self):
        return [
            Column("supplier", label=_("Supplier"), sort_key="supplier__name"),
            self._title_column(_("Service"), "submitted_name"),
            Column("framework", label=_("Framework and lot"), accessor=_framework_and_lot),
            DateColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
            StatusFlagColumn(
                "is_change",
                label=_("Change to a published listing"),
                accessor=lambda listing: listing.live_version_id is not None,
                true_label=_("Change"),
                false_label=_("New"),
            ),
            StatusFlagColumn(
                "duplicates",
                label=_("Possible duplicate"),
                accessor=lambda listing: bool(listing.submitted_flags),
                true_label=_("Possible duplicate"),
            ),
        ]

    @cached_property
    def no_results_message(self):
        return _("There are no listings waiting for review.")


class ListingReviewView(AdminObjectView):
    """One listing: the version to review in full, what changed, duplicates,
    history, and the actions its status allows."""

    model = Listing
    permission_required = "review"
    template_name = "listings/admin/review.html"
    header_icon = "doc-full"

    def get_queryset(self):
        return Listing.objects.select_related("supplier", "lot__framework", "live_version")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.listing = self.object
        self.versions = list(
            self.listing.versions.select_related("reviewed_by").order_by("-number")
        )
        self.submitted = next((v for v in self.versions if v.state == VersionState.SUBMITTED), None)

    @cached_property
    def version(self) -> ListingVersion:
        """What the reviewer reads: the version waiting for review, else the live one."""
        return self.submitted or self.listing.live_version or self.versions[0]

    def get_page_title(self):
        return _("Review listing") if self.submitted else _("Listing")

    def get_page_subtitle(self):
        return self.version.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{URL_NAMESPACE}:queue"), "label": _("Listings to review")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def _duplicates(self) -> list[dict]:
        return [
            {
                "name": flag.get("name", ""),
                "url": review_url(flag["listing"]),
                "similarity": f"{flag.get('similarity', 0):.0%}",
            }
            for flag in self.version.duplicate_flags
            if flag.get("listing")
        ]

    def _actions(self, forms: dict) -> list[dict]:
        offered = []
        for action in REVIEW_ACTIONS.values():
            if action.is_offered(
                listing=self.listing, has_submitted_version=self.submitted is not None
            ):
                form = forms.get(action.name) or ReasonForm(action=action)
                offered.append(
                    {
                        "action": action,
                        "form": form if action.asks_reason else None,
                        "url": reverse(f"{URL_NAMESPACE}:{action.name}", args=[self.listing.pk]),
                    }
                )
        return offered

    def get_context_data(self, forms=None, **kwargs):
        context = super().get_context_data(**kwargs)
        live = self.listing.live_version
        is_change = self.submitted is not None and live is not None
        context.update(
            listing=self.listing,
            version=self.version,
            fields=version_fields(self.version),
            live_version=live,
            is_change=is_change,
            changes=version_changes(before=live, after=self.submitted) if is_change else [],
            duplicates=self._duplicates(),
            versions=self.versions,
            events=[
                # "listing.draft_saved" reads as "Draft saved".
                (event, capfirst(event.action.partition(".")[2].replace("_", " ")))
                for event in audit_events_for(subject=self.listing).select_related("actor")[:50]
            ],
            actions=self._actions(forms or {}),
        )
        return context


class ListingActionView(ListingReviewView):
    """POST only: one workflow step. A refusal re-shows the review page with a
    400 and the reason typed so far, so nothing is lost."""

    http_method_names = ["post"]
    action_name = ""

    def post(self, request, *args, **kwargs):
        action = REVIEW_ACTIONS[self.action_name]
        form = ReasonForm(request.POST, action=action)
        name = self.version.name
        try:
            if action.asks_reason and not form.is_valid():
                raise ValidationError(form.errors["reason"])
            reason = form.cleaned_data.get("reason", "") if action.asks_reason else ""
            action.perform(actor=request.user, listing=self.listing, reason=reason)
        except ValidationError as error:
            # The service's transaction rolled back: the listing is as it was.
            for message in error.messages:
                messages.error(request, message)
            context = self.get_context_data(forms={action.name: form})
            return self.render_to_response(context, status=400)
        messages.success(request, str(action.done).format(name=name))
        if action.offered_when_submitted:
            return redirect(f"{URL_NAMESPACE}:queue")
        return redirect(review_url(self.listing.pk))
