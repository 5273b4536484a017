from django.db import migrations

ACCREDITATIONS = [
    ("cyber-essentials", "Cyber Essentials"),
    ("cyber-essentials-plus", "Cyber Essentials Plus"),
    ("iso-27001", "ISO/IEC 27001 (information security)"),
    ("iso-9001", "ISO 9001 (quality management)"),
    ("iso-14001", "ISO 14001 (environmental management)"),
    ("iso-22301", "ISO 22301 (business continuity)"),
    ("iso-20000", "ISO/IEC 20000-1 (IT service management)"),
    ("nhs-dspt", "NHS Data Security and Protection Toolkit"),
    ("pci-dss", "PCI DSS (card payments)"),
]


def seed(apps, schema_editor):
    Accreditation = apps.get_model("suppliers", "Accreditation")
    for order, (slug, name) in enumerate(ACCREDITATIONS):
        Accreditation.objects.update_or_create(slug=slug, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("suppliers", "0002_profiles")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
