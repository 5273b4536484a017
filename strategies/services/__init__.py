"""Writes for procurement strategies, by concern:

- permissions: each organisation's editors' group, CCS staff's rights and the
  approval workflow;
- pages: the page tree, and saving a strategy with its pipeline;
- pipeline_import: a pipeline CSV file into each organisation's strategy.

Pipeline alerts have their own services (strategies.alert_services).
The public names are gathered here, so callers import from strategies.services."""

from .pages import PlannedEntry, organisation_strategy_index_ensure, strategy_save
from .permissions import (
    CCS_PAGE_PERMISSIONS,
    EDITOR_PAGE_PERMISSIONS,
    TASK_NAME,
    WORKFLOW_NAME,
    strategy_editors_group_ensure,
    strategy_editors_group_name,
    strategy_permissions_sync,
    strategy_workflow_ensure,
)
from .pipeline_import import ORGANISATION_ALIASES, pipeline_csv_import

__all__ = [
    "CCS_PAGE_PERMISSIONS",
    "EDITOR_PAGE_PERMISSIONS",
    "ORGANISATION_ALIASES",
    "TASK_NAME",
    "WORKFLOW_NAME",
    "PlannedEntry",
    "organisation_strategy_index_ensure",
    "pipeline_csv_import",
    "strategy_editors_group_ensure",
    "strategy_editors_group_name",
    "strategy_permissions_sync",
    "strategy_save",
    "strategy_workflow_ensure",
]
