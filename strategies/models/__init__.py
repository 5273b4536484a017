"""The strategies app's models, by concern: the Wagtail pages (and their
sub-pages), the pipeline entries inline on a strategy page, and the pipeline
alerts (their own module beside the app's other alert files)."""

from ..alert_models import PipelineAlertSent, PipelineAlertSubscription, PipelineEntryVersion
from .pages import (
    ILLUSTRATIVE_SOURCE_YEAR,
    OrganisationStrategyIndexPage,
    ProcurementStrategyPage,
    ProcurementStrategyPageForm,
    StrategyIndexPage,
)
from .pipeline import Confidence, PipelineEntry, PipelineStatus, RouteToMarket

__all__ = [
    "ILLUSTRATIVE_SOURCE_YEAR",
    "Confidence",
    "OrganisationStrategyIndexPage",
    "PipelineAlertSent",
    "PipelineAlertSubscription",
    "PipelineEntry",
    "PipelineEntryVersion",
    "PipelineStatus",
    "ProcurementStrategyPage",
    "ProcurementStrategyPageForm",
    "RouteToMarket",
    "StrategyIndexPage",
]
