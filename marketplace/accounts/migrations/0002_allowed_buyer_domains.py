"""Seed the buyer e-mail allow-list with the UK public sector's own domains.
CCS adds and removes domains in the admin afterwards."""

from django.db import migrations

DOMAINS = {
    "gov.uk": "Central and local government in England, and UK-wide bodies",
    "gov.scot": "Scottish Government",
    "gov.wales": "Welsh Government",
    "llyw.cymru": "Welsh Government (Welsh-language domain)",
    "nhs.uk": "NHS organisations",
    "nhs.net": "NHS mail",
    "hscni.net": "Health and Social Care in Northern Ireland",
    "police.uk": "Police forces",
    "mod.uk": "Ministry of Defence",
    "parliament.uk": "UK Parliament",
    "sch.uk": "Schools",
}


def seed(apps, schema_editor):
    AllowedBuyerDomain = apps.get_model("accounts", "AllowedBuyerDomain")
    for domain, description in DOMAINS.items():
        AllowedBuyerDomain.objects.get_or_create(
            domain=domain, defaults={"description": description}
        )


def unseed(apps, schema_editor):
    apps.get_model("accounts", "AllowedBuyerDomain").objects.filter(domain__in=DOMAINS).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
