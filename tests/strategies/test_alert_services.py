"""Pipeline alerts: each subscriber gets one digest of the new and changed
entries that match their alert, and nothing twice."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from marketplace.core.models import AuditEvent, Region
from strategies.alert_digests import pipeline_alerts_send
from strategies.alert_models import PipelineAlertSent, PipelineAlertSubscription
from strategies.alert_services import pipeline_alert_subscription_save
from strategies.services import strategy_save
from tests.factories import BuyingOrganisationFactory, SupplierUserFactory

from .conftest import entry

pytestmark = pytest.mark.django_db


def subscribe(*, categories=(), cpv_divisions=(), regions=(), subscribed_ago=timedelta(days=1)):
    """A supplier who subscribed before the strategies were published."""
    user = SupplierUserFactory(email="bids@small-supplier.example.com")
    subscription = pipeline_alert_subscription_save(
        user=user,
        categories=list(categories),
        cpv_divisions=list(cpv_divisions),
        regions=list(Region.objects.filter(code__in=regions)),
    )
    PipelineAlertSubscription.objects.filter(pk=subscription.pk).update(
        news_since=timezone.now() - subscribed_ago
    )
    return subscription


def test_a_digest_lists_only_the_matching_entries_with_working_absolute_links(
    client, settings, strategies, categories
):
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    subscribe(categories=[categories["hosting"]], regions=["TLI"])

    report = pipeline_alerts_send()

    assert report == {"subscriptions": 1, "digests": 1, "entries": 1}
    [message] = mail.outbox
    assert message.to == ["bids@small-supplier.example.com"]
    assert message.subject == "Pipeline alert: 1 new planned procurement"
    body = message.body
    # Hosting move (2026) is in cloud hosting and the North West; the 2025 one has no
    # category, Data platform is cloud software in Scotland, Beta's has neither.
    assert "- Hosting move\n  Buyer: Alpha Purchasing, strategy for 2026 to 2027" in body
    assert "Estimated value: £2,500,000. Procurement starts: June 2026" in body
    for other in ("Data platform", "Helpdesk", "Community transport booking"):
        assert other not in body
    assert "Details: http://testserver/strategies/alpha/2026-27/#pipeline" in body
    assert "stop these e-mails, go to: http://testserver/strategies/alerts/" in body
    assert client.get("/strategies/alpha/2026-27/").status_code == 200


def test_the_second_run_sends_nothing(strategies, categories):
    subscribe(categories=[categories["hosting"]])
    pipeline_alerts_send()
    sent = PipelineAlertSent.objects.count()

    report = pipeline_alerts_send()

    assert len(mail.outbox) == 1
    assert report["digests"] == 0
    assert PipelineAlertSent.objects.count() == sent == 1


def test_a_changed_entry_is_sent_again_once(strategies, categories):
    subscribe(categories=[categories["hosting"]])
    pipeline_alerts_send()
    page = strategies["later"].get_latest_revision_as_object()
    entries = list(page.pipeline_entries.all())
    next(e for e in entries if e.title == "Hosting move").value_amount = Decimal("3000000")
    page.pipeline_entries = entries
    page.save_revision().publish()

    pipeline_alerts_send()
    pipeline_alerts_send()

    assert [m.subject for m in mail.outbox] == [
        "Pipeline alert: 1 new planned procurement",
        "Pipeline alert: 1 changed planned procurement",
    ]
    changed = mail.outbox[1].body
    assert "Changed planned procurements (the buyer has changed their details)" in changed
    assert "Estimated value: £3,000,000" in changed
    assert "New planned procurements" not in changed


def test_cpv_groups_match_entries_by_their_codes(strategies):
    gamma = BuyingOrganisationFactory(name="Gamma Council", slug="gamma")
    strategy_save(
        organisation=gamma,
        financial_year=2026,
        entries=[
            entry("Website rebuild", "80000", cpv_codes=["72222300"], regions=["TLD"]),
            entry("Library roof repairs", "90000", cpv_codes=["45261900"], regions=["TLD"]),
        ],
    )
    subscribe(cpv_divisions=["72"], regions=["TLD"])

    pipeline_alerts_send()

    [message] = mail.outbox
    assert "- Website rebuild\n" in message.body
    assert "Library roof repairs" not in message.body
    assert "Community transport booking" not in message.body  # in the region, no CPV


def test_a_new_subscriber_is_not_sent_the_back_catalogue(strategies, categories):
    subscribe(categories=[categories["hosting"]], subscribed_ago=timedelta(0))

    assert pipeline_alerts_send()["digests"] == 0
    assert mail.outbox == []


def test_a_stopped_alert_sends_nothing(strategies, categories):
    subscription = subscribe(categories=[categories["hosting"]])
    PipelineAlertSubscription.objects.filter(pk=subscription.pk).update(active=False)

    assert pipeline_alerts_send()["subscriptions"] == 0
    assert mail.outbox == []


def test_the_command_reports_what_it_sent_and_the_run_is_audited(strategies, categories):
    subscribe(categories=[categories["hosting"]])

    out = io.StringIO()
    call_command("send_pipeline_alerts", stdout=out)

    assert "bids@small-supplier.example.com: 1 entries" in out.getvalue()
    assert "1 subscriptions, 1 digests sent, 1 entries in them." in out.getvalue()
    event = AuditEvent.objects.filter(action="pipeline_alerts.sent").get()
    assert event.data == {"subscriptions": 1, "digests": 1, "entries": 1}
