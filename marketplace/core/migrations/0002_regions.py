import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "itl1_regions.json"


def load_regions(apps, schema_editor):
    Region = apps.get_model("core", "Region")
    for row in json.loads(DATA.read_text(encoding="utf-8"))["records"]:
        Region.objects.update_or_create(
            code=row["itl1_code"],
            defaults={
                "nuts1_code": row["nuts1_code"],
                "name": row["name"],
                "country": row["country"],
            },
        )


def unload_regions(apps, schema_editor):
    apps.get_model("core", "Region").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load_regions, unload_regions)]
