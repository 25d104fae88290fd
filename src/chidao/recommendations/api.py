"""REST endpoints of recommendations (kiến nghị): /api/v1/recommendations.

The moves (compile, forward, answer, resolve, decline) are actions; an illegal move is a
409. There is no update of a recommendation's text: the services keep it as received.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from ninja import Router, Schema, Status

from chidao.api.common import ERRORS, page_of, paginate, ref, refs
from chidao.meetings.selectors import visible_meetings
from chidao.orgs.selectors import visible_organizations
from chidao.recommendations import selectors, services
from chidao.recommendations.models import RoutingStep, StepKind
from chidao.recommendations.states import RecStatus

router = Router(tags=["Kiến nghị"])


class StepOut(Schema):
    id: int
    kind: str
    by_body: int
    to_body: int | None
    due_on: dt.date | None
    at: dt.date
    note: str

    @staticmethod
    def resolve_by_body(obj) -> int:
        return obj.by_body_id

    @staticmethod
    def resolve_to_body(obj) -> int | None:
        return obj.to_body_id


class ResponseOut(Schema):
    id: int
    from_body: int
    text: str
    answered_on: dt.date
    by_user: int | None

    @staticmethod
    def resolve_from_body(obj) -> int:
        return obj.from_body_id

    @staticmethod
    def resolve_by_user(obj) -> int | None:
        return obj.by_user_id


class RecommendationOut(Schema):
    id: int
    text: str
    raised_by: int
    addressed_to: int
    meeting: int | None
    received_on: dt.date
    status: str
    status_label: str
    due_on: dt.date | None
    is_overdue: bool
    closed_on: dt.date | None
    closing_note: str
    routing_steps: list[StepOut]
    responses: list[ResponseOut]
    version: int

    @staticmethod
    def resolve_raised_by(obj) -> int:
        return obj.raised_by_id

    @staticmethod
    def resolve_addressed_to(obj) -> int:
        return obj.addressed_to_id

    @staticmethod
    def resolve_meeting(obj) -> int | None:
        return obj.meeting_id

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_is_overdue(obj) -> bool:
        return obj.is_overdue(timezone.localdate())

    @staticmethod
    def resolve_routing_steps(obj) -> list:
        return list(obj.routing_steps.all())

    @staticmethod
    def resolve_responses(obj) -> list:
        return list(obj.responses.all())


class RecommendationIn(Schema):
    text: str
    raised_by: int
    addressed_to: int
    received_on: dt.date | None = None
    meeting: int | None = None


class CompileIn(Schema):
    by_body: int
    at: dt.date | None = None
    note: str = ""


class ForwardIn(Schema):
    sectors: list[int]
    due_on: dt.date | None = None
    by_body: int | None = None
    at: dt.date | None = None
    note: str = ""


class AnswerIn(Schema):
    text: str
    from_body: int | None = None
    answered_on: dt.date | None = None


class ResolveIn(Schema):
    on: dt.date | None = None
    note: str = ""


class DeclineIn(Schema):
    reason: str
    on: dt.date | None = None


RecommendationPage = page_of(RecommendationOut, "RecommendationPage")


def _org(request, pk, field: str, what: str = "cơ quan"):
    return ref(visible_organizations(request.auth), pk, field=field, what=what)


def _fresh(request, pk: int):
    return selectors.get_visible_recommendation(request.auth, pk)


@router.get("/recommendations", response={200: RecommendationPage, **ERRORS})
def list_recommendations(
    request,
    body: int | None = None,
    raised_by: int | None = None,
    addressed_to: int | None = None,
    forwarded_to: int | None = None,
    meeting: int | None = None,
    status: RecStatus | None = None,
    year: int | None = None,
    q: str | None = None,
    overdue: bool | None = None,
    limit: int = 50,
    offset: int = 0,
):
    """Recommendations the caller may read. ``body``: raised by, addressed to or forwarded
    to that body; ``year``: the year received; ``overdue``: forwarded, unanswered and past
    the due date."""
    qs = selectors.visible_recommendations(request.auth)

    def forwarded(org_id):
        return RoutingStep.objects.filter(kind=StepKind.FORWARDED, to_body_id=org_id).values(
            "recommendation_id"
        )

    if body is not None:
        qs = qs.filter(Q(raised_by_id=body) | Q(addressed_to_id=body) | Q(pk__in=forwarded(body)))
    if raised_by is not None:
        qs = qs.filter(raised_by_id=raised_by)
    if addressed_to is not None:
        qs = qs.filter(addressed_to_id=addressed_to)
    if forwarded_to is not None:
        qs = qs.filter(pk__in=forwarded(forwarded_to))
    if meeting is not None:
        qs = qs.filter(meeting_id=meeting)
    if status:
        qs = qs.filter(status=str(status.value))
    if year is not None:
        qs = qs.filter(received_on__year=year)
    if q:
        qs = qs.filter(text__icontains=q)
    if overdue is not None:
        late = qs.model.objects.overdue(timezone.localdate()).values("pk")
        qs = qs.filter(pk__in=late) if overdue else qs.exclude(pk__in=late)
    qs = qs.prefetch_related("routing_steps", "responses").order_by("-received_on", "-id")
    return paginate(qs, limit, offset)


@router.get("/recommendations/{int:rec_id}", response={200: RecommendationOut, **ERRORS})
def get_recommendation(request, rec_id: int):
    return _fresh(request, rec_id)


@router.post("/recommendations", response={201: RecommendationOut, **ERRORS})
def receive_recommendation(request, payload: RecommendationIn):
    """Record a recommendation raised by a body (status: received)."""
    meeting = ref(visible_meetings(request.auth), payload.meeting, field="meeting", what="hội nghị")
    rec = services.do_receive_recommendation(
        request.auth,
        text=payload.text,
        raised_by=_org(request, payload.raised_by, "raised_by"),
        addressed_to=_org(request, payload.addressed_to, "addressed_to"),
        received_on=payload.received_on,
        meeting=meeting,
    )
    return Status(201, rec)


@router.post("/recommendations/{int:rec_id}/compile", response={200: RecommendationOut, **ERRORS})
def compile_recommendation(request, rec_id: int, payload: CompileIn):
    rec = _fresh(request, rec_id)
    services.do_compile_recommendation(
        request.auth,
        rec,
        by_body=_org(request, payload.by_body, "by_body"),
        at=payload.at,
        note=payload.note,
    )
    return _fresh(request, rec_id)


@router.post("/recommendations/{int:rec_id}/forward", response={200: RecommendationOut, **ERRORS})
def forward_recommendation(request, rec_id: int, payload: ForwardIn):
    """Forward to the sectors "nghiên cứu, tham mưu giải quyết", answer due by ``due_on``."""
    rec = _fresh(request, rec_id)
    services.do_forward_recommendation(
        request.auth,
        rec,
        sectors=refs(
            visible_organizations(request.auth), payload.sectors, field="sectors", what="ngành"
        ),
        due_on=payload.due_on,
        by_body=_org(request, payload.by_body, "by_body"),
        at=payload.at,
        note=payload.note,
    )
    return _fresh(request, rec_id)


@router.post("/recommendations/{int:rec_id}/answer", response={200: RecommendationOut, **ERRORS})
def answer_recommendation(request, rec_id: int, payload: AnswerIn):
    """An answer from a sector it was forwarded to (its unit users, or the office)."""
    rec = _fresh(request, rec_id)
    services.do_answer_recommendation(
        request.auth,
        rec,
        text=payload.text,
        from_body=_org(request, payload.from_body, "from_body"),
        answered_on=payload.answered_on,
    )
    return _fresh(request, rec_id)


@router.post("/recommendations/{int:rec_id}/resolve", response={200: RecommendationOut, **ERRORS})
def resolve_recommendation(request, rec_id: int, payload: ResolveIn):
    rec = _fresh(request, rec_id)
    services.do_resolve_recommendation(request.auth, rec, on=payload.on, note=payload.note)
    return _fresh(request, rec_id)


@router.post("/recommendations/{int:rec_id}/decline", response={200: RecommendationOut, **ERRORS})
def decline_recommendation(request, rec_id: int, payload: DeclineIn):
    """Will not be settled; the reason is required."""
    rec = _fresh(request, rec_id)
    services.do_decline_recommendation(request.auth, rec, reason=payload.reason, on=payload.on)
    return _fresh(request, rec_id)
