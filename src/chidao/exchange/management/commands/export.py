"""``chidao export KIND --format xlsx|csv --out FILE [--body NAME] [--year Y]``."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chidao.core.actors import system_actor
from chidao.exchange.columns import KINDS
from chidao.exchange.export import FORMATS, export_file
from chidao.exchange.formats import FormatError
from chidao.exchange.importer import BodyFinder


class Command(BaseCommand):
    help = "Xuất nhiệm vụ, mục tiêu, số liệu chỉ tiêu hoặc kiến nghị ra tệp .xlsx hoặc .csv."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("--format", dest="fmt", choices=sorted(FORMATS), default=None)
        parser.add_argument("--out", required=True, help="tệp ghi ra")
        parser.add_argument("--body", help="chỉ của cơ quan này (tên như trong danh mục)")
        parser.add_argument("--year", type=int)

    def handle(self, *args, kind, fmt, out, body, year, **options):
        path = Path(out)
        fmt = fmt or (path.suffix.lstrip(".").lower() if path.suffix else "xlsx")
        if fmt not in FORMATS:
            raise CommandError("Định dạng phải là xlsx hoặc csv.")
        org = None
        if body:
            try:
                org = BodyFinder()(body)
            except FormatError as error:
                raise CommandError(error.message) from None
        exported = export_file(system_actor(), kind, fmt, body=org, year=year)
        path.write_bytes(exported.content)
        self.stdout.write(f"Đã xuất {exported.rows} dòng {KINDS[kind].label} vào {path}")
