"""What the public may read: published versions only, never the author, and a
pseudonymous buyer stays pseudonymous."""

import dataclasses

import pytest

from feedback import services
from feedback.selectors import feedback_summary, public_feedback
from marketplace.core.models import Region

from .conftest import content

pytestmark = pytest.mark.django_db


def flatten(items) -> str:
    return repr([dataclasses.asdict(item) for item in items])


def test_pseudonymous_feedback_never_carries_the_identity(relationship, moderator):
    buyer, _supplier_user, award = relationship
    feedback = services.feedback_create(
        actor=buyer,
        content=content(),
        award=award,
        display_mode="pseudonym",
        pseudonym_region=Region.objects.get(code="TLE"),
    )
    assert public_feedback(supplier_id=feedback.supplier_id) == []  # pending is not public
    services.feedback_publish(actor=moderator, version=feedback.versions.get())

    (item,) = public_feedback(supplier_id=feedback.supplier_id)
    assert item.from_name == "A council in Yorkshire and The Humber"
    text = flatten([item])
    for secret in ("Leeds City Council", buyer.email, buyer.full_name):
        assert secret not in text


def test_named_feedback_shows_the_organisation_but_not_the_person(published):
    (item,) = public_feedback(supplier_id=published.supplier_id)
    assert item.from_name == "Leeds City Council"
    assert published.author.email not in flatten([item])
    assert published.author.full_name not in flatten([item])


def test_summary_leaves_out_feedback_found_inaccurate(published, moderator):
    version = published.versions.get()
    dispute = services.dispute_raise(
        actor=published.supplier.users.get(), version=version, reason="Not our contract"
    )
    assert feedback_summary(public_feedback(supplier_id=published.supplier_id))["reviews"] == 1
    services.dispute_decide(actor=moderator, dispute=dispute, upheld=True, decision="Agreed.")
    items = public_feedback(supplier_id=published.supplier_id)
    assert items[0].current.dispute_outcome == "upheld"  # still shown, with the outcome
    summary = feedback_summary(items)
    assert (summary["reviews"], summary["left_out"]) == (0, 1)


def test_redactions_are_what_the_public_reads(relationship, moderator):
    buyer, _supplier_user, award = relationship
    feedback = services.feedback_create(
        actor=buyer, content=content(could_be_better="The day rate of £950 was high."), award=award
    )
    services.feedback_publish(
        actor=moderator,
        version=feedback.versions.get(),
        could_be_better_public="The day rate of [redacted] was high.",
    )
    (item,) = public_feedback(supplier_id=feedback.supplier_id)
    assert item.current.could_be_better == "The day rate of [redacted] was high."
    assert item.current.redacted
    assert "£950" not in flatten([item])


def test_open_data_rows_carry_no_personal_data(relationship, moderator):
    from feedback.open_data import aggregate_rows, feedback_rows

    buyer, _supplier_user, award = relationship
    feedback = services.feedback_create(
        actor=buyer,
        content=content(),
        award=award,
        display_mode="pseudonym",
        pseudonym_region=Region.objects.get(code="TLD"),
    )
    services.feedback_publish(actor=moderator, version=feedback.versions.get())
    items = public_feedback()
    rows = feedback_rows(items)
    assert rows[0]["from"] == "A council in the North West"
    assert rows[0]["rating_overall"] == 4 and rows[0]["rating_communication"] == ""
    text = repr(rows) + repr(aggregate_rows(items))
    for secret in ("Leeds City Council", buyer.email, buyer.full_name):
        assert secret not in text
    overall = next(r for r in aggregate_rows(items) if r["dimension"] == "overall")
    assert (overall["ratings"], overall["mean"], overall["level_4"]) == (1, 4.0, 1)
