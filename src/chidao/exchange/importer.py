"""A spreadsheet (.xlsx or .csv) -> checked rows -> records, all or none.

1. Read: the first row holds the headers of :mod:`chidao.exchange.columns`; an unknown
   header, a header written twice or a missing required column is an error of row 1.
2. Check every cell of every row (type, required, known body, known label) and every
   row against the records (the "Mã" exists, no duplicate in the file or in chidao,
   fields that cannot change); ALL errors are collected as ``RowError(row, column,
   message)`` with the row number Excel shows (the header is row 1).
3. Only when there is none, write in ONE transaction through the services: a row with a
   "Mã" updates that record (only the fields that differ: an unchanged row writes
   nothing and no audit entry), a row without one creates a record. If a service
   refuses a row, every row is rolled back and its refusal is reported like the rest.
   ``dry_run`` runs the same writes and rolls them back.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from chidao.core.access import require
from chidao.core.errors import ServiceError
from chidao.exchange.columns import KINDS, Column, Kind
from chidao.exchange.formats import FormatError, parse_vn_date, parse_vn_number
from chidao.orgs.models import Organization, fold_name

FORMULA_CHARS = ("=", "+", "-", "@", "'")
WHOLE_ROW = "(cả dòng)"


@dataclass(frozen=True, order=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"dòng {self.row}, cột '{self.column}': {self.message}"


@dataclass
class ImportResult:
    kind: str
    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def label(self) -> str:
        return KINDS[self.kind].label

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def summary(self) -> str:
        head = "Kiểm tra thử (không ghi): " if self.dry_run else ""
        return (
            f"{head}{self.rows} dòng: {self.created} thêm mới, {self.updated} cập nhật, "
            f"{self.unchanged} không thay đổi."
        )


class _Errors(list):
    def add(self, row: int, column: Column | str, message: str) -> None:
        header = column.header if isinstance(column, Column) else column
        self.append(RowError(row, header, message))


# --------------------------------------------------------------------------- reading


def detect_format(data: bytes, filename: str = "") -> str:
    name = filename.lower()
    if name.endswith(".xlsx") or data[:2] == b"PK":
        return "xlsx"
    return "csv"


def _read_csv(data: bytes, kind: Kind) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FormatError("tệp CSV không ở mã UTF-8 (hãy lưu lại với mã UTF-8)") from None
    known = set(kind.by_header())
    best: list[list[Any]] = []
    best_score = -1
    for delimiter in (",", ";", "\t"):
        try:  # newline="": a line break inside a quoted cell is part of the cell
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as error:  # was raised to the caller (a 500 on the upload page)
            raise FormatError(f"tệp CSV không đọc được ({error})") from None
        score = sum(1 for h in (rows[0] if rows else []) if h.strip() in known)
        if score > best_score:
            best, best_score = rows, score
    return [[_unescape(cell) for cell in row] for row in best]


def _unescape(cell: str) -> str:
    """Take off the "'" the export put before a text a spreadsheet would run as a formula."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in FORMULA_CHARS:
        return cell[1:]
    return cell


