"""``chidao restore FILE [--force]``: replace the database with a backup made by
``chidao backup``, after checking it against its manifest.

Stop the web processes and the timers first. Without ``--force`` a database that already
holds records is not touched. After a restore of an older backup run ``chidao migrate``.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from chidao.core.backup import BackupError, chidao_version, restore


class Command(BaseCommand):
    help = "Restore the database from FILE (a `chidao backup` file with its manifest beside it)."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the database even when it already holds records",
        )

    def handle(self, *args, **options):
        try:
            manifest = restore(options["file"], force=options["force"])
        except BackupError as error:
            raise CommandError(error.message) from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"restored: {options['file']} ({manifest['engine']}, made {manifest['created_at']} "
            f"by chidao {manifest['chidao_version']}; {len(manifest['tables'])} tables, "
            f"{rows} rows, counts checked)"
        )
        if manifest.get("chidao_version") != chidao_version():
            self.stdout.write(
                f"note: this is chidao {chidao_version()}; run `chidao migrate` to bring the "
                "restored database up to date."
            )
