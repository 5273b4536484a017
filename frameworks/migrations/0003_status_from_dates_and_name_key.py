from django.db import migrations, models


class Migration(migrations.Migration):
    """Usage names its buyer sector; the stored status now fills in only what
    the dates cannot say (frameworks.lifecycle); buying organisations gain a
    matching name (frameworks.names), filled and made unique by the next two
    migrations."""

    dependencies = [("frameworks", "0002_framework_map")]

    operations = [
        migrations.AlterField(
            model_name="frameworkusage",
            name="sector",
            field=models.CharField(
                choices=[
                    ("central-government", "Central government"),
                    ("local-authority", "Local authority"),
                    ("health", "Health"),
                    ("education", "Education"),
                    ("police", "Police"),
                    ("fire-and-rescue", "Fire and rescue"),
                    ("devolved-administration", "Devolved administration"),
                    ("other-public-body", "Other public body"),
                ],
                max_length=32,
                verbose_name="buyer sector",
            ),
        ),
        migrations.AddField(
            model_name="buyingorganisation",
            name="name_key",
            field=models.CharField(
                default="", editable=False, max_length=255, verbose_name="name for matching"
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="framework",
            name="status",
            field=models.CharField(
                choices=[
                    ("coming", "Coming"),
                    ("open", "Open for applications"),
                    ("pending", "Evaluating applications"),
                    ("standstill", "Standstill"),
                    ("live", "Live"),
                    ("expired", "Expired"),
                ],
                default="live",
                help_text=(
                    "The service works the status out from the dates below. This is used only "
                    "for a framework without dates yet, and to say whether one whose "
                    "applications have closed is being evaluated or in standstill."
                ),
                max_length=16,
                verbose_name="status when the dates cannot tell",
            ),
        ),
    ]