def _read_xlsx(data: bytes, kind: Kind) -> list[list[Any]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise FormatError(f"không đọc được tệp Excel (.xlsx): {error}") from None
    ws = wb[kind.sheet] if kind.sheet in wb.sheetnames else wb.worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    wb.close()
    return rows


def read_table(data: bytes, kind: Kind, fmt: str) -> list[list[Any]]:
    rows = _read_xlsx(data, kind) if fmt == "xlsx" else _read_csv(data, kind)
    for row in rows:
        while row and (row[-1] is None or (isinstance(row[-1], str) and not row[-1].strip())):
            row.pop()
    return rows


# --------------------------------------------------------------------------- cells


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class BodyFinder:
    """Bodies by name: the exact name, else the name without diacritics and case; a name
    shared by several bodies is taken for the one still active, else refused."""

    def __init__(self):
        self._cache: dict[str, Organization | str] = {}

    def __call__(self, name: str) -> Organization:
        key = " ".join(name.split())
        if key not in self._cache:
            self._cache[key] = self._find(key)
        found = self._cache[key]
        if isinstance(found, str):
            raise FormatError(found)
        return found

    @staticmethod
    def _find(name: str) -> Organization | str:
        for matches in (
            Organization.objects.filter(name=name),
            Organization.objects.filter(name_folded=fold_name(name)),
        ):
            found = list(matches[:5])
            if len(found) > 1:
                found = [o for o in found if o.valid_to is None]
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                return f"có nhiều cơ quan tên '{name}', không xác định được"
        return f"không có cơ quan '{name}' trong danh mục"


def parse_cell(column: Column, value: Any, bodies: BodyFinder) -> Any:
    """The typed value of one cell; FormatError with a Vietnamese message if it is not valid."""
    if column.type in ("text",):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, dt.datetime | dt.date):
            value = value.strftime("%d/%m/%Y")
        return str(value).strip()
    if column.type == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, int | float):
            raise FormatError(f"ngày '{value}' không hợp lệ (viết dd/mm/yyyy)")
        return parse_vn_date(str(value))
    if column.type == "number":
        if isinstance(value, bool):
            raise FormatError(f"số '{value}' không hợp lệ")
        if isinstance(value, int):
            return Decimal(value)
        if isinstance(value, float):
            return Decimal(repr(value))
        if isinstance(value, Decimal):
            return value
        return parse_vn_number(str(value))
    if column.type in ("int", "id"):
        if isinstance(value, bool):
            raise FormatError(f"'{value}' không phải số nguyên")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int):
            number = value
        else:
            raw = str(value).strip()
            try:
                parsed = parse_vn_number(raw)
            except FormatError:
                raise FormatError(f"'{raw}' không phải số nguyên") from None
            if parsed != parsed.to_integral_value():
                raise FormatError(f"'{raw}' không phải số nguyên")
            number = int(parsed)
        if column.type == "id" and number <= 0:
            raise FormatError(f"mã '{value}' không hợp lệ")
        if column.minimum is not None and number < column.minimum:
            raise FormatError(f"{number} nhỏ hơn {column.minimum}")
        if column.maximum is not None and number > column.maximum:
            raise FormatError(f"{number} lớn hơn {column.maximum}")
        return number
    if column.type == "body":
        return bodies(str(value))
    if column.type == "bodies":
        names = [n.strip() for n in str(value).split(";") if n.strip()]
        return [bodies(n) for n in names]
    if column.type == "enum":
        raw = " ".join(str(value).split())
        for code, label in column.choices:
            if raw.casefold() in (label.casefold(), code.casefold()):
                return code
        allowed = ", ".join(f"'{label}'" for _, label in column.choices)
        raise FormatError(f"'{raw}' không có trong danh sách: {allowed}")
    raise AssertionError(column.type)  # pragma: no cover


def _empty(column: Column) -> Any:
    if column.type == "text":
        return ""
    if column.type == "bodies":
        return []
    if column.type == "enum":
        return ""
    return None


@dataclass
class Row:
    number: int
    values: dict[str, Any]  # field -> typed value, for the columns present in the file
    failed: set[str] = field(default_factory=set)  # fields whose cell is already an error


# --------------------------------------------------------------------------- kinds


@dataclass
class Plan:
    row: Row
    action: str  # "create", "update", "unchanged"
    record: Any = None
    changes: dict[str, Any] = field(default_factory=dict)


class Handler:
    """Checks rows of one kind against the records and writes them through the services."""

    kind: Kind

    def __init__(self, kind: Kind, present: set[str]):
        self.kind = kind
        self.present = present  # fields whose column is in the file

    def col(self, name: str) -> Column:
        return self.kind.column(name)

    def has(self, name: str) -> bool:
        return name in self.present

    def check(self, rows: list[Row], errors: _Errors) -> list[Plan]:
        raise NotImplementedError

    def apply(self, actor, plan: Plan) -> None:
        raise NotImplementedError

    # shared helpers

    def by_id(self, model, rows: list[Row], errors: _Errors) -> dict[int, Any]:
        """Existing records for the rows with a "Mã"; unknown or repeated ones are errors."""
        ids = [r.values.get("id") for r in rows if r.values.get("id")]
        found = model.objects.in_bulk(ids)
        first_seen: dict[int, int] = {}
        for r in rows:
            pk = r.values.get("id")
            if not pk:
                continue
            if pk not in found:
                errors.add(r.number, self.col("id"), f"không có {self.kind.label} mã {pk}")
            elif pk in first_seen:
                errors.add(r.number, self.col("id"), f"mã {pk} trùng với dòng {first_seen[pk]}")
            else:
                first_seen[pk] = r.number
        return found

    def diff(self, record, values: dict[str, Any], fields: list[str]) -> dict[str, Any]:
        changes = {}
        for name in fields:
            if name not in values:
                continue
            new, old = values[name], getattr(record, name)
            if isinstance(old, Decimal) or isinstance(new, Decimal):
                same = (old is None and new is None) or (
                    old is not None and new is not None and Decimal(old) == Decimal(new)
                )
            else:
                same = new == old
            if not same:
                changes[name] = new
        return changes


