from datetime import date

import pytest
from django.urls import reverse

from frameworks.selectors import frameworks_covering_same_categories
from tests.factories import FrameworkFactory, LotFactory, category_make

pytestmark = pytest.mark.django_db

LIVE = {"live_from": date(2020, 1, 1)}


def test_related_frameworks_share_a_category_either_way_up_the_tree_and_are_live():
    technology = category_make("Technology")
    networks = category_make("Networks", parent=technology)
    wide_area = category_make("Wide area networks", parent=networks)
    software = category_make("Software", parent=technology)
    ours = LotFactory(framework=FrameworkFactory(name="Ours", **LIVE), categories=[networks])
    LotFactory(framework=FrameworkFactory(name="Above", **LIVE), categories=[technology])
    LotFactory(framework=FrameworkFactory(name="Below", **LIVE), categories=[wide_area])
    LotFactory(framework=FrameworkFactory(name="Same", **LIVE), categories=[networks])
    LotFactory(framework=FrameworkFactory(name="Sibling", **LIVE), categories=[software])
    expired = FrameworkFactory(name="Expired", live_from=date(2010, 1, 1), expires=date(2014, 1, 1))
    LotFactory(framework=expired, categories=[networks])
    LotFactory(framework=FrameworkFactory(name="Planned", planned=True), categories=[networks])

    related = frameworks_covering_same_categories(framework=ours.framework)

    assert [f.name for f in related] == ["Above", "Below", "Same"]


def test_a_framework_without_categories_has_no_related_frameworks():
    lonely = FrameworkFactory(**LIVE)
    LotFactory(framework=FrameworkFactory(**LIVE), categories=[category_make()])

    assert frameworks_covering_same_categories(framework=lonely) == []


def test_the_framework_page_asks_the_database_a_bounded_number_of_questions(
    client, demo_map, django_assert_max_num_queries
):
    # G-Cloud 13: hundreds of categories on its lots, which once made an OR of a
    # prefix test per category and took the database over a second.
    with django_assert_max_num_queries(10):
        response = client.get(reverse("frameworks:detail", kwargs={"slug": "g-cloud-13"}))

    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">G-Cloud 13</h1>' in response.content.decode()
