"""``chidao import KIND FILE [--dry-run]``: all rows or none; errors one per line, exit 1."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chidao.core.actors import system_actor
from chidao.exchange.columns import KINDS
from chidao.exchange.importer import import_file


class Command(BaseCommand):
    help = (
        "Nhập nhiệm vụ, mục tiêu, số liệu chỉ tiêu hoặc kiến nghị từ tệp .xlsx hoặc .csv: "
        "kiểm tra mọi dòng, chỉ ghi khi không có lỗi."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")

    def handle(self, *args, kind, file, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không có tệp {path}")
        result = import_file(
            system_actor(), kind, path.read_bytes(), filename=path.name, dry_run=dry_run
        )
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            self.stderr.write(f"{len(result.errors)} lỗi: không ghi dòng nào.")
            sys.exit(1)
        self.stdout.write(result.summary)
