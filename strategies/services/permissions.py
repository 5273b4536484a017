"""Who may edit the strategies tree: each organisation's editors' group, CCS
staff, and the approval workflow every strategy passes through."""

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from frameworks.models import BuyingOrganisation
from marketplace.accounts.roles import CCS_ADMINS_GROUP, CCS_REVIEWERS_GROUP
from marketplace.core.services import audit_record

from ..models import OrganisationStrategyIndexPage
from ..selectors import strategy_index_get

# Editors draft and submit; publishing is for CCS, through the approval workflow.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
CCS_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
WORKFLOW_NAME = "Procurement strategy approval"
TASK_NAME = "CCS approves the strategy"


def _grant(group: Group, page, codenames: Iterable[str]) -> None:
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=list(codenames)
    )
    for permission in permissions:
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def strategy_editors_group_name(*, organisation: BuyingOrganisation) -> str:
    return f"Strategy editors: {organisation.name}"[:150]


def strategy_editors_group_ensure(*, organisation: BuyingOrganisation) -> Group:
    """The Wagtail group whose members edit this organisation's strategies, and
    nothing else: its page permissions sit on the organisation's strategies index."""
    group, created = Group.objects.get_or_create(
        name=strategy_editors_group_name(organisation=organisation)
    )
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    index = OrganisationStrategyIndexPage.objects.filter(organisation=organisation).first()
    if index is not None:
        _grant(group, index, EDITOR_PAGE_PERMISSIONS)
    if created:
        audit_record(
            actor=None,
            action="strategy.editors_group.created",
            subject=group,
            data={"organisation": organisation.name},
        )
    return group


def strategy_workflow_ensure() -> None:
    """Wagtail's moderation workflow for the strategies tree: editors submit, a CCS
    reviewer or admin approves (which publishes) or asks for changes."""
    index = strategy_index_get()
    if index is None:
        return
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(*Group.objects.filter(name__in=[CCS_REVIEWERS_GROUP, CCS_ADMINS_GROUP]))
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})


def strategy_permissions_sync(**kwargs) -> None:
    """After each migrate: CCS staff may edit and publish anywhere in the strategies
    tree, each organisation's editors only under its index; the workflow is set."""
    index = strategy_index_get()
    if index is None:
        return
    for group in Group.objects.filter(name__in=[CCS_REVIEWERS_GROUP, CCS_ADMINS_GROUP]):
        _grant(group, index, CCS_PAGE_PERMISSIONS)
    for organisation_index in OrganisationStrategyIndexPage.objects.select_related("organisation"):
        strategy_editors_group_ensure(organisation=organisation_index.organisation)
    strategy_workflow_ensure()
