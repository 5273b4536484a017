"""The site's own views."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_health_check_touches_the_database(client):
    assert client.get("/health/").json() == {"status": "ok"}
