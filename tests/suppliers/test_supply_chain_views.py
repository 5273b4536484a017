"""The supplier's own supply-chain pages: partnerships both organisations agree to,
and declaring that the organisation follows the supply-chain guidelines."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone

from marketplace.core.models import AuditEvent
from suppliers import services
from suppliers.models import SupplyChainGuidelinesPage, SupplyChainPartnership
from tests.factories import BuyerFactory, SupplierOrganisationFactory, SupplierUserFactory


def text(response) -> str:
    """The page's words, links read inline, other tags as spaces, spaces collapsed."""
    html = re.sub(r"</?a\b[^>]*>", "", response.content.decode())
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


pytestmark = pytest.mark.django_db

PARTNERS = reverse("supplier_account:partners")
GUIDELINES = reverse("supplier_account:guidelines")
DASHBOARD = reverse("supplier_account:dashboard")
STATEMENT = "Ash Hosting runs the servers for our case-management service."


def answer_url(partnership) -> str:
    return reverse("supplier_account:answer-partnership", kwargs={"pk": partnership.pk})


def end_url(partnership) -> str:
    return reverse("supplier_account:end-partnership", kwargs={"pk": partnership.pk})


def profile(client, organisation) -> str:
    return text(client.get(reverse("suppliers:detail", args=[organisation.slug])))


def day(moment) -> str:
    return dateformat.format(timezone.localtime(moment), "j F Y")


@pytest.fixture
def prime():
    return SupplierUserFactory(supplier_organisation__name="Oak Prime plc")


@pytest.fixture
def sub():
    return SupplierUserFactory(
        email="ana@ash.example.co.uk", supplier_organisation__name="Ash Hosting Ltd"
    )


@pytest.fixture
def proposal(prime, sub):
    return services.partnership_propose(
        actor=prime,
        supplier=prime.supplier_organisation,
        partner=sub.supplier_organisation,
        role="subcontractor",
        statement=STATEMENT,
    )


def test_proposing_asks_the_partner_by_email_and_publishes_nothing_yet(
    client, prime, sub, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(prime)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            PARTNERS,
            {
                "partner": sub.supplier_organisation_id,
                "role": "subcontractor",
                "statement": STATEMENT,
            },
            follow=True,
        )

    page = text(response)
    assert "We have asked Ash Hosting Ltd to confirm the partnership." in page
    assert "Waiting for the other organisation to confirm" in page
    assert f"Ash Hosting Ltd Your subcontractor {STATEMENT} Withdraw Ash Hosting Ltd" in page
    assert "You have no confirmed partners." in page
    partnership = SupplyChainPartnership.objects.get()
    assert partnership.status == "proposed"
    assert STATEMENT not in profile(client, prime.supplier_organisation)
    assert STATEMENT not in profile(client, sub.supplier_organisation)
    # The e-mailed link opens the confirmation page for the partner's users.
    (message,) = mailoutbox
    assert message.to == ["ana@ash.example.co.uk"]
    link = re.search(r"https?://[^/\s]+(/supplier/partners/\d+/answer/)", message.body).group(1)
    client.force_login(sub)
    answer_page = client.get(link)
    assert answer_page.status_code == 200
    assert "Oak Prime plc has listed you as a partner" in text(answer_page)
    assert STATEMENT in text(answer_page)


def test_the_partner_confirms_and_both_profiles_show_it(client, prime, sub, proposal):
    client.force_login(sub)
    assert "Another supplier has listed you as a supply-chain partner." in text(
        client.get(DASHBOARD)
    )

    response = client.post(answer_url(proposal), {"answer": "confirm"}, follow=True)

    page = text(response)
    assert "You have confirmed your partnership with Oak Prime plc." in page
    assert f"Oak Prime plc Your prime contractor {STATEMENT} End Oak Prime plc" in page
    proposal.refresh_from_db()
    assert (proposal.status, proposal.answered_by) == ("confirmed", sub)
    on = day(proposal.answered_at)
    listed = f"Listed by Oak Prime plc, confirmed by Ash Hosting Ltd on {on}."
    prime_profile = profile(client, prime.supplier_organisation)
    assert f"Ash Hosting Ltd Subcontractor to Oak Prime plc. {listed}" in prime_profile
    assert STATEMENT in prime_profile
    sub_profile = profile(client, sub.supplier_organisation)
    assert f"Oak Prime plc Prime contractor to Ash Hosting Ltd. {listed}" in sub_profile
    assert client.get(answer_url(proposal)).status_code == 404  # answered already


