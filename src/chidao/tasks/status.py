"""A task's status from its progress and dates, and the roll-up of a set of tasks (pure Python).

Rules, with ``today`` the day in Asia/Ho_Chi_Minh:

- completed (``completed_on`` set): on time when completed on or before the deadline, late
  when after it; a completed task without a deadline counts as completed on time;
- not completed, deadline passed (``today`` after the deadline): overdue, whatever the
  progress — the deadline day itself is still within the deadline;
- not completed, progress 0: not started;
- otherwise in progress: "within the deadline" when it has one, "no deadline" when not.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any, Protocol


class TaskStatus(StrEnum):
    COMPLETED_ON_TIME = "completed_on_time"
    COMPLETED_LATE = "completed_late"
    IN_PROGRESS = "in_progress"
    OVERDUE = "overdue"
    NOT_STARTED = "not_started"
    NO_DEADLINE = "no_deadline"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS: dict[TaskStatus, str] = {
    TaskStatus.COMPLETED_ON_TIME: "Hoàn thành đúng hạn",
    TaskStatus.COMPLETED_LATE: "Hoàn thành nhưng quá hạn",
    TaskStatus.IN_PROGRESS: "Đang thực hiện trong hạn",
    TaskStatus.OVERDUE: "Đã quá hạn",
    TaskStatus.NOT_STARTED: "Chưa thực hiện",
    TaskStatus.NO_DEADLINE: "Không có thời hạn",
}

STATUS_CHOICES: list[tuple[str, str]] = [(s.value, STATUS_LABELS[s]) for s in TaskStatus]

COMPLETED = frozenset({TaskStatus.COMPLETED_ON_TIME, TaskStatus.COMPLETED_LATE})
# "đạt tiến độ" in the reports: in progress within the deadline, or with no deadline.
ON_TRACK = frozenset({TaskStatus.IN_PROGRESS, TaskStatus.NO_DEADLINE})
BEHIND = frozenset({TaskStatus.OVERDUE})


def derive_status(
    progress: int | Decimal | None,
    deadline: dt.date | None,
    completed_on: dt.date | None,
    today: dt.date,
) -> TaskStatus:
    """The status of one task on ``today`` (see the module's rules)."""
    if completed_on is not None:
        if deadline is None or completed_on <= deadline:
            return TaskStatus.COMPLETED_ON_TIME
        return TaskStatus.COMPLETED_LATE
    if deadline is not None and today > deadline:
        return TaskStatus.OVERDUE
    if not progress:
        return TaskStatus.NOT_STARTED
    if deadline is None:
        return TaskStatus.NO_DEADLINE
    return TaskStatus.IN_PROGRESS


class TaskLike(Protocol):
    progress: Any
    deadline: dt.date | None
    completed_on: dt.date | None
    weight: Any
    group_id: Any
    status: Any


@dataclass(frozen=True)
class GroupRollup:
    """Totals for a set of tasks, and the sentence a report writes about them."""

    total: int
    groups: int
    weighted_progress: Decimal
    counts: dict[TaskStatus, int] = field(default_factory=dict)

    @property
    def completed(self) -> int:
        return sum(self.counts.get(s, 0) for s in COMPLETED)

    @property
    def completed_late(self) -> int:
        return self.counts.get(TaskStatus.COMPLETED_LATE, 0)

    @property
    def on_track(self) -> int:
        return sum(self.counts.get(s, 0) for s in ON_TRACK)

    @property
    def behind(self) -> int:
        return sum(self.counts.get(s, 0) for s in BEHIND)

    @property
    def not_started(self) -> int:
        return self.counts.get(TaskStatus.NOT_STARTED, 0)

    @property
    def labelled_counts(self) -> list[tuple[str, int]]:
        """(Vietnamese label, count) for every status, in the order of ``TaskStatus``."""
        return [(STATUS_LABELS[s], self.counts.get(s, 0)) for s in TaskStatus]

    @property
    def sentence(self) -> str:
        """ "10 nhiệm vụ thuộc 5 nhóm: 1 hoàn thành, 8 đạt tiến độ, 1 chậm tiến độ".

        The three usual parts are always written; "chưa thực hiện" only when there are
        such tasks, and how many of the completed were late only when some were.
        """
        if self.total == 0:
            return "Chưa có nhiệm vụ."
        head = f"{self.total} nhiệm vụ"
        if self.groups:
            head += f" thuộc {self.groups} nhóm"
        done = f"{self.completed} hoàn thành"
        if self.completed_late:
            done += f" ({self.completed_late} quá hạn)"
        parts = [done, f"{self.on_track} đạt tiến độ", f"{self.behind} chậm tiến độ"]
        if self.not_started:
            parts.append(f"{self.not_started} chưa thực hiện")
        return f"{head}: {', '.join(parts)}"


@dataclass(frozen=True)
class TaskAsOf:
    """A task as it stood on a past day: the progress accepted by then, completion if done."""

    progress: int
    deadline: dt.date | None
    completed_on: dt.date | None
    weight: Any
    group_id: Any
    status: TaskStatus
    task: Any = None


def task_as_of(task: TaskLike, accepted: Iterable[tuple[dt.date, int]], day: dt.date) -> TaskAsOf:
    """``task`` on ``day``, given its accepted reports as (day reported, progress) pairs.

    A task whose reports all came later had no accepted progress yet (0). Without any report
    its recorded progress stands, except that it was not complete before its completion day.
    """
    accepted = sorted(accepted)
    reported = [progress for on, progress in accepted if on <= day]
    completed = task.completed_on if task.completed_on and task.completed_on <= day else None
    if reported:
        progress = reported[-1]
    elif accepted:
        progress = 0
    elif completed is not None:
        progress = 100
    else:
        progress = task.progress or 0
    if completed is None and progress >= 100:
        progress = 99  # reported complete only after this day
    status = derive_status(progress, task.deadline, completed, day)
    return TaskAsOf(progress, task.deadline, completed, task.weight, task.group_id, status, task)


def _status_of(task: TaskLike, today: dt.date | None) -> TaskStatus:
    if today is not None:
        return derive_status(task.progress, task.deadline, task.completed_on, today)
    return TaskStatus(task.status)


def rollup(tasks: Iterable[TaskLike], today: dt.date | None = None) -> GroupRollup:
    """Roll up tasks: weighted progress, counts by status, distinct groups, the sentence.

    With ``today`` each status is derived from the task's progress and dates; without it
    the stored ``status`` is used. Weighted progress is sum(weight × progress) / sum(weight),
    rounded to two decimal places (0 when there is no weight at all).
    """
    counts: Counter[TaskStatus] = Counter()
    groups: set[Any] = set()
    total = 0
    weight_sum = Decimal(0)
    weighted = Decimal(0)
    for task in tasks:
        total += 1
        counts[_status_of(task, today)] += 1
        if task.group_id is not None:
            groups.add(task.group_id)
        weight = Decimal(str(task.weight if task.weight is not None else 1))
        weight_sum += weight
        weighted += weight * Decimal(str(task.progress or 0))
    progress = (weighted / weight_sum) if weight_sum else Decimal(0)
    return GroupRollup(
        total=total,
        groups=len(groups),
        weighted_progress=progress.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
        counts={s: counts.get(s, 0) for s in TaskStatus},
    )
