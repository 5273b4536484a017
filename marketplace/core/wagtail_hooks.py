"""The core's own additions to the Wagtail admin."""

from wagtail import hooks

from .dashboard import WaitingForCcsPanel, waiting_rows


@hooks.register("construct_homepage_panels")
def add_waiting_for_ccs_panel(request, panels):
    rows = waiting_rows(user=request.user)
    if rows:
        panels.insert(0, WaitingForCcsPanel(rows))
