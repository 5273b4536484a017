"""Keeping both search stores in step with what their documents are built from.

A listing's document carries its own version's words and also its supplier
(name, size, VCSE, head office, accreditations, apprenticeships), its lot and
framework, and its categories' names. Whatever changes any of them calls
``listing_documents_refresh`` (search/signal_handlers.py connects the signals),
which refreshes the database executor's table (database_index.py) at once and
the engine index (engine_index.py) through a task.
"""

import logging
from collections.abc import Iterable
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from marketplace.core.services import audit_record

from .analytics import filters_canonical, query_normalise
from .analytics_models import RecommendedListing, SearchDailyCount
from .database_index import database_listings_refresh, search_entries_rebuild, search_entry_refresh
from .models import BuyerPhrase
from .request import SearchResult
from .tasks import engine_listings_refresh_task

logger = logging.getLogger(__name__)

__all__ = [
    "buyer_phrase_record",
    "listing_documents_refresh",
    "search_entries_rebuild",
    "search_entry_refresh",
]


def listing_documents_refresh(*, listing_ids: Iterable[int]) -> None:
    """Rewrite these listings' documents in both stores: kept if public, removed if not.

    Called after the change has committed, so a failure here must not turn that
    success into an error page: it is logged, and the next refresh or rebuild
    puts the documents right.
    """
    listing_ids = sorted(set(listing_ids))
    if not listing_ids:
        return
    try:
        database_listings_refresh(listing_ids=listing_ids)
    except Exception:
        logger.exception("Could not refresh the search entries of listings %s", listing_ids)
    try:
        engine_listings_refresh_task.enqueue(listing_ids=listing_ids)
    except Exception:  # a broken queue must not turn an approval into an error page
        logger.exception("Could not queue the search update for listings %s", listing_ids)


def search_log_record(*, filterset, result: SearchResult, user) -> None:
    """Count one buyer's search in today's row for its words, filters and sector.

    Nothing about the person is kept: ``user`` is read for their buyer
    organisation's sector only. Page 2, 3… carry a ``page`` answer (the pagination
    links add it; the search form has none), so only a search the buyer ran is
    counted, not each page of it. One UPDATE adds to the counters in the database
    (``F()``), so searches at the same moment never lose a count; the first search
    of a row inserts it. A failure is logged and swallowed, in its own savepoint:
    a search must never fail because it could not be counted.
    """
    if "page" in filterset.data:
        return
    try:
        form = filterset.form
        key = {
            "day": timezone.localdate(),
            "query": query_normalise(form.cleaned_data.get("q") or ""),
            "filters": filters_canonical(data=filterset.data, valid=form.cleaned_data),
            "sector": _buyer_sector(user),
        }
        zero, relaxed = int(result.total == 0), int(result.relaxed)
        with transaction.atomic():
            _search_count_add(key=key, zero=zero, relaxed=relaxed, total=result.total)
    except Exception:
        logger.exception("Could not count a search")


def _buyer_sector(user) -> str:
    if not getattr(user, "is_authenticated", False) or not user.is_buyer:
        return ""
    return user.buyer_organisation.sector


def _search_count_add(*, key: dict, zero: int, relaxed: int, total: int) -> None:
    added = {
        "searches": F("searches") + 1,
        "zero_results": F("zero_results") + zero,
        "relaxed": F("relaxed") + relaxed,
        "last_result_count": total,
    }
    if SearchDailyCount.objects.filter(**key).update(**added):
        return
    try:
        with transaction.atomic():
            SearchDailyCount.objects.create(
                **key, searches=1, zero_results=zero, relaxed=relaxed, last_result_count=total
            )
    except IntegrityError:  # another search created the row a moment ago
        SearchDailyCount.objects.filter(**key).update(**added)


# Counts older than this are removed by ``search_analytics_prune`` (docs/operations.md).
SEARCH_ANALYTICS_KEEP_DAYS = 730


def search_analytics_prune(
    *, keep_days: int = SEARCH_ANALYTICS_KEEP_DAYS, today: date | None = None
) -> int:
    """Remove the daily search counts older than ``keep_days``; returns how many rows.

    They are counts the service made, not anything a person wrote, and they hold no
    personal data; two years is enough to compare a year with the one before.
    """
    cutoff = (today or timezone.localdate()) - timedelta(days=keep_days)
    removed, _ = SearchDailyCount.objects.filter(day__lt=cutoff).delete()
    audit_record(
        actor=None,
        action="search_analytics.pruned",
        data={"before": cutoff.isoformat(), "rows": removed},
    )
    return removed


def recommended_listing_audit(*, actor, recommendation: RecommendedListing, action: str) -> None:
    """Record a change CCS made to a recommendation in the admin ("created" or "edited")."""
    audit_record(
        actor=actor,
        action=f"recommended_listing.{action}",
        subject=recommendation,
        data={
            "query": recommendation.query,
            "listing": recommendation.listing_id,
            "order": recommendation.order,
            "active": recommendation.active,
        },
    )


def buyer_phrase_record(*, actor, phrase: BuyerPhrase, created: bool) -> None:
    """Audit a buyer phrase CCS added or changed in the admin (Wagtail saved it).

    Nothing else to do: the vocabulary is read at query time, so the next search uses it.
    """
    audit_record(
        actor=actor,
        action=f"search.buyer_phrase.{'created' if created else 'changed'}",
        subject=phrase,
        data={
            "phrase": phrase.phrase,
            "catalogue_words": list(phrase.catalogue),
            "categories": sorted(phrase.categories.values_list("slug", flat=True)),
            "live": phrase.live,
        },
    )
