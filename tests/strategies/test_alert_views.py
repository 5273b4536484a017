"""The supplier's pipeline alert page: only supplier users reach it, it keeps
their answers, and it saves, changes and stops their alert."""

import re

import pytest

from strategies.alert_models import PipelineAlertSubscription
from strategies.selectors import strategy_route_url
from tests.factories import BuyerFactory, SupplierUserFactory

pytestmark = pytest.mark.django_db

URL = "/strategies/alerts/"


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_page_is_at_strategies_alerts():
    assert strategy_route_url(name="alerts") == URL


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == f"/account/sign-in/?next={URL}"


def test_a_buyer_cannot_open_or_post_the_page(client, categories):
    client.force_login(BuyerFactory())

    shown = client.get(URL)
    posted = client.post(URL, {"categories": [categories["hosting"].pk]})

    assert shown.status_code == 403
    assert posted.status_code == 403
    assert not PipelineAlertSubscription.objects.exists()


def test_a_supplier_saves_an_alert_and_sees_it_on_again(client, categories):
    user = SupplierUserFactory(email="bids@small-supplier.example.com")
    client.force_login(user)

    response = client.post(
        URL,
        {
            "action": "save",
            "categories": [categories["hosting"].pk],
            "cpv_divisions": ["72", "45"],
            "regions": ["TLI"],
        },
        follow=True,
    )

    page = text(response)
    assert response.status_code == 200
    assert (
        "Your pipeline alert is saved. We will e-mail bids@small-supplier.example.com once a day"
        in page
    )
    assert "Your alert is on." in page
    subscription = PipelineAlertSubscription.objects.get(user=user)
    assert [c.slug for c in subscription.categories.all()] == ["cloud-hosting"]
    assert subscription.cpv_divisions == ["45", "72"]
    assert [r.code for r in subscription.regions.all()] == ["TLI"]
    html = response.content.decode()
    assert re.search(r'value="72"\s+checked', html)
    assert re.search(r'value="TLI"\s+checked', html)


def test_an_alert_about_nothing_is_refused_and_keeps_the_answers(client, categories):
    client.force_login(SupplierUserFactory())

    response = client.post(URL, {"action": "save", "regions": ["TLM"]})

    assert response.status_code == 400
    page = text(response)
    assert "There is a problem" in page
    assert "Choose at least one category or CPV group, so the alert is about your work" in page
    assert re.search(r'value="TLM"\s+checked', response.content.decode())
    assert not PipelineAlertSubscription.objects.exists()


def test_stopping_the_alert_keeps_its_choices(client, categories):
    user = SupplierUserFactory()
    client.force_login(user)
    client.post(URL, {"action": "save", "cpv_divisions": ["72"]})

    response = client.post(URL, {"action": "stop"}, follow=True)

    assert "Your pipeline alert is stopped. You will get no more e-mails." in text(response)
    assert "Your alert is stopped. Save it again to start getting e-mails." in text(response)
    subscription = PipelineAlertSubscription.objects.get(user=user)
    assert subscription.active is False
    assert subscription.cpv_divisions == ["72"]
