"""Who may do what: one table of rules, read by every service and every view.

Administrators, leaders and office staff act across the committee's bodies; a unit user
acts only on work whose body is their own organization (or one below it). Classified
documents are shown only to users cleared for their level.
"""

from __future__ import annotations

from collections.abc import Iterable

from chidao.core.errors import AccessDenied
from chidao.core.models import Classification, Role

ADMIN, LEADER, OFFICE, UNIT = Role.ADMIN, Role.LEADER, Role.OFFICE, Role.UNIT

# action -> (roles allowed, Vietnamese wording for the refusal message)
RULES: dict[str, tuple[frozenset[str], str]] = {
    "org.manage": (frozenset({ADMIN}), "quản lý cơ quan, tổ chức"),
    "person.manage": (frozenset({ADMIN, OFFICE}), "quản lý cán bộ, chức vụ"),
    "document.manage": (frozenset({ADMIN, OFFICE}), "quản lý văn bản"),
    "document.reserve_number": (frozenset({ADMIN, OFFICE}), "lấy số văn bản"),
    "meeting.manage": (frozenset({ADMIN, OFFICE}), "quản lý hội nghị, buổi làm việc"),
    "task.manage": (frozenset({ADMIN, OFFICE}), "giao, sửa nhiệm vụ"),
    "progress.submit": (frozenset({ADMIN, OFFICE, UNIT}), "báo cáo tiến độ"),
    "progress.review": (frozenset({ADMIN, OFFICE, LEADER}), "duyệt báo cáo tiến độ"),
    "recommendation.manage": (frozenset({ADMIN, OFFICE}), "tiếp nhận, chuyển kiến nghị"),
    "recommendation.answer": (frozenset({ADMIN, OFFICE, UNIT}), "trả lời kiến nghị"),
    "indicator.manage": (frozenset({ADMIN, OFFICE}), "quản lý chỉ tiêu"),
    "observation.record": (frozenset({ADMIN, OFFICE, UNIT}), "cập nhật số liệu chỉ tiêu"),
    "source.review": (frozenset({ADMIN, OFFICE}), "duyệt dữ liệu trích xuất"),
    "source.import": (frozenset({ADMIN, OFFICE}), "nhập văn bản nguồn và dữ liệu trích xuất"),
    "audit.view": (frozenset({ADMIN, LEADER, OFFICE}), "xem nhật ký thay đổi"),
    "user.manage": (frozenset({ADMIN}), "quản lý người dùng"),
    "reminder.rules": (frozenset({ADMIN, OFFICE}), "sửa quy tắc nhắc việc"),
    "reminder.run": (frozenset({ADMIN, OFFICE}), "chạy gửi nhắc việc"),
    "exchange.import": (frozenset({ADMIN, OFFICE}), "nhập dữ liệu từ bảng tính"),
    "exchange.export": (frozenset({ADMIN, OFFICE}), "xuất dữ liệu ra bảng tính"),
    "admin.edit": (frozenset({ADMIN}), "sửa dữ liệu trong trang quản trị"),
}


def _role(user) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser:
        return ADMIN
    return user.role


def unit_scope_ids(user) -> set[int]:
    """Ids of the bodies a unit user acts for: their own, every body below it, and the
    bodies it succeeded (a commune keeps reading the ended district's history)."""
    from chidao.orgs.models import Organization, Succession

    if user.organization_id is None:
        return set()
    scope = Organization.subtree_ids(user.organization_id)
    predecessors = set(
        Succession.objects.filter(successor_id__in=scope).values_list("predecessor_id", flat=True)
    )
    for predecessor in predecessors - scope:
        scope |= Organization.subtree_ids(predecessor)
    return scope


def sees_everything(user) -> bool:
    return _role(user) in (ADMIN, LEADER, OFFICE)


def can(user, action: str, *, orgs: Iterable | None = None) -> bool:
    """May ``user`` do ``action``, on work belonging to any of ``orgs`` (bodies or ids)?"""
    role = _role(user)
    allowed, _ = RULES[action]
    if role is None or role not in allowed:
        return False
    if role != UNIT:
        return True
    if orgs is None:
        return False
    scope = unit_scope_ids(user)
    return any((getattr(o, "pk", o) in scope) for o in orgs if o is not None)


def require(user, action: str, *, orgs: Iterable | None = None) -> None:
    if not can(user, action, orgs=orgs):
        _, wording = RULES[action]
        raise AccessDenied(f"Bạn không có quyền {wording}.")


def can_view_org_work(user, orgs: Iterable) -> bool:
    """May ``user`` read work (tasks, recommendations, ...) belonging to any of ``orgs``?"""
    role = _role(user)
    if role is None:
        return False
    if role != UNIT:
        return True
    scope = unit_scope_ids(user)
    return any((getattr(o, "pk", o) in scope) for o in orgs if o is not None)


def cleared_for(user, classification: int) -> bool:
    role = _role(user)
    if role is None:
        return False
    if classification <= Classification.NORMAL:
        return True
    return getattr(user, "clearance", 0) >= classification or bool(user.is_superuser)
