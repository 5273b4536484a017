"""Index updates through the production queue: the database backend and its worker."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from elasticsearch_dsl import Search

from search.engine_client import engine_search
from search.engine_index import search_index_rebuild
from search.engine_mapping import index_alias
from tests.factories import listing_make
from tests.search.conftest import engine_refresh

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.opensearch]

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
