import re
import time

import pytest
from django.core import mail, signing
from django.urls import reverse

from marketplace.accounts.models import AllowedBuyerDomain, BuyerOrganisation, User
from marketplace.core.models import AuditEvent
from tests.factories import BuyerOrganisationFactory

pytestmark = pytest.mark.django_db
REGISTER = reverse("accounts:register-buyer")

ANSWERS = {
    "email": "Sam.Jones@leeds.gov.uk",
    "full_name": "Sam Jones",
    "organisation_name": "Leeds City Council",
    "sector": "local-authority",
    "password": "a long and unusual passphrase",
}


@pytest.fixture
def register(client, django_capture_on_commit_callbacks):
    """Post the form and run what waits for the commit (the e-mail)."""

    def post(answers: dict):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(REGISTER, answers)

    return post


def confirmation_link() -> str:
    (message,) = mail.outbox
    return re.search(r"https?://[^/]+(/account/confirm/\S+/)", message.body).group(1)


def test_a_public_sector_address_registers_an_inactive_buyer_and_emails_a_link(client, register):
    response = register(ANSWERS)

    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    user = User.objects.get(email="sam.jones@leeds.gov.uk")
    assert user.is_active is False
    assert user.email_verified_at is None
    # A new organisation, at the registrant's domain; they belong to it only once
    # their address is confirmed.
    assert user.buyer_organisation is None
    organisation = BuyerOrganisation.objects.get(name="Leeds City Council")
    assert (organisation.sector, organisation.email_domains) == ("local-authority", "leeds.gov.uk")
    assert mail.outbox[0].to == ["sam.jones@leeds.gov.uk"]
    assert AuditEvent.objects.filter(action="user.registered", subject_id=str(user.pk)).exists()


def test_the_link_confirms_the_address_and_the_buyer_can_sign_in(client, register):
    register(ANSWERS)

    response = client.get(confirmation_link())

    assert response.status_code == 200
    user = User.objects.get(email="sam.jones@leeds.gov.uk")
    assert user.is_active and user.is_verified_buyer
    assert user.buyer_organisation.name == "Leeds City Council"  # its first member
    assert "You belong to Leeds City Council" in response.content.decode()
    assert AuditEvent.objects.filter(action="user.email_confirmed").count() == 1
    signed_in = client.post(
        reverse("accounts:sign-in"),
        {"email": "sam.jones@leeds.gov.uk", "password": ANSWERS["password"]},
    )
    assert signed_in.status_code == 302


def test_a_damaged_link_is_refused_plainly(client, register):
    register(ANSWERS)

    response = client.get(confirmation_link().replace("/confirm/", "/confirm/x"))

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert User.objects.get(email="sam.jones@leeds.gov.uk").is_active is False


def test_an_expired_link_says_so_leaves_the_account_inactive_and_offers_a_new_one(
    client, register, monkeypatch
):
    four_days_ago = time.time() - 4 * 24 * 60 * 60
    monkeypatch.setattr(signing.time, "time", lambda: four_days_ago)
    register(ANSWERS)
    monkeypatch.undo()
    link = confirmation_link()

    response = client.get(link)

    html = response.content.decode()
    assert response.status_code == 400
    assert "This link has expired" in html
    assert "Links to confirm an e-mail address work for 3 days" in html
    user = User.objects.get(email="sam.jones@leeds.gov.uk")
    assert (user.is_active, user.email_verified_at, user.buyer_organisation) == (False, None, None)

    mail.outbox.clear()
    resent = client.post(link)

    assert "Check your e-mail" in resent.content.decode()
    assert client.get(confirmation_link()).status_code == 200
    assert User.objects.get(pk=user.pk).is_active is True


def test_an_address_outside_the_allow_list_is_refused_and_every_answer_is_kept(client, register):
    response = register({**ANSWERS, "email": "sam@gmail.com"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Buyer accounts are for public-sector e-mail addresses" in html
    assert 'value="sam@gmail.com"' in html
    assert 'value="Sam Jones"' in html
    assert 'value="Leeds City Council"' in html
    assert re.search(r'value="local-authority"\s+checked', html)
    assert not User.objects.exists()
    assert mail.outbox == []


def test_a_domain_ccs_adds_in_the_admin_is_accepted_with_its_subdomains(client, register):
    AllowedBuyerDomain.objects.create(domain="@ac.uk")  # stored clean: "ac.uk"

    response = register({**ANSWERS, "email": "bursar@finance.leeds.ac.uk"})

    assert response.status_code == 200
    assert User.objects.filter(email="bursar@finance.leeds.ac.uk").exists()


def test_a_lookalike_domain_is_not_a_subdomain(client, register):
    response = register({**ANSWERS, "email": "sam@notgov.uk"})

    assert response.status_code == 400


def test_asking_to_join_an_existing_organisation_keeps_its_sector(client, register):
    existing = BuyerOrganisationFactory(
        name="Leeds City Council", sector="local-authority", email_domains="leeds.gov.uk"
    )

    response = register({**ANSWERS, "organisation_name": "leeds city council", "sector": "health"})

    assert "we will ask the people who belong to it to approve" in response.content.decode()
    user = User.objects.get(email="sam.jones@leeds.gov.uk")
    assert user.buyer_organisation is None
    assert user.join_requests.get().organisation == existing
    assert BuyerOrganisation.objects.get(pk=existing.pk).sector == "local-authority"


def test_a_second_account_for_one_address_is_refused(client, register):
    register(ANSWERS)

    response = register(ANSWERS)

    assert response.status_code == 400
    assert "An account with this e-mail address already exists" in response.content.decode()


def test_a_short_password_is_refused_with_the_reason(client, register):
    response = register({**ANSWERS, "password": "Xq7#pLm2vR"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "This password is too short. It must contain at least 12 characters." in html
    assert not User.objects.exists()


def test_a_common_password_is_refused_with_the_reason(client, register):
    response = register({**ANSWERS, "password": "qwerty123456"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "This password is too common." in html
    assert "too short" not in html
    assert not User.objects.exists()
