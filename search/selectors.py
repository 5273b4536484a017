"""Reads of the search app's own records: search analytics and recommendations."""

from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Sum

from listings.models import Listing
from listings.selectors import listings_public

from .analytics import query_normalise
from .analytics_filters import Show
from .analytics_models import RecommendedListing, SearchDailyCount

# The list's order for each kind of report: its own count first, then the busiest.
_ORDER = {
    Show.FREQUENT: ("-total_searches", "query", "filters"),
    Show.ZERO: ("-total_zero", "-total_searches", "query", "filters"),
    Show.RELAXED: ("-total_relaxed", "-total_searches", "query", "filters"),
}
_HAVING = {Show.ZERO: {"total_zero__gt": 0}, Show.RELAXED: {"total_relaxed__gt": 0}}


def search_counts_summarise(*, rows: QuerySet[SearchDailyCount], show: str) -> QuerySet:
    """The daily ``rows`` (already filtered by date and sector) added up per search
    (words and filters), as dicts, in the order of the chosen list.

    ``latest_result_count`` is what the most recent of those searches found.
    """
    latest = rows.filter(query=OuterRef("query"), filters=OuterRef("filters")).order_by(
        "-day", "-pk"
    )
    return (
        rows.values("query", "filters")
        .annotate(
            total_searches=Sum("searches"),
            total_zero=Sum("zero_results"),
            total_relaxed=Sum("relaxed"),
            latest_result_count=Subquery(
                latest.values("last_result_count")[:1], output_field=IntegerField()
            ),
        )
        .filter(**_HAVING.get(show, {}))
        .order_by(*_ORDER.get(show, _ORDER[Show.FREQUENT]))
    )


def recommended_listings_for(*, keywords: str) -> list[Listing]:
    """The published listings CCS recommends for these search words, in CCS's order.

    A suspended or withdrawn listing is never shown, and a recommendation that was
    switched off is ignored.
    """
    query = query_normalise(keywords)
    if not query:
        return []
    chosen = list(
        RecommendedListing.objects.filter(query=query, active=True)
        .order_by("order", "pk")
        .values_list("listing_id", flat=True)
    )
    if not chosen:
        return []
    public = listings_public().in_bulk(chosen)
    return [public[pk] for pk in chosen if pk in public]
