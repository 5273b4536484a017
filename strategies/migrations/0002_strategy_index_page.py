"""Create the strategies index page at /strategies/ under the home page. Each
organisation's index and its strategies are added in the admin or by the importer."""

from django.db import migrations

INTRODUCTION = (
    "Each year, buying organisations publish what they will build themselves, what they "
    "will buy as a commodity, and the procurements they plan. Suppliers can use it to "
    "prepare; small suppliers can find work that suits them."
)


def create_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    StrategyIndexPage = apps.get_model("strategies", "StrategyIndexPage")

    home = Page.objects.filter(depth=2, slug="home").first()
    if home is None or Page.objects.filter(url_path="/home/strategies/").exists():
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="strategies", model="strategyindexpage"
    )
    # The next free path under home: treebeard's steplen is 4, base 36.
    last = Page.objects.filter(depth=3, path__startswith=home.path).order_by("-path").first()
    position = int(last.path[-4:], 36) + 1 if last else 1
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    suffix = ""
    for _ in range(4):
        position, digit = divmod(position, 36)
        suffix = alphabet[digit] + suffix
    StrategyIndexPage.objects.create(
        title="Procurement strategies",
        draft_title="Procurement strategies",
        slug="strategies",
        content_type=content_type,
        path=home.path + suffix,
        depth=3,
        numchild=0,
        url_path="/home/strategies/",
        locale_id=home.locale_id,
        live=True,
        introduction=INTRODUCTION,
    )
    home.numchild = Page.objects.filter(depth=3, path__startswith=home.path).count()
    home.save(update_fields=["numchild"])


def remove_index(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    home = Page.objects.filter(depth=2, slug="home").first()
    Page.objects.filter(url_path__startswith="/home/strategies/").delete()
    if home is not None:
        home.numchild = Page.objects.filter(depth=3, path__startswith=home.path).count()
        home.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("strategies", "0001_initial"),
        ("core", "0003_site_pages"),
    ]
    operations = [migrations.RunPython(create_index, remove_index)]
