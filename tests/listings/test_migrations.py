"""listings/migrations/0003: documents uploaded before random names move out of /media/."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from listings import services
from listings.models import ListingVersion
from tests.factories import listing_make

pytestmark = pytest.mark.django_db

move = importlib.import_module("listings.migrations.0003_move_documents_out_of_media")
OLD = "listings/service-definitions/Our pricing.pdf"


def test_old_documents_move_to_random_private_names_and_keep_their_own(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    listing = listing_make(publish=True)
    services.listing_draft_save(actor=listing.created_by, listing=listing, content={"name": "New"})
    default_storage.save(OLD, ContentFile(b"%PDF-1.4 uploaded long ago"))
    ListingVersion.objects.filter(listing=listing).update(service_definition=OLD)

    move.move_documents(apps, None)

    first, second = listing.versions.order_by("number")
    stored = first.service_definition.name
    assert "pricing" not in stored.lower()
    assert second.service_definition.name == stored, "versions sharing a file still share it"
    assert {first.service_definition_name, second.service_definition_name} == {"Our pricing.pdf"}
    private = Path(settings.PRIVATE_MEDIA_ROOT) / "listings" / stored
    assert private.read_bytes() == b"%PDF-1.4 uploaded long ago"
    assert not (tmp_path / "media" / OLD).exists()


def test_a_missing_old_file_does_not_stop_the_migration(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    listing = listing_make()
    ListingVersion.objects.filter(listing=listing).update(service_definition=OLD)

    move.move_documents(apps, None)

    assert listing.latest_version.service_definition.name == OLD
