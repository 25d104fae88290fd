"""The dashboard's figures for one body and one period (1 January to ``end`` of a year).

Task statuses are as of the period end (``chidao.tasks.services.tasks_as_of``): the progress
a task had that day from its accepted reports, and the status derived for that day.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, Q
from django.utils import timezone

from chidao.tasks.services import tasks_as_of
from chidao.tasks.status import BEHIND, COMPLETED, ON_TRACK, TaskAsOf, rollup


@dataclass
class Dashboard:
    body: Any
    year: int
    start: dt.date
    end: dt.date
    tasks: list[TaskAsOf] = field(default_factory=list)
    task_rollup: Any = None
    groups: list[dict[str, Any]] = field(default_factory=list)
    overdue: list[TaskAsOf] = field(default_factory=list)
    indicators: list[dict[str, Any]] = field(default_factory=list)
    documents_by_type: list[tuple[str, int]] = field(default_factory=list)
    documents_total: int = 0
    recommendations_by_status: list[tuple[str, int]] = field(default_factory=list)
    recommendations_by_age: list[tuple[str, int]] = field(default_factory=list)
    open_recommendations: list[Any] = field(default_factory=list)

    @property
    def task_sentence(self) -> str:
        return self.task_rollup.sentence if self.task_rollup else "Chưa có nhiệm vụ."

    @property
    def documents_sentence(self) -> str:
        if not self.documents_total:
            return "Chưa có văn bản ban hành trong kỳ."
        parts = [f"{n} {name.lower()}" for name, n in self.documents_by_type]
        return "ban hành " + ", ".join(parts)

    def chart_data(self) -> dict[str, Any]:
        return {
            "groups": {
                "labels": [g["name"] for g in self.groups],
                "completed": [g["completed"] for g in self.groups],
                "on_track": [g["on_track"] for g in self.groups],
                "behind": [g["behind"] for g in self.groups],
                "not_started": [g["not_started"] for g in self.groups],
            },
            "indicators": [
                {
                    "name": row["indicator"].name,
                    "unit": row["indicator"].unit,
                    "labels": [p["label"] for p in row["series"]],
                    "values": [p["value"] for p in row["series"]],
                }
                for row in self.indicators
                if any(p["value"] is not None for p in row["series"])
            ],
            "documents": {
                "labels": [name for name, _ in self.documents_by_type],
                "values": [n for _, n in self.documents_by_type],
            },
        }


def default_period(body, year: int | None = None) -> tuple[int, dt.date]:
    """The year with the body's latest key tasks, and the last day with records in it
    (a meeting held or a figure reported), else the year's end (or today)."""
    from chidao.indicators.models import Observation
    from chidao.meetings.models import Meeting
    from chidao.tasks.models import TaskGroup

    today = timezone.localdate()
    if year is None:
        year = TaskGroup.objects.filter(owner=body).aggregate(y=Max("year"))["y"] or today.year
    start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    candidates = [
        Meeting.objects.filter(host=body, held_on__range=(start, year_end)).aggregate(
            d=Max("held_on")
        )["d"],
        Observation.objects.filter(body=body, year=year, period_end__isnull=False).aggregate(
            d=Max("period_end")
        )["d"],
    ]
    candidates = [d for d in candidates if d]
    end = max(candidates) if candidates else year_end
    return year, min(end, today, year_end) if year <= today.year else end


def default_body(user):
    """The user's body when it has key tasks, else the body with the latest key tasks."""
    from chidao.tasks.models import TaskGroup

    if user.organization_id and TaskGroup.objects.filter(owner_id=user.organization_id).exists():
        return user.organization
    group = TaskGroup.objects.select_related("owner").order_by("-year", "-id").first()
    return group.owner if group else user.organization


# The order the reports write the documents issued in ("ban hành 3 chỉ thị, 35 kế hoạch,
# 26 nghị quyết, 6 hướng dẫn, 24 thông báo"); other types follow in the grammar's order.
REPORT_ORDER = ["Chỉ thị", "Kế hoạch", "Nghị quyết", "Hướng dẫn", "Thông báo"]

AGE_BUCKETS = [(30, "Dưới 30 ngày"), (90, "30–90 ngày"), (None, "Trên 90 ngày")]


