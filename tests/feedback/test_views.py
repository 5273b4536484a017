"""The feedback pages: who may write, what the public reads (and never reads),
the supplier's reply and dispute, the history, and who may open each page."""

import html
import json
from datetime import date, timedelta

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from feedback import contract_dates, services
from feedback.models import DeclaredContract, Dispute, Feedback, ModerationState, SupplierResponse
from marketplace.core.models import Region
from tests.factories import BuyerFactory, SupplierUserFactory, listing_make

from .conftest import award_make, content
from .test_forms import declare_answers

pytestmark = pytest.mark.django_db


def url(route: str, **kwargs) -> str:
    return reverse(f"feedback:{route}", kwargs=kwargs)


def answers(award=None, **overrides) -> dict:
    values = {
        "relationship": f"award-{award.pk}" if award else "",
        "overall": "4",
        "quality": "5",
        "timeliness": "3",
        "value": "4",
        "communication": "na",
        "social_value": "na",
        "would_use_again": "yes",
        "went_well": "Restores were quick and the team explained everything.",
        "could_be_better": "Invoices arrived late.",
        "display_mode": "organisation",
    }
    values.update(overrides)
    return {key: value for key, value in values.items() if value is not None}


def body(response) -> str:
    """The page as a reader sees it: entities decoded, so an apostrophe is an apostrophe
    (and a secret cannot hide from the identity checks behind an escape)."""
    return html.unescape(response.content.decode())


@pytest.fixture
def supplier(relationship):
    return relationship[1].supplier_organisation


@pytest.fixture
def buyer_client(client, relationship):
    client.force_login(relationship[0])
    return client


@pytest.fixture
def supplier_client(client, relationship):
    client.force_login(relationship[1])
    return client


# Writing feedback ------------------------------------------------------------


def test_a_buyer_writes_feedback_on_their_award(buyer_client, relationship, supplier):
    buyer, _, award = relationship
    page = buyer_client.get(url("write", slug=supplier.slug))
    assert page.status_code == 200
    assert "Awarded through this service: Cloud backup for schools" in body(page)
    assert 'href="/feedback-guidelines/"' in body(page)
    assert "Do not include personal data" in body(page)

    sent = buyer_client.post(url("write", slug=supplier.slug), answers(award))

    feedback = Feedback.objects.get()
    assert sent.status_code == 302 and sent.url == url("sent", pk=feedback.pk)
    version = feedback.versions.get()
    assert (feedback.award, feedback.author, feedback.display_mode) == (
        award,
        buyer,
        "organisation",
    )
    assert (version.overall, version.quality, version.communication) == (4, 5, None)
    assert (version.would_use_again, version.state) == (True, ModerationState.PENDING)
    confirmation = buyer_client.get(sent.url)
    assert "Your feedback will be checked by a moderator before it is published" in body(
        confirmation
    )


def test_a_buyer_may_be_shown_as_a_description(buyer_client, relationship, supplier):
    award = relationship[2]
    missing = buyer_client.post(
        url("write", slug=supplier.slug), answers(award, display_mode="pseudonym")
    )
    assert missing.status_code == 400
    assert "Select the description to show" in body(missing)

    buyer_client.post(
        url("write", slug=supplier.slug),
        answers(award, display_mode="pseudonym", pseudonym_region="TLD"),
    )

    feedback = Feedback.objects.get()
    assert (feedback.display_mode, feedback.pseudonym_region_id) == ("pseudonym", "TLD")


def test_a_wrong_answer_gets_a_400_with_the_answers_kept(buyer_client, relationship, supplier):
    award = relationship[2]
    response = buyer_client.post(
        url("write", slug=supplier.slug),
        answers(award, overall="", went_well="Quick restores, typed once"),
    )

    assert response.status_code == 400
    assert "Select an overall rating" in body(response)
    assert "Quick restores, typed once" in body(response)
    assert Feedback.objects.count() == 0


def test_the_services_rules_come_back_as_messages_on_the_form(buyer_client, relationship, supplier):
    award = relationship[2]
    response = buyer_client.post(
        url("write", slug=supplier.slug), answers(award, went_well="", could_be_better="")
    )

    assert response.status_code == 400
    assert "Tell other buyers what went well or what could be better" in body(response)
    assert 'href="#id_went_well"' in body(response)  # the error summary links to the field
    assert Feedback.objects.count() == 0


