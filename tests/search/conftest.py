import uuid

import pytest

from search.engine_client import (
    engine_client,
    engine_index_refresh,
    engine_indices,
    engine_indices_delete,
)
from search.engine_mapping import index_alias, index_pattern
from tests.search.silent_engine import SilentEngine


@pytest.fixture
def search_engine(settings, opensearch_url):
    """The real node, under a prefix of this test's own; its indices are deleted afterwards."""
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_ENGINE_URL = opensearch_url
    settings.SEARCH_INDEX_PREFIX = f"{settings.SEARCH_INDEX_PREFIX}-test-{uuid.uuid4().hex[:8]}"
    # These tests are about answers, not speed: on a busy CI machine a cold node
    # can take more than the site's one second, which would fall back and fail them.
    settings.SEARCH_ENGINE_TIMEOUT = 5.0
    client = engine_client()
    yield client
    leftovers = engine_indices(pattern=index_pattern(), client=client)
    engine_indices_delete(indices=leftovers, client=client)


def engine_refresh() -> None:
    """Make the latest writes searchable now rather than within the next second."""
    engine_index_refresh(index=index_alias())


@pytest.fixture
def silent_engine():
    """A local port that accepts connections and never answers; closed afterwards."""
    engine = SilentEngine()
    yield engine
    engine.close()
