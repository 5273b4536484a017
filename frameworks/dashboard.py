"""The Wagtail admin dashboard's "Waiting for CCS" panel: how many listings,
feedback versions, supplier responses and disputes wait for someone, each with a
link to its queue.

It lives here, and not in marketplace.core, so that core never imports the
feature apps; it reads each count through that app's own selector. Each row is
shown only to people who may act on that queue, and the panel only to people
who may act on one of them.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component


@dataclass(frozen=True)
class Waiting:
    text: str
    url: str
    count: int


def waiting_rows(*, user) -> list[Waiting]:
    from wagtail.permissions import policy_registry

    from feedback.admin_views import URL_NAMESPACE as FEEDBACK
    from feedback.selectors import moderation_queue
    from feedback.services import MODERATE_PERMISSION
    from listings.admin_views import URL_NAMESPACE as LISTINGS
    from listings.models import Listing
    from listings.selectors import listings_awaiting_review

    rows = []
    if policy_registry.get_by_type(Listing).user_has_permission(user, "review"):
        count = listings_awaiting_review().count()
        rows.append(
            Waiting(
                ngettext(
                    "listing submitted for review",
                    "listings submitted for review",
                    count,
                ),
                reverse(f"{LISTINGS}:queue"),
                count,
            )
        )
    if user.has_perm(MODERATE_PERMISSION):
        queue = reverse(f"{FEEDBACK}:queue")
        queues = moderation_queue()
        for key, anchor, singular, plural in (
            (
                "feedback",
                "feedback-waiting",
                "feedback version to moderate",
                "feedback versions to moderate",
            ),
            (
                "responses",
                "responses-waiting",
                "supplier response to moderate",
                "supplier responses to moderate",
            ),
            ("disputes", "open-disputes", "open dispute", "open disputes"),
        ):
            count = queues[key].count()
            rows.append(Waiting(ngettext(singular, plural, count), f"{queue}#{anchor}", count))
    return rows


class WaitingForCcsPanel(Component):
    name = "waiting_for_ccs"
    order = 50
    template_name = "frameworks/admin/waiting_panel.html"
    heading = _("Waiting for CCS")

    def __init__(self, rows: list[Waiting]):
        self.rows = rows

    def get_context_data(self, parent_context):
        return {"rows": self.rows, "heading": self.heading}