def test_a_buyer_without_a_contract_is_told_who_can_leave_feedback(client, supplier):
    client.force_login(BuyerFactory())

    response = client.get(url("write", slug=supplier.slug))

    assert response.status_code == 200
    assert "no contract with this supplier" in body(response)
    assert "Tell us about a contract" in body(response)


def test_another_organisations_award_is_neither_offered_nor_accepted(
    client, relationship, supplier
):
    other_buyer = BuyerFactory()
    services.declared_contract_create(
        actor=other_buyer,
        supplier=supplier,
        reference="PO-9",
        value_band="under-10k",
        start_date=date(2026, 1, 1),
    )
    client.force_login(other_buyer)
    their_award = relationship[2]

    page = client.get(url("write", slug=supplier.slug))
    assert "Declared contract PO-9" in body(page)
    assert f"award-{their_award.pk}" not in body(page)

    response = client.post(url("write", slug=supplier.slug), answers(their_award))
    assert response.status_code == 400
    assert "Select one of the contracts listed" in body(response)
    assert Feedback.objects.count() == 0


def test_one_feedback_per_contract(buyer_client, published, supplier):
    again = buyer_client.get(url("write", slug=supplier.slug))
    assert again.status_code == 200
    assert "already left feedback" in body(again)
    assert url("yours") in body(again)

    buyer_client.post(url("write", slug=supplier.slug), answers(published.award))
    assert Feedback.objects.count() == 1


def test_an_unverified_buyer_may_not_write(client, supplier):
    client.force_login(BuyerFactory(email_verified_at=None))

    assert client.get(url("write", slug=supplier.slug)).status_code == 403
    assert client.get(url("declare", slug=supplier.slug)).status_code == 403


def test_a_buyer_declares_a_contract_then_writes_about_it(client, supplier):
    buyer = BuyerFactory()
    client.force_login(buyer)
    declared = client.post(
        url("declare", slug=supplier.slug),
        declare_answers(**{"end_date-day": "31", "end_date-month": "3", "end_date-year": "2027"}),
    )
    contract = DeclaredContract.objects.get()
    assert declared.status_code == 302
    assert (
        declared.url == url("write", slug=supplier.slug) + f"?relationship=declared-{contract.pk}"
    )
    assert (contract.buyer_organisation, str(contract.end_date)) == (
        buyer.buyer_organisation,
        "2027-03-31",
    )

    form = client.get(declared.url)
    assert f'value="declared-{contract.pk}" checked' in body(form)

    client.post(url("write", slug=supplier.slug), answers(relationship=f"declared-{contract.pk}"))
    assert Feedback.objects.get().declared_contract == contract


def test_declaring_with_wrong_dates_or_a_used_reference_says_why(client, supplier):
    buyer = BuyerFactory()
    client.force_login(buyer)
    wrong = client.post(
        url("declare", slug=supplier.slug),
        declare_answers(
            reference="PO-1",
            **{"start_date-month": "", "end_date-day": "1", "end_date-month": "1"},
            **{"end_date-year": "2025"},
        ),
    )
    assert wrong.status_code == 400
    assert "The start date must include a month" in body(wrong)
    assert 'value="PO-1"' in body(wrong)

    services.declared_contract_create(
        actor=buyer,
        supplier=supplier,
        reference="PO-1",
        value_band="under-10k",
        start_date=date(2026, 1, 1),
    )
    used = client.post(url("declare", slug=supplier.slug), declare_answers(reference="PO-1"))
    assert used.status_code == 400
    assert "already declared a contract with this reference" in body(used)


def test_a_year_in_arabic_indic_digits_is_read_and_refused_when_implausible(client, supplier):
    client.force_login(BuyerFactory())
    year = "\u0661\u0662\u0663\u0664"  # 1234

    refused = client.post(
        url("declare", slug=supplier.slug), declare_answers(**{"start_date-year": year})
    )

    latest = contract_dates.latest()
    assert refused.status_code == 400
    assert (
        f"The start date must be between 1 January 2000 and {latest.day} {latest:%B} "
        f"{latest.year}" in body(refused)
    )
    assert f'value="{year}"' in body(refused)  # the answer is kept to correct
    assert not DeclaredContract.objects.exists()


