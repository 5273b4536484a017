"""Illustrative feedback on demo suppliers, so the feedback pages have something to show.

For a deterministic sample of suppliers with a published, illustrative listing,
demo buyer organisations declare a contract and leave feedback: varied ratings
(some "not applicable"), some under a pseudonym, most published, a few waiting
for moderation or rejected, a few with a published supplier response, one
update kept as history, one redaction and one dispute that was not upheld.
Every feedback is marked ``is_illustrative`` and the site labels it so.

Why rows are written directly instead of through ``feedback.services``: the
services rightly refuse what a demo needs — they allow five feedback a day per
author, need a signed-in verified buyer and a moderator for each step, and send
e-mails. So this module writes the rows the services would leave behind, field
for field: published versions carry their moderation time and public text,
rejections their reason, responses exist only on published feedback, and the
dispute is on a published version. The authors are inactive demo accounts with
no usable password, one per buyer organisation or supplier, at example.invalid
addresses. The load is one act, recorded by ``load_demo_data`` as one audit event.

Idempotent: each feedback hangs off a declared contract with an "ILLUSTRATIVE-"
reference, and a supplier and buyer pair that already has one is skipped.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from feedback.models import (
    DeclaredContract,
    DisplayMode,
    Dispute,
    DisputeOutcome,
    Feedback,
    FeedbackVersion,
    ModerationState,
    SupplierResponse,
    ValueBand,
)
from listings.vocabulary import ListingStatus
from marketplace.accounts.models import BuyerOrganisation, User
from marketplace.core.models import Region
from suppliers.models import SupplierOrganisation

Progress = Callable[[str], None]

SAMPLE_SIZE = 40
REFERENCE_PREFIX = "ILLUSTRATIVE-"
DEMO_DOMAIN = "example.invalid"  # reserved: no e-mail can ever reach it

# Overall ratings, cycled through by hash: mostly good, some middling, a few poor.
OVERALL = (5, 4, 4, 3, 4, 2, 5, 3, 1, 4)
WENT_WELL = {
    "high": (
        "The team understood our users' needs from the first workshop and met every sprint goal.",
        "The migration finished a week early with no unplanned downtime.",
        "Clear weekly reports, and our named contact always replied the same day.",
        "They trained our staff so that we can now run the service ourselves.",
    ),
    "middle": (
        "They delivered what the contract asked, and the service has run reliably since launch.",
        "Good technical knowledge, and the documentation they handed over was thorough.",
    ),
    "low": (
        "The support desk answered out of hours when we had an outage.",
        "Their developers knew the technology well once the project got going.",
    ),
}
COULD_BE_BETTER = {
    "high": ("Invoices sometimes arrived late.", ""),
    "middle": (
        "Some milestones slipped by a few weeks, and we had to chase for updates.",
        "Change requests took longer to price than we expected.",
    ),
    "low": (
        "Several deadlines were missed and the project finished three months late.",
        "Their staff changed often, so we kept explaining our needs again.",
    ),
}
REDACTED_WENT_WELL = (
    "They agreed a fixed price of {price} for the discovery and kept to it, and the "
    "user research was excellent."
)
UPDATE_WENT_WELL = (
    "Update at the end of the contract: the service has now run for a year without a "
    "serious incident, and the handover to our own team went smoothly."
)
RESPONSE = (
    "Thank you for taking the time to give feedback. We have since changed how we plan "
    "milestones and now send a short progress note every Friday."
)
DISPUTE_REASON = (
    "The delay was caused by a change of scope the buyer asked for in the second month. "
    "The revised plan was agreed in writing."
)
DISPUTE_DECISION = (
    "We read the change notes both organisations sent us. The revised plan still "
    "finished later than agreed, so the feedback fairly describes the buyer's experience "
    "and stands."
)
REJECTION_REASON = (
    "The feedback names a member of the supplier's staff. Please send it again without "
    "the name: the community guidelines ask for feedback about the work, not people."
)


def _number(key: str) -> int:
    """A stable number for a key, the same on every machine and every load."""
    return int(hashlib.sha256(key.encode()).hexdigest()[:12], 16)


def _band(overall: int) -> str:
    return "high" if overall >= 4 else "middle" if overall == 3 else "low"


def _pick(options: tuple, key: str):
    return options[_number(key) % len(options)]


def _rating(overall: int, key: str, *, not_applicable_every: int = 0) -> int | None:
    number = _number(key)
    if not_applicable_every and number % not_applicable_every == 0:
        return None
    return max(1, min(5, overall + (-1, 0, 0, 1)[number % 4]))


def _content(key: str) -> dict:
    overall = _pick(OVERALL, key)
    band = _band(overall)
    return {
        "overall": overall,
        "quality": _rating(overall, f"{key}:quality"),
        "timeliness": _rating(overall, f"{key}:timeliness"),
        "value": _rating(overall, f"{key}:value", not_applicable_every=7),
        "communication": _rating(overall, f"{key}:communication", not_applicable_every=11),
        "social_value": _rating(overall, f"{key}:social", not_applicable_every=3),
        "would_use_again": None if _number(f"{key}:again") % 9 == 0 else overall >= 3,
        "went_well": _pick(WENT_WELL[band], f"{key}:well"),
        "could_be_better": _pick(COULD_BE_BETTER[band], f"{key}:better"),
    }


@dataclass(frozen=True)
class Plan:
    """What happens to the k-th illustrative feedback, so the mix is the same on every load."""

    pending: bool
    rejected: bool
    updated: bool
    redacted: bool
    pseudonym: bool
    response: bool
    disputed: bool

    @classmethod
    def for_position(cls, k: int) -> "Plan":
        pending, rejected = k % 10 == 9, k % 10 == 7
        published = not (pending or rejected)
        return cls(
            pending=pending,
            rejected=rejected,
            updated=k % 10 == 4,
            redacted=k == 2,
            pseudonym=k % 4 == 1,
            response=published and k % 8 == 0,
            disputed=k == 5,
        )


def _demo_user(email: str, name: str, **organisation) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, full_name=name, is_active=False, **organisation)
        user.set_unusable_password()
        user.save()
    return user


def _buyer_author(organisation: BuyerOrganisation) -> User:
    return _demo_user(
        f"illustrative-buyer.{organisation.pk}@{DEMO_DOMAIN}",
        f"Illustrative buyer at {organisation.name}"[:255],
        buyer_organisation=organisation,
    )


def _supplier_author(supplier: SupplierOrganisation) -> User:
    return _demo_user(
        f"illustrative-supplier.{supplier.pk}@{DEMO_DOMAIN}",
        f"Illustrative supplier user at {supplier.name}"[:255],
        supplier_organisation=supplier,
    )


def _sample(size: int) -> list[SupplierOrganisation]:
    with_listings = SupplierOrganisation.objects.filter(
        listings__status=ListingStatus.PUBLISHED,
        listings__live_version__isnull=False,
        listings__is_illustrative=True,
    ).distinct()
    return sorted(with_listings, key=lambda supplier: _number(supplier.name))[:size]


def _version(feedback: Feedback, number: int, content: dict, plan: Plan, now) -> FeedbackVersion:
    state = (
        ModerationState.PENDING
        if plan.pending
        else ModerationState.REJECTED
        if plan.rejected
        else ModerationState.PUBLISHED
    )
    version = FeedbackVersion(
        feedback=feedback,
        number=number,
        state=state,
        went_well_public=content["went_well"],
        could_be_better_public=content["could_be_better"],
        **content,
    )
    if state != ModerationState.PENDING:
        version.moderated_at = now
    if plan.rejected:
        version.moderation_reason = REJECTION_REASON
    if plan.redacted and number == 1:
        version.went_well = REDACTED_WENT_WELL.format(price="£48,000")
        version.went_well_public = REDACTED_WENT_WELL.format(price="[redacted]")
        version.redacted = True
        version.redaction_reason = "commercial"  # a price is commercially confidential
    version.save()
    return version


def _feedback(
    *, supplier, organisation, k: int, regions: list[Region], now
) -> tuple[Feedback, Plan]:
    key = f"{supplier.name}|{organisation.name}"
    plan = Plan.for_position(k)
    author = _buyer_author(organisation)
    start = date(2023, 4, 1) + timedelta(days=_number(f"{key}:start") % 700)
    contract = DeclaredContract.objects.create(
        buyer_organisation=organisation,
        supplier=supplier,
        reference=f"{REFERENCE_PREFIX}{k + 1:03d}",
        value_band=_pick(tuple(ValueBand.values), f"{key}:value_band"),
        start_date=start,
        end_date=start + timedelta(days=365),
        declared_by=author,
    )
    feedback = Feedback.objects.create(
        buyer_organisation=organisation,
        supplier=supplier,
        declared_contract=contract,
        author=author,
        display_mode=DisplayMode.PSEUDONYM if plan.pseudonym else DisplayMode.ORGANISATION,
        pseudonym_region=_pick(tuple(regions), key) if plan.pseudonym and regions else None,
        is_illustrative=True,
    )
    first = _version(feedback, 1, _content(key), plan, now)
    if plan.updated:
        update = {**_content(f"{key}:update"), "went_well": UPDATE_WENT_WELL}
        _version(feedback, 2, update, plan, now)
    if plan.response:
        SupplierResponse.objects.create(
            feedback=feedback,
            author=_supplier_author(supplier),
            text=RESPONSE,
            state=ModerationState.PUBLISHED,
            moderated_at=now,
        )
    if plan.disputed:
        Dispute.objects.create(
            version=first,
            raised_by=_supplier_author(supplier),
            reason=DISPUTE_REASON,
            outcome=DisputeOutcome.NOT_UPHELD,
            decision=DISPUTE_DECISION,
            decided_at=now,
        )
    return feedback, plan


@transaction.atomic
def illustrative_feedback_load(progress: Progress, *, sample_size: int = SAMPLE_SIZE) -> int:
    """Add the illustrative feedback that is missing; return how many were added."""
    suppliers = _sample(sample_size)
    organisations = list(BuyerOrganisation.objects.order_by("name"))
    if not suppliers or not organisations:
        progress("illustrative feedback: no published demo listings or buyers yet, none added")
        return 0
    regions = list(Region.objects.order_by("code"))
    existing = set(
        DeclaredContract.objects.filter(reference__startswith=REFERENCE_PREFIX).values_list(
            "supplier_id", "buyer_organisation_id"
        )
    )
    now = timezone.now()
    k, added, published, responses = 0, 0, 0, 0
    for supplier in suppliers:
        # One to three buyers per supplier, spread across the buyer list.
        first = _number(supplier.name) % len(organisations)
        for step in range(1 + _number(f"{supplier.name}:count") % 3):
            organisation = organisations[(first + step * 97) % len(organisations)]
            if (supplier.pk, organisation.pk) not in existing:
                existing.add((supplier.pk, organisation.pk))
                _feedback_row, plan = _feedback(
                    supplier=supplier, organisation=organisation, k=k, regions=regions, now=now
                )
                added += 1
                published += not (plan.pending or plan.rejected)
                responses += plan.response
            k += 1
    progress(
        f"illustrative feedback: {len(suppliers)} suppliers, {added} feedback added "
        f"({published} published, {responses} with a supplier response)"
    )
    return added
