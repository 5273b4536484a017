"""Losing nodes of a three-node OpenSearch cluster while buyers search.

scripts/test starts the cluster (OPENSEARCH_NODES=3 scripts/services/opensearch.sh)
after the main run and runs only these tests against it (``-m cluster``), passing
the nodes' addresses in OPENSEARCH_CLUSTER_URLS and the script's environment.
The tests stop and start real nodes, so the last one leaves the cluster down:
scripts/test stops it afterwards either way.
"""

import contextlib
import os
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from search.engine_client import (
    EngineUnavailable,
    engine_client,
    engine_cluster_health,
    engine_indices,
    engine_indices_delete,
)
from search.engine_index import search_index_rebuild
from search.engine_mapping import index_alias, index_pattern
from tests.factories import LotFactory, SupplierUserFactory, listing_make
from tests.service_checks import service_missing

pytestmark = [pytest.mark.django_db, pytest.mark.cluster]

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "services" / "opensearch.sh"
WORDS = ["backup", "payroll", "firewall", "messaging", "catering", "cleaning"]
# A buyer's searches, with and without words and filters: each has a known answer.
QUERIES = [{"q": word} for word in WORDS] + [{"q": "schools"}, {}, {"size": "small"}]


@pytest.fixture
def cluster(settings):
    urls = os.environ.get("OPENSEARCH_CLUSTER_URLS", "")
    if len(urls.split(",")) < 3:
        service_missing("A three-node OpenSearch cluster", "OPENSEARCH_CLUSTER_URLS is not set")
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_ENGINE_URL = urls
    settings.SEARCH_INDEX_REPLICAS = 1
    settings.SEARCH_INDEX_PREFIX = f"cluster-test-{uuid.uuid4().hex[:8]}"
    # About staying up, not speed: a loaded CI machine must not turn into fallbacks.
    settings.SEARCH_ENGINE_TIMEOUT = 10.0
    yield urls
    # The last test leaves every node stopped, so there may be no one to ask.
    with contextlib.suppress(EngineUnavailable):
        engine_indices_delete(indices=engine_indices(pattern=index_pattern()))


def node(command: str, number: int | None = None) -> subprocess.Popen:
    arguments = [str(SCRIPT), command] + ([str(number)] if number else [])
    return subprocess.Popen(arguments, env=os.environ.copy())


def catalogue(capture_on_commit) -> None:
    """36 published listings in both stores: the database table (kept on commit, as in
    use) and the engine index (a rebuild, with its replica)."""
    lot = LotFactory()
    with capture_on_commit(execute=True):
        _listings(lot)
    search_index_rebuild()


def _listings(lot) -> None:
    for number in range(36):
        word = WORDS[number % len(WORDS)]
        listing_make(
            supplier_user=SupplierUserFactory(),
            lot=lot,
            publish=True,
            name=f"{word.capitalize()} for schools {number}",
        )


def primary_node_number() -> int:
    """The node holding the index's primary shard: losing it is the hard case."""
    shards = engine_client().cat.shards(index=index_alias(), format="json")
    primary = next(shard for shard in shards if shard["prirep"] == "p")
    return int(primary["node"].removeprefix("node-"))


def search_all(client, expected: dict, failures: list) -> None:
    for query in QUERIES:
        key = repr(sorted(query.items()))
        response = client.get("/search/", query)
        if response.status_code != 200:
            failures.append(f"{key}: status {response.status_code}")
            continue
        result = response.context["result"]
        if result.fell_back:
            failures.append(f"{key}: fell back to the database")
        elif expected.setdefault(key, result.total) != result.total:
            failures.append(f"{key}: {result.total} results, expected {expected[key]}")


def colour() -> str:
    return engine_cluster_health(timeout=5).get("status", "unknown")


def test_losing_any_one_node_fails_no_search_and_the_cluster_heals(
    client, cluster, django_capture_on_commit_callbacks
):
    catalogue(django_capture_on_commit_callbacks)
    assert colour() == "green"
    expected: dict[str, int] = {}
    failures: list[str] = []
    search_all(client, expected, failures)
    victim = primary_node_number()

    stopping = node("stop-node", victim)
    colours, deadline = set(), time.monotonic() + 240
    while (stopping.poll() is None or "yellow" not in colours) and time.monotonic() < deadline:
        search_all(client, expected, failures)
        colours.add(colour())
    assert stopping.wait() == 0
    assert "yellow" in colours  # the lost copies were noticed

    assert node("start-node", victim).wait() == 0
    deadline = time.monotonic() + 300
    while colour() != "green" and time.monotonic() < deadline:
        search_all(client, expected, failures)
    assert colour() == "green"
    search_all(client, expected, failures)

    assert failures == []
    assert len(expected) == len(QUERIES)


def test_with_every_node_down_search_falls_back_to_the_database_with_the_notice(
    client, cluster, django_capture_on_commit_callbacks
):
    catalogue(django_capture_on_commit_callbacks)
    assert node("stop").wait() == 0

    for query in QUERIES:
        response = client.get("/search/", query)
        assert response.status_code == 200
        assert response.context["result"].fell_back
        assert "Search is running in a simpler mode" in response.text
    assert client.get("/search/", {"q": "payroll"}).context["result"].total == 6