def _key_text(text: str) -> str:
    return fold_name(text)


class TaskHandler(Handler):
    FIELDS = [
        "title",
        "description",
        "lead_unit",
        "approving_body",
        "deadline",
        "weight",
        "progress",
        "started_on",
        "completed_on",
    ]

    def check(self, rows, errors):
        from chidao.tasks.models import Task, TaskGroup

        existing = self.by_id(Task, rows, errors)
        seen: dict[tuple, int] = {}
        plans = []
        for r in rows:
            v = r.values
            group_cols = [c for c in ("year", "owner", "group") if self.has(c)]
            given = [c for c in group_cols if v.get(c) not in (None, "") or c in r.failed]
            group_key = None
            if given:
                for c in ("year", "owner", "group"):
                    if v.get(c) in (None, "") and c not in r.failed:
                        errors.add(r.number, self.col(c), "cần ghi khi nhiệm vụ thuộc một nhóm")
                if len(given) == 3 and not r.failed & {"year", "owner", "group"}:
                    group_key = (v["owner"].pk, v["year"], " ".join(v["group"].split()))
            if v.get("completed_on") and v.get("progress") not in (None, 100):
                errors.add(
                    r.number,
                    self.col("completed_on"),
                    "nhiệm vụ có ngày hoàn thành thì tiến độ phải là 100",
                )
            record = existing.get(v.get("id")) if v.get("id") else None
            key = (
                group_key,
                _key_text(v.get("title", "")),
                getattr(v.get("lead_unit"), "pk", None),
            )
            if key in seen and not v.get("id"):
                errors.add(r.number, self.col("title"), f"nhiệm vụ trùng với dòng {seen[key]}")
            seen.setdefault(key, r.number)
            if record is None and not v.get("id") and v.get("lead_unit") is not None:
                same = Task.objects.filter(title=v.get("title", ""), lead_unit=v["lead_unit"])
                if group_key:
                    same = same.filter(
                        group__owner_id=group_key[0],
                        group__year=group_key[1],
                        group__name=group_key[2],
                    )
                else:
                    same = same.filter(group__isnull=True)
                clash = same.first()
                if clash is not None:
                    errors.add(
                        r.number,
                        self.col("title"),
                        f"nhiệm vụ đã có (mã {clash.pk}); ghi mã ở cột 'Mã' để sửa nhiệm vụ đó",
                    )
            v["_group_key"] = group_key
            if record is None:
                plans.append(Plan(r, "create"))
                continue
            values = dict(v)
            for name, default_blank in (("weight", None), ("progress", None)):
                if values.get(name) is default_blank:
                    values.pop(name, None)  # blank: keep the record's value
            changes = self.diff(record, values, self.FIELDS)
            if any(self.has(c) for c in ("year", "owner", "group")):
                current = None
                if record.group_id:
                    g = TaskGroup.objects.get(pk=record.group_id)
                    current = (g.owner_id, g.year, g.name)
                if current != group_key:
                    changes["group"] = group_key
            if "co_units" in v:
                now = set(record.co_units.values_list("pk", flat=True))
                wanted = {
                    o.pk
                    for o in v["co_units"]
                    if o.pk != (v.get("lead_unit") or record.lead_unit).pk
                }
                if now != wanted:
                    changes["co_units"] = v["co_units"]
            plans.append(Plan(r, "update" if changes else "unchanged", record, changes))
        return plans

    def _group(self, actor, key, approving_body):
        from chidao.tasks.models import TaskGroup
        from chidao.tasks.services import do_create_task_group

        if key is None:
            return None
        owner_id, year, name = key
        group = TaskGroup.objects.filter(owner_id=owner_id, year=year, name=name).first()
        if group is None:
            order = TaskGroup.objects.filter(owner_id=owner_id, year=year).count() + 1
            group = do_create_task_group(
                actor,
                name=name,
                owner=Organization.objects.get(pk=owner_id),
                year=year,
                approving_body=approving_body,
                order=order,
            )
        return group

    def apply(self, actor, plan):
        from chidao.tasks.services import do_create_task, do_update_task

        v = plan.row.values
        if plan.action == "create":
            do_create_task(
                actor,
                title=v["title"],
                lead_unit=v["lead_unit"],
                group=self._group(actor, v["_group_key"], v.get("approving_body")),
                description=v.get("description", ""),
                co_units=v.get("co_units", []),
                deadline=v.get("deadline"),
                weight=v.get("weight") if v.get("weight") is not None else 1,
                approving_body=v.get("approving_body"),
                progress=v.get("progress") or 0,
                started_on=v.get("started_on"),
                completed_on=v.get("completed_on"),
            )
        elif plan.action == "update":
            changes = dict(plan.changes)
            co_units = changes.pop("co_units", None)
            if "group" in changes:
                changes["group"] = self._group(actor, changes["group"], v.get("approving_body"))
            do_update_task(actor, plan.record, co_units=co_units, **changes)


