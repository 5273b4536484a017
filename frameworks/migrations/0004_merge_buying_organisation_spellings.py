"""Fill every buying organisation's matching name, and merge spellings of one
organisation (frameworks.names) so the next migration can make the key unique.

The pipeline import used to create one organisation per spelling. In each group
sharing a key the first created stays; everything pointing at a later one
(frameworks, strategies) is moved to it, and then the later one goes: only its
spelling is lost, and that is recorded in the audit trail.

One thing cannot be moved here: an organisation has one strategies index page,
and moving pages between two of them is work for the page tree, not a
migration. A spelling whose own index page would collide is kept, with its key
marked by its id; staff merge it by hand in the Wagtail admin.
"""

from django.db import migrations

from frameworks.names import organisation_name_key


def merge(apps, schema_editor):
    BuyingOrganisation = apps.get_model("frameworks", "BuyingOrganisation")
    AuditEvent = apps.get_model("core", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Every foreign key and one-to-one field pointing here, from any app (seen from
    # this side, a foreign key is one-to-many).
    relations = [
        rel for rel in BuyingOrganisation._meta.related_objects if rel.one_to_many or rel.one_to_one
    ]
    kept: dict[str, object] = {}
    for organisation in BuyingOrganisation.objects.order_by("pk"):
        key = organisation_name_key(organisation.name)
        first = kept.get(key)
        if first is None:
            organisation.name_key = key
            organisation.save(update_fields=["name_key"])
            kept[key] = organisation
            continue
        if _collides(relations, organisation, first):
            organisation.name_key = f"{key} #{organisation.pk}"[:255]
            organisation.save(update_fields=["name_key"])
            continue
        for rel in relations:
            rel.related_model._base_manager.filter(**{rel.field.name: organisation}).update(
                **{rel.field.name: first}
            )
        content_type, _ = ContentType.objects.get_or_create(
            app_label="frameworks", model="buyingorganisation"
        )
        AuditEvent.objects.create(
            action="buying_organisation.merged",
            subject_type=content_type,
            subject_id=str(first.pk),
            subject_repr=first.name[:255],
            data={"merged_name": organisation.name, "merged_id": organisation.pk},
        )
        organisation.delete()


def _collides(relations, organisation, first) -> bool:
    for rel in relations:
        manager = rel.related_model._base_manager
        if (
            rel.one_to_one
            and manager.filter(**{rel.field.name: first}).exists()
            and manager.filter(**{rel.field.name: organisation}).exists()
        ):
            return True
        if rel.related_model._meta.label_lower == "frameworks.framework":
            theirs = set(manager.filter(owner=organisation).values_list("name", flat=True))
            if theirs & set(manager.filter(owner=first).values_list("name", flat=True)):
                return True
    return False


class Migration(migrations.Migration):
    dependencies = [
        ("frameworks", "0003_status_from_dates_and_name_key"),
        ("core", "0001_initial"),
        # Strategies point at buying organisations; their models must be here to move.
        ("strategies", "0002_strategy_index_page"),
    ]

    operations = [migrations.RunPython(merge, migrations.RunPython.noop)]
