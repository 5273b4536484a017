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
    assert done.url == reverse("accounts:password-reset-complete")
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


def test_a_used_reset_link_cannot_be_used_again(client):
    buyer = BuyerFactory(email="forgetful@leeds.gov.uk")
    client.post(reverse("accounts:password-reset"), {"email": buyer.email})
    link = re.search(r"https?://[^/]+(/account/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    set_password_url = form.redirect_chain[-1][0]
    new = "a brand new passphrase"
    client.post(set_password_url, {"new_password1": new, "new_password2": new})
    client.logout()

    again = client.get(link, follow=True)
    reused = client.post(
        set_password_url,
        {
            "new_password1": "someone else's passphrase",
            "new_password2": "someone else's passphrase",
        },
    )

    assert "This link does not work" in again.content.decode()
    assert "The link may have been used already" in again.content.decode()
    assert "This link does not work" in reused.content.decode()
    buyer.refresh_from_db()
    assert buyer.check_password(new)
    assert not buyer.check_password("someone else's passphrase")