class _IndicatorRows(Handler):
    """Shared by targets and observations: the indicator by code, created if named."""

    def indicator_checks(self, rows, errors) -> None:
        from chidao.indicators.models import Indicator

        codes = {r.values.get("indicator") for r in rows}
        known = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
        for r in rows:
            code = r.values.get("indicator", "")
            if code and not re.fullmatch(r"[-a-zA-Z0-9_]+", code):
                errors.add(
                    r.number,
                    self.col("indicator"),
                    f"mã chỉ tiêu '{code}' chỉ gồm chữ không dấu, số, '-' và '_'",
                )
                continue
            if code in known:
                r.values["_indicator"] = known[code]
            elif code and not r.values.get("indicator_name"):
                errors.add(
                    r.number,
                    self.col("indicator"),
                    f"chưa có chỉ tiêu mã '{code}' (ghi thêm cột 'Tên chỉ tiêu' để tạo mới)",
                )

    def indicator(self, actor, values):
        from chidao.indicators.models import Indicator
        from chidao.indicators.services import do_create_indicator

        if values.get("_indicator") is not None:
            return values["_indicator"]
        found = Indicator.objects.filter(code=values["indicator"]).first()
        if found is None:
            found = do_create_indicator(
                actor,
                code=values["indicator"],
                name=values["indicator_name"],
                unit=values.get("indicator_unit") or values.get("unit") or "",
            )
        values["_indicator"] = found
        return found

    def same_record(self, r, record, names, errors) -> None:
        for name, current in names:
            if name in r.values and r.values[name] != current:
                errors.add(
                    r.number,
                    self.col(name),
                    f"không đổi được cột này của {self.kind.label} đã có (mã {record.pk}); "
                    "để ghi mới, hãy xóa mã",
                )


class TargetHandler(_IndicatorRows):
    def check(self, rows, errors):
        from chidao.indicators.models import Target

        self.indicator_checks(rows, errors)
        existing = self.by_id(Target, rows, errors)
        seen: dict[tuple, int] = {}
        plans = []
        for r in rows:
            v = r.values
            body = v.get("body")
            key = (v.get("indicator"), getattr(body, "pk", None), v.get("year"), v.get("kind"))
            if key in seen:
                errors.add(r.number, self.col("indicator"), f"mục tiêu trùng với dòng {seen[key]}")
            seen.setdefault(key, r.number)
            record = existing.get(v.get("id")) if v.get("id") else None
            if record is not None:
                self.same_record(
                    r,
                    record,
                    [
                        ("indicator", record.indicator.code),
                        ("body", record.body),
                        ("year", record.year),
                        ("kind", record.kind),
                    ],
                    errors,
                )
            elif v.get("_indicator") is not None and body is not None:
                record = Target.objects.filter(
                    indicator=v["_indicator"], body=body, year=v.get("year"), kind=v.get("kind")
                ).first()
            if record is None:
                plans.append(Plan(r, "create"))
            else:
                changes = self.diff(record, v, ["value", "note"])
                plans.append(Plan(r, "update" if changes else "unchanged", record, changes))
        return plans

    def apply(self, actor, plan):
        from chidao.indicators.services import do_set_target

        if plan.action == "unchanged":
            return
        v = plan.row.values
        record = plan.record
        do_set_target(
            actor,
            self.indicator(actor, v),
            body=v["body"],
            year=v["year"],
            value=v["value"],
            kind=v["kind"],
            note=v.get("note", record.note if record is not None else ""),
        )


