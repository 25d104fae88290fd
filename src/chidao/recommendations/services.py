"""The only writers of recommendations, their routing steps and responses.

Every move is checked against :mod:`chidao.recommendations.states` before anything is
written: an illegal move raises InvalidTransition and leaves no trace.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from chidao.core import audit
from chidao.core.access import require, sees_everything, unit_scope_ids
from chidao.core.errors import AccessDenied, ServiceError
from chidao.core.services import create_audited, locked, save_changes
from chidao.recommendations.models import Recommendation, Response, RoutingStep, StepKind
from chidao.recommendations.states import CLOSED, Action, next_status


def _today(today: dt.date | None) -> dt.date:
    return today if today is not None else timezone.localdate()


def _text(value: str, message: str, field: str) -> str:
    if not value or not value.strip():
        raise ServiceError(message, field=field)
    return value.strip()


@transaction.atomic
def do_receive_recommendation(
    actor,
    *,
    text: str,
    raised_by,
    addressed_to,
    received_on: dt.date | None = None,
    meeting=None,
) -> Recommendation:
    """Record a recommendation raised by a body (at a meeting, if given)."""
    require(actor, "recommendation.manage", orgs=[addressed_to])
    rec = Recommendation(
        text=_text(text, "Nội dung kiến nghị không được để trống.", "text"),
        raised_by=raised_by,
        addressed_to=addressed_to,
        received_on=received_on or (meeting.held_on if meeting is not None else _today(None)),
        meeting=meeting,
    )
    return create_audited(actor, "recommendation.receive", rec)


@transaction.atomic
def do_compile_recommendation(
    actor, recommendation: Recommendation, *, by_body, at: dt.date | None = None, note: str = ""
) -> RoutingStep:
    """The office gathers the recommendation into its list (status unchanged)."""
    row = locked(Recommendation, recommendation.pk)
    require(actor, "recommendation.manage", orgs=[row.addressed_to_id])
    next_status(row.status, Action.COMPILE)
    step = RoutingStep(
        recommendation=row, kind=StepKind.COMPILED, by_body=by_body, at=_today(at), note=note
    )
    return create_audited(actor, "recommendation.compile", step)


@transaction.atomic
def do_forward_recommendation(
    actor,
    recommendation: Recommendation,
    *,
    sectors,
    due_on: dt.date | None,
    by_body=None,
    at: dt.date | None = None,
    note: str = "",
) -> list[RoutingStep]:
    """Forward to one or more sectors "nghiên cứu, tham mưu giải quyết", answer due by ``due_on``."""
    row = locked(Recommendation, recommendation.pk)
    require(actor, "recommendation.manage", orgs=[row.addressed_to_id])
    target = next_status(row.status, Action.FORWARD)
    sectors = list(sectors)
    if not sectors:
        raise ServiceError("Cần chọn ít nhất một ngành để chuyển kiến nghị.", field="sectors")
    day = _today(at)
    if due_on is not None and due_on < day:
        raise ServiceError("Hạn trả lời phải từ ngày chuyển trở đi.", field="due_on")
    by = by_body if by_body is not None else (actor.organization or row.addressed_to)
    steps = []
    for sector in sectors:
        step = RoutingStep(
            recommendation=row,
            kind=StepKind.FORWARDED,
            by_body=by,
            to_body=sector,
            due_on=due_on,
            at=day,
            note=note,
        )
        steps.append(create_audited(actor, "recommendation.forward_step", step))
    save_changes(
        actor,
        "recommendation.forward",
        row,
        {"status": target, "due_on": due_on},
        note=", ".join(str(s) for s in sectors),
    )
    return steps


@transaction.atomic
def do_answer_recommendation(
    actor,
    recommendation: Recommendation,
    *,
    text: str,
    from_body=None,
    answered_on: dt.date | None = None,
) -> Response:
    """A sector it was forwarded to (a unit user of it, or the office for it) answers."""
    row = locked(Recommendation, recommendation.pk)
    sectors = row.forwarded_to_ids()
    require(actor, "recommendation.answer", orgs=sectors)
    target = next_status(row.status, Action.ANSWER)
    if from_body is None:
        if not sees_everything(actor):
            mine = sectors & unit_scope_ids(actor)
            from_body = next(iter(sorted(mine)), None)
        elif len(sectors) == 1:
            from_body = next(iter(sectors))
        if from_body is None:
            raise ServiceError("Cần chọn cơ quan trả lời.", field="from_body")
    from_id = getattr(from_body, "pk", from_body)
    if not sees_everything(actor) and from_id not in unit_scope_ids(actor):
        raise AccessDenied("Bạn chỉ trả lời kiến nghị thay cho đơn vị của mình.")
    response = Response(
        recommendation=row,
        from_body_id=from_id,
        text=_text(text, "Nội dung trả lời không được để trống.", "text"),
        answered_on=_today(answered_on),
        by_user=actor if getattr(actor, "pk", None) else None,
    )
    create_audited(actor, "recommendation.answer_response", response)
    save_changes(actor, "recommendation.answer", row, {"status": target})
    return response


@transaction.atomic
def do_resolve_recommendation(
    actor, recommendation: Recommendation, *, on: dt.date | None = None, note: str = ""
) -> Recommendation:
    """The matter was settled."""
    row = locked(Recommendation, recommendation.pk)
    require(actor, "recommendation.manage", orgs=[row.addressed_to_id])
    target = next_status(row.status, Action.RESOLVE)
    return save_changes(
        actor,
        "recommendation.resolve",
        row,
        {"status": target, "closed_on": _today(on), "closing_note": note.strip()},
    )


@transaction.atomic
def do_decline_recommendation(
    actor, recommendation: Recommendation, *, reason: str, on: dt.date | None = None
) -> Recommendation:
    """The recommendation will not be settled; the reason is required."""
    row = locked(Recommendation, recommendation.pk)
    require(actor, "recommendation.manage", orgs=[row.addressed_to_id])
    target = next_status(row.status, Action.DECLINE)
    why = _text(reason, "Cần ghi lý do không giải quyết kiến nghị.", "reason")
    return save_changes(
        actor,
        "recommendation.decline",
        row,
        {"status": target, "closed_on": _today(on), "closing_note": why},
    )


def move_open_recommendations(predecessor, successor, actor) -> int:
    """Succession mover: open recommendations of ``predecessor`` go to ``successor``.

    "Of the body": raised by it, addressed to it, or forwarded to it. Resolved and
    declined ones stay with the old body. Each moved recommendation is audited (and each
    changed routing step). Runs inside ``do_succeed_organization``'s transaction.
    """
    note = f"Chuyển từ {predecessor} sang {successor} (kế thừa)"
    recs = (
        Recommendation.objects.exclude(status__in=[str(s) for s in CLOSED])
        .filter(
            Q(raised_by_id=predecessor.pk)
            | Q(addressed_to_id=predecessor.pk)
            | Q(routing_steps__kind=StepKind.FORWARDED, routing_steps__to_body_id=predecessor.pk)
        )
        .distinct()
        .order_by("pk")
    )
    moved = 0
    for rec in list(recs):
        row = locked(Recommendation, rec.pk)
        changes = {}
        if row.raised_by_id == predecessor.pk:
            changes["raised_by"] = successor
        if row.addressed_to_id == predecessor.pk:
            changes["addressed_to"] = successor
        for step in row.routing_steps.filter(
            kind=StepKind.FORWARDED, to_body_id=predecessor.pk
        ).order_by("pk"):
            step_row = locked(RoutingStep, step.pk)
            save_changes(
                actor, "recommendation.step_succession", step_row, {"to_body": successor}, note=note
            )
        if changes:
            save_changes(actor, "recommendation.succession", row, changes, note=note)
        else:
            audit.record(
                actor, "recommendation.succession", row, before=audit.snapshot(row), note=note
            )
        moved += 1
    return moved
