"""``chidao backup [--out FILE]``: a consistent copy of the whole database and its manifest.

SQLite: SQLite's online backup API (safe while the app runs). PostgreSQL: ``pg_dump
--format=custom`` (needs the PostgreSQL client tools). The manifest is written beside the
file as ``FILE.manifest.json``. See :mod:`chidao.core.backup` and docs/operations.md.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from chidao.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database to FILE (default: CHIDAO_DATA_DIR/backups/chidao-<time>.sqlite3 "
        "or .pgdump) with a manifest FILE.manifest.json beside it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", metavar="FILE", help="where to write the backup")

    def handle(self, *args, **options):
        try:
            result = backup(options.get("out"))
        except BackupError as error:
            raise CommandError(error.message) from error
        manifest = result.manifest
        self.stdout.write(
            f"backup: {result.path} ({manifest['engine']}, {manifest['size']} bytes, "
            f"{len(manifest['tables'])} tables, {result.rows} rows)\n"
            f"manifest: {result.manifest_path}"
        )
