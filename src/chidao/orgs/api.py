"""REST endpoints of bodies and people: /api/v1/organizations, /api/v1/people."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from ninja import Router, Schema, Status

from chidao.api.common import ERRORS, page_of, paginate, ref, refs, set_fields
from chidao.orgs import selectors, services
from chidao.orgs.models import OrganizationKind, System, fold_name

router = Router(tags=["Cơ quan, tổ chức"])


class OrganizationOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    system: str
    parent: int | None
    symbol: str
    admin_unit: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    version: int

    @staticmethod
    def resolve_parent(obj) -> int | None:
        return obj.parent_id

    @staticmethod
    def resolve_admin_unit(obj) -> int | None:
        return obj.admin_unit_id


class OrganizationIn(Schema):
    name: str
    kind: OrganizationKind
    system: System
    short_name: str = ""
    parent: int | None = None
    symbol: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class OrganizationPatch(Schema):
    version: int
    name: str | None = None
    kind: OrganizationKind | None = None
    system: System | None = None
    short_name: str | None = None
    parent: int | None = None
    symbol: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class SucceedIn(Schema):
    ended_on: dt.date
    successors: list[int]
    open_work_to: int
    note: str = ""


class SucceedOut(Schema):
    organization: OrganizationOut
    moved: dict[str, int]


class PersonOut(Schema):
    id: int
    full_name: str
    note: str
    version: int


class PersonIn(Schema):
    full_name: str
    note: str = ""


OrganizationPage = page_of(OrganizationOut, "OrganizationPage")
PersonPage = page_of(PersonOut, "PersonPage")


def _org_fields(request, data: dict) -> dict:
    if "parent" in data:
        data["parent"] = ref(
            selectors.visible_organizations(request.auth),
            data["parent"],
            field="parent",
            what="cơ quan cấp trên",
        )
    for name in ("kind", "system"):
        if data.get(name) is not None:
            data[name] = str(data[name].value if hasattr(data[name], "value") else data[name])
    return data


@router.get("/organizations", response={200: OrganizationPage, **ERRORS})
def list_organizations(
    request,
    q: str | None = None,
    kind: OrganizationKind | None = None,
    system: System | None = None,
    parent: int | None = None,
    active_on: dt.date | None = None,
    limit: int = 50,
    offset: int = 0,
):
    """Bodies; ``q`` matches the name with or without diacritics ("cao loc")."""
    qs = selectors.visible_organizations(request.auth)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(name_folded__contains=fold_name(q)))
    if kind:
        qs = qs.filter(kind=kind)
    if system:
        qs = qs.filter(system=system)
    if parent is not None:
        qs = qs.filter(parent_id=parent)
    if active_on is not None:
        qs = qs.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=active_on),
            Q(valid_to__isnull=True) | Q(valid_to__gte=active_on),
        )
    return paginate(qs.order_by("name", "id"), limit, offset)


@router.get("/organizations/{int:org_id}", response={200: OrganizationOut, **ERRORS})
def get_organization(request, org_id: int):
    return selectors.get_visible_organization(request.auth, org_id)


@router.post("/organizations", response={201: OrganizationOut, **ERRORS})
def create_organization(request, payload: OrganizationIn):
    data = _org_fields(request, payload.dict())
    return Status(201, services.do_create_organization(request.auth, **data))


@router.patch("/organizations/{int:org_id}", response={200: OrganizationOut, **ERRORS})
def update_organization(request, org_id: int, payload: OrganizationPatch):
    org = selectors.get_visible_organization(request.auth, org_id)
    data = _org_fields(request, set_fields(payload))
    return services.do_update_organization(
        request.auth, org, expected_version=payload.version, **data
    )


@router.post("/organizations/{int:org_id}/succeed", response={200: SucceedOut, **ERRORS})
def succeed_organization(request, org_id: int, payload: SucceedIn):
    """End the body on ``ended_on``; ``open_work_to`` (one of ``successors``) takes its open
    tasks and recommendations. Administrators only."""
    visible = selectors.visible_organizations(request.auth)
    org = selectors.get_visible_organization(request.auth, org_id)
    moved = services.do_succeed_organization(
        request.auth,
        org,
        ended_on=payload.ended_on,
        successors=refs(visible, payload.successors, field="successors", what="cơ quan kế thừa"),
        open_work_to=ref(visible, payload.open_work_to, field="open_work_to", what="cơ quan"),
        note=payload.note,
    )
    org.refresh_from_db()
    return {"organization": org, "moved": moved}


@router.get("/people", response={200: PersonPage, **ERRORS})
def list_people(request, q: str | None = None, limit: int = 50, offset: int = 0):
    qs = selectors.visible_people(request.auth)
    if q:
        qs = qs.filter(Q(full_name__icontains=q) | Q(name_folded__contains=fold_name(q)))
    return paginate(qs.order_by("full_name", "id"), limit, offset)


@router.get("/people/{int:person_id}", response={200: PersonOut, **ERRORS})
def get_person(request, person_id: int):
    return selectors.get_visible_person(request.auth, person_id)


@router.post("/people", response={201: PersonOut, **ERRORS})
def create_person(request, payload: PersonIn):
    return Status(201, services.do_create_person(request.auth, **payload.dict()))