class ObservationHandler(_IndicatorRows):
    FIELDS = [
        "period_kind",
        "year",
        "period_number",
        "period_end",
        "period_label",
        "value",
        "unit",
        "qualifier",
        "target_kind",
        "stated_pct_of_plan",
        "stated_yoy_pct",
        "note",
    ]

    def check(self, rows, errors):
        from chidao.indicators.models import Observation

        self.indicator_checks(rows, errors)
        existing = self.by_id(Observation, rows, errors)
        seen: dict[tuple, int] = {}
        plans = []
        for r in rows:
            v = r.values
            body = v.get("body")
            key = (
                v.get("indicator"),
                getattr(body, "pk", None),
                v.get("period_kind"),
                v.get("year"),
                v.get("period_number"),
                v.get("period_end"),
                v.get("period_label", ""),
            )
            if key in seen:
                errors.add(r.number, self.col("indicator"), f"số liệu trùng với dòng {seen[key]}")
            seen.setdefault(key, r.number)
            record = existing.get(v.get("id")) if v.get("id") else None
            if record is not None:
                self.same_record(
                    r,
                    record,
                    [("indicator", record.indicator.code), ("body", record.body)],
                    errors,
                )
                changes = self.diff(record, v, self.FIELDS)
                plans.append(Plan(r, "update" if changes else "unchanged", record, changes))
                continue
            if not v.get("id") and v.get("_indicator") is not None and body is not None:
                clash = Observation.objects.filter(
                    indicator=v["_indicator"],
                    body=body,
                    period_kind=v.get("period_kind"),
                    year=v.get("year"),
                    period_number=v.get("period_number"),
                    period_end=v.get("period_end"),
                    period_label=v.get("period_label", ""),
                ).first()
                if clash is not None:
                    errors.add(
                        r.number,
                        self.col("indicator"),
                        f"số liệu này đã có (mã {clash.pk}); ghi mã ở cột 'Mã' để sửa",
                    )
            plans.append(Plan(r, "create"))
        return plans

    def apply(self, actor, plan):
        from chidao.indicators.services import do_record_observation, do_update_observation

        v = plan.row.values
        if plan.action == "create":
            fields = {k: v[k] for k in self.FIELDS if k in v and v[k] is not None}
            do_record_observation(actor, self.indicator(actor, v), body=v["body"], **fields)
        elif plan.action == "update":
            do_update_observation(actor, plan.record, **plan.changes)


class RecommendationHandler(Handler):
    EDITABLE = ["text", "raised_by", "addressed_to", "received_on"]

    def check(self, rows, errors):
        from chidao.recommendations.models import Recommendation

        existing = self.by_id(Recommendation, rows, errors)
        seen: dict[tuple, int] = {}
        plans = []
        for r in rows:
            v = r.values
            key = (
                _key_text(v.get("text", "")),
                getattr(v.get("raised_by"), "pk", None),
                v.get("received_on"),
            )
            if key in seen:
                errors.add(r.number, self.col("text"), f"kiến nghị trùng với dòng {seen[key]}")
            seen.setdefault(key, r.number)
            record = existing.get(v.get("id")) if v.get("id") else None
            if record is not None:
                for name in self.diff(record, v, self.EDITABLE):
                    errors.add(
                        r.number,
                        self.col(name),
                        f"không sửa được kiến nghị đã có (mã {record.pk}) qua tệp nhập; "
                        "hãy sửa trên trang kiến nghị",
                    )
                plans.append(Plan(r, "unchanged", record))
                continue
            if not v.get("id") and v.get("raised_by") is not None:
                clash = Recommendation.objects.filter(
                    text=v.get("text", ""),
                    raised_by=v["raised_by"],
                    received_on=v.get("received_on"),
                ).first()
                if clash is not None:
                    errors.add(r.number, self.col("text"), f"kiến nghị này đã có (mã {clash.pk})")
            plans.append(Plan(r, "create"))
        return plans

    def apply(self, actor, plan):
        from chidao.recommendations.services import do_receive_recommendation

        if plan.action != "create":
            return
        v = plan.row.values
        do_receive_recommendation(
            actor,
            text=v["text"],
            raised_by=v["raised_by"],
            addressed_to=v["addressed_to"],
            received_on=v["received_on"],
        )


