"""The figures of a review report (báo cáo sơ kết, tổng kết), computed from the records.

``review_report_data(body, period)`` gathers, for a body and a period, everything the DOCX
and PDF reports print; no figure is typed into a template. A period is written:

- ``YYYY-MM``: from 1 January to the end of that month ("8 tháng năm 2021", the way a
  sơ kết counts: "từ đầu năm đến nay"); ``YYYY-06`` reads "6 tháng đầu năm", ``YYYY-12``
  "năm";
- ``YYYY-H1``: the first six months; ``YYYY``: the whole year (a tổng kết).

Figures are as of the period end, or of ``as_of`` when it comes earlier (a report written
on 19/8 for August counts what was known on 19/8):

- documents the body issued in the period (with the bodies numbering in its sequences,
  such as its Ban Thường vụ), by type;
- the key tasks of the body's groups of that year, each with the progress accepted by
  then (``tasks.services.tasks_as_of``) and its status derived for that day
  (``derive_status(..., today=cutoff)``);
- per indicator, the latest observation of the period with its target, value, share of
  the target and change on the same period a year before, as the system computed them
  (the shares the source stated are used, and marked, only when they cannot be computed);
- the recommendations the body raised (or raised at its meetings) in the period, or
  before it and still open at its start, each with its status and routing as of then;
- bodies as they were then: open work that passed to a successor after the period (a
  district's tasks to a commune in 2025) is shown under the body that held it
  (``body_on``).
- the directions the body received at meetings held in the period.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone

from chidao.core.errors import ServiceError
from chidao.orgs.models import Organization

PERIOD_PATTERN = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2]|H1))?$")


@dataclass(frozen=True)
class Period:
    code: str
    year: int
    start: dt.date
    end: dt.date
    label: str  # "8 tháng năm 2021"
    whole_year: bool

    @property
    def review(self) -> str:
        return "tổng kết" if self.whole_year else "sơ kết"


def parse_period(text: str) -> Period:
    """ "2021-08", "2021-H1" or "2021" -> Period; ServiceError with a Vietnamese message else."""
    raw = (text or "").strip().upper()
    match = PERIOD_PATTERN.match(raw)
    if not match:
        raise ServiceError(
            f"Kỳ báo cáo '{text}' không hợp lệ: viết YYYY-MM (2021-08), YYYY-H1 hoặc YYYY.",
            field="period",
        )
    year = int(match.group(1))
    part = match.group(2)
    if part is None:
        month = 12
    elif part == "H1":
        month = 6
    else:
        month = int(part)
    end = dt.date(year, month, calendar.monthrange(year, month)[1])
    if month == 12:
        label = f"năm {year}"
    elif month == 6:
        label = f"6 tháng đầu năm {year}"
    elif month == 1:
        label = f"tháng 01 năm {year}"
    else:
        label = f"{month} tháng năm {year}"
    code = raw if part != "H1" else f"{year}-H1"
    return Period(code, year, dt.date(year, 1, 1), end, label, month == 12)


# --------------------------------------------------------------------------- rows


@dataclass
class TaskRow:
    number: int
    group: str
    title: str
    lead_unit: str
    deadline: dt.date | None
    progress: int
    status: str
    status_label: str
    completed_on: dt.date | None


@dataclass
class IndicatorRow:
    name: str
    unit: str
    period_label: str
    qualifier: str
    value: Decimal | None
    target: Decimal | None
    target_label: str
    share: Decimal | None
    share_stated: bool  # True when the share is the one the source stated, not computed
    last_year: Decimal | None
    change: Decimal | None
    change_stated: bool
    flagged: bool
    flags: list[str] = field(default_factory=list)


@dataclass
class RecommendationRow:
    number: int
    text: str
    raised_by: str
    addressed_to: str
    received_on: dt.date
    meeting: str
    status: str
    status_label: str
    routing: list[str]
    due_on: dt.date | None
    overdue: bool


@dataclass
class DirectionRow:
    meeting: str
    meeting_kind: str  # "buổi làm việc"
    held_on: dt.date
    given_by: str
    text: str
    deadline: dt.date | None
    became_task: bool


@dataclass
class ReportData:
    body: Organization
    period: Period
    cutoff: dt.date
    dated: dt.date
    place: str
    parent_heading: str
    body_heading: str
    number: str  # "35-BC/HU" once reserved, else ""
    symbol: str  # "BC/HU"
    reporter: str  # "Ban Thường vụ Huyện ủy Cao Lộc"
    documents: list[tuple[str, int]]
    tasks: list[TaskRow]
    task_rollup: Any
    approving_bodies: list[str]
    indicators: list[IndicatorRow]
    recommendations: list[RecommendationRow]
    directions: list[DirectionRow]
    signer_on_behalf: str
    signer_title: str
    signer_name: str
    recipients: list[str]

    @property
    def documents_total(self) -> int:
        return sum(n for _, n in self.documents)

    @property
    def title(self) -> str:
        return f"{self.period.review} công tác lãnh đạo, chỉ đạo {self.period.label}"

    @property
    def number_line(self) -> str:
        return f"Số {self.number}" if self.number else f"Số      -{self.symbol}"

    @property
    def date_line(self) -> str:
        return f"{self.place}, {vn_long_date(self.dated)}"

    @property
    def task_status_counts(self) -> list[tuple[str, int]]:
        r = self.task_rollup
        return [
            ("Hoàn thành", r.completed),
            ("Đạt tiến độ", r.on_track),
            ("Chậm tiến độ", r.behind),
            ("Chưa thực hiện", r.not_started),
        ]


def vn_long_date(day: dt.date) -> str:
    """ "ngày 05 tháng 02 năm 2021": days under 10 and months 1, 2 take a leading zero."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


