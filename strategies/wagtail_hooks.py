"""Audit every change to the strategies tree made in the admin, next to the
service's own events; Wagtail's page history keeps the field-level detail.
Admin actions arrive as these hooks, which carry the request and so the actor;
workflow steps arrive as signals (see signals.py)."""

from wagtail import hooks

from .models import OrganisationStrategyIndexPage
from .services import strategy_editors_group_ensure
from .signals import audit_page as _audit


@hooks.register("after_create_page")
def audit_strategy_create(request, page):
    _audit(request.user, page, "created")
    if isinstance(page.specific, OrganisationStrategyIndexPage):
        # A new organisation's index gets its editors' group straight away.
        strategy_editors_group_ensure(organisation=page.specific.organisation)


@hooks.register("after_edit_page")
def audit_strategy_edit(request, page):
    _audit(request.user, page, "edited")


@hooks.register("after_publish_page")
def audit_strategy_publish(request, page):
    _audit(request.user, page, "published")


@hooks.register("after_unpublish_page")
def audit_strategy_unpublish(request, page):
    _audit(request.user, page, "unpublished")


@hooks.register("after_delete_page")
def audit_strategy_delete(request, page):
    _audit(request.user, page, "deleted")
