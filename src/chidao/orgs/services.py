"""The only writers of bodies, people and positions."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from chidao.core.access import require
from chidao.core.errors import ServiceError
from chidao.core.services import create_audited, locked, save_changes
from chidao.orgs.models import CommitteeTerm, Organization, Person, Position, Succession
from chidao.orgs.succession import open_work_movers

ORG_FIELDS = {
    "name",
    "short_name",
    "kind",
    "system",
    "parent",
    "symbol",
    "admin_unit",
    "valid_from",
    "valid_to",
}


@transaction.atomic
def do_create_organization(actor, **fields) -> Organization:
    require(actor, "org.manage")
    unknown = set(fields) - ORG_FIELDS
    if unknown:
        raise ServiceError(f"Trường không hợp lệ: {', '.join(sorted(unknown))}")
    return create_audited(actor, "org.create", Organization(**fields))


@transaction.atomic
def do_update_organization(actor, org: Organization, *, expected_version=None, **changes):
    require(actor, "org.manage")
    unknown = set(changes) - ORG_FIELDS
    if unknown:
        raise ServiceError(f"Trường không hợp lệ: {', '.join(sorted(unknown))}")
    row = locked(Organization, org.pk)
    return save_changes(actor, "org.update", row, changes, expected_version=expected_version)


@transaction.atomic
def do_succeed_organization(
    actor,
    org: Organization,
    *,
    ended_on: dt.date,
    successors: list[Organization],
    open_work_to: Organization,
    note: str = "",
) -> dict[str, int]:
    """End ``org`` on ``ended_on``; ``successors`` take over, ``open_work_to`` gets open work.

    Closed history stays with the old body. Returns how many open records each app moved.
    """
    require(actor, "org.manage")
    row = locked(Organization, org.pk)
    if row.valid_to is not None:
        raise ServiceError(f"{row.name} đã kết thúc hoạt động ngày {row.valid_to:%d/%m/%Y}.")
    if not successors:
        raise ServiceError("Cần chọn ít nhất một cơ quan kế thừa.")
    if open_work_to not in successors:
        raise ServiceError("Cơ quan nhận công việc đang mở phải là một trong các cơ quan kế thừa.")
    if any(s.pk == row.pk for s in successors):
        raise ServiceError("Một cơ quan không thể tự kế thừa chính mình.")
    if row.valid_from and ended_on < row.valid_from:
        raise ServiceError("Ngày kết thúc phải sau ngày bắt đầu hoạt động.")
    save_changes(actor, "org.end", row, {"valid_to": ended_on}, note=note)
    for successor in successors:
        link = Succession(
            predecessor=row,
            successor=successor,
            effective=ended_on + dt.timedelta(days=1),
            receives_open_work=successor.pk == open_work_to.pk,
            note=note,
        )
        create_audited(actor, "org.succession", link)
    return {name: mover(row, open_work_to, actor) for name, mover in open_work_movers().items()}


@transaction.atomic
def do_transfer_open_work(actor, org: Organization) -> dict[str, int]:
    """Move to its successor the open work recorded for ``org`` after it ended.

    Records of an ended body can still arrive later (an old report imported, an archive
    loaded): this hands them on the way ``do_succeed_organization`` did for the rest.
    """
    require(actor, "org.manage")
    heir = successor_for_open_work(org)
    if org.valid_to is None or heir is None:
        raise ServiceError(f"{org.name} chưa kết thúc hoặc chưa có cơ quan nhận công việc đang mở.")
    return {name: mover(org, heir, actor) for name, mover in open_work_movers().items()}


def successor_for_open_work(org: Organization) -> Organization | None:
    link = org.succession_to.filter(receives_open_work=True).select_related("successor").first()
    return link.successor if link else None


@transaction.atomic
def do_create_term(actor, org: Organization, *, name: str, starts, ends=None) -> CommitteeTerm:
    require(actor, "org.manage")
    return create_audited(
        actor, "term.create", CommitteeTerm(organization=org, name=name, starts=starts, ends=ends)
    )


@transaction.atomic
def do_create_person(actor, *, full_name: str, note: str = "") -> Person:
    require(actor, "person.manage")
    if not full_name.strip():
        raise ServiceError("Họ và tên không được để trống.", field="full_name")
    return create_audited(actor, "person.create", Person(full_name=full_name.strip(), note=note))


@transaction.atomic
def do_assign_position(
    actor, person: Person, *, title: str, organization=None, valid_from=None, valid_to=None
) -> Position:
    require(actor, "person.manage")
    position = Position(
        person=person,
        title=title.strip(),
        organization=organization,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    if valid_from and valid_to and valid_to < valid_from:
        raise ServiceError("Ngày thôi giữ chức vụ phải sau ngày bắt đầu.")
    return create_audited(actor, "position.assign", position)


@transaction.atomic
def do_end_position(actor, position: Position, *, valid_to: dt.date) -> Position:
    require(actor, "person.manage")
    row = locked(Position, position.pk)
    if row.valid_from and valid_to < row.valid_from:
        raise ServiceError("Ngày thôi giữ chức vụ phải sau ngày bắt đầu.")
    return save_changes(actor, "position.end", row, {"valid_to": valid_to})
