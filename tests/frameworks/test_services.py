"""One buying organisation however its name is spelt: the service the strategies
import calls, the database rule behind it, the admin's message, and the merge of
spellings already stored."""

import importlib

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from frameworks.models import BuyingOrganisation, Framework
from frameworks.services import buying_organisation_get_or_create
from marketplace.core.models import AuditEvent
from tests.factories import BuyingOrganisationFactory, FrameworkFactory

pytestmark = pytest.mark.django_db

merge_migration = importlib.import_module(
    "frameworks.migrations.0004_merge_buying_organisation_spellings"
)


def test_another_spelling_finds_the_organisation_we_have():
    police, created = buying_organisation_get_or_create(name="Avon and Somerset Police")
    same, created_again = buying_organisation_get_or_create(
        name="Avon and Somerset Police Force (SWOne)"
    )

    assert created and not created_again
    assert same == police
    assert BuyingOrganisation.objects.get().name == "Avon and Somerset Police"
    assert AuditEvent.objects.filter(action="buying_organisation.created").count() == 1


def test_a_different_organisation_is_created_with_a_slug_of_its_own():
    BuyingOrganisationFactory(name="Surrey Police", slug="surrey-police")

    sussex, created = buying_organisation_get_or_create(name="Surrey and Sussex Police")

    assert created
    assert sussex.slug == "surrey-and-sussex-police"
    assert BuyingOrganisation.objects.count() == 2


def test_the_database_refuses_a_second_spelling():
    BuyingOrganisationFactory(name="Metropolitan Police")

    with pytest.raises(IntegrityError), transaction.atomic():
        BuyingOrganisationFactory(name="Metropolitan Police Service (MPS)")

    assert BuyingOrganisation.objects.count() == 1


def test_the_admin_check_names_the_organisation_to_use_instead():
    BuyingOrganisationFactory(name="British Transport Police")
    duplicate = BuyingOrganisation(name="British Transport Police (BTP)", slug="btp")

    with pytest.raises(Exception) as error:
        duplicate.full_clean()

    assert error.value.message_dict["name"] == [
        "“British Transport Police” is already a buying organisation: this is the same name "
        "written differently. Use that one, or give this one a name that tells them apart"
    ]


def stored_without_key_check(name: str) -> BuyingOrganisation:
    """A spelling as the old import stored it, before names were matched."""
    organisation = BuyingOrganisationFactory()  # a name of its own, then the spelling
    BuyingOrganisation.objects.filter(pk=organisation.pk).update(name=name)
    organisation.refresh_from_db()
    return organisation


def test_the_migration_merges_stored_spellings_and_moves_what_points_at_them():
    first = BuyingOrganisationFactory(name="Avon and Somerset Police")
    second = stored_without_key_check("Avon and Somerset Police (SWOne)")
    third = stored_without_key_check("Avon and Somerset Police Force (SWOne)")
    framework = FrameworkFactory(owner=third, name="Police vehicles")
    other = BuyingOrganisationFactory(name="Surrey Police")

    merge_migration.merge(apps, None)

    assert list(BuyingOrganisation.objects.order_by("pk")) == [first, other]
    assert Framework.objects.get(pk=framework.pk).owner == first
    merged = AuditEvent.objects.filter(action="buying_organisation.merged").order_by("pk")
    assert [event.data["merged_name"] for event in merged] == [second.name, third.name]
    assert {event.subject_id for event in merged} == {str(first.pk)}
    assert BuyingOrganisation.objects.get(pk=other.pk).name_key == "surrey police"
