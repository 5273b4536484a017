"""What the public may read: published versions only, never the author, and a
pseudonymous buyer stays pseudonymous."""

import dataclasses
import html
import re
from datetime import date

import pytest
from django.urls import reverse

from feedback import services
from feedback.selectors import feedback_summary, overall_ratings, public_feedback
from marketplace.core.models import Region
from search.services import search_entries_rebuild
from tests.factories import BuyerFactory

from .conftest import award_make, content

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
        redaction_reason="commercial",
    )
    (item,) = public_feedback(supplier_id=feedback.supplier_id)
    assert item.current.could_be_better == "The day rate of [redacted] was high."
    assert (item.current.redacted, item.current.redaction_reason) == (True, "commercial")
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


# One rule for which feedback counts, wherever a rating is shown ---------------------


def _text(response) -> str:
    """The page's words without markup, as a reader (or a screen reader) meets them."""
    assert response.status_code == 200
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def _third_feedback(case: str, *, listing, moderator):
    """A third feedback (overall 1) that must not count: waiting, withdrawn, or published
    and then found inaccurate. With ``published`` there is no third feedback."""
    if case == "published":
        return
    buyer = BuyerFactory()
    feedback = services.feedback_create(
        actor=buyer, content=content(overall=1), award=award_make(buyer=buyer, listing=listing)
    )
    version = feedback.versions.get()
    if case == "unmoderated":
        return
    services.feedback_publish(actor=moderator, version=version)
    if case == "withdrawn":
        services.feedback_withdraw(actor=buyer, version=version)
        return
    supplier_user = listing.supplier.users.get()
    dispute = services.dispute_raise(actor=supplier_user, version=version, reason="Not us.")
    services.dispute_decide(actor=moderator, dispute=dispute, upheld=True, decision="Wrong firm.")


@pytest.mark.parametrize("case", ["published", "upheld-dispute", "withdrawn", "unmoderated"])
def test_search_the_supplier_page_and_the_service_page_agree(
    case, client, settings, relationship, moderator
):
    settings.SEARCH_ENGINE = "database"
    buyer, supplier_user, award = relationship
    listing = award.awarded_entry.listing
    supplier = supplier_user.supplier_organisation
    # Feedback on the award (about this service) and on a declared contract (about no
    # service): the case from the issue, where the service page said there was none.
    on_award = services.feedback_create(actor=buyer, content=content(overall=4), award=award)
    other = BuyerFactory()
    declared = services.declared_contract_create(
        actor=other,
        supplier=supplier,
        reference="HR-1",
        value_band="under-10k",
        start_date=date(2025, 1, 6),
    )
    on_contract = services.feedback_create(
        actor=other, content=content(overall=3), declared_contract=declared
    )
    for feedback in (on_award, on_contract):
        services.feedback_publish(actor=moderator, version=feedback.versions.get())
    _third_feedback(case, listing=listing, moderator=moderator)
    search_entries_rebuild()

    search = _text(client.get(reverse("search:results")))
    supplier_page = _text(client.get(reverse("suppliers:detail", args=[supplier.slug])))
    service_page = _text(client.get(reverse("listings:detail", args=[listing.pk])))

    badge = "Rated 3.5 out of 5 from 2 reviews"
    assert f"{badge} for {supplier.display_name}" in search
    assert f"{badge}." in supplier_page
    assert f"{badge}." in service_page
    assert "No buyer has published feedback" not in service_page
    assert "these figures are for the supplier as a whole" in service_page
    assert "Read the feedback on this service only" in service_page
    assert overall_ratings(supplier_slugs=[supplier.slug]) == {supplier.slug: (3.5, 2)}