# --------------------------------------------------------------------------- headings

_PARTY_PREFIXES = [
    ("Tỉnh ủy ", "ĐẢNG BỘ TỈNH "),
    ("Thành ủy ", "ĐẢNG BỘ THÀNH PHỐ "),
    ("Huyện ủy ", "ĐẢNG BỘ HUYỆN "),
    ("Thị ủy ", "ĐẢNG BỘ THỊ XÃ "),
    ("Quận ủy ", "ĐẢNG BỘ QUẬN "),
    ("Đảng ủy xã ", "ĐẢNG BỘ XÃ "),
    ("Đảng ủy phường ", "ĐẢNG BỘ PHƯỜNG "),
    ("Đảng ủy thị trấn ", "ĐẢNG BỘ THỊ TRẤN "),
]


def party_heading(org: Organization | None) -> str:
    """ "Tỉnh ủy Lạng Sơn" -> "ĐẢNG BỘ TỈNH LẠNG SƠN" (the line above the issuing body)."""
    if org is None:
        return ""
    for prefix, heading in _PARTY_PREFIXES:
        if org.name.startswith(prefix):
            return (heading + org.name[len(prefix) :]).upper()
    return org.name.upper()


def place_of(org: Organization) -> str:
    """ "Huyện ủy Cao Lộc" -> "Cao Lộc" (the place in the date line)."""
    for prefix, _ in _PARTY_PREFIXES:
        if org.name.startswith(prefix):
            return org.name[len(prefix) :]
    if org.admin_unit_id:
        name = org.admin_unit.name
        for word in ("Tỉnh ", "Thành phố ", "Huyện ", "Thị xã ", "Quận ", "Xã ", "Phường "):
            if name.startswith(word):
                return name[len(word) :]
        return name
    return org.short_name or org.name


def _reporter(org: Organization) -> str:
    from chidao.orgs.models import OrganizationKind

    if org.kind == OrganizationKind.PARTY_COMMITTEE:
        return f"Ban Thường vụ {org.name}"
    return org.name


def body_on(org: Organization, day: dt.date) -> Organization:
    """The body that held ``org``'s work on ``day``: ``org`` itself, or, when ``org`` only
    began later (a commune that took over a district's open work in 2025), the predecessor
    it succeeded that was active then. A 2021 report names the bodies of 2021."""
    seen = {org.pk}
    current = org
    while not current.is_active_on(day):
        earlier = [
            link.predecessor
            for link in current.succession_from.select_related("predecessor")
            if link.predecessor_id not in seen
        ]
        if not earlier:
            return current
        active = [o for o in earlier if o.is_active_on(day)]
        current = (active or earlier)[0]
        seen.add(current.pk)
    return current


# --------------------------------------------------------------------------- sections


def _documents(body: Organization, start: dt.date, end: dt.date) -> list[tuple[str, int]]:
    from collections import Counter

    from chidao import docnumber
    from chidao.documents.models import Document
    from chidao.documents.services import sequence_members

    issued = Document.objects.filter(
        issuer__in=sequence_members(body), issued_on__gte=start, issued_on__lte=end
    ).values_list("doc_type__name", flat=True)
    counts = Counter(issued)
    order = {t.name: i for i, t in enumerate(docnumber.DOCUMENT_TYPES)}
    return sorted(counts.items(), key=lambda item: (order.get(item[0], 999), item[0]))


