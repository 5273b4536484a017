from django.core import mail

from marketplace.core.notifications import absolute_reverse, notification_send


def test_a_message_goes_once_to_each_address_with_the_rendered_body(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://marketplace.example.gov.uk"
    sent = notification_send(
        to=["a@example.gov.uk", "", "a@example.gov.uk", "b@example.gov.uk"],
        subject="Your listing was approved",
        template="accounts/emails/confirm_email.txt",
        context={"user": None, "link": "https://marketplace.example.gov.uk/x/", "days": 3},
    )
    assert sent == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["a@example.gov.uk", "b@example.gov.uk"]
    assert message.subject == "Your listing was approved"
    assert "https://marketplace.example.gov.uk/x/" in message.body


def test_nobody_to_tell_sends_nothing():
    sent = notification_send(to=["", ""], subject="x", template="accounts/emails/confirm_email.txt")
    assert sent == 0
    assert mail.outbox == []


def test_links_in_messages_are_absolute(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://marketplace.example.gov.uk"
    assert absolute_reverse("search:results").startswith(
        "https://marketplace.example.gov.uk/search"
    )
