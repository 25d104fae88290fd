"""REST endpoints of meetings: /api/v1/meetings, their participants and directions."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from ninja import Router, Schema, Status

from chidao.api.common import ERRORS, ids, page_of, paginate, ref, refs, set_fields
from chidao.documents.selectors import visible_documents
from chidao.meetings import selectors, services
from chidao.meetings.models import Meeting, MeetingKind, ParticipantRole
from chidao.orgs.selectors import visible_organizations, visible_people

router = Router(tags=["Hội nghị, buổi làm việc"])


class ParticipantOut(Schema):
    id: int
    person: int
    person_name: str
    title_at_meeting: str
    role: str

    @staticmethod
    def resolve_person(obj) -> int:
        return obj.person_id

    @staticmethod
    def resolve_person_name(obj) -> str:
        return obj.person.full_name


class DirectionOut(Schema):
    id: int
    meeting: int
    text: str
    given_by: int | None
    addressed_to: int | None
    deadline: dt.date | None
    order: int
    version: int

    @staticmethod
    def resolve_meeting(obj) -> int:
        return obj.meeting_id

    @staticmethod
    def resolve_given_by(obj) -> int | None:
        return obj.given_by_id

    @staticmethod
    def resolve_addressed_to(obj) -> int | None:
        return obj.addressed_to_id


class MeetingOut(Schema):
    id: int
    kind: str
    title: str
    held_on: dt.date
    place: str
    host: int
    visiting_bodies: list[int]
    chair: int | None
    period_label: str
    documents_presented: list[int]
    conclusion: int | None
    participants: list[ParticipantOut]
    directions: list[DirectionOut]
    version: int

    @staticmethod
    def resolve_host(obj) -> int:
        return obj.host_id

    @staticmethod
    def resolve_chair(obj) -> int | None:
        return obj.chair_id

    @staticmethod
    def resolve_conclusion(obj) -> int | None:
        return obj.conclusion_id

    @staticmethod
    def resolve_visiting_bodies(obj) -> list[int]:
        return ids(obj.visiting_bodies)

    @staticmethod
    def resolve_documents_presented(obj) -> list[int]:
        return ids(obj.documents_presented)

    @staticmethod
    def resolve_participants(obj) -> list:
        return list(obj.participants.all())

    @staticmethod
    def resolve_directions(obj) -> list:
        return list(obj.directions.all())


class MeetingIn(Schema):
    kind: MeetingKind
    title: str
    held_on: dt.date
    host: int
    place: str = ""
    chair: int | None = None
    period_label: str = ""
    visiting_bodies: list[int] = []
    documents_presented: list[int] = []


class MeetingPatch(Schema):
    version: int
    kind: MeetingKind | None = None
    title: str | None = None
    held_on: dt.date | None = None
    host: int | None = None
    place: str | None = None
    chair: int | None = None
    period_label: str | None = None
    visiting_bodies: list[int] | None = None
    documents_presented: list[int] | None = None


class ParticipantIn(Schema):
    person: int
    title_at_meeting: str = ""
    role: ParticipantRole = ParticipantRole.MEMBER


class DirectionIn(Schema):
    text: str
    given_by: int | None = None
    addressed_to: int | None = None
    deadline: dt.date | None = None
    order: int | None = None


class DirectionPatch(Schema):
    version: int
    text: str | None = None
    given_by: int | None = None
    addressed_to: int | None = None
    deadline: dt.date | None = None
    order: int | None = None


class ConclusionIn(Schema):
    document: int | None


MeetingPage = page_of(MeetingOut, "MeetingPage")


def _resolve(request, data: dict) -> dict:
    user = request.auth
    orgs = visible_organizations(user)
    if "host" in data:
        data["host"] = ref(orgs, data["host"], field="host", what="cơ quan chủ trì")
    if "addressed_to" in data:
        data["addressed_to"] = ref(orgs, data["addressed_to"], field="addressed_to", what="cơ quan")
    for name in ("chair", "given_by"):
        if name in data:
            data[name] = ref(visible_people(user), data[name], field=name, what="cán bộ")
    if data.get("visiting_bodies") is not None:
        data["visiting_bodies"] = refs(
            orgs, data["visiting_bodies"], field="visiting_bodies", what="cơ quan"
        )
    if data.get("documents_presented") is not None:
        data["documents_presented"] = refs(
            visible_documents(user),
            data["documents_presented"],
            field="documents_presented",
            what="văn bản",
        )
    if data.get("kind") is not None and hasattr(data["kind"], "value"):
        data["kind"] = data["kind"].value
    return data


def _detail(request, pk: int) -> Meeting:
    return selectors.get_visible_meeting(request.auth, pk)


@router.get("/meetings", response={200: MeetingPage, **ERRORS})
def list_meetings(
    request,
    body: int | None = None,
    kind: MeetingKind | None = None,
    year: int | None = None,
    period: str | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
):
    """Meetings the caller may read. ``body``: the host or a visiting body; ``period``: in
    the period label ("6 tháng đầu năm 2021")."""
    qs = selectors.visible_meetings(request.auth)
    if body is not None:
        visited = Meeting.visiting_bodies.through.objects.filter(organization_id=body)
        qs = qs.filter(Q(host_id=body) | Q(pk__in=visited.values("meeting_id")))
    if kind:
        qs = qs.filter(kind=kind)
    if year is not None:
        qs = qs.filter(held_on__year=year)
    if period:
        qs = qs.filter(period_label__icontains=period)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(place__icontains=q))
    qs = qs.prefetch_related(
        "visiting_bodies", "documents_presented", "participants__person", "directions"
    )
    return paginate(qs.order_by("-held_on", "-id"), limit, offset)


@router.get("/meetings/{int:meeting_id}", response={200: MeetingOut, **ERRORS})
def get_meeting(request, meeting_id: int):
    return _detail(request, meeting_id)


@router.post("/meetings", response={201: MeetingOut, **ERRORS})
def create_meeting(request, payload: MeetingIn):
    meeting = services.do_create_meeting(request.auth, **_resolve(request, payload.dict()))
    return Status(201, _detail(request, meeting.pk))


@router.patch("/meetings/{int:meeting_id}", response={200: MeetingOut, **ERRORS})
def update_meeting(request, meeting_id: int, payload: MeetingPatch):
    """Change the fields sent; the lists of visiting bodies and documents presented are
    replaced as given."""
    meeting = _detail(request, meeting_id)
    data = _resolve(request, set_fields(payload))
    services.do_update_meeting(request.auth, meeting, expected_version=payload.version, **data)
    return _detail(request, meeting_id)


@router.post("/meetings/{int:meeting_id}/participants", response={201: MeetingOut, **ERRORS})
def add_participant(request, meeting_id: int, payload: ParticipantIn):
    meeting = _detail(request, meeting_id)
    services.do_add_participant(
        request.auth,
        meeting,
        person=ref(visible_people(request.auth), payload.person, field="person", what="cán bộ"),
        title_at_meeting=payload.title_at_meeting,
        role=payload.role.value,
    )
    return Status(201, _detail(request, meeting_id))


@router.post("/meetings/{int:meeting_id}/conclusion", response={200: MeetingOut, **ERRORS})
def set_conclusion(request, meeting_id: int, payload: ConclusionIn):
    """The document that concludes the meeting; null clears it."""
    meeting = _detail(request, meeting_id)
    document = ref(
        visible_documents(request.auth), payload.document, field="conclusion", what="văn bản"
    )
    services.do_set_conclusion(request.auth, meeting, document)
    return _detail(request, meeting_id)


@router.post("/meetings/{int:meeting_id}/directions", response={201: DirectionOut, **ERRORS})
def add_direction(request, meeting_id: int, payload: DirectionIn):
    meeting = _detail(request, meeting_id)
    data = _resolve(request, payload.dict())
    return Status(201, services.do_add_direction(request.auth, meeting, **data))


@router.patch("/directions/{int:direction_id}", response={200: DirectionOut, **ERRORS})
def update_direction(request, direction_id: int, payload: DirectionPatch):
    from chidao.core.selectors import get_visible_or_404

    direction = get_visible_or_404(
        selectors.visible_directions(request.auth), direction_id, what="ý kiến chỉ đạo"
    )
    data = _resolve(request, set_fields(payload))
    return services.do_update_direction(
        request.auth, direction, expected_version=payload.version, **data
    )
