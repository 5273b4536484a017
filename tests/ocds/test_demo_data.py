"""The OCDS output for the real demo data is valid: every year's bulk file and a
record of each kind. Slow (the demo is loaded once for the module)."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from ocds import releases
from ocds.validation import package_errors

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_data", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def test_every_package_for_the_demo_data_is_valid(client, demo):
    years = releases.financial_years()
    assert years

    for year in years:
        response = client.get(f"/api/v1/ocds/releases/{releases.financial_year_slug(year)}.json")
        package = response.json()
        assert package["releases"], year
        assert package_errors(package, kind="release") == [], year
    first_page = client.get("/api/v1/ocds/releases/").json()
    assert package_errors(first_page, kind="release") == []
    kinds = {}
    for release in releases.releases_all():
        kinds.setdefault(release["tag"][0], release["ocid"])
    # The default demo load has published pipelines but records no direct award;
    # award and contract releases are validated on factory-built data in test_views.
    assert set(kinds) == {"planning"}
    for ocid in kinds.values():
        record = client.get(f"/api/v1/ocds/records/{ocid}/").json()
        assert package_errors(record, kind="record") == [], ocid
