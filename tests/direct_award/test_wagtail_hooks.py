"""A buyer's next steps on the home page, which direct award adds through the
home page's context hook."""

import pytest

from tests.factories import BuyerFactory

pytestmark = pytest.mark.django_db


def test_a_buyer_sees_their_projects_and_the_feedback_they_can_give(client):
    from tests.factories import SupplierUserFactory, listing_make
    from tests.feedback.conftest import award_make

    supplier_user = SupplierUserFactory(supplier_organisation__name="Acme Backup Ltd")
    buyer = BuyerFactory()
    award_make(buyer=buyer, listing=listing_make(supplier_user=supplier_user, publish=True))
    slug = supplier_user.supplier_organisation.slug
    client.force_login(buyer)

    html = client.get("/").content.decode()

    assert '<h2 class="govuk-heading-l" id="next-steps">Your next steps</h2>' in html
    assert ">Backup 2027</a>" in html
    assert 'href="/buyer/projects/">All your organisation\'s projects</a>' in html
    link = f'href="/feedback/suppliers/{slug}/write/">Give feedback about Acme Backup Ltd</a>'
    assert link in html
    assert "Register as a supplier" not in html


def test_a_buyer_with_nothing_to_do_yet_is_told_how_to_start(client):
    client.force_login(BuyerFactory())

    html = client.get("/").content.decode()

    assert "Your organisation has no projects yet." in html
    assert "You have no feedback to give." in html


def test_a_member_is_told_on_the_home_page_that_people_wait_to_join(client):
    from marketplace.accounts.models import BuyerOrganisationJoinRequest
    from tests.factories import UserFactory

    member = BuyerFactory(buyer_organisation__name="Department for Education")
    for email in ("ana@education.gov.uk", "ben@education.gov.uk"):
        BuyerOrganisationJoinRequest.objects.create(
            user=UserFactory(email=email), organisation=member.buyer_organisation
        )
    client.force_login(member)

    html = client.get("/").content.decode()

    assert "2 people are waiting to join Department for Education." in html
    assert 'href="/account/join-requests/">Decide on requests to join</a>' in html