def test_a_contract_that_has_not_started_is_declared_but_waits_for_feedback(client, supplier):
    client.force_login(BuyerFactory())
    starts = timezone.localdate() + timedelta(days=30)
    day = f"{starts.day} {starts:%B} {starts.year}"

    declared = client.post(
        url("declare", slug=supplier.slug),
        declare_answers(
            **{
                "start_date-day": str(starts.day),
                "start_date-month": str(starts.month),
                "start_date-year": str(starts.year),
            }
        ),
        follow=True,
    )

    page = body(declared)
    assert declared.status_code == 200
    assert f"Your contract is recorded. You can leave feedback on it from {day}" in page
    assert "You can leave feedback once your contract has started" in page
    assert (
        f"Declared contract PO-1234 (£10,000 to £100,000) starts on {day}. "
        "You can leave feedback from that day" in page
    )
    assert 'name="overall"' not in page  # no form to fill in yet
    contract = DeclaredContract.objects.get()
    refused = client.post(
        url("write", slug=supplier.slug), answers(relationship=f"declared-{contract.pk}")
    )
    assert refused.status_code == 200  # the same explanation, not a form
    assert not Feedback.objects.exists()


def test_the_write_page_lists_contracts_that_start_later(buyer_client, relationship, supplier):
    buyer, _supplier_user, _award = relationship
    starts = timezone.localdate() + timedelta(days=400)
    services.declared_contract_create(
        actor=buyer, supplier=supplier, reference="PO-77", value_band="over-1m", start_date=starts
    )

    page = body(buyer_client.get(url("write", slug=supplier.slug)))

    assert "Awarded through this service: Cloud backup for schools" in page  # still offered
    assert "This contract is not listed because it has not started yet:" in page
    assert f"Declared contract PO-77 (Over £1 million) starts on {starts:%-d %B %Y}." in page


# What the public reads ---------------------------------------------------------


def _publish(moderator, feedback):
    return services.feedback_publish(actor=moderator, version=feedback.versions.latest("number"))


@pytest.fixture
def three_reviews(relationship, moderator):
    """Three published feedbacks on one listing: overall 4, 5 and 2."""
    buyer, _, award = relationship
    listing = award.awarded_entry.listing
    first = services.feedback_create(actor=buyer, content=content(), award=award)
    health = BuyerFactory(buyer_organisation__name="Airedale NHS Trust")
    health.buyer_organisation.sector = "health"
    health.buyer_organisation.save()
    second = services.feedback_create(
        actor=health,
        award=award_make(buyer=health, listing=listing),
        content=content(overall=5, communication=5, would_use_again=False),
        display_mode="pseudonym",
        pseudonym_region=Region.objects.get(code="TLE"),
    )
    third_buyer = BuyerFactory()
    third = services.feedback_create(
        actor=third_buyer,
        award=award_make(buyer=third_buyer, listing=listing),
        content=content(overall=2, would_use_again=None),
    )
    for feedback in (first, second, third):
        _publish(moderator, feedback)
    return first, second, third


def test_the_public_page_shows_the_aggregate_figures(client, supplier, three_reviews):
    page = body(client.get(url("supplier", slug=supplier.slug)))

    assert "Rated 3.7 out of 5 from 3 reviews" in page  # (4 + 5 + 2) / 3
    assert "1 of 2 buyers would use them again" in page  # "not sure" is not an answer
    assert "3.7 out of 5: Very good" in page
    assert "Fewer than 3 buyers have left feedback" not in page
    assert "Communication (fewer than 3 ratings)" in page  # only one buyer rated it
    assert "5.0 out of 5: Exceptional" in page
    assert 'role="img"' in page and "How buyers rated overall" in page
    assert "Illustrative demo feedback" not in page


def test_fewer_than_three_reviews_carry_a_warning(client, supplier, published):
    page = body(client.get(url("supplier", slug=supplier.slug)))

    assert "Rated 4.0 out of 5 from 1 review" in page
    assert "Fewer than 3 buyers have left feedback" in page
    assert "From Leeds City Council" in page
    assert "Contract awarded through this service" in page
    assert "Very good (4 out of 5)" in page
    assert "Restores were quick and the team explained everything." in page


