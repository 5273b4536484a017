"""Illustrative demo feedback: a deterministic mix of states, consistent with
what the services would leave, idempotent, and never showing waiting feedback."""

import io

import pytest
from django.core.management import call_command

from feedback.models import (
    DeclaredContract,
    Dispute,
    DisputeOutcome,
    Feedback,
    FeedbackVersion,
    ModerationState,
    SupplierResponse,
)
from feedback.selectors import public_feedback
from listings.models import Listing
from marketplace.accounts.models import BuyerSector
from marketplace.demo.feedback_loader import illustrative_feedback_load
from tests.factories import (
    BuyerOrganisationFactory,
    CcsReviewerFactory,
    LotFactory,
    SupplierUserFactory,
    listing_make,
)

pytestmark = pytest.mark.django_db

SUPPLIERS = 12


@pytest.fixture
def demo_catalogue():
    """Named suppliers with published illustrative listings, and named buyers, so the
    loader's hash-based choices are the same on every run."""
    lot, reviewer = LotFactory(), CcsReviewerFactory()
    for number in range(SUPPLIERS):
        supplier_user = SupplierUserFactory(supplier_organisation__name=f"Demo Supplier {number}")
        listing_make(supplier_user=supplier_user, lot=lot, reviewer=reviewer, publish=True)
    Listing.objects.update(is_illustrative=True)
    sectors = list(BuyerSector.values)
    for number in range(30):
        BuyerOrganisationFactory(name=f"Demo Buyer {number}", sector=sectors[number % len(sectors)])


def load(**kwargs) -> tuple[int, str]:
    lines = []
    added = illustrative_feedback_load(lines.append, **kwargs)
    return added, "\n".join(lines)


def test_nothing_is_added_without_published_demo_listings():
    BuyerOrganisationFactory()
    SupplierUserFactory()

    added, output = load()

    assert added == 0
    assert "no published demo listings" in output
    assert not Feedback.objects.exists()


def test_the_demo_mix_covers_every_state_consistently(demo_catalogue):
    added, output = load()

    feedback = Feedback.objects.all()
    assert SUPPLIERS <= added == feedback.count() <= 3 * SUPPLIERS
    assert f"{SUPPLIERS} suppliers, {added} feedback added" in output
    assert set(feedback.values_list("is_illustrative", flat=True)) == {True}
    assert feedback.values("supplier").distinct().count() == SUPPLIERS
    assert feedback.filter(display_mode="pseudonym", pseudonym_region__isnull=False).exists()
    versions = FeedbackVersion.objects.all()
    for state in ModerationState.PENDING, ModerationState.REJECTED, ModerationState.PUBLISHED:
        assert versions.filter(state=state).exists(), state
    assert not versions.filter(state=ModerationState.REJECTED, moderation_reason="").exists()
    assert not versions.filter(state=ModerationState.PUBLISHED, moderated_at__isnull=True).exists()
    assert versions.filter(number=2).exists()  # an update kept with its history
    assert versions.filter(social_value__isnull=True).exists()  # "not applicable"
    redacted = versions.get(redacted=True)
    assert "[redacted]" in redacted.went_well_public and "£48,000" in redacted.went_well
    responses = SupplierResponse.objects.all()
    assert responses.exists()
    for response in responses:
        assert response.state == ModerationState.PUBLISHED
        assert response.feedback.versions.filter(state=ModerationState.PUBLISHED).exists()
        assert response.author.supplier_organisation_id == response.feedback.supplier_id
    dispute = Dispute.objects.get()
    assert dispute.outcome == DisputeOutcome.NOT_UPHELD and dispute.decision
    assert dispute.version.state == ModerationState.PUBLISHED
    # The demo authors can never sign in.
    assert not feedback.filter(author__is_active=True).exists()


def test_waiting_and_rejected_feedback_is_never_shown_publicly(demo_catalogue):
    load()

    shown = {item.id for item in public_feedback()}
    published = set(
        Feedback.objects.filter(versions__state=ModerationState.PUBLISHED).values_list(
            "pk", flat=True
        )
    )
    assert shown == published
    assert shown < set(Feedback.objects.values_list("pk", flat=True))
    assert all(item.is_illustrative for item in public_feedback())


def test_loading_twice_adds_nothing(demo_catalogue):
    first, _ = load()
    counts = (
        Feedback.objects.count(),
        FeedbackVersion.objects.count(),
        DeclaredContract.objects.count(),
    )

    second, output = load()

    assert (first > 0, second) == (True, 0)
    assert "0 feedback added" in output
    assert (
        Feedback.objects.count(),
        FeedbackVersion.objects.count(),
        DeclaredContract.objects.count(),
    ) == counts


def test_the_sample_size_limits_the_suppliers(demo_catalogue):
    load(sample_size=5)

    assert Feedback.objects.values("supplier").distinct().count() == 5


def test_load_demo_data_says_what_it_did():
    out = io.StringIO()
    call_command("load_demo_data", "--no-users", stdout=out)

    assert "Loading illustrative feedback" in out.getvalue()
