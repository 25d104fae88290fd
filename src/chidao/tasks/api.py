"""REST endpoints of key tasks: /api/v1/task-groups, /api/v1/tasks, /api/v1/progress."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q
from ninja import Router, Schema, Status

from chidao.api.common import ERRORS, ids, page_of, paginate, ref, refs, set_fields
from chidao.documents.selectors import visible_documents
from chidao.meetings.selectors import visible_directions
from chidao.orgs.selectors import visible_organizations
from chidao.tasks import selectors, services
from chidao.tasks.models import ProgressState
from chidao.tasks.status import TaskStatus

router = Router(tags=["Nhiệm vụ"])


class TaskGroupOut(Schema):
    id: int
    name: str
    owner: int
    approving_body: int | None
    year: int
    order: int
    version: int

    @staticmethod
    def resolve_owner(obj) -> int:
        return obj.owner_id

    @staticmethod
    def resolve_approving_body(obj) -> int | None:
        return obj.approving_body_id


class TaskGroupIn(Schema):
    name: str
    owner: int
    year: int
    approving_body: int | None = None
    order: int = 0


class TaskOut(Schema):
    id: int
    title: str
    description: str
    group: int | None
    origin_document: int | None
    origin_direction: int | None
    approving_body: int | None
    lead_unit: int
    co_units: list[int]
    deadline: dt.date | None
    weight: float
    progress: int
    started_on: dt.date | None
    completed_on: dt.date | None
    status: str
    status_label: str
    version: int

    @staticmethod
    def resolve_group(obj) -> int | None:
        return obj.group_id

    @staticmethod
    def resolve_origin_document(obj) -> int | None:
        return obj.origin_document_id

    @staticmethod
    def resolve_origin_direction(obj) -> int | None:
        return obj.origin_direction_id

    @staticmethod
    def resolve_approving_body(obj) -> int | None:
        return obj.approving_body_id

    @staticmethod
    def resolve_lead_unit(obj) -> int:
        return obj.lead_unit_id

    @staticmethod
    def resolve_co_units(obj) -> list[int]:
        return ids(obj.co_units)

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class TaskIn(Schema):
    title: str
    lead_unit: int
    group: int | None = None
    description: str = ""
    co_units: list[int] = []
    deadline: dt.date | None = None
    weight: Decimal = Decimal(1)
    approving_body: int | None = None
    origin_document: int | None = None
    origin_direction: int | None = None
    progress: int = 0
    started_on: dt.date | None = None


class TaskPatch(Schema):
    version: int
    title: str | None = None
    lead_unit: int | None = None
    group: int | None = None
    description: str | None = None
    co_units: list[int] | None = None
    deadline: dt.date | None = None
    weight: Decimal | None = None
    approving_body: int | None = None
    origin_document: int | None = None
    origin_direction: int | None = None
    progress: int | None = None
    started_on: dt.date | None = None


class FromDirectionIn(Schema):
    """Defaults: the direction's addressee leads, its deadline applies, its text is the
    title, the meeting's host approves, the meeting's conclusion is the origin."""

    lead_unit: int | None = None
    title: str = ""
    group: int | None = None
    deadline: dt.date | None = None
    co_units: list[int] = []
    weight: Decimal = Decimal(1)
    approving_body: int | None = None


class ProgressOut(Schema):
    id: int
    task: int
    submitted_by: int
    submitted_at: dt.datetime
    progress: int
    note: str
    state: str
    reviewed_by: int | None
    reviewed_at: dt.datetime | None
    return_reason: str
    version: int

    @staticmethod
    def resolve_task(obj) -> int:
        return obj.task_id

    @staticmethod
    def resolve_submitted_by(obj) -> int:
        return obj.submitted_by_id

    @staticmethod
    def resolve_reviewed_by(obj) -> int | None:
        return obj.reviewed_by_id


class ProgressIn(Schema):
    progress: int
    note: str = ""


class AcceptIn(Schema):
    completed_on: dt.date | None = None


class ReturnIn(Schema):
    reason: str


TaskGroupPage = page_of(TaskGroupOut, "TaskGroupPage")
TaskPage = page_of(TaskOut, "TaskPage")
ProgressPage = page_of(ProgressOut, "ProgressPage")


def _resolve(request, data: dict) -> dict:
    """Ids in a task body to records the caller may read (else a 400 naming the field)."""
    user = request.auth
    orgs = visible_organizations(user)
    for name, what in (("lead_unit", "đơn vị chủ trì"), ("approving_body", "cơ quan phê duyệt")):
        if name in data:
            data[name] = ref(orgs, data[name], field=name, what=what)
    if "co_units" in data:
        data["co_units"] = refs(orgs, data["co_units"], field="co_units", what="đơn vị phối hợp")
    if "group" in data:
        data["group"] = ref(
            selectors.visible_task_groups(user), data["group"], field="group", what="nhóm nhiệm vụ"
        )
    if "origin_document" in data:
        data["origin_document"] = ref(
            visible_documents(user),
            data["origin_document"],
            field="origin_document",
            what="văn bản",
        )
    if "origin_direction" in data:
        data["origin_direction"] = ref(
            visible_directions(user),
            data["origin_direction"],
            field="origin_direction",
            what="ý kiến chỉ đạo",
        )
    return data


# --------------------------------------------------------------------------- groups


@router.get("/task-groups", response={200: TaskGroupPage, **ERRORS})
def list_task_groups(
    request,
    body: int | None = None,
    year: int | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
):
    """Groups of key tasks; ``body`` is the owner."""
    qs = selectors.visible_task_groups(request.auth)
    if body is not None:
        qs = qs.filter(owner_id=body)
    if year is not None:
        qs = qs.filter(year=year)
    if q:
        qs = qs.filter(name__icontains=q)
    return paginate(qs.order_by("-year", "order", "id"), limit, offset)


@router.get("/task-groups/{int:group_id}", response={200: TaskGroupOut, **ERRORS})
def get_task_group(request, group_id: int):
    return selectors.get_visible_task_group(request.auth, group_id)


@router.post("/task-groups", response={201: TaskGroupOut, **ERRORS})
def create_task_group(request, payload: TaskGroupIn):
    orgs = visible_organizations(request.auth)
    data = payload.dict()
    data["owner"] = ref(orgs, data["owner"], field="owner", what="cơ quan thực hiện")
    data["approving_body"] = ref(
        orgs, data["approving_body"], field="approving_body", what="cơ quan phê duyệt"
    )
    return Status(201, services.do_create_task_group(request.auth, **data))


# --------------------------------------------------------------------------- tasks


@router.get("/tasks", response={200: TaskPage, **ERRORS})
def list_tasks(
    request,
    body: int | None = None,
    lead_unit: int | None = None,
    group: int | None = None,
    status: TaskStatus | None = None,
    year: int | None = None,
    q: str | None = None,
    open: bool | None = None,
    limit: int = 50,
    offset: int = 0,
):
    """Tasks the caller may read. ``body``: led or co-operated by that body; ``year``: the
    year of the task's group, or of its deadline when it has no group; ``open``: not
    completed (true) or completed (false)."""
    qs = selectors.visible_tasks(request.auth)
    if body is not None:
        cooperating = qs.model.co_units.through.objects.filter(organization_id=body)
        qs = qs.filter(Q(lead_unit_id=body) | Q(pk__in=cooperating.values("task_id")))
    if lead_unit is not None:
        qs = qs.filter(lead_unit_id=lead_unit)
    if group is not None:
        qs = qs.filter(group_id=group)
    if status:
        qs = qs.filter(status=str(status.value))
    if year is not None:
        qs = qs.filter(Q(group__year=year) | Q(group__isnull=True, deadline__year=year))
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(description__icontains=q))
    if open is not None:
        qs = qs.filter(completed_on__isnull=open)
    qs = qs.prefetch_related("co_units").order_by("deadline", "id")
    return paginate(qs, limit, offset)


@router.get("/tasks/{int:task_id}", response={200: TaskOut, **ERRORS})
def get_task(request, task_id: int):
    return selectors.get_visible_task(request.auth, task_id)


@router.post("/tasks", response={201: TaskOut, **ERRORS})
def create_task(request, payload: TaskIn):
    data = _resolve(request, payload.dict())
    return Status(201, services.do_create_task(request.auth, **data))


@router.patch("/tasks/{int:task_id}", response={200: TaskOut, **ERRORS})
def update_task(request, task_id: int, payload: TaskPatch):
    """Change the fields sent; ``version`` is the version read (a stale one gets 409);
    ``co_units`` replaces the co-operating units."""
    task = selectors.get_visible_task(request.auth, task_id)
    data = _resolve(request, set_fields(payload))
    return services.do_update_task(request.auth, task, expected_version=payload.version, **data)


@router.get("/tasks/{int:task_id}/progress", response={200: ProgressPage, **ERRORS})
def list_progress(
    request, task_id: int, state: ProgressState | None = None, limit: int = 50, offset: int = 0
):
    task = selectors.get_visible_task(request.auth, task_id)
    qs = selectors.visible_progress_updates(request.auth).filter(task=task)
    if state:
        qs = qs.filter(state=state)
    return paginate(qs.order_by("-submitted_at", "-id"), limit, offset)


@router.post("/tasks/{int:task_id}/progress", response={201: ProgressOut, **ERRORS})
def submit_progress(request, task_id: int, payload: ProgressIn):
    """A report of progress (0-100 %), waiting for the office to accept or return it."""
    task = selectors.get_visible_task(request.auth, task_id)
    update = services.do_submit_progress(
        request.auth, task, progress=payload.progress, note=payload.note
    )
    return Status(201, update)


@router.get("/progress/{int:update_id}", response={200: ProgressOut, **ERRORS})
def get_progress(request, update_id: int):
    return selectors.get_visible_progress_update(request.auth, update_id)


@router.post("/progress/{int:update_id}/accept", response={200: ProgressOut, **ERRORS})
def accept_progress(request, update_id: int, payload: AcceptIn):
    """Accept a report: the task takes its progress; at 100 % the task is completed."""
    update = selectors.get_visible_progress_update(request.auth, update_id)
    return services.do_accept_progress(request.auth, update, completed_on=payload.completed_on)


@router.post("/progress/{int:update_id}/return", response={200: ProgressOut, **ERRORS})
def return_progress(request, update_id: int, payload: ReturnIn):
    """Return a report to the unit, with the reason."""
    update = selectors.get_visible_progress_update(request.auth, update_id)
    return services.do_return_progress(request.auth, update, reason=payload.reason)


@router.post("/directions/{int:direction_id}/task", response={201: TaskOut, **ERRORS})
def task_from_direction(request, direction_id: int, payload: FromDirectionIn):
    """Turn a meeting's direction into a task."""
    from chidao.core.selectors import get_visible_or_404

    direction = get_visible_or_404(
        visible_directions(request.auth), direction_id, what="ý kiến chỉ đạo"
    )
    data = _resolve(request, payload.dict())
    task = services.do_create_task_from_direction(request.auth, direction, **data)
    return Status(201, task)