def test_filters_narrow_the_feedback_and_the_figures(client, supplier, three_reviews):
    health = body(client.get(url("supplier", slug=supplier.slug), {"sector": "health"}))
    assert "Rated 5.0 out of 5 from 1 review" in health
    assert "From Leeds City Council" not in health

    communication = body(
        client.get(url("supplier", slug=supplier.slug), {"dimension": "communication"})
    )
    assert "How buyers rated communication" in communication
    assert communication.count("From ") == 1  # only one feedback rated communication

    wrong = client.get(url("supplier", slug=supplier.slug), {"dimension": "price"})
    assert wrong.status_code == 400
    assert "Select one of the things buyers rate" in body(wrong)


def test_the_listing_page_shows_only_that_services_feedback(
    client, relationship, supplier, published, moderator
):
    buyer = relationship[0]
    other_listing = listing_make(supplier_user=relationship[1], publish=True, name="Cloud email")
    other = services.feedback_create(
        actor=buyer,
        award=award_make(buyer=buyer, listing=other_listing),
        content=content(overall=1, went_well="Email was down for a week."),
    )
    _publish(moderator, other)

    page = body(client.get(url("listing", listing_id=other_listing.pk)))

    assert "Rated 1.0 out of 5 from 1 review" in page
    assert "Email was down for a week." in page
    assert "Restores were quick" not in page
    assert client.get(url("listing", listing_id=99999)).status_code == 404
    assert client.get(url("supplier", slug="nobody")).status_code == 404


def test_the_reviewers_identity_never_appears_in_public(
    client, supplier, three_reviews, relationship
):
    first, pseudonymous, _ = three_reviews
    secrets = [
        pseudonymous.buyer_organisation.name,  # hidden behind "A ... in Yorkshire and The Humber"
        *(f.author.email for f in three_reviews),
        *(f.author.full_name for f in three_reviews),
    ]
    listing_id = first.listing_id
    public_pages = [
        url("supplier", slug=supplier.slug),
        url("supplier", slug=supplier.slug) + "?sector=health",
        url("supplier", slug=supplier.slug) + "?dimension=communication",
        url("listing", listing_id=listing_id),
        url("open-data"),
        url("csv", name="feedback"),
        url("json", name="feedback"),
        url("csv", name="aggregates"),
        url("json", name="aggregates"),
    ]
    assert "From An NHS organisation in Yorkshire and The Humber" in body(
        client.get(public_pages[0])
    )
    for path in public_pages:
        text = body(client.get(path))
        for secret in secrets:
            assert secret not in text, (path, secret)

    client.force_login(relationship[1])  # the supplier reads it as the public does
    about = body(client.get(url("about-you")))
    assert "An NHS organisation in Yorkshire and The Humber" in about
    for secret in secrets:
        assert secret not in about


def test_the_open_data_downloads_carry_the_licence_and_the_figures(client, published):
    csv_text = body(client.get(url("csv", name="feedback"))).removeprefix("\ufeff")
    assert csv_text.startswith("# Open Government Licence v3.0")
    assert "Leeds City Council" in csv_text

    data = json.loads(body(client.get(url("json", name="aggregates"))))
    assert data["licence"].startswith("Open Government Licence")
    overall = next(row for row in data["records"] if row["dimension"] == "overall")
    assert (overall["ratings"], overall["mean"], overall["level_4"]) == (1, 4.0, 1)
    assert client.get("/feedback/data/people.csv").status_code == 404
    page = body(client.get(url("open-data")))
    assert url("csv", name="feedback") in page and url("json", name="aggregates") in page


def test_the_includes_for_other_pages_summarise_the_feedback(published, supplier):
    listing = published.listing
    rendered = Template(
        "{% load feedback_tags %}{% feedback_summary_box supplier %}"
        "{% feedback_summary_box listing=listing %}{% feedback_rating_badge supplier %}"
    ).render(Context({"supplier": supplier, "listing": listing}))

    assert rendered.count("Rated 4.0 out of 5 from 1 review") == 3
    assert url("supplier", slug=supplier.slug) in rendered
    assert url("listing", listing_id=listing.pk) in rendered
    assert "Fewer than 3 buyers have left feedback" in rendered
    assert "Leeds City Council" not in rendered  # a summary names no reviewer at all


