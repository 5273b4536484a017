"""The full-text indexes, which differ by database.

SQLite: an FTS5 table over the entry's text columns (external content, so the
text is stored once), with the porter stemmer, kept in step by triggers so that
every ORM write to an entry updates it. PostgreSQL: a GIN index on the
all-fields tsvector. Written as vendor-guarded SQL because neither has a model
equivalent on the other database.
"""

from django.db import migrations

# The FTS5 "delete" command needs the old values of an external-content row.
DELETE_OLD = """
        INSERT INTO catalogue_search_fts(
            catalogue_search_fts, rowid,
            text_name, text_categories, text_summary, text_features, text_description
        ) VALUES (
            'delete', old.listing_id, old.text_name, old.text_categories, old.text_summary,
            old.text_features, old.text_description
        );"""
INSERT_NEW = """
        INSERT INTO catalogue_search_fts(
            rowid, text_name, text_categories, text_summary, text_features, text_description
        ) VALUES (
            new.listing_id, new.text_name, new.text_categories, new.text_summary,
            new.text_features, new.text_description
        );"""
SQLITE_FORWARDS = [
    """CREATE VIRTUAL TABLE catalogue_search_fts USING fts5(
        text_name, text_categories, text_summary, text_features, text_description,
        content='catalogue_search_searchentry', content_rowid='listing_id',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    "CREATE TRIGGER catalogue_search_fts_insert AFTER INSERT ON catalogue_search_searchentry"
    f" BEGIN {INSERT_NEW} END",
    "CREATE TRIGGER catalogue_search_fts_delete AFTER DELETE ON catalogue_search_searchentry"
    f" BEGIN {DELETE_OLD} END",
    "CREATE TRIGGER catalogue_search_fts_update AFTER UPDATE ON catalogue_search_searchentry"
    f" BEGIN {DELETE_OLD} {INSERT_NEW} END",
    "INSERT INTO catalogue_search_fts(catalogue_search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS catalogue_search_fts_insert",
    "DROP TRIGGER IF EXISTS catalogue_search_fts_delete",
    "DROP TRIGGER IF EXISTS catalogue_search_fts_update",
    "DROP TABLE IF EXISTS catalogue_search_fts",
]
POSTGRES_FORWARDS = [
    "CREATE INDEX search_entry_tsv_all ON catalogue_search_searchentry USING gin (tsv_all)"
]
POSTGRES_BACKWARDS = ["DROP INDEX IF EXISTS search_entry_tsv_all"]


def _run(schema_editor, sqlite: list[str], postgres: list[str]) -> None:
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": sqlite, "postgresql": postgres}.get(vendor, []):
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    _run(schema_editor, SQLITE_FORWARDS, POSTGRES_FORWARDS)


def backwards(apps, schema_editor):
    _run(schema_editor, SQLITE_BACKWARDS, POSTGRES_BACKWARDS)


class Migration(migrations.Migration):
    dependencies = [("catalogue_search", "0001_search_entries")]

    operations = [migrations.RunPython(forwards, backwards)]
