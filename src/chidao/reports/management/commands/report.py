"""``chidao report --body NAME --period P --format docx|pdf [--out FILE] [--reserve-number]``."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chidao.core.actors import system_actor
from chidao.core.errors import ServiceError
from chidao.exchange.formats import FormatError, parse_vn_date
from chidao.exchange.importer import BodyFinder
from chidao.reports.build import FORMATS, build_report


class Command(BaseCommand):
    help = "Làm báo cáo sơ kết, tổng kết (DOCX hoặc PDF) của một cơ quan cho một kỳ, từ dữ liệu."

    def add_arguments(self, parser):
        parser.add_argument("--body", required=True, help='tên cơ quan, ví dụ "Huyện ủy Cao Lộc"')
        parser.add_argument(
            "--period", required=True, help="kỳ báo cáo: YYYY-MM (lũy kế từ đầu năm), YYYY-H1, YYYY"
        )
        parser.add_argument("--format", dest="fmt", choices=sorted(FORMATS), default="docx")
        parser.add_argument("--out", help="tệp ghi ra (mặc định: tên tự đặt, thư mục hiện tại)")
        parser.add_argument("--as-of", help="lấy số liệu đến ngày (dd/mm/yyyy), trước cuối kỳ")
        parser.add_argument("--date", help="ngày ghi trên báo cáo (dd/mm/yyyy)")
        parser.add_argument(
            "--reserve-number", action="store_true", help="lấy số báo cáo (Số …-BC/…) từ sổ"
        )

    def handle(self, *args, body, period, fmt, out, as_of, date, reserve_number, **options):
        try:
            org = BodyFinder()(body)
            as_of_day = parse_vn_date(as_of) if as_of else None
            dated = parse_vn_date(date) if date else None
        except FormatError as error:
            raise CommandError(error.message) from None
        try:
            report = build_report(
                system_actor(),
                org,
                period,
                fmt,
                as_of=as_of_day,
                dated=dated,
                reserve_number=reserve_number,
            )
        except ServiceError as error:
            raise CommandError(error.message) from None
        path = Path(out) if out else Path(report.filename)
        path.write_bytes(report.content)
        number = f" (số {report.number})" if report.number else ""
        self.stdout.write(f"Đã ghi báo cáo{number} vào {path}")
