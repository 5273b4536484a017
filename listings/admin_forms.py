"""The review actions CCS can take on a listing, and the reason some of them need.

Each action names the audited service that does the work. A rejection or a
suspension must say why, because the supplier is shown the reason; a
withdrawal may say why.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Listing
from .vocabulary import ListingStatus


@dataclass(frozen=True)
class ReviewAction:
    name: str
    label: str
    done: str  # the success message, with {name} for the service name
    service: Callable[..., Any]
    # Which statuses offer the action; the service has the last word.
    offered_for: tuple[str, ...] = ()
    offered_when_submitted: bool = False
    # None: no reason asked; otherwise the message shown when it is missing,
    # or "" when a reason is optional.
    reason_required_message: str | None = None
    reason_label: str = ""
    reason_help: str = ""
    serious: bool = False

    @property
    def asks_reason(self) -> bool:
        return self.reason_required_message is not None

    def is_offered(self, *, listing: Listing, has_submitted_version: bool) -> bool:
        if self.offered_when_submitted:
            return has_submitted_version
        return listing.status in self.offered_for

    def perform(self, *, actor: Any, listing: Listing, reason: str) -> None:
        if self.asks_reason:
            self.service(actor=actor, listing=listing, reason=reason)
        else:
            self.service(actor=actor, listing=listing)


SUPPLIER_SEES = _("The supplier sees this reason.")

REVIEW_ACTIONS = {
    action.name: action
    for action in (
        ReviewAction(
            name="approve",
            label=_("Approve and publish"),
            done=_("'{name}' approved and published."),
            service=services.listing_approve,
            offered_when_submitted=True,
        ),
        ReviewAction(
            name="reject",
            label=_("Reject"),
            done=_("'{name}' rejected. The supplier can see your reason."),
            service=services.listing_reject,
            offered_when_submitted=True,
            reason_required_message=_("Enter the reason for rejecting the listing"),
            reason_label=_("Reason for rejecting"),
            reason_help=SUPPLIER_SEES,
            serious=True,
        ),
        ReviewAction(
            name="suspend",
            label=_("Suspend"),
            done=_("'{name}' suspended. Buyers can no longer find it."),
            service=services.listing_suspend,
            offered_for=(ListingStatus.PUBLISHED,),
            reason_required_message=_("Enter the reason for suspending the listing"),
            reason_label=_("Reason for suspending"),
            reason_help=SUPPLIER_SEES,
            serious=True,
        ),
        ReviewAction(
            name="reinstate",
            label=_("Reinstate"),
            done=_("'{name}' reinstated. Buyers can find it again."),
            service=services.listing_reinstate,
            offered_for=(ListingStatus.SUSPENDED,),
        ),
        ReviewAction(
            name="withdraw",
            label=_("Withdraw for good"),
            done=_("'{name}' withdrawn. It stays in the record."),
            service=services.listing_withdraw,
            offered_for=(ListingStatus.PUBLISHED, ListingStatus.SUSPENDED),
            reason_required_message="",
            reason_label=_("Reason for withdrawing"),
            reason_help=_("Optional. The supplier sees this reason."),
            serious=True,
        ),
    )
}


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, action: ReviewAction, **kwargs):
        kwargs.setdefault("prefix", action.name)
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.required = bool(action.reason_required_message)
        field.error_messages["required"] = action.reason_required_message
        field.label = action.reason_label
        field.help_text = action.reason_help