def build(user, body, year: int, end: dt.date) -> Dashboard:
    from chidao.docnumber import DOCUMENT_TYPES
    from chidao.documents.selectors import visible_documents
    from chidao.indicators.selectors import visible_observations, visible_targets
    from chidao.recommendations.selectors import visible_recommendations
    from chidao.recommendations.states import CLOSED, STATUS_CHOICES
    from chidao.tasks.selectors import visible_tasks

    start = dt.date(year, 1, 1)
    board = Dashboard(body=body, year=year, start=start, end=end)

    # Key tasks: the body's groups of the year, as of the period end.
    tasks = (
        visible_tasks(user)
        .filter(group__owner=body, group__year=year)
        .select_related("group", "lead_unit")
        .order_by("group__order", "group_id", "id")
    )
    board.tasks = tasks_as_of(tasks, end)
    board.task_rollup = rollup(board.tasks)
    by_group: OrderedDict[Any, dict[str, Any]] = OrderedDict()
    for row in board.tasks:
        group = row.task.group
        entry = by_group.setdefault(
            group.pk,
            {
                "group": group,
                "name": group.name,
                "completed": 0,
                "on_track": 0,
                "behind": 0,
                "not_started": 0,
                "total": 0,
            },
        )
        entry["total"] += 1
        if row.status in COMPLETED:
            entry["completed"] += 1
        elif row.status in ON_TRACK:
            entry["on_track"] += 1
        elif row.status in BEHIND:
            entry["behind"] += 1
        else:
            entry["not_started"] += 1
    board.groups = list(by_group.values())
    board.overdue = [row for row in board.tasks if row.status in BEHIND]

    # Indicators of the body: the latest figure of the year by the period end, share of
    # target and change on the same period, and the series across periods for the chart.
    observations = (
        visible_observations(user)
        .filter(body=body)
        .select_related("indicator", "target")
        .order_by("indicator__name", "year", "period_end", "id")
    )
    per_indicator: OrderedDict[Any, list] = OrderedDict()
    for obs in observations:
        per_indicator.setdefault(obs.indicator, []).append(obs)
    targets = {
        (t.indicator_id, t.kind): t for t in visible_targets(user).filter(body=body, year=year)
    }
    for indicator, rows in per_indicator.items():
        in_period = [
            o for o in rows if o.year == year and (o.period_end is None or o.period_end <= end)
        ]
        current = in_period[-1] if in_period else None
        board.indicators.append(
            {
                "indicator": indicator,
                "current": current,
                "targets": [t for (i, _), t in targets.items() if i == indicator.pk],
                "series": [
                    {
                        "label": o.period_label or f"{o.get_period_kind_display()} {o.year}",
                        "value": float(o.value) if o.value is not None else None,
                        "obs": o,
                    }
                    for o in rows
                ],
            }
        )

    # Documents the body issued in the period, by type (in the usual order of types).
    docs = visible_documents(user).filter(issuer=body, issued_on__range=(start, end))
    counts = Counter(docs.values_list("doc_type__name", flat=True))
    names = [*REPORT_ORDER, *(t.name for t in DOCUMENT_TYPES if t.name not in REPORT_ORDER)]
    order = {name: i for i, name in enumerate(names)}
    board.documents_by_type = sorted(counts.items(), key=lambda kv: (order.get(kv[0], 999), kv[0]))
    board.documents_total = sum(counts.values())

    # Recommendations the body (or the successor that took over its open work) raised or
    # received, still open, by status and age.
    bodies = [
        body.pk,
        *body.succession_to.filter(receives_open_work=True).values_list("successor_id", flat=True),
    ]
    recs = (
        visible_recommendations(user)
        .filter(Q(raised_by__in=bodies) | Q(addressed_to__in=bodies))
        .filter(received_on__lte=end)
        .exclude(status__in=[str(s) for s in CLOSED])
        .select_related("raised_by")
        .order_by("received_on", "id")
    )
    board.open_recommendations = list(recs)
    labels = dict(STATUS_CHOICES)
    status_counts = Counter(r.status for r in board.open_recommendations)
    board.recommendations_by_status = [
        (labels[s], status_counts[s]) for s, _ in STATUS_CHOICES if status_counts.get(s)
    ]
    today = timezone.localdate()
    ages = Counter()
    for rec in board.open_recommendations:
        age = (today - rec.received_on).days
        rec.age_days = age
        for limit, label in AGE_BUCKETS:
            if limit is None or age < limit:
                ages[label] += 1
                break
    board.recommendations_by_age = [(label, ages.get(label, 0)) for _, label in AGE_BUCKETS]
    return board