def _tasks(body: Organization, year: int, cutoff: dt.date):
    from chidao.tasks.models import Task
    from chidao.tasks.services import tasks_as_of
    from chidao.tasks.status import STATUS_LABELS, derive_status, rollup

    tasks = list(
        Task.objects.for_body_year(body, year)
        .select_related("group", "lead_unit", "approving_body", "group__approving_body")
        .order_by("group__order", "group_id", "id")
    )
    states = tasks_as_of(tasks, cutoff)
    rows = []
    for number, (task, state) in enumerate(zip(tasks, states, strict=True), start=1):
        status = derive_status(state.progress, state.deadline, state.completed_on, cutoff)
        rows.append(
            TaskRow(
                number=number,
                group=task.group.name if task.group_id else "",
                title=task.title,
                lead_unit=body_on(task.lead_unit, cutoff).name,
                deadline=task.deadline,
                progress=state.progress,
                status=str(status),
                status_label=STATUS_LABELS[status],
                completed_on=state.completed_on,
            )
        )
    approving = []
    for task in tasks:
        body_ = task.approving_body or (task.group.approving_body if task.group_id else None)
        if body_ is not None and body_.name not in approving:
            approving.append(body_.name)
    return rows, rollup(states, cutoff), approving


def _period_end_of(observation) -> dt.date | None:
    from chidao.indicators.models import PeriodKind

    if observation.period_end:
        return observation.period_end
    year, n = observation.year, observation.period_number
    month = {
        PeriodKind.YEAR: 12,
        PeriodKind.SIX_MONTHS: 6,
        PeriodKind.EIGHT_MONTHS: 8,
        PeriodKind.NINE_MONTHS: 9,
        PeriodKind.QUARTER: 3 * n if n else None,
        PeriodKind.MONTH: n,
        PeriodKind.TO_DATE: n,
    }.get(observation.period_kind)
    if not month:
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _indicators(body: Organization, start: dt.date, cutoff: dt.date) -> list[IndicatorRow]:
    from chidao.indicators.models import Observation, TargetKind

    latest: dict[int, tuple[dt.date, int, Any]] = {}
    for obs in Observation.objects.filter(body=body, year=start.year).select_related(
        "indicator", "target"
    ):
        end = _period_end_of(obs)
        if end is None or not (start <= end <= cutoff):
            continue
        key = (end, obs.pk)
        if obs.indicator_id not in latest or key > latest[obs.indicator_id][:2]:
            latest[obs.indicator_id] = (end, obs.pk, obs)
    rows = []
    for _, _, obs in sorted(latest.values(), key=lambda item: item[2].indicator.name):
        last = (
            Observation.objects.same_period(obs, obs.year - 1)
            .exclude(value__isnull=True)
            .order_by("-id")
            .first()
        )
        share, share_stated = obs.computed_pct_of_plan, False
        if share is None and obs.stated_pct_of_plan is not None:
            share, share_stated = obs.stated_pct_of_plan, True
        change, change_stated = obs.computed_yoy_pct, False
        if change is None and obs.stated_yoy_pct is not None:
            change, change_stated = obs.stated_yoy_pct, True
        target = obs.target
        rows.append(
            IndicatorRow(
                name=obs.indicator.name,
                unit=obs.unit or obs.indicator.unit,
                period_label=obs.period_label or obs.get_period_kind_display(),
                qualifier=obs.qualifier,
                value=obs.value,
                target=target.value if target else None,
                target_label=TargetKind(target.kind).label.lower() if target else "",
                share=share,
                share_stated=share_stated,
                last_year=last.value if last else None,
                change=change,
                change_stated=change_stated,
                flagged=obs.is_flagged,
                flags=obs.flag_labels,
            )
        )
    return rows


def status_as_of(rec, steps, responses, day: dt.date) -> str:
    """A recommendation's status on ``day``, rebuilt from its forwardings, answers, closing."""
    from chidao.recommendations.models import StepKind

    events: list[tuple[dt.date, int, str]] = [
        (s.at, 0, "forwarded") for s in steps if s.kind == StepKind.FORWARDED and s.at <= day
    ]
    events += [(r.answered_on, 1, "answered") for r in responses if r.answered_on <= day]
    if rec.closed_on and rec.closed_on <= day:
        events.append((rec.closed_on, 2, rec.status))
    return max(events)[2] if events else "received"


