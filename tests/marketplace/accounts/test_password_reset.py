import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import BuyerFactory

pytestmark = pytest.mark.django_db


def test_a_buyer_can_reset_a_forgotten_password_by_email(client):
    buyer = BuyerFactory(email="forgetful@leeds.gov.uk")

    sent = client.post(reverse("accounts:password-reset"), {"email": buyer.email})
    assert sent.status_code == 302
    (message,) = mail.outbox
    link = re.search(r"https?://[^/]+(/account/password-reset/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"},
    )

    assert done.status_code == 302
    signed_in = client.post(
        reverse("accounts:sign-in"),
        {"email": buyer.email, "password": "a brand new passphrase"},
    )
    assert signed_in.status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_email(client):
    response = client.post(reverse("accounts:password-reset"), {"email": "nobody@leeds.gov.uk"})

    assert response.status_code == 302
    assert mail.outbox == []


def test_a_blank_address_is_explained(client):
    response = client.post(reverse("accounts:password-reset"), {"email": ""})

    assert "Enter your e-mail address" in response.content.decode()
