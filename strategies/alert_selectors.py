"""Reads for pipeline alerts: what an entry's version is, whether it matches a
subscription, and which versions are news to a subscriber."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .alert_models import PipelineAlertSent, PipelineAlertSubscription, PipelineEntryVersion
from .cpv import cpv_code_clean

# Type hints only: the pages import this module.
if TYPE_CHECKING:
    from .models import PipelineEntry


def entry_fingerprint(entry: PipelineEntry) -> str:
    """A digest of everything a supplier reads about the entry: any change to it
    makes a new version, which alerts send once more."""
    facts = [
        entry.title,
        entry.description,
        list(entry.cpv_codes),
        None if entry.value_amount is None else str(entry.value_amount),
        entry.value_band,
        entry.procurement_start and entry.procurement_start.isoformat(),
        entry.contract_start and entry.contract_start.isoformat(),
        entry.route_to_market,
        entry.framework_id,
        entry.suitable_for_sme,
        entry.suitable_for_vcse,
        entry.confidence,
        entry.status,
        sorted(category.pk for category in entry.categories.all()),
        sorted(region.code for region in entry.regions.all()),
    ]
    return hashlib.sha256(json.dumps(facts).encode()).hexdigest()


@dataclass(frozen=True)
class AlertFilter:
    """A subscription's choices as plain values: materialised paths of the chosen
    categories, two-digit CPV divisions and ITL1 region codes. An empty choice
    means "any"."""

    category_paths: tuple[str, ...] = ()
    cpv_divisions: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()

    @classmethod
    def of(cls, subscription: PipelineAlertSubscription) -> AlertFilter:
        return cls(
            category_paths=tuple(c.path for c in subscription.categories.all()),
            cpv_divisions=frozenset(subscription.cpv_divisions),
            regions=frozenset(r.code for r in subscription.regions.all()),
        )

    def matches(self, entry: PipelineEntry) -> bool:
        """What it is (a chosen category or CPV group, when any is chosen) and
        where (a chosen region, when any is chosen)."""
        if self.category_paths or self.cpv_divisions:
            in_category = any(
                category.path.startswith(self.category_paths) for category in entry.categories.all()
            )
            in_division = any(
                cpv_code_clean(code)[:2] in self.cpv_divisions for code in entry.cpv_codes
            )
            if not (in_category or in_division):
                return False
        if self.regions:
            return any(region.code in self.regions for region in entry.regions.all())
        return True


@dataclass
class DigestItem:
    entry: PipelineEntry
    fingerprint: str
    changed: bool  # an earlier version was seen: the entry changed


def digest_items(
    *, subscription: PipelineAlertSubscription, current: dict[tuple[int, str, str], PipelineEntry]
) -> list[DigestItem]:
    """The current entry versions first seen since the subscriber's last digest
    that match their alert and were never sent to them."""
    fresh = PipelineEntryVersion.objects.filter(seen_at__gt=subscription.news_since)
    sent = set(
        PipelineAlertSent.objects.filter(subscription=subscription).values_list(
            "page_id", "key", "fingerprint"
        )
    )
    alert = AlertFilter.of(subscription)
    items = []
    for version in fresh.order_by("seen_at", "pk"):
        triple = (version.page_id, version.key, version.fingerprint)
        entry = current.get(triple)
        if entry is None or triple in sent or not alert.matches(entry):
            continue
        older = PipelineEntryVersion.objects.filter(
            page_id=version.page_id, key=version.key, seen_at__lt=version.seen_at
        ).exists()
        items.append(DigestItem(entry=entry, fingerprint=version.fingerprint, changed=older))
    return items


def subscription_for(user) -> PipelineAlertSubscription | None:
    return (
        PipelineAlertSubscription.objects.filter(user=user)
        .prefetch_related("categories", "regions")
        .first()
    )