def _recommendations(members: set[int], start, cutoff) -> list[RecommendationRow]:
    from chidao.recommendations.models import Recommendation, StepKind
    from chidao.recommendations.states import STATUS_LABELS, RecStatus

    recs = (
        Recommendation.objects.filter(Q(raised_by__in=members) | Q(meeting__host__in=members))
        .filter(received_on__lte=cutoff)
        .filter(Q(received_on__gte=start) | Q(closed_on__isnull=True) | Q(closed_on__gte=start))
        .select_related("raised_by", "addressed_to", "meeting")
        .prefetch_related(
            "routing_steps__by_body", "routing_steps__to_body", "responses__from_body"
        )
        .order_by("received_on", "id")
        .distinct()
    )
    rows = []
    for number, rec in enumerate(recs, start=1):
        steps = [s for s in rec.routing_steps.all() if s.at <= cutoff]
        responses = [r for r in rec.responses.all() if r.answered_on <= cutoff]
        status = status_as_of(rec, steps, responses, cutoff)
        routing = []
        for step in steps:
            if step.kind == StepKind.COMPILED:
                routing.append(f"{step.by_body.name} tổng hợp ngày {step.at:%d/%m/%Y}")
            else:
                due = f", hạn trả lời {step.due_on:%d/%m/%Y}" if step.due_on else ""
                routing.append(f"Chuyển {step.to_body.name} ngày {step.at:%d/%m/%Y}{due}")
        for response in responses:
            routing.append(
                f"{response.from_body.name} trả lời ngày {response.answered_on:%d/%m/%Y}"
            )
        if rec.closed_on and rec.closed_on <= cutoff and rec.closing_note:
            routing.append(rec.closing_note)
        forwards = [s for s in steps if s.kind == StepKind.FORWARDED]
        due_on = forwards[-1].due_on if forwards else None
        rows.append(
            RecommendationRow(
                number=number,
                text=rec.text,
                raised_by=body_on(rec.raised_by, cutoff).name,
                addressed_to=body_on(rec.addressed_to, cutoff).name,
                received_on=rec.received_on,
                meeting=str(rec.meeting) if rec.meeting_id else "",
                status=status,
                status_label=STATUS_LABELS[RecStatus(status)],
                routing=routing,
                due_on=due_on,
                overdue=status == RecStatus.FORWARDED and due_on is not None and due_on < cutoff,
            )
        )
    return rows


def _directions(members: set[int], start, cutoff) -> list[DirectionRow]:
    from chidao.meetings.models import Direction

    directions = (
        Direction.objects.filter(meeting__held_on__gte=start, meeting__held_on__lte=cutoff)
        .filter(
            Q(addressed_to__in=members) | Q(addressed_to__isnull=True, meeting__host__in=members)
        )
        .select_related("meeting", "given_by")
        .prefetch_related("tasks")
        .order_by("meeting__held_on", "meeting_id", "order", "id")
    )
    return [
        DirectionRow(
            meeting=d.meeting.title,
            meeting_kind=d.meeting.get_kind_display().lower(),
            held_on=d.meeting.held_on,
            given_by=d.given_by.full_name if d.given_by_id else "",
            text=d.text,
            deadline=d.deadline,
            became_task=bool(d.tasks.all()),
        )
        for d in directions
    ]


def _signer(body: Organization, day: dt.date) -> str:
    from chidao.orgs.models import Position

    for position in Position.objects.filter(organization=body).select_related("person"):
        title = position.title.strip().lower()
        if title.startswith("bí thư") and position.held_on(day):
            return position.person.full_name
    return ""


def review_report_data(
    body: Organization,
    period: str | Period,
    as_of: dt.date | None = None,
    *,
    dated: dt.date | None = None,
    number: str = "",
) -> ReportData:
    """Everything a review report of ``body`` for ``period`` prints, from the records."""
    from chidao.documents.services import sequence_members

    period = period if isinstance(period, Period) else parse_period(period)
    cutoff = min(period.end, as_of) if as_of else period.end
    if cutoff < period.start:
        raise ServiceError("Ngày lấy số liệu phải sau ngày đầu kỳ báo cáo.", field="as_of")
    if dated is None:
        dated = min(cutoff, timezone.localdate())
    members = sequence_members(body)
    tasks, task_rollup, approving = _tasks(body, period.year, cutoff)
    parent = body.parent
    return ReportData(
        body=body,
        period=period,
        cutoff=cutoff,
        dated=dated,
        place=place_of(body),
        parent_heading=party_heading(parent) if parent else "",
        body_heading=body.name.upper(),
        number=number,
        symbol=f"BC/{body.symbol}" if body.symbol else "BC",
        reporter=_reporter(body),
        documents=_documents(body, period.start, cutoff),
        tasks=tasks,
        task_rollup=task_rollup,
        approving_bodies=approving,
        indicators=_indicators(body, period.start, cutoff),
        recommendations=_recommendations(members, period.start, cutoff),
        directions=_directions(members, period.start, cutoff),
        signer_on_behalf="T/M BAN THƯỜNG VỤ",
        signer_title="BÍ THƯ",
        signer_name=_signer(body, dated),
        recipients=[
            f"{parent.name} (để báo cáo)," if parent else "Cấp trên (để báo cáo),",
            f"Các đồng chí Ủy viên Ban Thường vụ {body.name},",
            f"Lưu Văn phòng {body.name}.",
        ],
    )
