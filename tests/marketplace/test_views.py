"""The site's own views."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_the_health_check_touches_the_database(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == {"status": "ok", "detail": connection.vendor}


def test_the_database_check_can_be_asked_alone_and_an_unknown_check_is_404(client):
    alone = client.get("/health/database/").json()
    assert list(alone["checks"]) == ["database"]
    assert alone["status"] == "ok"
    assert client.get("/health/nonsense/").status_code == 404


def test_a_broken_database_makes_the_site_report_down_with_503(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def refuse(self, sql, params=None):
        raise OSError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    response = client.get("/health/database/")
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["status"] == "down"
    assert "connection refused" in response.json()["checks"]["database"]["detail"]
