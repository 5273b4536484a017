"""The search analytics report in the Wagtail admin: the three lists in the right
order, filtered by sector and date, a CSV that spreadsheets cannot run, and nobody
but CCS staff getting in. Also the "Recommended services" snippet: audited, never deleted."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from marketplace.accounts.models import BuyerSector
from marketplace.core.models import AuditEvent
from search.models import RecommendedListing, SearchDailyCount
from tests.factories import BuyerFactory, SupplierUserFactory, UserFactory
from tests.search.catalogue import offer
from tests.wagtail_admin import ccs_client_fixture, refused  # noqa: F401

pytestmark = pytest.mark.django_db

REPORT = reverse("search_analytics:report")
TODAY = timezone.localdate()


def count(query, *, days_ago=0, sector="", filters="", searches=1, zero=0, relaxed=0, found=5):
    return SearchDailyCount.objects.create(
        day=TODAY - timedelta(days=days_ago),
        query=query,
        filters=filters,
        sector=sector,
        searches=searches,
        zero_results=zero,
        relaxed=relaxed,
        last_result_count=found,
    )


@pytest.fixture
def counts():
    count("payroll", searches=9, found=12)
    count("payroll", days_ago=3, sector=BuyerSector.EDUCATION, searches=4, found=11)
    count("text parents", sector=BuyerSector.EDUCATION, searches=6, zero=6, found=0)
    count("keep hackers out", sector=BuyerSector.LOCAL_AUTHORITY, searches=5, zero=2, found=0)
    count("cloud migration", searches=3, relaxed=3, found=7)
    count("=cmd|' /C calc'!A0", searches=2, zero=2, found=0)
    count("old search", days_ago=60, searches=50)


def table(response) -> list[tuple]:
    return [
        (item["query"], item["total_searches"], item["total_zero"], item["total_relaxed"])
        for item in response.context["items"]
    ]


def test_the_most_frequent_searches_come_first_over_the_last_30_days(ccs_client, counts):
    response = ccs_client.get(REPORT)

    assert response.status_code == 200
    assert table(response) == [
        ("payroll", 13, 0, 0),
        ("text parents", 6, 6, 0),
        ("keep hackers out", 5, 2, 0),
        ("cloud migration", 3, 0, 3),
        ("=cmd|' /C calc'!A0", 2, 2, 0),
    ]
    html = response.content.decode()
    assert '<a href="/search/?q=text+parents">text parents</a>' in html
    assert "Add buyer vocabulary" in html
    # It leads to a new buyer phrase, which the next search uses (search.models.BuyerPhrase).
    assert f'href="{reverse("wagtailsnippets_catalogue_search_buyerphrase:add")}"' in html


def test_searches_that_found_nothing_and_relaxed_searches_are_listed_by_their_own_count(
    ccs_client, counts
):
    zero = ccs_client.get(REPORT, {"show": "zero"})
    relaxed = ccs_client.get(REPORT, {"show": "relaxed"})

    assert [row[0] for row in table(zero)] == [
        "text parents",
        "keep hackers out",
        "=cmd|' /C calc'!A0",
    ]
    assert table(relaxed) == [("cloud migration", 3, 0, 3)]
    assert "Searches that found nothing" in zero.content.decode()


def test_the_report_filters_by_sector_and_date(ccs_client, counts):
    schools = ccs_client.get(REPORT, {"sector": BuyerSector.EDUCATION})
    not_buyers = ccs_client.get(REPORT, {"sector": "none", "show": "zero"})
    older = ccs_client.get(
        REPORT,
        {
            "date_from": (TODAY - timedelta(days=90)).isoformat(),
            "date_to": (TODAY - timedelta(days=2)).isoformat(),
        },
    )

    assert table(schools) == [("text parents", 6, 6, 0), ("payroll", 4, 0, 0)]
    assert table(not_buyers) == [("=cmd|' /C calc'!A0", 2, 2, 0)]
    assert table(older) == [("old search", 50, 0, 0), ("payroll", 4, 0, 0)]


def test_filters_are_shown_in_words_and_kept_in_the_link(ccs_client):
    count("phones", filters="region=TLC&size=small", searches=2)

    response = ccs_client.get(REPORT)

    html = response.content.decode()
    assert '<a href="/search/?q=phones&amp;region=TLC&amp;size=small">phones</a>' in html
    assert "<td>Where the service is delivered: North East; Supplier size: Small</td>" in html


def test_a_bad_date_range_is_explained_with_a_400_and_the_answers_kept(ccs_client, counts):
    response = ccs_client.get(REPORT, {"date_from": "2026-12-01", "date_to": "2026-11-01"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "The end date must be on or after the start date" in html
    assert 'value="2026-12-01"' in html
    assert response.context["items"] == []


def test_the_report_is_paginated(ccs_client):
    for n in range(55):
        count(f"search {n:02}", searches=100 - n)

    first = ccs_client.get(REPORT)
    second = ccs_client.get(REPORT, {"page": "2"})

    assert len(first.context["items"]) == 50
    assert [row[0] for row in table(second)] == [f"search {n:02}" for n in range(50, 55)]
    assert "Page 1 of 2" in first.content.decode()


def test_the_csv_export_neutralises_formulas_and_keeps_numbers(ccs_client, counts):
    response = ccs_client.get(REPORT, {"show": "zero", "export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Search words", "Filters", "Searches", "Searches that found nothing"]
    assert rows[1][:6] == ["text parents", "", "6", "6", "0", "0"]
    assert rows[3][0] == "'=cmd|' /C calc'!A0"
    assert rows[1][6] == "http://testserver/search/?q=text+parents"


def test_the_menu_offers_the_report_to_ccs_staff(ccs_client):
    response = ccs_client.get(reverse("wagtailadmin_home"))

    assert "Search analytics" in response.content.decode()


@pytest.mark.parametrize(
    "who",
    ["anonymous", "buyer", "supplier", "staff without the permission"],
)
def test_only_ccs_staff_see_the_report(client, counts, who):
    if who == "buyer":
        client.force_login(BuyerFactory())
    elif who == "supplier":
        client.force_login(SupplierUserFactory())
    elif who == "staff without the permission":
        staff = UserFactory()
        staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(staff)
    before = list(SearchDailyCount.objects.order_by("pk").values())

    page = client.get(REPORT)
    export = client.get(REPORT, {"export": "csv"})

    assert refused(page)
    assert refused(export)
    assert "payroll" not in page.content.decode()
    assert "payroll" not in export.content.decode()
    assert list(SearchDailyCount.objects.order_by("pk").values()) == before
    if who == "staff without the permission":
        home = client.get(reverse("wagtailadmin_home"))
        assert "Search analytics" not in home.content.decode()


def test_ccs_admins_recommend_a_service_audited_and_only_published_listings_offered(client):
    from django.contrib.auth.models import Group

    from marketplace.accounts.roles import CCS_ADMINS_GROUP

    admin = UserFactory()
    admin.groups.add(Group.objects.get(name=CCS_ADMINS_GROUP))
    client.force_login(admin)
    listing = offer(name="Parent text messages")
    add = reverse("wagtailsnippets_catalogue_search_recommendedlisting:add")

    form = client.get(add)
    response = client.post(
        add, {"query": "  Text   PARENTS ", "listing": listing.pk, "order": "1", "active": "on"}
    )

    assert [choice for choice, _ in form.context["form"].fields["listing"].choices if choice] == [
        listing.pk
    ]
    assert response.status_code == 302
    recommendation = RecommendedListing.objects.get()
    assert recommendation.query == "text parents"
    event = AuditEvent.objects.get(action="recommended_listing.created")
    assert event.actor == admin
    assert event.data == {
        "query": "text parents",
        "listing": listing.pk,
        "order": 1,
        "active": True,
    }
    delete = client.post(
        reverse(
            "wagtailsnippets_catalogue_search_recommendedlisting:delete", args=[recommendation.pk]
        )
    )
    assert refused(delete)
    assert RecommendedListing.objects.filter(pk=recommendation.pk).exists()
