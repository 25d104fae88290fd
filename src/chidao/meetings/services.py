"""The only writers of meetings, their participants, conclusions and directions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max

from chidao.core import audit
from chidao.core.access import require
from chidao.core.errors import Conflict, ServiceError
from chidao.core.services import create_audited, full_clean_or_refuse, locked, save_changes
from chidao.documents.models import Document
from chidao.meetings.models import Direction, Meeting, MeetingKind, Participant, ParticipantRole
from chidao.orgs.models import Organization, Person

MEETING_FIELDS = {"kind", "title", "held_on", "place", "host", "chair", "period_label"}
MEETING_M2M = {"visiting_bodies", "documents_presented"}
DIRECTION_FIELDS = {"text", "given_by", "addressed_to", "deadline", "order"}


def meeting_state(meeting: Meeting) -> dict[str, Any]:
    """A meeting's fields with its visiting bodies and documents presented (ids, sorted)."""
    state = audit.snapshot(meeting) or {}
    state["visiting_bodies"] = sorted(meeting.visiting_bodies.values_list("pk", flat=True))
    state["documents_presented"] = sorted(meeting.documents_presented.values_list("pk", flat=True))
    return state


def _check_fields(fields: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise ServiceError(f"Trường không hợp lệ: {', '.join(sorted(unknown))}")


def _check_meeting(fields: dict[str, Any]) -> None:
    if "kind" in fields and fields["kind"] not in MeetingKind.values:
        raise ServiceError(f"Loại hội nghị '{fields['kind']}' không hợp lệ.", field="kind")
    if "title" in fields and not (fields["title"] or "").strip():
        raise ServiceError("Tiêu đề không được để trống.", field="title")
    if "held_on" in fields and not isinstance(fields["held_on"], dt.date):
        raise ServiceError("Cần nhập ngày họp.", field="held_on")
    if "host" in fields and not isinstance(fields["host"], Organization):
        raise ServiceError("Cần chọn cơ quan chủ trì, nơi làm việc.", field="host")
    if fields.get("chair") is not None and not isinstance(fields["chair"], Person):
        raise ServiceError("Người chủ trì không hợp lệ.", field="chair")


def _m2m_lists(fields: dict[str, Any]) -> dict[str, list]:
    lists = {}
    for name in MEETING_M2M & set(fields):
        values = list(fields.pop(name) or [])
        model = Organization if name == "visiting_bodies" else Document
        if not all(isinstance(v, model) and v.pk for v in values):
            raise ServiceError("Danh sách cơ quan hoặc văn bản không hợp lệ.", field=name)
        lists[name] = values
    return lists


def _check_m2m(meeting_host_id, lists: dict[str, list]) -> None:
    bodies = lists.get("visiting_bodies") or []
    if any(b.pk == meeting_host_id for b in bodies):
        raise ServiceError(
            "Cơ quan chủ trì không đồng thời là đoàn công tác đến làm việc.",
            field="visiting_bodies",
        )


@transaction.atomic
def do_create_meeting(
    actor,
    *,
    kind: str,
    title: str,
    held_on: dt.date,
    host: Organization,
    place: str = "",
    chair: Person | None = None,
    period_label: str = "",
    visiting_bodies: Iterable[Organization] = (),
    documents_presented: Iterable[Document] = (),
) -> Meeting:
    require(actor, "meeting.manage", orgs=[host])
    fields: dict[str, Any] = {
        "kind": kind,
        "title": title,
        "held_on": held_on,
        "host": host,
        "place": place,
        "chair": chair,
        "period_label": period_label,
        "visiting_bodies": visiting_bodies,
        "documents_presented": documents_presented,
    }
    lists = _m2m_lists(fields)
    _check_meeting(fields)
    _check_m2m(host.pk, lists)
    fields["title"] = fields["title"].strip()
    meeting = Meeting(**fields)
    full_clean_or_refuse(meeting)
    meeting.save(force_insert=True)
    for name, values in lists.items():
        getattr(meeting, name).set(values)
    audit.record(actor, "meeting.create", meeting, before=None, after=meeting_state(meeting))
    return meeting


@transaction.atomic
def do_update_meeting(actor, meeting: Meeting, *, expected_version=None, **changes) -> Meeting:
    """Change a meeting's fields; ``visiting_bodies`` and ``documents_presented`` replace
    the lists."""
    _check_fields(changes, MEETING_FIELDS | MEETING_M2M)
    require(actor, "meeting.manage", orgs=[meeting.host])
    row = locked(Meeting, meeting.pk)
    if expected_version is not None and row.version != expected_version:
        raise Conflict(
            "Bản ghi đã được người khác sửa sau khi bạn mở nó. "
            "Hãy tải lại trang để xem thay đổi mới rồi sửa lại."
        )
    changes = dict(changes)
    lists = _m2m_lists(changes)
    _check_meeting(changes)
    _check_m2m(
        changes.get("host", row.host).pk,
        {"visiting_bodies": lists.get("visiting_bodies", list(row.visiting_bodies.all()))},
    )
    if "title" in changes:
        changes["title"] = changes["title"].strip()
    before = meeting_state(row)
    changes = {k: v for k, v in changes.items() if getattr(row, k) != v}
    lists = {
        name: values
        for name, values in lists.items()
        if sorted(v.pk for v in values) != before[name]
    }
    if not changes and not lists:
        return row
    for name, value in changes.items():
        setattr(row, name, value)
    if row.conclusion_id and row.conclusion.issued_on and row.conclusion.issued_on < row.held_on:
        raise ServiceError("Văn bản kết luận không thể ban hành trước ngày họp.", field="held_on")
    row.version += 1
    full_clean_or_refuse(row)
    row.save()
    for name, values in lists.items():
        getattr(row, name).set(values)
    after = meeting_state(row)
    audit.record(actor, "meeting.update", row, before=before, after=after)
    return row


@transaction.atomic
def do_add_participant(
    actor,
    meeting: Meeting,
    *,
    person: Person,
    title_at_meeting: str = "",
    role: str = ParticipantRole.MEMBER,
) -> Participant:
    require(actor, "meeting.manage", orgs=[meeting.host])
    if not isinstance(person, Person) or not person.pk:
        raise ServiceError("Cần chọn cán bộ tham dự.", field="person")
    if role not in ParticipantRole.values:
        raise ServiceError(f"Vai trò '{role}' không hợp lệ.", field="role")
    if Participant.objects.filter(meeting=meeting, person=person).exists():
        raise ServiceError(f"{person} đã có trong danh sách tham dự.", field="person")
    participant = Participant(
        meeting=meeting,
        person=person,
        title_at_meeting=(title_at_meeting or "").strip(),
        role=role,
    )
    return create_audited(actor, "meeting.add_participant", participant)


@transaction.atomic
def do_set_conclusion(actor, meeting: Meeting, document: Document | None) -> Meeting:
    """Record the document that concludes ``meeting`` (a Kết luận, Thông báo kết luận...);
    None clears it."""
    require(actor, "meeting.manage", orgs=[meeting.host])
    row = locked(Meeting, meeting.pk)
    if document is not None:
        if not isinstance(document, Document) or not document.pk:
            raise ServiceError("Văn bản kết luận không hợp lệ.", field="conclusion")
        if document.issued_on is not None and document.issued_on < row.held_on:
            raise ServiceError(
                f"Văn bản kết luận ban hành ngày {document.issued_on:%d/%m/%Y}, "
                f"trước ngày họp {row.held_on:%d/%m/%Y}.",
                field="conclusion",
            )
    return save_changes(actor, "meeting.set_conclusion", row, {"conclusion": document})


def _check_direction(meeting: Meeting, fields: dict[str, Any]) -> None:
    if "text" in fields and not (fields["text"] or "").strip():
        raise ServiceError("Nội dung chỉ đạo không được để trống.", field="text")
    if fields.get("given_by") is not None and not isinstance(fields["given_by"], Person):
        raise ServiceError("Người chỉ đạo không hợp lệ.", field="given_by")
    if fields.get("addressed_to") is not None and not isinstance(
        fields["addressed_to"], Organization
    ):
        raise ServiceError("Cơ quan được giao không hợp lệ.", field="addressed_to")
    deadline = fields.get("deadline")
    if deadline is not None:
        if not isinstance(deadline, dt.date):
            raise ServiceError("Thời hạn không hợp lệ.", field="deadline")
        if deadline < meeting.held_on:
            raise ServiceError(
                f"Thời hạn {deadline:%d/%m/%Y} trước ngày họp {meeting.held_on:%d/%m/%Y}.",
                field="deadline",
            )


@transaction.atomic
def do_add_direction(
    actor,
    meeting: Meeting,
    *,
    text: str,
    given_by: Person | None = None,
    addressed_to: Organization | None = None,
    deadline: dt.date | None = None,
    order: int | None = None,
) -> Direction:
    """A direction given at ``meeting``; ``order`` defaults to after the last one."""
    require(actor, "meeting.manage", orgs=[meeting.host])
    fields = {
        "text": text,
        "given_by": given_by,
        "addressed_to": addressed_to,
        "deadline": deadline,
    }
    _check_direction(meeting, fields)
    if order is None:
        last = Direction.objects.filter(meeting=meeting).aggregate(m=Max("order"))["m"]
        order = 1 if last is None else last + 1
    direction = Direction(meeting=meeting, order=order, **{**fields, "text": text.strip()})
    return create_audited(actor, "meeting.add_direction", direction)


@transaction.atomic
def do_update_direction(
    actor, direction: Direction, *, expected_version=None, **changes
) -> Direction:
    _check_fields(changes, DIRECTION_FIELDS)
    require(actor, "meeting.manage", orgs=[direction.meeting.host])
    row = locked(Direction, direction.pk)
    _check_direction(row.meeting, changes)
    if "text" in changes:
        changes["text"] = changes["text"].strip()
    return save_changes(
        actor, "meeting.update_direction", row, changes, expected_version=expected_version
    )
