"""One entry point for the command and the web view: a body, a period, a format -> a file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from chidao.core.errors import ServiceError
from chidao.reports.data import parse_period, review_report_data

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class ReportFile:
    content: bytes
    filename: str
    content_type: str
    number: str


def build_report(
    actor,
    body,
    period: str,
    fmt: str,
    *,
    as_of: dt.date | None = None,
    dated: dt.date | None = None,
    reserve_number: bool = False,
) -> ReportFile:
    """The review report of ``body`` for ``period`` as DOCX or PDF.

    With ``reserve_number`` the next "Báo cáo" number of the body is reserved (as
    ``actor``, through ``documents.services.do_reserve_number``: audited, never given
    twice) and printed; without it the number is left blank for the office to fill.
    """
    if fmt not in FORMATS:
        raise ServiceError("Định dạng báo cáo phải là docx hoặc pdf.", field="format")
    parsed = parse_period(period)
    data = review_report_data(body, parsed, as_of, dated=dated)
    if reserve_number:
        from chidao.documents.services import do_reserve_number

        data.number = do_reserve_number(actor, issuer=body, doc_type="Báo cáo", on=data.dated)
    if fmt == "docx":
        from chidao.reports.docx import render_docx

        content = render_docx(data)
    else:
        from chidao.reports.pdf import render_pdf

        content = render_pdf(data)
    symbol = body.symbol or "bao-cao"
    filename = f"bao-cao-{parsed.code}-{symbol}.{fmt}".lower()
    return ReportFile(content, filename, FORMATS[fmt], data.number)
