"""Task status on and around the deadline day, and the roll-up sentence (pure functions)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from chidao.tasks.status import STATUS_LABELS, TaskStatus, derive_status, rollup

DEADLINE = dt.date(2021, 12, 31)
DAY_BEFORE = DEADLINE - dt.timedelta(days=1)
DAY_AFTER = DEADLINE + dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("progress", "deadline", "completed_on", "today", "expected"),
    [
        # not completed, around the deadline day
        (50, DEADLINE, None, DAY_BEFORE, TaskStatus.IN_PROGRESS),
        (50, DEADLINE, None, DEADLINE, TaskStatus.IN_PROGRESS),
        (50, DEADLINE, None, DAY_AFTER, TaskStatus.OVERDUE),
        # not started: within the deadline, then overdue the day after
        (0, DEADLINE, None, DAY_BEFORE, TaskStatus.NOT_STARTED),
        (0, DEADLINE, None, DEADLINE, TaskStatus.NOT_STARTED),
        (0, DEADLINE, None, DAY_AFTER, TaskStatus.OVERDUE),
        # completed before, on, after the deadline (whatever today is)
        (100, DEADLINE, DAY_BEFORE, DAY_AFTER, TaskStatus.COMPLETED_ON_TIME),
        (100, DEADLINE, DEADLINE, DAY_AFTER, TaskStatus.COMPLETED_ON_TIME),
        (100, DEADLINE, DAY_AFTER, DAY_AFTER, TaskStatus.COMPLETED_LATE),
        (100, DEADLINE, dt.date(2022, 3, 1), dt.date(2022, 3, 1), TaskStatus.COMPLETED_LATE),
        # no deadline
        (30, None, None, DAY_AFTER, TaskStatus.NO_DEADLINE),
        (0, None, None, DAY_AFTER, TaskStatus.NOT_STARTED),
        (100, None, DAY_AFTER, DAY_AFTER, TaskStatus.COMPLETED_ON_TIME),
        # 100% reported but not marked completed: still in progress until the deadline
        (100, DEADLINE, None, DEADLINE, TaskStatus.IN_PROGRESS),
    ],
)
def test_derive_status(progress, deadline, completed_on, today, expected):
    assert derive_status(progress, deadline, completed_on, today) is expected


def test_labels_are_the_wording_of_the_tracking_systems():
    assert STATUS_LABELS[TaskStatus.COMPLETED_ON_TIME] == "Hoàn thành đúng hạn"
    assert STATUS_LABELS[TaskStatus.COMPLETED_LATE] == "Hoàn thành nhưng quá hạn"
    assert STATUS_LABELS[TaskStatus.IN_PROGRESS] == "Đang thực hiện trong hạn"
    assert STATUS_LABELS[TaskStatus.OVERDUE] == "Đã quá hạn"
    assert STATUS_LABELS[TaskStatus.NOT_STARTED] == "Chưa thực hiện"
    assert STATUS_LABELS[TaskStatus.NO_DEADLINE] == "Không có thời hạn"
    assert TaskStatus.OVERDUE.label == "Đã quá hạn"


@dataclass
class T:
    progress: int
    deadline: dt.date | None
    completed_on: dt.date | None = None
    weight: Decimal = Decimal(1)
    group_id: int | None = 1
    status: str = ""


def test_rollup_counts_sentence_and_weighted_progress():
    today = dt.date(2021, 8, 19)
    tasks = [T(100, DEADLINE, dt.date(2021, 6, 30), group_id=1)]
    tasks += [T(60, DEADLINE, group_id=1 + i % 5) for i in range(7)]
    tasks += [T(40, None, group_id=3)]
    tasks += [T(20, dt.date(2021, 6, 30), group_id=5, weight=Decimal(2))]
    result = rollup(tasks, today)
    assert result.total == 10
    assert result.groups == 5
    assert (result.completed, result.on_track, result.behind) == (1, 8, 1)
    assert (
        result.sentence == "10 nhiệm vụ thuộc 5 nhóm: 1 hoàn thành, 8 đạt tiến độ, 1 chậm tiến độ"
    )
    # (100 + 7*60 + 40 + 2*20) / 11
    assert result.weighted_progress == Decimal("54.55")


@pytest.mark.parametrize(
    ("tasks", "sentence"),
    [
        ([], "Chưa có nhiệm vụ."),
        (
            [T(0, DEADLINE, group_id=None), T(100, DEADLINE, DAY_AFTER, group_id=None)],
            "2 nhiệm vụ: 1 hoàn thành (1 quá hạn), 0 đạt tiến độ, 0 chậm tiến độ, 1 chưa thực hiện",
        ),
    ],
)
def test_rollup_sentence_edges(tasks, sentence):
    assert rollup(tasks, DEADLINE).sentence == sentence


def test_rollup_without_today_uses_the_stored_status():
    tasks = [T(50, DEADLINE, status="overdue"), T(50, DEADLINE, status="in_progress")]
    result = rollup(tasks)
    assert (result.behind, result.on_track) == (1, 1)
    assert result.weighted_progress == Decimal("50.00")
