"""The only writers of task groups, tasks and progress updates.

"Today" is the day in Asia/Ho_Chi_Minh (``timezone.localdate()``); every service that
derives a status takes ``today=`` so tests and imports can fix the day.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from chidao.core import audit
from chidao.core.access import require
from chidao.core.actors import system_actor
from chidao.core.errors import Conflict, InvalidTransition, ServiceError
from chidao.core.services import create_audited, full_clean_or_refuse, locked, save_changes
from chidao.tasks.models import ProgressState, ProgressUpdate, Task, TaskGroup
from chidao.tasks.status import GroupRollup, TaskAsOf, derive_status, rollup, task_as_of

TASK_FIELDS = {
    "group",
    "title",
    "description",
    "origin_document",
    "origin_direction",
    "approving_body",
    "lead_unit",
    "deadline",
    "weight",
    "progress",
    "started_on",
    "completed_on",
}


def _today(today: dt.date | None) -> dt.date:
    return today if today is not None else timezone.localdate()


def _status(task: Task, today: dt.date) -> str:
    return str(derive_status(task.progress, task.deadline, task.completed_on, today))


def _check_progress(progress: Any) -> int:
    """A whole percentage from 0 to 100, else a refusal naming the field."""
    try:
        value = Decimal(str(progress).strip())
    except (InvalidOperation, ValueError):
        raise ServiceError("Tiến độ phải là số từ 0 đến 100.", field="progress") from None
    if not value.is_finite() or value != value.to_integral_value():
        raise ServiceError("Tiến độ phải là số nguyên từ 0 đến 100.", field="progress")
    if not 0 <= value <= 100:
        raise ServiceError("Tiến độ phải từ 0 đến 100%.", field="progress")
    return int(value)


def _check_weight(weight: Any) -> Decimal:
    try:
        value = Decimal(str(weight).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ServiceError("Trọng số phải là số lớn hơn 0.", field="weight") from None
    if not value.is_finite() or value <= 0:
        raise ServiceError("Trọng số phải là số lớn hơn 0.", field="weight")
    return value


def _snapshot_with_units(task: Task) -> dict[str, Any]:
    data = audit.snapshot(task) or {}
    data["co_units"] = sorted(task.co_units.values_list("pk", flat=True))
    return data


@transaction.atomic
def do_create_task_group(
    actor, *, name: str, owner, year: int, approving_body=None, order: int = 0
) -> TaskGroup:
    require(actor, "task.manage", orgs=[owner])
    if not name.strip():
        raise ServiceError("Tên nhóm nhiệm vụ không được để trống.", field="name")
    group = TaskGroup(
        name=name.strip(), owner=owner, year=year, approving_body=approving_body, order=order
    )
    return create_audited(actor, "taskgroup.create", group)


@transaction.atomic
def do_create_task(
    actor,
    *,
    title: str,
    lead_unit,
    group: TaskGroup | None = None,
    description: str = "",
    co_units=(),
    deadline: dt.date | None = None,
    weight=1,
    approving_body=None,
    origin_document=None,
    origin_direction=None,
    progress: int = 0,
    started_on: dt.date | None = None,
    completed_on: dt.date | None = None,
    today: dt.date | None = None,
) -> Task:
    """Create a task; the approving body defaults to the group's. Status is derived."""
    require(actor, "task.manage", orgs=[lead_unit])
    if not title.strip():
        raise ServiceError("Tên nhiệm vụ không được để trống.", field="title")
    if approving_body is None and group is not None:
        approving_body = group.approving_body
    task = Task(
        group=group,
        title=title.strip(),
        description=description,
        lead_unit=lead_unit,
        deadline=deadline,
        weight=_check_weight(weight),
        approving_body=approving_body,
        origin_document=origin_document,
        origin_direction=origin_direction,
        progress=_check_progress(progress),
        started_on=started_on,
        completed_on=completed_on,
    )
    _check_dates(task)
    task.status = _status(task, _today(today))
    full_clean_or_refuse(task)
    task.save(force_insert=True)
    co = [u for u in co_units if getattr(u, "pk", u) != lead_unit.pk]
    task.co_units.set(co)
    audit.record(actor, "task.create", task, after=_snapshot_with_units(task))
    return task


def _check_dates(task: Task) -> None:
    if task.completed_on is not None and task.progress != 100:
        raise ServiceError(
            "Nhiệm vụ đã có ngày hoàn thành thì tiến độ phải là 100%.", field="completed_on"
        )
    if task.started_on and task.completed_on and task.completed_on < task.started_on:
        raise ServiceError("Ngày hoàn thành phải sau ngày bắt đầu.", field="completed_on")


