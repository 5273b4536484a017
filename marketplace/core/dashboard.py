"""The Wagtail admin dashboard's "Waiting for CCS" panel: how many listings,
feedback versions, supplier responses and disputes wait for someone, each with a
link to its queue.

Core imports no feature app, so each app that owns a queue adds its own rows:
it registers ``fn(user) -> list[Waiting]`` under ``WAITING_FOR_CCS_HOOK`` in its
``wagtail_hooks.py`` and counts through its own selectors. Each row is shown only
to people who may act on that queue, and the panel only to people who may act on
one of them.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

# Wagtail hook: each function registered under this name returns the rows of the
# queues it owns that the user may act on (``hooks.register(..., order=n)`` sorts them).
WAITING_FOR_CCS_HOOK = "waiting_for_ccs_rows"


@dataclass(frozen=True)
class Waiting:
    text: str
    url: str
    count: int


def waiting_rows(*, user) -> list[Waiting]:
    """Every queue's row that ``user`` may act on, in the hooks' order."""
    return [row for rows_for in hooks.get_hooks(WAITING_FOR_CCS_HOOK) for row in rows_for(user)]


class WaitingForCcsPanel(Component):
    name = "waiting_for_ccs"
    order = 50
    template_name = "core/admin/waiting_panel.html"
    heading = _("Waiting for CCS")

    def __init__(self, rows: list[Waiting]):
        self.rows = rows

    def get_context_data(self, parent_context):
        return {"rows": self.rows, "heading": self.heading}
