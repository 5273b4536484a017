"""A framework's status comes from its dates and today's date, on every page,
in the data files and in what suppliers may list on."""

import csv
import io
import json
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from frameworks.lifecycle import framework_status
from frameworks.models import Framework, FrameworkStatus
from listings.models import Listing
from tests.factories import FrameworkFactory, LotFactory, SupplierUserFactory
from tests.listings.test_forms import answers

pytestmark = pytest.mark.django_db

DAY = date(2026, 6, 15)


def dated(**dates) -> Framework:
    return Framework(name="Example", status=dates.pop("status", FrameworkStatus.LIVE), **dates)


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ({"expires": DAY - timedelta(days=1), "live_from": date(2022, 1, 1)}, "expired"),
        ({"expires": DAY, "live_from": date(2022, 1, 1)}, "live"),  # its last day
        ({"live_from": DAY, "expires": date(2030, 1, 1)}, "live"),
        (
            {
                "applications_open": date(2026, 1, 1),
                "applications_close": date(2026, 3, 1),
                "live_from": date(2026, 9, 1),
            },
            "pending",
        ),
        (
            {
                "applications_close": date(2026, 3, 1),
                "live_from": date(2026, 9, 1),
                "status": "standstill",
            },
            "standstill",
        ),
        ({"applications_open": DAY, "applications_close": date(2026, 8, 1)}, "open"),
        ({"applications_open": DAY + timedelta(days=1)}, "coming"),
        ({"status": "coming"}, "coming"),  # a planned framework without dates
        ({"live_from": DAY + timedelta(days=1), "status": "live"}, "coming"),
    ],
)
def test_status_is_worked_out_from_the_dates(dates, expected):
    assert framework_status(framework=dated(**dates), today=DAY) == expected


@pytest.fixture
def expired_yesterday():
    today = timezone.localdate()
    framework = FrameworkFactory(
        name="Framework Ending Yesterday",
        slug="framework-ending-yesterday",
        status=FrameworkStatus.LIVE,  # what was typed in; the dates say otherwise
        live_from=today - timedelta(days=365),
        expires=today - timedelta(days=1),
    )
    return LotFactory(framework=framework)


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_a_framework_that_expired_yesterday_says_expired_on_every_page(client, expired_yesterday):
    index = text(client.get(reverse("frameworks:index")))
    detail = text(
        client.get(reverse("frameworks:detail", kwargs={"slug": "framework-ending-yesterday"}))
    )
    map_page = text(client.get(reverse("frameworks:map")))

    assert "Framework Ending Yesterday" in index
    assert re.search(r"Framework Ending Yesterday .{0,80}Expired", index)
    assert "Status Expired" in detail
    assert re.search(r"Framework Ending Yesterday \d+ \w+ \d{4} \d+ \w+ \d{4} Expired", map_page)


def test_the_status_filter_uses_the_dates(client, expired_yesterday):
    live = text(client.get(reverse("frameworks:index"), {"status": "live"}))
    expired = text(client.get(reverse("frameworks:index"), {"status": "expired"}))

    assert "0 frameworks" in live
    assert "1 framework " in expired and "Framework Ending Yesterday" in expired


def test_the_data_files_say_expired(client, expired_yesterday):
    lines = client.get("/frameworks/data/frameworks.csv").content.decode().splitlines()
    as_csv = list(csv.DictReader(io.StringIO("\n".join(lines[1:]))))
    as_json = json.loads(client.get("/frameworks/data/frameworks.json").content)["records"]

    assert [row["status"] for row in as_csv] == ["expired"]
    assert [row["status"] for row in as_json] == ["expired"]


@pytest.fixture
def supplier_client(client):
    client.force_login(SupplierUserFactory())
    return client


def test_the_listing_form_does_not_offer_an_expired_frameworks_lots(
    supplier_client, expired_yesterday
):
    live = LotFactory(name="Still live lot")

    page = supplier_client.get(reverse("supplier_listings:create")).content.decode()

    assert "Still live lot" in page
    assert f'value="{live.pk}"' in page
    assert "Framework Ending Yesterday" not in page
    assert f'value="{expired_yesterday.pk}"' not in page


def test_choosing_an_expired_frameworks_lot_is_refused_with_a_message(
    supplier_client, expired_yesterday
):
    response = supplier_client.post(
        reverse("supplier_listings:create"), {"lot": expired_yesterday.pk}
    )

    expiry = expired_yesterday.framework.expires.strftime("%-d %B %Y")
    assert response.status_code == 400
    assert (
        f"Framework Ending Yesterday expired on {expiry}, so it no longer accepts new listings"
        in response.content.decode()
    )


def test_posting_a_listing_on_an_expired_frameworks_lot_creates_nothing(
    supplier_client, expired_yesterday, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("supplier_listings:create-details", kwargs={"lot_id": expired_yesterday.pk})

    response = supplier_client.post(url, answers(expired_yesterday))

    assert response.status_code == 404
    assert not Listing.objects.exists()
