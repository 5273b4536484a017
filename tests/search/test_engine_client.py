"""A real round trip to the OpenSearch node: a query built with the elasticsearch
DSL, sent by opensearch-py."""

import time
import uuid

import pytest
from elasticsearch_dsl import Search

from search.engine_client import (
    EngineUnavailable,
    engine_bulk,
    engine_client,
    engine_index_refresh,
    engine_ping,
    engine_search,
)


@pytest.fixture
def index(opensearch_url):
    client = engine_client(engine="opensearch", url=opensearch_url)
    name = f"test-engine-client-{uuid.uuid4().hex[:8]}"
    client.indices.create(
        index=name,
        body={
            "settings": {"number_of_shards": 1, "number_of_replicas": 0},
            "mappings": {
                "properties": {
                    "name": {"type": "text", "analyzer": "english"},
                    "region": {"type": "keyword"},
                }
            },
        },
    )
    yield client, name
    client.indices.delete(index=name)


def test_a_document_indexed_on_the_node_is_found_by_a_dsl_query(index):
    client, name = index
    client.index(index=name, id="1", body={"name": "Hosting services", "region": "TLC"})
    client.index(index=name, id="2", body={"name": "Payroll software", "region": "TLM"})
    client.indices.refresh(index=name)

    search = Search().query("match", name="hosted").filter("term", region="TLC")
    body = engine_search(index=name, search=search, client=client)

    assert [hit["_id"] for hit in body["hits"]["hits"]] == ["1"]  # "hosted" stems to "host"
    assert engine_ping(client=client) is True


def test_an_unreachable_engine_is_reported_not_raised_raw():
    client = engine_client(engine="opensearch", url="http://127.0.0.1:9")

    assert engine_ping(client=client) is False
    with pytest.raises(EngineUnavailable):
        engine_search(index="anything", search=Search(), client=client)


@pytest.mark.parametrize("engine", ["opensearch", "elasticsearch"])
def test_a_read_timeout_on_either_client_is_reported_as_unavailable(engine, silent_engine):
    client = engine_client(engine=engine, url=silent_engine.url)
    started = time.perf_counter()

    with pytest.raises(EngineUnavailable) as raised:
        engine_search(index="anything", search=Search(), client=client, timeout=0.5)

    seconds = time.perf_counter() - started
    assert 0.45 <= seconds < 3  # the search's own timeout, not the client's 10 s
    assert raised.value.status is None
    assert raised.value.engine_down is True
    assert silent_engine.connections() == 1  # no retry either


def test_a_missing_index_is_an_answer_not_an_engine_down(index):
    client, _name = index

    with pytest.raises(EngineUnavailable) as raised:
        engine_search(index="no-such-index-here", search=Search(), client=client, timeout=5)

    assert raised.value.status == 404
    assert raised.value.engine_down is False


def test_bulk_with_threads_sends_every_chunk_and_counts_them(index):
    client, name = index
    actions = (
        {"_index": name, "_id": str(number), "_source": {"name": f"Service {number}"}}
        for number in range(1, 26)
    )

    sent = engine_bulk(actions=actions, client=client, chunk_size=4, timeout=30, threads=3)
    engine_index_refresh(index=name, client=client, timeout=30)

    assert sent == 25  # 7 chunks, three at a time, the last one short
    found = client.search(index=name, body={"size": 30, "query": {"match_all": {}}})
    assert sorted(int(hit["_id"]) for hit in found["hits"]["hits"]) == list(range(1, 26))
