"""The engine's own line on /health/: reported apart from the database."""

import time

import pytest

pytestmark = pytest.mark.django_db


def test_the_real_node_reports_its_colour_and_the_site_is_ok(client, search_engine):
    response = client.get("/health/")

    assert response.status_code == 200
    engine = response.json()["checks"]["search-engine"]
    assert engine["status"] == "ok"
    assert engine["detail"].split(",")[0] in ("green", "yellow")


def test_a_hung_engine_is_down_but_the_site_still_serves(client, settings, silent_engine):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_ENGINE_URL = silent_engine.url

    started = time.monotonic()
    whole = client.get("/health/")
    elapsed = time.monotonic() - started

    # The database still answers, so a load balancer keeps sending traffic.
    assert whole.status_code == 200
    assert whole.json()["status"] == "degraded"
    assert whole.json()["checks"]["database"]["status"] == "ok"
    assert whole.json()["checks"]["search-engine"]["status"] == "down"
    assert elapsed < 5  # bounded by the check's own timeout, not the client's 10 s
    # Asked alone, the engine's check says it is down.
    assert client.get("/health/search-engine/").status_code == 503


def test_without_an_engine_the_check_says_it_is_not_used(client, settings):
    settings.SEARCH_ENGINE = "database"

    engine = client.get("/health/search-engine/")

    assert engine.status_code == 200
    assert engine.json()["checks"]["search-engine"]["detail"].startswith("not used")
