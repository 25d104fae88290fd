"""Which task groups, tasks and progress reports a user may read.

Administrators, leaders and office staff read all of them. A unit user reads a task when
its lead unit (chủ trì) or one of its co-operating units (phối hợp) is in the user's scope
(their body and every body below it: ``core.access.unit_scope_ids``), the progress
reports of those tasks, and the groups owned by a body in scope or holding such a task.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from chidao.core.access import sees_everything, unit_scope_ids
from chidao.core.selectors import get_visible_or_404, is_reader
from chidao.tasks.models import ProgressUpdate, Task, TaskGroup


def visible_tasks(user) -> QuerySet[Task]:
    if not is_reader(user):
        return Task.objects.none()
    if sees_everything(user):
        return Task.objects.all()
    scope = unit_scope_ids(user)
    cooperating = Task.co_units.through.objects.filter(organization_id__in=scope).values("task_id")
    return Task.objects.filter(Q(lead_unit_id__in=scope) | Q(pk__in=cooperating))


def visible_task_groups(user) -> QuerySet[TaskGroup]:
    if not is_reader(user):
        return TaskGroup.objects.none()
    if sees_everything(user):
        return TaskGroup.objects.all()
    scope = unit_scope_ids(user)
    with_tasks = visible_tasks(user).exclude(group__isnull=True).values("group_id")
    return TaskGroup.objects.filter(Q(owner_id__in=scope) | Q(pk__in=with_tasks))


def visible_progress_updates(user) -> QuerySet[ProgressUpdate]:
    if not is_reader(user):
        return ProgressUpdate.objects.none()
    if sees_everything(user):
        return ProgressUpdate.objects.all()
    return ProgressUpdate.objects.filter(task__in=visible_tasks(user).values("pk"))


def get_visible_task(user, pk) -> Task:
    return get_visible_or_404(visible_tasks(user), pk, what="nhiệm vụ")


def get_visible_task_group(user, pk) -> TaskGroup:
    return get_visible_or_404(visible_task_groups(user), pk, what="nhóm nhiệm vụ")


def get_visible_progress_update(user, pk) -> ProgressUpdate:
    return get_visible_or_404(visible_progress_updates(user), pk, what="báo cáo tiến độ")
