"""Where signing in lands each kind of user (LOGIN_REDIRECT_URL is the next-steps view)."""

import pytest
from django.urls import reverse

from tests.factories import (
    PASSWORD,
    BuyerFactory,
    CcsReviewerFactory,
    SupplierUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign-in")
NEXT_STEPS = reverse("next-steps")


def sign_in(client, user, **extra):
    return client.post(SIGN_IN, {"email": user.email, "password": PASSWORD, **extra})


def test_signing_in_goes_to_the_next_steps(client):
    response = sign_in(client, BuyerFactory())

    assert response.status_code == 302
    assert response.url == NEXT_STEPS


@pytest.mark.parametrize(
    ("make_user", "landing", "heading"),
    [
        (BuyerFactory, "/", "Your next steps"),
        (SupplierUserFactory, "/supplier/", "Feedback about your organisation"),
        (CcsReviewerFactory, "/admin/", "Dashboard"),
        (UserFactory, "/account/", "Your account"),
    ],
    ids=["buyer", "supplier", "CCS staff", "no organisation yet"],
)
def test_each_kind_of_user_lands_on_their_own_next_steps(client, make_user, landing, heading):
    sign_in(client, make_user())

    response = client.get(NEXT_STEPS)

    assert response.status_code == 302
    assert response.url == landing
    assert heading in client.get(landing).content.decode()


def test_a_page_asked_for_before_signing_in_still_wins(client):
    response = sign_in(client, SupplierUserFactory(), next="/search/?q=backup")

    assert response.url == "/search/?q=backup"


def test_someone_signed_out_is_asked_to_sign_in(client):
    response = client.get(NEXT_STEPS)

    assert response.status_code == 302
    assert response.url == f"{SIGN_IN}?next={NEXT_STEPS}"
