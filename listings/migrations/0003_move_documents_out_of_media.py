"""Move documents uploaded before 0002 out of MEDIA_ROOT, where anyone could fetch them
by their original names, into the private storage under random names.

Versions copied from one another share a stored file, so each old file moves once
and every version that pointed at it points at its new name. The supplier's file
name is kept for display. A file already missing is left as the row says (the
document view answers 404 for it) rather than failing the deployment.
"""

from pathlib import PurePath

from django.core.files.storage import default_storage
from django.db import migrations

FIELDS = ("service_definition", "terms")
OLD_FOLDERS = ("listings/service-definitions/", "listings/terms/")


def move_documents(apps, schema_editor):
    from listings.documents import listing_document_path, listing_document_storage

    ListingVersion = apps.get_model("listings", "ListingVersion")
    private = listing_document_storage()
    moved: dict[str, str] = {}
    for version in ListingVersion.objects.all().iterator():
        changed = []
        for field in FIELDS:
            old = getattr(version, field).name
            if not old or not old.startswith(OLD_FOLDERS):
                continue
            if old not in moved:
                if not default_storage.exists(old):
                    continue
                with default_storage.open(old, "rb") as handle:
                    moved[old] = private.save(listing_document_path(version, old), handle)
            setattr(version, field, moved[old])
            setattr(version, f"{field}_name", PurePath(old).name)
            changed += [field, f"{field}_name"]
        if changed:
            version.save(update_fields=changed)
    for old in moved:
        default_storage.delete(old)


class Migration(migrations.Migration):
    dependencies = [("listings", "0002_document_storage_and_revision")]

    operations = [migrations.RunPython(move_documents, migrations.RunPython.noop)]
