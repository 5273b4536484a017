"""The search page on the demo catalogue (about 1,030 listings in 217 categories):
what a buyer on a phone downloads, and how the category tree opens."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from frameworks.models import Category

pytestmark = pytest.mark.django_db

URL = "/search/"
PAGE_BUDGET = 60 * 1024  # bytes of HTML for the results page with no filters


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the module (the slow part), in the database search,
    inside a transaction rolled back afterwards."""
    with (
        override_settings(SEARCH_ENGINE="database"),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("load_demo_data", "--no-users", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def database_search(settings):
    settings.SEARCH_ENGINE = "database"


def test_the_results_page_fits_the_budget_without_a_wall_of_checkboxes(
    client, demo, database_search
):
    response = client.get(URL)

    assert response.context["result"].total > 1000
    assert len(response.content) <= PAGE_BUDGET
    html = response.content.decode()
    categories = html[
        html.index("What you want to buy</legend>") : html.index('for="id_framework"')
    ]
    assert categories.count('type="checkbox"') < 60  # of 217 categories with services


def test_a_category_with_its_own_children_shows_them_once_chosen(client, demo, database_search):
    leaf = Category.objects.filter(name="Email and secure email").order_by("path").first()
    parent = leaf.get_parent()
    label = f"{leaf.name} ("

    before = client.get(URL).content.decode()
    after = client.get(URL, {"category": parent.slug}).content.decode()

    assert label not in before
    assert f'value="{parent.slug}" checked' in after
    assert f'value="{leaf.slug}"' in after
    assert f'<span class="govuk-visually-hidden"> ({parent.name})</span>' in after