@transaction.atomic
def do_update_task(
    actor,
    task: Task,
    *,
    expected_version: int | None = None,
    co_units=None,
    today: dt.date | None = None,
    **changes,
) -> Task:
    """Change a task's fields (``TASK_FIELDS``; ``co_units`` replaces the co-operating units).

    A stale ``expected_version`` raises Conflict and nothing is written.
    """
    unknown = set(changes) - TASK_FIELDS
    if unknown:
        raise ServiceError(f"Trường không hợp lệ: {', '.join(sorted(unknown))}")
    row = locked(Task, task.pk)
    require(actor, "task.manage", orgs=[row.lead_unit_id])
    if "lead_unit" in changes:
        require(actor, "task.manage", orgs=[changes["lead_unit"]])
    if "progress" in changes:
        changes["progress"] = _check_progress(changes["progress"])
    if "weight" in changes:
        changes["weight"] = _check_weight(changes["weight"])
    before = _snapshot_with_units(row)
    if expected_version is not None and row.version != expected_version:
        raise Conflict(
            "Bản ghi đã được người khác sửa sau khi bạn mở nó. "
            "Hãy tải lại trang để xem thay đổi mới rồi sửa lại."
        )
    for name, value in changes.items():
        setattr(row, name, value)
    if row.progress < 100:
        row.completed_on = None
    _check_dates(row)
    row.status = _status(row, _today(today))
    row.version += 1
    full_clean_or_refuse(row)
    row.save()
    if co_units is not None:
        row.co_units.set([u for u in co_units if getattr(u, "pk", u) != row.lead_unit_id])
    audit.record(actor, "task.update", row, before=before, after=_snapshot_with_units(row))
    return row


@transaction.atomic
def do_create_task_from_direction(
    actor,
    direction,
    *,
    lead_unit=None,
    title: str = "",
    group: TaskGroup | None = None,
    deadline: dt.date | None = None,
    co_units=(),
    weight=1,
    approving_body=None,
    today: dt.date | None = None,
) -> Task:
    """Turn a meeting's direction into a task.

    Defaults: the direction's addressee leads, its deadline applies, its text is the title,
    the meeting's host approves, and the meeting's conclusion is the origin document.
    """
    meeting = direction.meeting
    lead = lead_unit or direction.addressed_to
    if lead is None:
        raise ServiceError("Cần chọn đơn vị chủ trì cho nhiệm vụ.", field="lead_unit")
    text = " ".join(direction.text.split())
    return do_create_task(
        actor,
        title=title.strip() or text[:500],
        description=direction.text,
        lead_unit=lead,
        group=group,
        co_units=co_units,
        deadline=deadline if deadline is not None else direction.deadline,
        weight=weight,
        approving_body=approving_body or (group.approving_body if group else None) or meeting.host,
        origin_document=meeting.conclusion,
        origin_direction=direction,
        today=today,
    )


@transaction.atomic
def do_submit_progress(
    actor,
    task: Task,
    *,
    progress: int,
    note: str = "",
    evidence=None,
    submitted_at: dt.datetime | None = None,
) -> ProgressUpdate:
    """A unit of the lead unit (or the office) reports progress; it waits for review."""
    row = locked(Task, task.pk)
    require(actor, "progress.submit", orgs=[row.lead_unit_id])
    value = _check_progress(progress)
    if row.completed_on is not None:
        raise InvalidTransition("Nhiệm vụ đã hoàn thành, không nhận thêm báo cáo tiến độ.")
    update = ProgressUpdate(
        task=row,
        submitted_by=actor,
        submitted_at=submitted_at or timezone.now(),
        progress=value,
        note=note,
        evidence=evidence,
    )
    create_audited(actor, "progress.submit", update)
    return update


def _reviewable(actor, update: ProgressUpdate) -> ProgressUpdate:
    row = locked(ProgressUpdate, update.pk)
    require(actor, "progress.review", orgs=[row.task.lead_unit_id])
    if row.state != ProgressState.SUBMITTED:
        raise InvalidTransition(
            f"Báo cáo tiến độ đang ở tình trạng '{row.get_state_display()}', không duyệt lại được."
        )
    return row


@transaction.atomic
def do_accept_progress(
    actor,
    update: ProgressUpdate,
    *,
    completed_on: dt.date | None = None,
    today: dt.date | None = None,
) -> ProgressUpdate:
    """Accept a report: its progress becomes the task's; at 100% the task is completed.

    The completion day is ``completed_on`` if given, else the day the unit reported it.
    """
    row = _reviewable(actor, update)
    now = timezone.now()
    save_changes(
        actor,
        "progress.accept",
        row,
        {"state": ProgressState.ACCEPTED, "reviewed_by": actor, "reviewed_at": now},
    )
    task = locked(Task, row.task_id)
    reported_on = timezone.localdate(row.submitted_at)
    changes: dict[str, Any] = {"progress": row.progress}
    if row.progress == 100:
        changes["completed_on"] = completed_on or reported_on
    else:
        changes["completed_on"] = None
    if row.progress > 0 and task.started_on is None:
        changes["started_on"] = min(reported_on, changes["completed_on"] or reported_on)
    probe = Task(
        progress=changes["progress"], deadline=task.deadline, completed_on=changes["completed_on"]
    )
    changes["status"] = _status(probe, _today(today))
    save_changes(actor, "task.progress", task, changes, note=f"Duyệt báo cáo tiến độ #{row.pk}")
    return row


