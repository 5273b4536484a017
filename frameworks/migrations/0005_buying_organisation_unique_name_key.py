from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0004_merge_buying_organisation_spellings")]

    operations = [
        migrations.AddConstraint(
            model_name="buyingorganisation",
            constraint=models.UniqueConstraint(
                fields=("name_key",), name="buying_organisation_unique_name_key"
            ),
        ),
    ]
