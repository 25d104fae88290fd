"""Records -> rows -> an .xlsx workbook (openpyxl) or a .csv file (UTF-8 with BOM).

An exported file carries the record's number in the "Mã" column, so it imports back as
updates of the same records; imported unchanged, it changes nothing.

CSV cells are written the Vietnamese way (numbers "1.234,5", dates "31/12/2021"), the
file starts with a byte-order mark so Excel reads it as UTF-8, and a text that starts
with = + - @ (which a spreadsheet would run as a formula) is written after a "'", which
the importer takes off again. An .xlsx file holds real numbers and dates, formatted
"#.##0,####" and "dd/mm/yyyy" by the reader's Excel; text cells are always text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Q

from chidao.core.access import require
from chidao.exchange.columns import KINDS, Column, Kind
from chidao.exchange.formats import format_vn_date, format_vn_number

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
FORMULA_STARTS = ("=", "+", "-", "@", "'")


@dataclass(frozen=True)
class ExportedFile:
    content: bytes
    filename: str
    content_type: str
    rows: int


def _names(orgs) -> list[str]:
    return sorted({o.name for o in orgs})


def task_rows(body=None, year=None) -> list[dict]:
    from chidao.tasks.models import Task

    tasks = Task.objects.select_related(
        "group__owner", "lead_unit", "approving_body"
    ).prefetch_related("co_units")
    if body is not None:
        tasks = tasks.filter(Q(group__owner=body) | Q(lead_unit=body))
    if year is not None:
        tasks = tasks.filter(Q(group__year=year) | Q(group__isnull=True, deadline__year=year))
    rows = []
    # NULLS LAST on every database, so SQLite and PostgreSQL write the same file.
    order = [F(f).asc(nulls_last=True) for f in ("group__year", "group__order", "group_id")]
    for t in tasks.order_by(*order, "id"):
        g = t.group
        rows.append(
            {
                "id": t.pk,
                "year": g.year if g else None,
                "owner": g.owner.name if g else "",
                "group": g.name if g else "",
                "title": t.title,
                "description": t.description,
                "lead_unit": t.lead_unit.name,
                "co_units": _names(t.co_units.all()),
                "approving_body": t.approving_body.name if t.approving_body_id else "",
                "deadline": t.deadline,
                "weight": t.weight,
                "progress": t.progress,
                "started_on": t.started_on,
                "completed_on": t.completed_on,
                "status": t.status,
            }
        )
    return rows


def target_rows(body=None, year=None) -> list[dict]:
    from chidao.indicators.models import Target

    targets = Target.objects.select_related("indicator", "body")
    if body is not None:
        targets = targets.filter(body=body)
    if year is not None:
        targets = targets.filter(year=year)
    return [
        {
            "id": t.pk,
            "indicator": t.indicator.code,
            "indicator_name": t.indicator.name,
            "indicator_unit": t.indicator.unit,
            "body": t.body.name,
            "year": t.year,
            "kind": t.kind,
            "value": t.value,
            "note": t.note,
        }
        for t in targets.order_by("indicator__code", "body__name", "year", "kind", "id")
    ]


def observation_rows(body=None, year=None) -> list[dict]:
    from chidao.indicators.models import Observation

    observations = Observation.objects.select_related("indicator", "body")
    if body is not None:
        observations = observations.filter(body=body)
    if year is not None:
        observations = observations.filter(year=year)
    return [
        {
            "id": o.pk,
            "indicator": o.indicator.code,
            "indicator_name": o.indicator.name,
            "body": o.body.name,
            "period_kind": o.period_kind,
            "year": o.year,
            "period_number": o.period_number,
            "period_end": o.period_end,
            "period_label": o.period_label,
            "qualifier": o.qualifier,
            "value": o.value,
            "unit": o.unit,
            "target_kind": o.target_kind,
            "stated_pct_of_plan": o.stated_pct_of_plan,
            "stated_yoy_pct": o.stated_yoy_pct,
            "computed_pct_of_plan": o.computed_pct_of_plan,
            "computed_yoy_pct": o.computed_yoy_pct,
            "note": o.note,
        }
        for o in observations.order_by(
            "indicator__code", "body__name", "year", F("period_end").asc(nulls_last=True), "id"
        )
    ]


def recommendation_rows(body=None, year=None) -> list[dict]:
    from chidao.recommendations.models import Recommendation, StepKind

    recs = Recommendation.objects.select_related("raised_by", "addressed_to", "meeting")
    if body is not None:
        recs = recs.filter(Q(raised_by=body) | Q(addressed_to=body))
    if year is not None:
        recs = recs.filter(received_on__year=year)
    rows = []
    for r in recs.order_by("received_on", "id").prefetch_related("routing_steps__to_body"):
        forwarded: list[str] = []
        for step in r.routing_steps.all():
            if (
                step.kind == StepKind.FORWARDED
                and step.to_body
                and step.to_body.name not in forwarded
            ):
                forwarded.append(step.to_body.name)
        rows.append(
            {
                "id": r.pk,
                "text": r.text,
                "raised_by": r.raised_by.name,
                "addressed_to": r.addressed_to.name,
                "received_on": r.received_on,
                "meeting": str(r.meeting) if r.meeting_id else "",
                "status": r.status,
                "forwarded_to": forwarded,
                "due_on": r.due_on,
                "closed_on": r.closed_on,
                "closing_note": r.closing_note,
            }
        )
    return rows


ROW_BUILDERS = {
    "tasks": task_rows,
    "targets": target_rows,
    "observations": observation_rows,
    "recommendations": recommendation_rows,
}


def export_rows(kind: str, *, body=None, year: int | None = None) -> list[dict]:
    return ROW_BUILDERS[kind](body=body, year=year)


# --------------------------------------------------------------------------- cells


def text_cell(column: Column, value) -> str:
    """A value as the text written in a CSV cell."""
    if value is None or value == "" or value == []:
        return ""
    if column.type == "date":
        return format_vn_date(value)
    if column.type == "number":
        return format_vn_number(value)
    if column.type in ("int", "id"):
        return str(int(value))
    if column.type == "bodies":
        return "; ".join(value)
    if column.type == "enum":
        return column.label_for(value)
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def xlsx_cell(column: Column, value):
    """A value as stored in an .xlsx cell: numbers and dates stay numbers and dates."""
    if value is None or value == "" or value == []:
        return None
    if column.type == "number":
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        number = number.normalize()
        return int(number) if number == number.to_integral_value() else number
    if column.type in ("int", "id"):
        return int(value)
    if column.type == "date":
        return value
    return text_cell(column, value) if column.type != "text" else str(value)


def to_csv(kind: Kind, rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.header for c in kind.columns])
    for row in rows:
        writer.writerow([text_cell(c, row.get(c.field)) for c in kind.columns])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(kind: Kind, rows: list[dict]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = kind.sheet
    ws.append([c.header for c in kind.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(rows, start=2):
        for c, column in enumerate(kind.columns, start=1):
            value = xlsx_cell(column, row.get(column.field))
            cell = ws.cell(row=r, column=c)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            elif column.type == "date" and value is not None:
                cell.number_format = "DD/MM/YYYY"
            elif column.type == "number" and value is not None:
                cell.number_format = "#,##0.####"
    for c, column in enumerate(kind.columns, start=1):
        ws.column_dimensions[get_column_letter(c)].width = column.width
    ws.freeze_panes = "A2"
    # Fixed document dates: the same records give the same workbook.
    fixed = dt.datetime(2000, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def export_file(actor, kind: str, fmt: str, *, body=None, year: int | None = None) -> ExportedFile:
    """The records of ``kind`` (of ``body``, of ``year``) as a file; needs exchange.export."""
    require(actor, "exchange.export")
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    spec = KINDS[kind]
    rows = export_rows(kind, body=body, year=year)
    content = to_xlsx(spec, rows) if fmt == "xlsx" else to_csv(spec, rows)
    parts = [kind]
    if year is not None:
        parts.append(str(year))
    return ExportedFile(content, "-".join(parts) + "." + fmt, FORMATS[fmt], len(rows))
