"""The columns of each kind of spreadsheet, as data: header, field, type, required.

Types:

- ``id``      the record's number in chidao: empty on a new row, kept on an exported one
              so the file imports back as updates of the same records;
- ``text``    any text;
- ``int``     a whole number (year, month, progress %);
- ``number``  a number in the Vietnamese form "1.234,5" (see :mod:`chidao.exchange.formats`);
- ``date``    dd/mm/yyyy (or a date cell of an .xlsx file);
- ``body``    a body by its name as recorded ("Huyện ủy Cao Lộc");
- ``bodies``  several bodies separated by ";";
- ``enum``    one of the Vietnamese labels in ``choices``.

A ``readonly`` column is written by the export for the reader (a status, a share the
system computed) and checked on import (an unknown status label is an error) but never
written back: those values are derived by the services.
"""

from __future__ import annotations

from dataclasses import dataclass

from chidao.indicators.models import PeriodKind, Qualifier, TargetKind
from chidao.recommendations.states import STATUS_CHOICES as REC_STATUS_CHOICES
from chidao.tasks.status import STATUS_CHOICES as TASK_STATUS_CHOICES

TYPES = {"id", "text", "int", "number", "date", "body", "bodies", "enum"}


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    type: str
    required: bool = False
    readonly: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    width: int = 18
    minimum: int | None = None  # for whole numbers
    maximum: int | None = None

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValueError(f"unknown column type {self.type!r}")

    def label_for(self, value: str) -> str:
        return dict(self.choices).get(value, value)


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # Vietnamese, plural, for screens and messages
    sheet: str
    columns: tuple[Column, ...]

    def by_header(self) -> dict[str, Column]:
        return {c.header: c for c in self.columns}

    def column(self, field: str) -> Column:
        return next(c for c in self.columns if c.field == field)


ID = Column("Mã", "id", "id", width=8)

TASKS = Kind(
    "tasks",
    "nhiệm vụ",
    "Nhiệm vụ",
    (
        ID,
        Column("Năm", "year", "int", width=8, minimum=1945, maximum=2200),
        Column("Cơ quan thực hiện", "owner", "body", width=26),
        Column("Nhóm nhiệm vụ", "group", "text", width=36),
        Column("Tên nhiệm vụ", "title", "text", required=True, width=50),
        Column("Nội dung", "description", "text", width=30),
        Column("Đơn vị chủ trì", "lead_unit", "body", required=True, width=26),
        Column("Đơn vị phối hợp", "co_units", "bodies", width=26),
        Column("Cơ quan phê duyệt", "approving_body", "body", width=26),
        Column("Hạn hoàn thành", "deadline", "date", width=14),
        Column("Trọng số", "weight", "number", width=10),
        Column("Tiến độ (%)", "progress", "int", width=10, minimum=0, maximum=100),
        Column("Ngày bắt đầu", "started_on", "date", width=14),
        Column("Ngày hoàn thành", "completed_on", "date", width=14),
        Column(
            "Trạng thái",
            "status",
            "enum",
            readonly=True,
            choices=tuple(TASK_STATUS_CHOICES),
            width=24,
        ),
    ),
)

TARGETS = Kind(
    "targets",
    "mục tiêu, dự toán chỉ tiêu",
    "Mục tiêu",
    (
        ID,
        Column("Mã chỉ tiêu", "indicator", "text", required=True, width=20),
        Column("Tên chỉ tiêu", "indicator_name", "text", width=32),
        Column("Đơn vị tính", "indicator_unit", "text", width=12),
        Column("Cơ quan, địa phương", "body", "body", required=True, width=26),
        Column("Năm", "year", "int", required=True, width=8, minimum=1945, maximum=2200),
        Column(
            "Loại mục tiêu",
            "kind",
            "enum",
            required=True,
            choices=tuple(TargetKind.choices),
            width=20,
        ),
        Column("Giá trị", "value", "number", required=True, width=14),
        Column("Ghi chú", "note", "text", width=30),
    ),
)

OBSERVATIONS = Kind(
    "observations",
    "số liệu thực hiện chỉ tiêu",
    "Số liệu",
    (
        ID,
        Column("Mã chỉ tiêu", "indicator", "text", required=True, width=20),
        Column("Tên chỉ tiêu", "indicator_name", "text", width=32),
        Column("Cơ quan, địa phương", "body", "body", required=True, width=26),
        Column(
            "Loại kỳ",
            "period_kind",
            "enum",
            required=True,
            choices=tuple(PeriodKind.choices),
            width=18,
        ),
        Column("Năm", "year", "int", required=True, width=8, minimum=1945, maximum=2200),
        Column("Tháng, quý", "period_number", "int", width=8, minimum=1, maximum=12),
        Column("Ngày cuối kỳ", "period_end", "date", width=14),
        Column("Kỳ báo cáo (như văn bản ghi)", "period_label", "text", width=30),
        Column(
            "Từ chỉ mức độ",
            "qualifier",
            "enum",
            choices=tuple((v, v) for v, _ in Qualifier.choices if v),
            width=10,
        ),
        Column("Giá trị", "value", "number", width=14),
        Column("Đơn vị tính", "unit", "text", width=12),
        Column("So với", "target_kind", "enum", choices=tuple(TargetKind.choices), width=18),
        Column("Tỷ lệ so với kế hoạch, báo cáo ghi (%)", "stated_pct_of_plan", "number", width=16),
        Column("Tăng, giảm so với cùng kỳ, báo cáo ghi (%)", "stated_yoy_pct", "number", width=16),
        Column(
            "Tỷ lệ so với kế hoạch, tính lại (%)",
            "computed_pct_of_plan",
            "number",
            readonly=True,
            width=16,
        ),
        Column(
            "Tăng, giảm so với cùng kỳ, tính lại (%)",
            "computed_yoy_pct",
            "number",
            readonly=True,
            width=16,
        ),
        Column("Ghi chú", "note", "text", width=30),
    ),
)

RECOMMENDATIONS = Kind(
    "recommendations",
    "kiến nghị",
    "Kiến nghị",
    (
        ID,
        Column("Nội dung kiến nghị", "text", "text", required=True, width=50),
        Column("Cơ quan kiến nghị", "raised_by", "body", required=True, width=26),
        Column("Kiến nghị với", "addressed_to", "body", required=True, width=26),
        Column("Ngày tiếp nhận", "received_on", "date", required=True, width=14),
        Column("Nêu tại", "meeting", "text", readonly=True, width=36),
        Column(
            "Trạng thái",
            "status",
            "enum",
            readonly=True,
            choices=tuple(REC_STATUS_CHOICES),
            width=18,
        ),
        Column("Chuyển đến", "forwarded_to", "bodies", readonly=True, width=30),
        Column("Hạn trả lời", "due_on", "date", readonly=True, width=14),
        Column("Ngày kết thúc", "closed_on", "date", readonly=True, width=14),
        Column("Kết quả, lý do", "closing_note", "text", readonly=True, width=30),
    ),
)

KINDS: dict[str, Kind] = {k.name: k for k in (TASKS, TARGETS, OBSERVATIONS, RECOMMENDATIONS)}