def test_no_feedback_badge_says_so():
    rendered = Template("{% load feedback_tags %}{% feedback_rating_badge supplier %}").render(
        Context({"supplier": SupplierUserFactory().supplier_organisation})
    )
    assert "No feedback yet" in rendered


# History, updates and withdrawal -------------------------------------------------


def test_an_update_is_a_new_version_and_the_history_is_shown(
    buyer_client, published, moderator, supplier
):
    form = buyer_client.get(url("update", pk=published.pk))
    assert form.status_code == 200
    assert "Invoices arrived late." in body(form)  # starts from the earlier version

    sent = buyer_client.post(
        url("update", pk=published.pk),
        answers(relationship=None, overall="2", went_well="At contract end: restores slowed."),
    )
    assert sent.status_code == 302
    assert published.versions.count() == 2

    yours = body(buyer_client.get(url("yours")))
    assert "Waiting for moderation" in yours and "Published" in yours

    _publish(moderator, published)
    page = body(buyer_client.get(url("supplier", slug=supplier.slug)))
    assert "At contract end: restores slowed." in page
    assert "Earlier versions of this feedback" in page
    assert "Version 1, published" in page
    assert "Restores were quick and the team explained everything." in page


def test_the_buyer_sees_a_rejection_and_its_reason(buyer_client, relationship, moderator):
    buyer, _, award = relationship
    feedback = services.feedback_create(actor=buyer, content=content(), award=award)
    services.feedback_reject(
        actor=moderator, version=feedback.versions.get(), reason="It names a member of staff."
    )

    yours = body(buyer_client.get(url("yours")))

    assert "Rejected. The moderator's reason: It names a member of staff." in yours


def test_the_author_withdraws_a_version_after_confirming(
    buyer_client, published, moderator, supplier
):
    services.feedback_update(
        actor=published.author, feedback=published, content=content(went_well="Second word.")
    )
    _publish(moderator, published)
    withdraw_url = url("withdraw", pk=published.pk, number=2)
    assert withdraw_url in body(buyer_client.get(url("yours")))

    confirm = buyer_client.get(withdraw_url)
    assert confirm.status_code == 200
    assert "Are you sure you want to withdraw this version" in body(confirm)
    assert published.versions.get(number=2).state == ModerationState.PUBLISHED

    done = buyer_client.post(withdraw_url)
    assert done.status_code == 302 and done.url == url("yours")
    assert published.versions.get(number=2).state == ModerationState.WITHDRAWN
    page = body(buyer_client.get(url("supplier", slug=supplier.slug)))
    assert "Second word." not in page  # version 1 is what the public reads again
    assert "Restores were quick" in page

    again = buyer_client.post(withdraw_url)
    assert again.status_code == 400
    assert "Only waiting or published feedback can be withdrawn" in body(again)


def test_only_the_author_updates_or_withdraws(client, published):
    colleague = BuyerFactory(buyer_organisation=published.buyer_organisation)
    client.force_login(colleague)

    assert "Add an update" not in body(client.get(url("yours")))
    assert client.get(url("update", pk=published.pk)).status_code == 403
    assert client.post(url("withdraw", pk=published.pk, number=1)).status_code == 403
    assert published.versions.get().state == ModerationState.PUBLISHED


# The supplier's reply and dispute -------------------------------------------------


def test_the_supplier_responds_and_the_public_reads_it_once_moderated(
    supplier_client, client, published, moderator, supplier
):
    about = body(supplier_client.get(url("about-you")))
    assert "From Leeds City Council" in about
    assert url("respond", pk=published.pk) in about

    empty = supplier_client.post(url("respond", pk=published.pk), {"text": " "})
    assert empty.status_code == 400
    assert "Enter your response" in body(empty)

    sent = supplier_client.post(
        url("respond", pk=published.pk), {"text": "Thank you. Invoicing is now automatic."}
    )
    assert sent.status_code == 302 and sent.url == url("about-you")
    response = SupplierResponse.objects.get()
    assert "Your response is waiting for a moderator" in body(supplier_client.get(url("about-you")))
    public_page = url("supplier", slug=supplier.slug)
    assert "Invoicing is now automatic" not in body(client.get(public_page))

    services.response_moderate(actor=moderator, response=response, publish=True)
    page = body(client.get(public_page))
    assert f"Response from {supplier.display_name}" in page
    assert "Thank you. Invoicing is now automatic." in page

    again = supplier_client.get(url("respond", pk=published.pk))
    assert again.status_code == 400
    assert "You have already responded" in body(again)