@transaction.atomic
def do_return_progress(actor, update: ProgressUpdate, *, reason: str) -> ProgressUpdate:
    """Return a report to the unit, with the reason."""
    row = _reviewable(actor, update)
    if not reason or not reason.strip():
        raise ServiceError("Cần ghi lý do trả lại báo cáo.", field="return_reason")
    save_changes(
        actor,
        "progress.return",
        row,
        {
            "state": ProgressState.RETURNED,
            "reviewed_by": actor,
            "reviewed_at": timezone.now(),
            "return_reason": reason.strip(),
        },
    )
    return row


def _set_status(actor, task: Task, status: str, action: str, note: str = "") -> None:
    """Store a derived status without a version bump (it is not an edit), audited."""
    before = audit.snapshot(task)
    task.status = status
    task.save(update_fields=["status", "updated_at"])
    audit.record(actor, action, task, before=before, note=note)


@transaction.atomic
def do_refresh_statuses(actor=None, *, today: dt.date | None = None) -> int:
    """Bring every open task's stored status up to date (nightly). Returns how many changed."""
    actor = actor or system_actor()
    require(actor, "task.manage")
    day = _today(today)
    changed = 0
    # A completed task's status depends only on its dates, so only open tasks can change.
    for task in Task.objects.open().select_for_update().order_by("pk"):
        status = _status(task, day)
        if status != task.status:
            _set_status(
                actor, task, status, "task.status", note=f"Cập nhật trạng thái ngày {day:%d/%m/%Y}"
            )
            changed += 1
    return changed


def move_open_tasks(predecessor, successor, actor) -> int:
    """Succession mover: open tasks led by (or co-operated by) ``predecessor`` go to ``successor``.

    Completed tasks stay with the old body. Each moved task is audited. Runs inside
    ``do_succeed_organization``'s transaction.
    """
    moved = 0
    note = f"Chuyển từ {predecessor} sang {successor} (kế thừa)"
    open_tasks = (
        Task.objects.open()
        .filter(Q(lead_unit_id=predecessor.pk) | Q(co_units__id=predecessor.pk))
        .distinct()
        .order_by("pk")
    )
    for task in list(open_tasks):
        row = locked(Task, task.pk)
        before = _snapshot_with_units(row)
        if row.lead_unit_id == predecessor.pk:
            row.lead_unit = successor
            row.version += 1
            row.save()
        if row.co_units.filter(pk=predecessor.pk).exists():
            row.co_units.remove(predecessor)
            if row.lead_unit_id != successor.pk:
                row.co_units.add(successor)
        audit.record(
            actor,
            "task.succession",
            row,
            before=before,
            after=_snapshot_with_units(row),
            note=note,
        )
        moved += 1
    return moved


def rollup_for_body(
    body, year: int, *, today: dt.date | None = None, as_of: dt.date | None = None
) -> GroupRollup:
    """The roll-up of a body's key tasks for a year (its groups of that year).

    With ``as_of`` the tasks are taken as they stood on that day (their progress from the
    reports accepted by then), so a past review's figures can be rebuilt from the records.
    """
    tasks = Task.objects.for_body_year(body, year)
    if as_of is None:
        return rollup(tasks, today)
    return rollup(tasks_as_of(tasks, as_of), as_of)


def tasks_as_of(tasks, day: dt.date) -> list[TaskAsOf]:
    """Each task as it stood on ``day`` (see ``status.task_as_of``), in one query for reports."""
    tasks = list(tasks)
    accepted: dict[int, list[tuple[dt.date, int]]] = {task.pk: [] for task in tasks}
    reports = ProgressUpdate.objects.filter(
        task__in=tasks, state=ProgressState.ACCEPTED
    ).values_list("task_id", "submitted_at", "progress")
    for task_id, submitted_at, progress in reports:
        accepted[task_id].append((timezone.localdate(submitted_at), progress))
    return [task_as_of(task, accepted[task.pk], day) for task in tasks]


def rollup_for_group(group: TaskGroup, *, today: dt.date | None = None) -> GroupRollup:
    return rollup(group.tasks.all(), today)