def test_the_partner_declines_and_it_is_kept_as_history_never_published(
    client, prime, sub, proposal
):
    client.force_login(sub)

    response = client.post(answer_url(proposal), {"answer": "decline"}, follow=True)

    page = text(response)
    assert "You have declined the partnership with Oak Prime plc." in page
    proposal.refresh_from_db()
    assert (proposal.status, proposal.ended_by) == ("declined", sub)
    when = day(proposal.ended_at)
    assert f"Oak Prime plc Your prime contractor Declined by Ash Hosting Ltd on {when}" in page
    assert STATEMENT not in profile(client, prime.supplier_organisation)
    assert STATEMENT not in profile(client, sub.supplier_organisation)
    client.force_login(prime)
    assert f"Ash Hosting Ltd Your subcontractor Declined by Ash Hosting Ltd on {when}" in text(
        client.get(PARTNERS)
    )


def test_an_answer_must_be_chosen(client, sub, proposal):
    client.force_login(sub)

    for answer in ({}, {"answer": "maybe"}):
        response = client.post(answer_url(proposal), answer)

        assert response.status_code == 400
        assert "Select whether to confirm or decline the partnership" in text(response)
    proposal.refresh_from_db()
    assert proposal.status == "proposed"


@pytest.mark.parametrize("side", ["prime", "sub"])
def test_either_organisation_ends_a_confirmed_partnership_and_it_is_kept(
    client, prime, sub, proposal, side
):
    services.partnership_confirm(actor=sub, partnership=proposal)
    ender, other = (prime, sub) if side == "prime" else (sub, prime)
    client.force_login(ender)

    question = text(client.get(end_url(proposal)))
    response = client.post(end_url(proposal), follow=True)

    other_name = other.supplier_organisation.name
    assert f"End your partnership with {other_name}?" in question
    assert f"Your partnership with {other_name} has ended." in text(response)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.ended_by) == ("ended", ender)
    ended = f"Ended by {ender.supplier_organisation.name} on {day(proposal.ended_at)}"
    assert ended in text(response)
    assert STATEMENT not in profile(client, prime.supplier_organisation)
    assert STATEMENT not in profile(client, sub.supplier_organisation)
    assert client.post(end_url(proposal)).status_code == 404  # already ended


def test_each_action_on_the_partners_pages_links_to_its_own_page(client, prime, sub, proposal):
    client.force_login(sub)
    assert f'href="{answer_url(proposal)}"' in client.get(PARTNERS).content.decode()
    client.force_login(prime)
    assert f'href="{end_url(proposal)}"' in client.get(PARTNERS).content.decode()  # withdraw

    services.partnership_confirm(actor=sub, partnership=proposal)

    assert f'href="{end_url(proposal)}"' in client.get(PARTNERS).content.decode()  # end


def test_the_proposer_withdraws_an_unanswered_request(client, prime, sub, proposal):
    client.force_login(prime)

    assert "Withdraw your request to Ash Hosting Ltd?" in text(client.get(end_url(proposal)))
    response = client.post(end_url(proposal), follow=True)

    assert "Your request to Ash Hosting Ltd has been withdrawn." in text(response)
    proposal.refresh_from_db()
    assert proposal.status == "withdrawn"
    client.force_login(sub)
    assert client.get(answer_url(proposal)).status_code == 404


def test_the_proposer_cannot_confirm_its_own_request_nor_the_partner_end_it(
    client, prime, sub, proposal
):
    client.force_login(prime)
    assert client.post(answer_url(proposal), {"answer": "confirm"}).status_code == 404
    client.force_login(sub)
    assert client.post(end_url(proposal)).status_code == 404

    proposal.refresh_from_db()
    assert proposal.status == "proposed"