def test_the_supplier_disputes_and_the_outcome_is_shown(
    supplier_client, client, published, moderator, supplier
):
    missing = supplier_client.post(url("dispute", pk=published.pk), {"reason": ""})
    assert missing.status_code == 400
    assert "Say what is factually inaccurate" in body(missing)

    supplier_client.post(
        url("dispute", pk=published.pk), {"reason": "We never invoiced late: see our records."}
    )
    dispute = Dispute.objects.get()
    assert dispute.version == published.versions.get()
    assert "A moderator is considering it" in body(supplier_client.get(url("about-you")))
    assert supplier_client.get(url("dispute", pk=published.pk)).status_code == 400

    services.dispute_decide(
        actor=moderator, dispute=dispute, upheld=True, decision="The invoices were on time."
    )
    page = body(client.get(url("supplier", slug=supplier.slug)))
    assert "Upheld: the feedback was found to be inaccurate" in page
    assert "The invoices were on time." in page
    assert "1 review found inaccurate after a dispute is not counted" in page
    assert "There are no ratings to count yet" in page


# Who may open each page -------------------------------------------------------------


def _private_urls(feedback, supplier) -> dict[str, str]:
    return {
        "write": url("write", slug=supplier.slug),
        "declare": url("declare", slug=supplier.slug),
        "yours": url("yours"),
        "sent": url("sent", pk=feedback.pk),
        "update": url("update", pk=feedback.pk),
        "withdraw": url("withdraw", pk=feedback.pk, number=1),
        "about-you": url("about-you"),
        "respond": url("respond", pk=feedback.pk),
        "dispute": url("dispute", pk=feedback.pk),
    }


BUYER_PAGES = {"write", "declare", "yours", "sent", "update", "withdraw"}
SUPPLIER_PAGES = {"about-you", "respond", "dispute"}


def test_anonymous_visitors_are_sent_to_sign_in(client, published, supplier):
    for name, path in _private_urls(published, supplier).items():
        response = client.get(path)
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("accounts:sign-in")), name


def test_public_pages_are_open_to_everyone(client, published, supplier):
    for path in (
        url("supplier", slug=supplier.slug),
        url("listing", listing_id=published.listing_id),
        url("open-data"),
        url("csv", name="feedback"),
        url("json", name="aggregates"),
    ):
        assert client.get(path).status_code == 200, path


def test_suppliers_may_not_use_buyer_pages_nor_buyers_supplier_pages(
    client, published, supplier, relationship
):
    urls = _private_urls(published, supplier)
    client.force_login(relationship[1])
    for name in BUYER_PAGES:
        assert client.get(urls[name]).status_code == 403, name
    assert client.post(urls["write"], answers(published.award)).status_code == 403

    client.force_login(relationship[0])
    for name in SUPPLIER_PAGES:
        assert client.get(urls[name]).status_code == 403, name


def test_another_organisations_feedback_is_not_found(client, published, supplier):
    urls = _private_urls(published, supplier)
    client.force_login(BuyerFactory())
    for name in ("sent", "update", "withdraw"):
        assert client.get(urls[name]).status_code == 404, name
    assert client.post(urls["withdraw"]).status_code == 404

    client.force_login(SupplierUserFactory())
    for name in ("respond", "dispute"):
        assert client.get(urls[name]).status_code == 404, name
        assert client.post(urls[name], {"text": "x", "reason": "x"}).status_code == 404, name
    assert "Leeds City Council" not in body(client.get(urls["about-you"]))


def test_unpublished_feedback_is_not_the_suppliers_to_answer(client, relationship):
    buyer, supplier_user, award = relationship
    pending = services.feedback_create(actor=buyer, content=content(), award=award)
    client.force_login(supplier_user)

    assert client.get(url("respond", pk=pending.pk)).status_code == 404
    assert "Restores were quick" not in body(client.get(url("about-you")))
