"""The "did you mean" vocabulary: the catalogue's words with how many listings use each.

On PostgreSQL the pg_trgm extension (a trusted extension: the database owner may
create it) and a GiST trigram index, which finds the words nearest a misspelling
by trigram distance. SQLite needs neither: it reads the words with the same first
letter through the primary key. The words are filled in from the entries already
there, so a deployed site suggests without waiting for a rebuild.
"""

from collections import Counter

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from marketplace.core.text import STOPWORDS, words

# As search.spelling_rules has them when this was written (a migration keeps its own copy).
FIELDS = ("name", "categories", "summary", "features", "description")
POSTGRES_INDEX = (
    "CREATE INDEX search_spelling_word_trgm ON catalogue_search_spellingword "
    "USING gist (word gist_trgm_ops)"
)


def _document_words(document: dict) -> set[str]:
    found: set[str] = set()
    for field in FIELDS:
        value = document.get(field) or ""
        for text in [value] if isinstance(value, str) else value:
            found.update(word for word in words(text) if word not in STOPWORDS)
    return found


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_INDEX)
    entries = apps.get_model("catalogue_search", "SearchEntry")
    spelling_word = apps.get_model("catalogue_search", "SpellingWord")
    counts: Counter[str] = Counter()
    for document in entries.objects.values_list("document", flat=True).iterator():
        counts.update(_document_words(document))
    spelling_word.objects.bulk_create(
        [spelling_word(word=w, listings=n) for w, n in counts.items() if len(w) <= 100],
        batch_size=1000,
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_spelling_word_trgm")


class Migration(migrations.Migration):
    dependencies = [("catalogue_search", "0004_buyer_phrase")]

    operations = [
        TrigramExtension(),
        migrations.CreateModel(
            name="SpellingWord",
            fields=[
                ("word", models.CharField(max_length=100, primary_key=True, serialize=False)),
                ("listings", models.PositiveIntegerField()),
            ],
            options={"verbose_name": "spelling word", "verbose_name_plural": "spelling words"},
        ),
        migrations.RunPython(forwards, backwards),
    ]