def test_a_third_supplier_can_neither_answer_nor_end_and_nothing_changes(
    client, prime, sub, proposal
):
    third = SupplierUserFactory(supplier_organisation__name="Elm Other Ltd")
    client.force_login(third)
    events = AuditEvent.objects.count()

    for url in (answer_url(proposal), end_url(proposal)):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"answer": "confirm"}).status_code == 404, url
    services.partnership_confirm(actor=sub, partnership=proposal)
    events += 2  # the confirmation, on both organisations' records
    assert client.post(end_url(proposal)).status_code == 404

    proposal.refresh_from_db()
    assert (proposal.status, proposal.ended_at) == ("confirmed", None)
    assert AuditEvent.objects.count() == events
    own_page = text(client.get(PARTNERS))
    assert "You have no confirmed partners." in own_page
    assert STATEMENT not in own_page


def test_buyers_cannot_answer_or_end_a_partnership(client, proposal):
    client.force_login(BuyerFactory())

    for url in (answer_url(proposal), end_url(proposal)):
        assert client.post(url, {"answer": "confirm"}).status_code == 403, url
    proposal.refresh_from_db()
    assert proposal.status == "proposed"


def test_anonymous_visitors_are_sent_to_sign_in_and_nothing_changes(client, proposal):
    for url in (answer_url(proposal), end_url(proposal)):
        response = client.post(url, {"answer": "confirm"})

        assert response.status_code == 302, url
        assert response.url.startswith(reverse("accounts:sign-in")), url
    proposal.refresh_from_db()
    assert proposal.status == "proposed"


def test_the_same_partner_twice_in_one_role_is_refused(client, prime):
    client.force_login(prime)
    partner = SupplierOrganisationFactory()
    answers = {"partner": partner.pk, "role": "prime", "statement": "They lead the bid."}
    client.post(PARTNERS, answers)

    response = client.post(PARTNERS, answers)

    assert response.status_code == 400
    assert "You have already listed this partner in this role" in response.content.decode()
    assert SupplyChainPartnership.objects.count() == 1


# Declaring that the organisation follows the guidelines.


def test_a_supplier_declares_and_its_profile_shows_the_version(client, prime):
    client.force_login(prime)
    guidelines = SupplyChainGuidelinesPage.objects.get()
    version = day(guidelines.last_published_at)
    before = text(client.get(GUIDELINES))
    assert "Oak Prime plc has not declared that it follows the guidelines." in before
    assert "Has not declared that it follows the supply-chain guidelines." in profile(
        client, prime.supplier_organisation
    )

    response = client.post(GUIDELINES, follow=True)

    page = text(response)
    assert "You have declared that your organisation follows the supply-chain guidelines." in page
    declared = day(timezone.now())
    assert f"declared on {declared} that Oak Prime plc follows this version." in page
    assert f"Follows the supply-chain guidelines, version 1 of {version}." in profile(
        client, prime.supplier_organisation
    )
    again = client.post(GUIDELINES)
    assert again.status_code == 400
    assert "Your organisation has already declared that it follows this version" in text(again)
    assert prime.supplier_organisation.guidelines_declarations.count() == 1


def test_a_new_version_makes_the_old_declaration_read_as_outdated(client, prime):
    client.force_login(prime)
    client.post(GUIDELINES)
    first = prime.supplier_organisation.guidelines_declarations.get()
    guidelines = SupplyChainGuidelinesPage.objects.get()
    guidelines.summary = "Updated after the annual review."
    guidelines.save_revision().publish()
    guidelines.refresh_from_db()
    old, new = day(first.version_published_at), day(guidelines.last_published_at)

    public = profile(client, prime.supplier_organisation)
    account = text(client.get(GUIDELINES))
    dashboard = text(client.get(DASHBOARD))

    assert (
        f"Declared that it follows the supply-chain guidelines, version 1 of {old}. That is an "
        f"earlier version: CCS has since published version 2 of {new}, and Oak Prime plc has "
        "not yet declared that it follows it."
    ) in public
    assert (
        f"Your declaration is for an earlier version of the guidelines, version 1 of {old}."
        in account
    )
    assert "Declare that we follow these guidelines" in account
    assert "The supply-chain guidelines have changed since you declared" in dashboard
    assert "Read the new version and declare again" in dashboard

    client.post(GUIDELINES)

    assert f"Follows the supply-chain guidelines, version 2 of {new}." in profile(
        client, prime.supplier_organisation
    )
    assert prime.supplier_organisation.guidelines_declarations.count() == 2
