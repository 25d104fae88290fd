"""The body of a review report as a list of blocks, rendered alike by DOCX and PDF.

The header block (issuing body, number, place and date) and the signature block are
drawn by each renderer from :class:`ReportData`; everything between them is here, so the
two formats say the same thing in the same order. Sentences are written from the
figures: no number is typed into a template.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chidao.exchange.formats import format_vn_date, format_vn_number, format_vn_percent
from chidao.reports.chart import task_chart_png
from chidao.reports.data import ReportData

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


@dataclass
class Heading:
    text: str


@dataclass
class Para:
    text: str
    italic: bool = False
    bold: bool = False
    indent: bool = True
    size: float | None = None


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    widths: list[float]  # relative
    align: list[str]  # "L", "C", "R" per column
    group_rows: set[int] = field(default_factory=set)  # indexes of rows spanning all columns
    bold_rows: set[int] = field(default_factory=set)


@dataclass
class Image:
    png: bytes
    width_cm: float
    caption: str


Block = Heading | Para | Table | Image


def percent(value, stated: bool = False) -> str:
    if value is None:
        return "–"
    return format_vn_percent(value) + ("*" if stated else "")


def change_text(value, stated: bool = False) -> str:
    if value is None:
        return "–"
    return format_vn_percent(value, signed=True) + ("*" if stated else "")


def number(value) -> str:
    return "–" if value is None else format_vn_number(value)


def _join(parts: list[str]) -> str:
    return ", ".join(parts)


def documents_blocks(data: ReportData) -> list[Block]:
    p = data.period
    span = f"Từ ngày {format_vn_date(p.start)} đến ngày {format_vn_date(data.cutoff)}"
    if not data.documents:
        return [Para(f"{span}, {data.body.name} chưa ban hành văn bản nào được ghi nhận.")]
    parts = [f"{n} {name.lower()}" for name, n in data.documents]
    blocks: list[Block] = [
        Para(
            f"{span}, {data.reporter} đã tập trung lãnh đạo, chỉ đạo quán triệt, triển khai các "
            f"nghị quyết, chỉ thị, chỉ đạo của cấp trên; ban hành {data.documents_total} văn bản, "
            f"gồm: {_join(parts)}."
        )
    ]
    rows = [[str(i), name, str(n)] for i, (name, n) in enumerate(data.documents, start=1)]
    rows.append(["", "Tổng cộng", str(data.documents_total)])
    blocks.append(
        Table(
            ["TT", "Loại văn bản", "Số lượng"],
            rows,
            [1, 6, 2.5],
            ["C", "L", "C"],
            bold_rows={len(rows) - 1},
        )
    )
    return blocks


def tasks_blocks(data: ReportData) -> list[Block]:
    r = data.task_rollup
    if not data.tasks:
        return [Para(f"Chưa có nhiệm vụ trọng tâm năm {data.period.year} được ghi nhận.")]
    approved = f" được {_join(data.approving_bodies)} phê duyệt" if data.approving_bodies else ""
    parts = [
        f"{r.completed} nhiệm vụ hoàn thành",
        f"{r.on_track} nhiệm vụ đạt tiến độ đề ra",
        f"{r.behind} nhiệm vụ chậm tiến độ",
    ]
    if r.not_started:
        parts.append(f"{r.not_started} nhiệm vụ chưa thực hiện")
    groups = f" thuộc {r.groups} nhóm nhiệm vụ trọng tâm" if r.groups else " trọng tâm"
    blocks: list[Block] = [
        Para(
            f"Trong {r.total} nhiệm vụ{groups} năm {data.period.year}{approved}, đến ngày "
            f"{format_vn_date(data.cutoff)} có {_join(parts)}; tiến độ bình quân (theo trọng "
            f"số) đạt {format_vn_percent(r.weighted_progress)}."
        )
    ]
    rows: list[list[str]] = []
    group_rows: set[int] = set()
    current = None
    group_no = 0
    for task in data.tasks:
        if task.group != current:
            current = task.group
            group_no += 1
            group_rows.add(len(rows))
            label = ROMAN[group_no - 1] if group_no <= len(ROMAN) else str(group_no)
            rows.append([f"{label}. {task.group or 'Nhiệm vụ khác'}", "", "", "", "", ""])
        rows.append(
            [
                str(task.number),
                task.title,
                task.lead_unit,
                format_vn_date(task.deadline) or "Không thời hạn",
                f"{task.progress}%",
                task.status_label,
            ]
        )
    blocks.append(
        Table(
            ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tiến độ", "Tình trạng"],
            rows,
            [0.9, 6.2, 3, 2.4, 1.7, 3.2],
            ["C", "L", "L", "C", "C", "L"],
            group_rows=group_rows,
        )
    )
    blocks.append(
        Image(
            task_chart_png(data.tasks),
            15.5,
            f"Biểu đồ: tiến độ các nhiệm vụ trọng tâm đến ngày {format_vn_date(data.cutoff)} "
            "(NV: số thứ tự nhiệm vụ trong bảng trên)",
        )
    )
    return blocks


def indicators_blocks(data: ReportData) -> list[Block]:
    if not data.indicators:
        return [Para("Chưa có số liệu chỉ tiêu trong kỳ được ghi nhận.")]
    blocks: list[Block] = []
    any_stated = False
    rows = []
    for i, row in enumerate(data.indicators, start=1):
        unit = f" {row.unit}" if row.unit else ""
        sentence = f"{row.name} {row.period_label}"
        if row.value is not None:
            qualifier = f"{row.qualifier} " if row.qualifier else ""
            sentence += f" đạt {qualifier}{number(row.value)}{unit}"
        if row.share is not None:
            target = f" ({number(row.target)}{unit})" if row.target is not None else ""
            of = row.target_label or "kế hoạch"
            sentence += f", bằng {percent(row.share, row.share_stated)} {of}{target}"
        if row.change is not None:
            verb = "giảm" if row.change < 0 else "tăng"
            last = f" ({number(row.last_year)}{unit})" if row.last_year is not None else ""
            sentence += (
                f", {verb} {percent(abs(row.change), row.change_stated)} so với cùng kỳ năm "
                f"{data.period.year - 1}{last}"
            )
        blocks.append(Para(sentence + "."))
        any_stated = any_stated or row.share_stated or row.change_stated
        rows.append(
            [
                str(i),
                f"{row.name} ({row.period_label})",
                row.unit,
                number(row.target),
                number(row.value),
                percent(row.share, row.share_stated),
                change_text(row.change, row.change_stated),
            ]
        )
    blocks.append(
        Table(
            ["TT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Thực hiện", "% mục tiêu", "So cùng kỳ"],
            rows,
            [0.9, 6, 2, 2.2, 2.2, 2.2, 2.2],
            ["C", "L", "C", "R", "R", "R", "R"],
        )
    )
    if any_stated:
        blocks.append(
            Para("(*) Tỷ lệ theo báo cáo gốc; chưa đủ số liệu để tính lại.", italic=True, size=12)
        )
    return blocks


def recommendations_blocks(data: ReportData) -> list[Block]:
    recs = data.recommendations
    if not recs:
        return [Para("Trong kỳ không có kiến nghị, đề xuất được ghi nhận.")]
    by_status: dict[str, int] = {}
    for rec in recs:
        by_status[rec.status_label.lower()] = by_status.get(rec.status_label.lower(), 0) + 1
    overdue = sum(1 for rec in recs if rec.overdue)
    parts = [f"{n} {label}" for label, n in by_status.items()]
    text = f"Trong kỳ, {data.body.name} có {len(recs)} kiến nghị, đề xuất với cấp trên: " + _join(
        parts
    )
    if overdue:
        text += f"; {overdue} kiến nghị đã quá hạn trả lời"
    blocks: list[Block] = [Para(text + ".")]
    rows = [
        [
            str(rec.number),
            rec.text,
            rec.addressed_to,
            "; ".join(rec.routing) or "Chưa chuyển xử lý",
            rec.status_label + (" (quá hạn)" if rec.overdue else ""),
        ]
        for rec in recs
    ]
    blocks.append(
        Table(
            ["TT", "Nội dung kiến nghị", "Kiến nghị với", "Tình hình xử lý", "Trạng thái"],
            rows,
            [0.9, 5, 3, 5.6, 2.6],
            ["C", "L", "L", "L", "L"],
        )
    )
    return blocks


def directions_blocks(data: ReportData) -> list[Block]:
    if not data.directions:
        return [Para("Trong kỳ không có ý kiến chỉ đạo của cấp trên được ghi nhận.")]
    blocks: list[Block] = []
    current = None
    for d in data.directions:
        key = (d.meeting, d.held_on, d.given_by)
        if key != current:
            current = key
            who = f", đồng chí {d.given_by}" if d.given_by else ""
            blocks.append(
                Para(
                    f"Tại {d.meeting_kind} ngày {format_vn_date(d.held_on)} ({d.meeting}){who} "
                    "chỉ đạo:"
                )
            )
        notes = []
        if d.deadline:
            notes.append(f"thời hạn {format_vn_date(d.deadline)}")
        if d.became_task:
            notes.append("đã giao thành nhiệm vụ để theo dõi")
        note = f" ({'; '.join(notes)})" if notes else ""
        blocks.append(Para(f"- {d.text.rstrip('.')}{note}."))
    return blocks


SECTIONS = [
    ("CÔNG TÁC BAN HÀNH VĂN BẢN LÃNH ĐẠO, CHỈ ĐẠO", documents_blocks),
    ("KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM", tasks_blocks),
    ("KẾT QUẢ THỰC HIỆN MỘT SỐ CHỈ TIÊU CHỦ YẾU", indicators_blocks),
    ("KIẾN NGHỊ, ĐỀ XUẤT VÀ KẾT QUẢ GIẢI QUYẾT", recommendations_blocks),
    ("Ý KIẾN CHỈ ĐẠO CỦA CẤP TRÊN VÀ VIỆC TRIỂN KHAI", directions_blocks),
]


def body_blocks(data: ReportData) -> list[Block]:
    p = data.period
    blocks: list[Block] = [
        Para(
            f"Thực hiện Chương trình công tác năm {p.year}, {data.reporter} báo cáo {p.review} "
            f"công tác lãnh đạo, chỉ đạo {p.label} như sau:"
        ),
        Para(
            "(Số liệu tổng hợp từ hệ thống theo dõi chỉ đạo, điều hành, tính đến ngày "
            f"{format_vn_date(data.cutoff)}.)",
            italic=True,
        ),
    ]
    for i, (title, make) in enumerate(SECTIONS):
        blocks.append(Heading(f"{ROMAN[i]}. {title}"))
        blocks.extend(make(data))
    return blocks
