import pytest
from django.db import connection

from marketplace.core.models import AuditEvent, Region
from marketplace.core.services import audit_record
from tests.factories import BuyerFactory
from tests.service_checks import services_required


@pytest.mark.django_db
def test_a_round_trip_through_the_configured_database():
    if services_required():
        # The full suite must run on the real PostgreSQL server, not SQLite.
        assert connection.vendor == "postgresql"
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            assert cursor.fetchone()[0].startswith("15")
    buyer = BuyerFactory()

    event = audit_record(actor=buyer, action="test.round_trip", subject=buyer, data={"n": 1})

    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.actor == buyer
    assert stored.subject_repr == buyer.email
    assert stored.data == {"n": 1}


@pytest.mark.django_db
@pytest.mark.smoke
def test_the_twelve_itl1_regions_are_loaded_by_migration():
    assert Region.objects.count() == 12
    assert Region.objects.get(code="TLM").name == "Scotland"
    assert Region.objects.get(nuts1_code="UKI").name == "London"
