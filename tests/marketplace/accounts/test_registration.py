import re

import pytest
from django.core import mail
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
    assert user.buyer_organisation.name == "Leeds City Council"
    assert user.buyer_organisation.sector == "local-authority"
    assert mail.outbox[0].to == ["sam.jones@leeds.gov.uk"]
    assert AuditEvent.objects.filter(action="user.registered", subject_id=str(user.pk)).exists()


def test_the_link_confirms_the_address_and_the_buyer_can_sign_in(client, register):
    register(ANSWERS)

    response = client.get(confirmation_link())

    assert response.status_code == 200
    user = User.objects.get(email="sam.jones@leeds.gov.uk")
    assert user.is_active and user.is_verified_buyer
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


def test_joining_an_existing_organisation_keeps_its_sector(client, register):
    existing = BuyerOrganisationFactory(name="Leeds City Council", sector="local-authority")

    register({**ANSWERS, "organisation_name": "leeds city council", "sector": "health"})

    user = User.objects.get(email="sam.jones@leeds.gov.uk")
    assert user.buyer_organisation == existing
    assert BuyerOrganisation.objects.get(pk=existing.pk).sector == "local-authority"


def test_a_second_account_for_one_address_is_refused(client, register):
    register(ANSWERS)

    response = register(ANSWERS)

    assert response.status_code == 400
    assert "An account with this e-mail address already exists" in response.content.decode()


def test_a_weak_password_is_refused_with_a_reason(client, register):
    response = register({**ANSWERS, "password": "password"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "This password is too short" in html or "This password is too common" in html
    assert not User.objects.exists()
