"""The community guidelines are a published page that CCS can edit."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from feedback.services import GUIDELINES_PATH
from marketplace.core.models import ContentPage

pytestmark = pytest.mark.django_db


def test_the_guidelines_are_published_with_the_rating_scale(client):
    response = client.get(GUIDELINES_PATH)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">Community guidelines for feedback</h1>' in html
    assert "Write about the work, not people." in html
    assert "Nothing is silently removed." in html
    assert "Exceptional</b>: far better than the contract asked" in html
    assert "(Procurement Act 2023: inadequate)" in html


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_removes_and_recreates_the_page():
    executor = MigrationExecutor(connection)
    executor.migrate([("feedback", "0001_initial")])
    assert not ContentPage.objects.filter(slug="feedback-guidelines").exists()

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    page = ContentPage.objects.get(slug="feedback-guidelines")
    assert page.url == GUIDELINES_PATH
    assert page.get_parent().numchild == page.get_parent().get_children().count()
