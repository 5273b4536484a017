import pytest
from django.urls import reverse

from tests.factories import PASSWORD, BuyerFactory, UserFactory

pytestmark = pytest.mark.django_db
SIGN_IN = reverse("accounts:sign-in")


@pytest.mark.smoke
def test_a_bad_sign_in_says_what_is_wrong_and_keeps_the_email(client):
    BuyerFactory(email="buyer@leeds.gov.uk")

    response = client.post(SIGN_IN, {"email": "buyer@leeds.gov.uk", "password": "not it"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "The e-mail address or password is not right" in html
    assert 'href="#id_email"' in html  # the error summary links to the field
    assert 'value="buyer@leeds.gov.uk"' in html
    assert "govuk-form-group--error" in html
    assert not response.wsgi_request.user.is_authenticated


def test_a_missing_answer_gets_its_own_message(client):
    response = client.post(SIGN_IN, {"email": "", "password": ""})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter your e-mail address" in html
    assert "Enter your password" in html


def test_a_malformed_address_is_explained_and_kept(client):
    response = client.post(SIGN_IN, {"email": "buyer-at-leeds", "password": "x"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter an e-mail address in the correct format" in html
    assert 'value="buyer-at-leeds"' in html


@pytest.mark.smoke
def test_the_right_password_signs_in_and_shows_the_account(client):
    buyer = BuyerFactory(email="Buyer@Leeds.gov.uk".lower())

    response = client.post(SIGN_IN, {"email": "BUYER@leeds.gov.uk", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("next-steps")
    page = client.get(reverse("accounts:your-account")).content.decode()
    assert buyer.email in page
    assert buyer.buyer_organisation.name in page
    assert "Buyer" in page


def test_an_unconfirmed_account_is_told_to_confirm_its_email(client):
    UserFactory(email="new@leeds.gov.uk", is_active=False, email_verified_at=None)

    response = client.post(SIGN_IN, {"email": "new@leeds.gov.uk", "password": PASSWORD})

    assert response.status_code == 400
    assert "You need to confirm your e-mail address" in response.content.decode()


def test_sign_in_is_throttled_after_five_failures_for_one_address(client, settings):
    BuyerFactory(email="target@leeds.gov.uk")

    statuses = [
        client.post(SIGN_IN, {"email": "target@leeds.gov.uk", "password": f"guess {n}"}).status_code
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    locked = client.post(SIGN_IN, {"email": "target@leeds.gov.uk", "password": PASSWORD})

    assert statuses[:-1] == [400] * (settings.AXES_FAILURE_LIMIT - 1)
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "too many attempts" in html
    assert 'value="target@leeds.gov.uk"' in html
    assert not locked.wsgi_request.user.is_authenticated


def test_throttling_one_address_does_not_lock_out_another(client, settings):
    BuyerFactory(email="target@leeds.gov.uk")
    other = BuyerFactory(email="colleague@leeds.gov.uk")
    for n in range(settings.AXES_FAILURE_LIMIT + 1):
        client.post(SIGN_IN, {"email": "target@leeds.gov.uk", "password": f"guess {n}"})

    response = client.post(SIGN_IN, {"email": other.email, "password": PASSWORD})

    assert response.status_code == 302


def test_sign_out_needs_a_post_and_ends_the_session(client):
    buyer = BuyerFactory()
    client.force_login(buyer)

    assert client.get(reverse("accounts:sign-out")).status_code == 405
    response = client.post(reverse("accounts:sign-out"))

    assert response.status_code == 200
    assert "You have signed out" in response.content.decode()
    assert client.get(reverse("accounts:your-account")).status_code == 302
