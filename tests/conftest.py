import os

import pytest
from django.conf import settings

from tests.service_checks import http_answers, service_missing


@pytest.fixture(autouse=True)
def _fast_cache_and_throttle_reset():
    # Login throttling keeps its counts in the database, which each test rolls
    # back; the cache is in memory and would leak between tests.
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def opensearch_url() -> str:
    url = os.environ.get("SEARCH_ENGINE_URL", settings.SEARCH_ENGINE_URL)
    if not http_answers(url):
        service_missing("The OpenSearch node", f"nothing answers at {url}")
    return url


@pytest.fixture
def stripe_mock(settings) -> str:
    base = os.environ.get("STRIPE_API_BASE", "http://127.0.0.1:12111")
    if not http_answers(f"{base}/v1/customers", headers={"Authorization": "Bearer sk_test_123"}):
        service_missing("stripe-mock", f"nothing answers at {base}")
    settings.STRIPE_API_BASE = base
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    return base


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path_factory):
    # Listing documents go to PRIVATE_MEDIA_ROOT; never into the checkout.
    settings.PRIVATE_MEDIA_ROOT = tmp_path_factory.mktemp("private-media")
