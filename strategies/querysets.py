"""The queries the strategy pages make of themselves, as QuerySet methods.

The pages call these while serving (their context and their sub-pages), and
selectors.py builds the public reads on them, so the pages never import the
selectors and the selectors import the pages: one direction only. Only live,
public pages are "published": drafts and pages in moderation never reach the
public."""

from django.db.models import Count, Q, QuerySet
from wagtail.models import Page, PageQuerySet


class StrategyPageQuerySet(PageQuerySet):
    def published(self) -> "StrategyPageQuerySet":
        return self.live().public().select_related("organisation")

    def of_organisation(self, organisation) -> "StrategyPageQuerySet":
        """The organisation's published strategies, newest year first, with how
        many pipeline entries each has."""
        return (
            self.published()
            .filter(organisation=organisation)
            .annotate(entry_count=Count("pipeline_entries"))
            .order_by("-financial_year")
        )


class OrganisationIndexQuerySet(PageQuerySet):
    def published(self) -> "OrganisationIndexQuerySet":
        return self.live().public().select_related("organisation").order_by("organisation__name")


class PipelineEntryQuerySet(QuerySet):
    def published(self) -> "PipelineEntryQuerySet":
        """Entries of published strategies, with what the tables and files show."""
        # Every entry's page is a strategy page, so the live, public pages are
        # the published strategies.
        return (
            self.filter(page__in=Page.objects.live().public())
            .select_related("page", "page__organisation", "framework")
            .prefetch_related("categories", "regions")
            .order_by("procurement_start", "page__organisation__name", "title", "pk")
        )

    def for_small_suppliers(self) -> "PipelineEntryQuerySet":
        """Planned work the buyer says suits SMEs or VCSEs and is not yet awarded."""
        return self.filter(
            Q(suitable_for_sme=True) | Q(suitable_for_vcse=True),
            status__in=["planned", "in-procurement"],
        )

    def of_strategy(self, strategy) -> "PipelineEntryQuerySet":
        return (
            self.filter(page=strategy)
            .select_related("framework")
            .prefetch_related("categories", "regions")
            .order_by("sort_order", "pk")
        )
