"""``chidao ingest PATH...``: the batch command of ``chidao.ingest.command`` with Django set
up, so that without ``--facts-out`` the texts are loaded into the database."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Đọc các tệp, thư mục văn bản, trích xuất dữ liệu và nạp vào cơ sở dữ liệu."

    def run_from_argv(self, argv):
        from chidao.ingest.command import main_ingest

        sys.exit(main_ingest(list(argv[2:])))

    def handle(self, *args, **options):  # pragma: no cover - run_from_argv handles it
        from chidao.ingest.command import main_ingest

        return str(main_ingest(list(args)) or "")