HANDLERS: dict[str, type[Handler]] = {
    "tasks": TaskHandler,
    "targets": TargetHandler,
    "observations": ObservationHandler,
    "recommendations": RecommendationHandler,
}


# --------------------------------------------------------------------------- the import


def _check_headers(kind: Kind, header_row: list[Any], errors: _Errors) -> list[Column | None]:
    """The column of each position of the header row (None: a blank header, ignored)."""
    known = kind.by_header()
    columns: list[Column | None] = []
    seen: set[str] = set()
    for cell in header_row:
        header = " ".join(str(cell).split()) if cell is not None else ""
        if not header:
            columns.append(None)
            continue
        column = known.get(header)
        if column is None:
            errors.add(1, header, f"tên cột không có trong mẫu nhập {kind.label}")
        elif header in seen:
            errors.add(1, header, "cột này có hai lần")
            column = None
        else:
            seen.add(header)
        columns.append(column)
    for column in kind.columns:
        if column.required and column.header not in seen:
            errors.add(1, column.header, "thiếu cột bắt buộc")
    return columns


def check_rows(kind: Kind, table: list[list[Any]], errors: _Errors) -> tuple[list[Row], set[str]]:
    if not table:
        errors.add(1, WHOLE_ROW, "tệp không có dòng tiêu đề")
        return [], set()
    columns = _check_headers(kind, table[0], errors)
    present = {c.field for c in columns if c is not None}
    bodies = BodyFinder()
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if all(_blank(c) for c in cells):
            continue
        values: dict[str, Any] = {}
        failed: set[str] = set()
        for position, column in enumerate(columns):
            if column is None:
                continue
            cell = cells[position] if position < len(cells) else None
            if _blank(cell):
                if column.required:
                    errors.add(number, column, "thiếu giá trị bắt buộc")
                values[column.field] = _empty(column)
                continue
            try:
                values[column.field] = parse_cell(column, cell, bodies)
            except FormatError as error:
                errors.add(number, column, error.message)
                failed.add(column.field)
        rows.append(Row(number, values, failed))
    return rows, present


def import_file(
    actor,
    kind: str,
    data: bytes,
    *,
    filename: str = "",
    fmt: str | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Check and write the rows of a spreadsheet of ``kind``; see the module's steps."""
    require(actor, "exchange.import")
    spec = KINDS[kind]
    result = ImportResult(kind=kind, dry_run=dry_run)
    errors = _Errors()
    try:
        table = read_table(data, spec, fmt or detect_format(data, filename))
    except FormatError as error:
        errors.add(1, WHOLE_ROW, error.message)
        result.errors = sorted(errors)
        return result
    rows, present = check_rows(spec, table, errors)
    result.rows = len(rows)
    if any(e.row == 1 for e in errors):  # the columns themselves are wrong: stop here
        result.errors = sorted(errors)
        return result
    handler = HANDLERS[kind](spec, present)
    plans = handler.check(rows, errors)
    if errors:
        result.errors = sorted(set(errors))
        return result
    with transaction.atomic():
        for plan in plans:
            try:
                handler.apply(actor, plan)
            except (ServiceError, IntegrityError) as error:
                if isinstance(error, IntegrityError):
                    error = ServiceError(f"dữ liệu trùng hoặc không hợp lệ ({error})")
                column = next(
                    (c.header for c in spec.columns if error.field and c.field == error.field),
                    WHOLE_ROW,
                )
                errors.add(plan.row.number, column, error.message)
        if errors or dry_run:
            transaction.set_rollback(True)
    if errors:
        result.errors = sorted(errors)
        return result
    result.created = sum(1 for p in plans if p.action == "create")
    result.updated = sum(1 for p in plans if p.action == "update")
    result.unchanged = sum(1 for p in plans if p.action == "unchanged")
    return result
