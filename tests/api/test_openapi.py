"""Schemathesis against the OpenAPI document the code generates, on the real app
(PostgreSQL and, when configured, the OpenSearch node): every operation, with
generated parameters, must never answer a server error and must always answer as
the document says (status code, content type, headers and body schema).

Examples are bounded so the run stays short on a busy two-core machine.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck, settings
from schemathesis import checks

from marketplace.wsgi import application
from tests.factories import listing_make

# Committed data (a transactional test): the app under test may then open and close
# its own connections, as it does in production, and still see the catalogue.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def catalogue(db):
    """A framework with a lot and a published listing: enough for every endpoint to
    have something to show (the privacy tests use the fuller ``world``)."""
    return listing_make(publish=True)


@pytest.fixture(autouse=True)
def _requests_keep_the_test_connection():
    """Calling the WSGI app directly sends request_started/finished, whose handler
    closes the database connection the test's transaction lives on. Django's test
    client disconnects that handler around each request; do the same here."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Read through the app itself, as a client would (the document needs no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_without_server_errors_and_as_documented(case, catalogue, settings):
    settings.API_THROTTLE_RATE = "1000000/minute"  # the generated requests are not a flood
    case.call_and_validate(
        checks=[
            checks.not_a_server_error,
            checks.status_code_conformance,
            checks.content_type_conformance,
            checks.response_headers_conformance,
            checks.response_schema_conformance,
        ]
    )


def test_the_document_is_openapi_3_and_lists_every_endpoint(client):
    document = client.get(reverse("api:openapi")).json()

    assert document["openapi"].startswith("3.")
    assert document["info"]["license"]["name"] == "Open Government Licence v3.0"
    assert sorted(document["paths"]) == [
        "/api/v1/awards/",
        "/api/v1/categories/",
        "/api/v1/feedback/",
        "/api/v1/frameworks/",
        "/api/v1/frameworks/{slug}/",
        "/api/v1/listings/",
        "/api/v1/listings/{id}/",
        "/api/v1/ocds/",
        "/api/v1/ocds/records/{ocid}/",
        "/api/v1/ocds/releases/",
        "/api/v1/ocds/releases/{year}.json",
        "/api/v1/orders/",
        "/api/v1/pipeline/",
        "/api/v1/search/",
        "/api/v1/strategies/",
        "/api/v1/suppliers/",
        "/api/v1/suppliers/{slug}/",
    ]
