"""Index updates through the production queue: the database backend and its worker."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from elasticsearch_dsl import Search

from marketplace.accounts.roles import CCS_ADMINS_GROUP, CCS_REVIEWERS_GROUP
from search.engine_client import engine_search
from search.engine_index import search_index_rebuild
from search.engine_mapping import index_alias
from search.models import PendingEngineUpdate
from search.tasks import retry_delay
from tests.factories import listing_make
from tests.search.conftest import engine_refresh
from tests.wagtail_admin import member_of, refused

# Transactional, so the worker's own transactions commit; restored afterwards like
# the browser tests, so later tests find the migrated rows (groups, content types).
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.opensearch,
]

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


def indexed_ids() -> list[int]:
    body = engine_search(index=index_alias(), search=Search().sort("id")[:100])
    return [int(hit["_id"]) for hit in body["hits"]["hits"]]


def test_an_approval_waits_in_the_queue_until_the_worker_runs_it(search_engine, settings):
    search_index_rebuild()
    settings.TASKS = DATABASE_QUEUE

    listing = listing_make(publish=True)  # committed: the signal enqueues on commit

    queued = DBTaskResult.objects.filter(task_path__endswith="engine_listings_refresh_task")
    assert {task.status for task in queued} == {"READY"}
    assert {pk for task in queued for pk in task.args_kwargs["kwargs"]["listing_ids"]} == {
        listing.pk
    }
    engine_refresh()
    assert indexed_ids() == []  # nothing ran inside the supplier's request

    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    assert {task.status for task in queued.all()} == {"SUCCESSFUL"}
    engine_refresh()
    assert indexed_ids() == [listing.pk]


def test_a_failed_update_is_retried_later_counted_for_ccs_and_repaired_by_the_next_run(
    search_engine, settings, client
):
    search_index_rebuild()
    settings.TASKS = DATABASE_QUEUE
    working_engine = settings.SEARCH_ENGINE_URL
    settings.SEARCH_ENGINE_URL = "http://127.0.0.1:9"  # nothing listens: the engine is down
    first = listing_make(publish=True)

    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    pending = PendingEngineUpdate.objects.get()
    assert pending.listing_id == first.pk
    assert pending.attempts >= 1
    assert "Connection refused" in pending.last_error
    retries = DBTaskResult.objects.filter(
        task_path__endswith="engine_listings_refresh_task", status="READY"
    )
    assert retries.count() == 1
    retry = retries.get()
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after > timezone.now() + timedelta(seconds=20)  # waits, not at once

    client.force_login(member_of(CCS_ADMINS_GROUP))
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "search index update failed" in dashboard
    failures = client.get(reverse("search_index_failures:index")).content.decode()
    assert str(first) in failures

    # The engine answers again: the next update of any listing repairs the earlier one,
    # without waiting for the retry.
    settings.SEARCH_ENGINE_URL = working_engine
    second = listing_make(publish=True)
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    engine_refresh()
    assert indexed_ids() == sorted([first.pk, second.pk])
    assert not PendingEngineUpdate.objects.exists()


def test_a_rebuild_clears_the_failures_it_covers(search_engine):
    listing = listing_make(publish=True)
    PendingEngineUpdate.objects.create(listing=listing, attempts=5, last_error="refused")

    search_index_rebuild()

    assert not PendingEngineUpdate.objects.exists()


def test_retries_wait_longer_each_time():
    assert [retry_delay(attempt).total_seconds() for attempt in (1, 2, 3, 4)] == [
        30,
        120,
        480,
        1920,
    ]


def test_people_outside_ccs_admins_cannot_see_the_failures(client):
    client.force_login(member_of(CCS_REVIEWERS_GROUP))
    assert refused(client.get(reverse("search_index_failures:index")))
