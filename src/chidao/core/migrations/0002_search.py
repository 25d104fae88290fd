"""The full-text search index: SearchEntry and, per database, its text index."""

from django.db import migrations, models

# SQLite: an FTS5 index over core_searchentry.text, kept in step by triggers.
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE core_search_fts USING fts5("
    "text, content='core_searchentry', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER core_search_ai AFTER INSERT ON core_searchentry BEGIN "
    "INSERT INTO core_search_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER core_search_ad AFTER DELETE ON core_searchentry BEGIN "
    "INSERT INTO core_search_fts(core_search_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER core_search_au AFTER UPDATE ON core_searchentry BEGIN "
    "INSERT INTO core_search_fts(core_search_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO core_search_fts(rowid, text) VALUES (new.id, new.text); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS core_search_au",
    "DROP TRIGGER IF EXISTS core_search_ad",
    "DROP TRIGGER IF EXISTS core_search_ai",
    "DROP TABLE IF EXISTS core_search_fts",
]
# PostgreSQL: unaccent (wrapped in an IMMUTABLE function so it may be indexed) and a GIN
# index on the 'simple' text-search vector of the folded text.
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE OR REPLACE FUNCTION chidao_unaccent(text) RETURNS text AS "
    "$$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$ "
    "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT",
    "CREATE INDEX core_search_tsv ON core_searchentry USING GIN "
    "(to_tsvector('simple', chidao_unaccent(text)))",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS core_search_tsv",
    "DROP FUNCTION IF EXISTS chidao_unaccent(text)",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=32, verbose_name="loại")),
                ("object_id", models.BigIntegerField(verbose_name="mã bản ghi")),
                ("title", models.CharField(max_length=500, verbose_name="tiêu đề")),
                ("text", models.TextField(verbose_name="nội dung đã bỏ dấu")),
            ],
            options={
                "verbose_name": "mục tìm kiếm",
                "verbose_name_plural": "mục tìm kiếm",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "object_id"), name="unique_search_entry"
                    )
                ],
            },
        ),
        migrations.RunPython(forward, backward),
    ]
