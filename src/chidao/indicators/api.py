"""REST endpoints of indicators: /api/v1/indicators, /api/v1/targets, /api/v1/observations.

Figures are JSON numbers; shares are percentages ("vượt 0,96% dự toán" is 100.96).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q
from ninja import Router, Schema, Status

from chidao.api.common import ERRORS, page_of, paginate, ref, set_fields
from chidao.indicators import selectors, services
from chidao.indicators.models import PeriodKind, Qualifier, TargetKind
from chidao.orgs.selectors import visible_organizations

router = Router(tags=["Chỉ tiêu"])


def _num(value) -> float | None:
    return None if value is None else float(value)


class IndicatorOut(Schema):
    id: int
    code: str
    name: str
    unit: str
    higher_is_better: bool
    version: int


class IndicatorIn(Schema):
    code: str
    name: str
    unit: str = ""
    higher_is_better: bool = True


class TargetOut(Schema):
    id: int
    indicator: int
    body: int
    year: int
    value: float
    kind: str
    note: str
    version: int

    @staticmethod
    def resolve_indicator(obj) -> int:
        return obj.indicator_id

    @staticmethod
    def resolve_body(obj) -> int:
        return obj.body_id


class TargetIn(Schema):
    body: int
    year: int
    value: Decimal
    kind: TargetKind = TargetKind.ESTIMATE
    note: str = ""


class ObservationOut(Schema):
    id: int
    indicator: int
    body: int
    period_kind: str
    year: int
    period_number: int | None
    period_end: dt.date | None
    period_label: str
    value: float | None
    unit: str
    qualifier: str
    target_kind: str
    target: int | None
    stated_pct_of_plan: float | None
    stated_yoy_pct: float | None
    computed_pct_of_plan: float | None
    computed_yoy_pct: float | None
    flags: list[str]
    flag_labels: list[str]
    is_flagged: bool
    note: str
    version: int

    @staticmethod
    def resolve_indicator(obj) -> int:
        return obj.indicator_id

    @staticmethod
    def resolve_body(obj) -> int:
        return obj.body_id

    @staticmethod
    def resolve_target(obj) -> int | None:
        return obj.target_id


class ObservationIn(Schema):
    body: int
    period_kind: PeriodKind
    year: int
    period_number: int | None = None
    period_end: dt.date | None = None
    period_label: str = ""
    value: Decimal | None = None
    unit: str = ""
    qualifier: Qualifier = Qualifier.NONE
    target_kind: TargetKind | None = None
    stated_pct_of_plan: Decimal | None = None
    stated_yoy_pct: Decimal | None = None
    note: str = ""


class ObservationPatch(Schema):
    version: int
    period_kind: PeriodKind | None = None
    year: int | None = None
    period_number: int | None = None
    period_end: dt.date | None = None
    period_label: str | None = None
    value: Decimal | None = None
    unit: str | None = None
    qualifier: Qualifier | None = None
    target_kind: TargetKind | None = None
    stated_pct_of_plan: Decimal | None = None
    stated_yoy_pct: Decimal | None = None
    note: str | None = None


IndicatorPage = page_of(IndicatorOut, "IndicatorPage")
TargetPage = page_of(TargetOut, "TargetPage")
ObservationPage = page_of(ObservationOut, "ObservationPage")


def _plain(data: dict) -> dict:
    for name in ("period_kind", "qualifier", "target_kind", "kind"):
        if name in data and hasattr(data[name], "value"):
            data[name] = data[name].value
    if "target_kind" in data and data["target_kind"] is None:
        data["target_kind"] = ""
    return data


def _body(request, pk):
    return ref(visible_organizations(request.auth), pk, field="body", what="cơ quan, địa phương")


@router.get("/indicators", response={200: IndicatorPage, **ERRORS})
def list_indicators(request, q: str | None = None, limit: int = 50, offset: int = 0):
    qs = selectors.visible_indicators(request.auth)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q))
    return paginate(qs.order_by("name", "id"), limit, offset)


@router.get("/indicators/{int:indicator_id}", response={200: IndicatorOut, **ERRORS})
def get_indicator(request, indicator_id: int):
    return selectors.get_visible_indicator(request.auth, indicator_id)


@router.post("/indicators", response={201: IndicatorOut, **ERRORS})
def create_indicator(request, payload: IndicatorIn):
    return Status(201, services.do_create_indicator(request.auth, **payload.dict()))


@router.post("/indicators/{int:indicator_id}/targets", response={200: TargetOut, **ERRORS})
def set_target(request, indicator_id: int, payload: TargetIn):
    """Create the target of ``kind`` for a body and year, or change its value; the shares
    of that body's observations of the year are computed again."""
    indicator = selectors.get_visible_indicator(request.auth, indicator_id)
    data = _plain(payload.dict())
    data["body"] = _body(request, data["body"])
    return services.do_set_target(request.auth, indicator, **data)


@router.get("/targets", response={200: TargetPage, **ERRORS})
def list_targets(
    request,
    indicator: int | None = None,
    body: int | None = None,
    year: int | None = None,
    kind: TargetKind | None = None,
    limit: int = 50,
    offset: int = 0,
):
    qs = selectors.visible_targets(request.auth)
    if indicator is not None:
        qs = qs.filter(indicator_id=indicator)
    if body is not None:
        qs = qs.filter(body_id=body)
    if year is not None:
        qs = qs.filter(year=year)
    if kind:
        qs = qs.filter(kind=kind)
    return paginate(qs.order_by("indicator_id", "body_id", "-year", "kind", "id"), limit, offset)


@router.get("/observations", response={200: ObservationPage, **ERRORS})
def list_observations(
    request,
    indicator: int | None = None,
    body: int | None = None,
    year: int | None = None,
    period: PeriodKind | None = None,
    flagged: bool | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
):
    """Figures the caller may read. ``period``: the kind of period (month, quarter,
    six_months, ..., to_date); ``flagged``: a stated share disagrees with the computed one."""
    qs = selectors.visible_observations(request.auth)
    if indicator is not None:
        qs = qs.filter(indicator_id=indicator)
    if body is not None:
        qs = qs.filter(body_id=body)
    if year is not None:
        qs = qs.filter(year=year)
    if period:
        qs = qs.filter(period_kind=period)
    if flagged is not None:
        qs = qs.filter(is_flagged=flagged)
    if q:
        qs = qs.filter(Q(indicator__name__icontains=q) | Q(period_label__icontains=q))
    return paginate(qs.order_by("-year", "-period_end", "-id"), limit, offset)


@router.get("/observations/{int:obs_id}", response={200: ObservationOut, **ERRORS})
def get_observation(request, obs_id: int):
    return selectors.get_visible_observation(request.auth, obs_id)


@router.post(
    "/indicators/{int:indicator_id}/observations", response={201: ObservationOut, **ERRORS}
)
def record_observation(request, indicator_id: int, payload: ObservationIn):
    """Record a figure for a period; its shares are computed and stated shares that
    disagree are flagged."""
    indicator = selectors.get_visible_indicator(request.auth, indicator_id)
    data = _plain(payload.dict())
    data["body"] = _body(request, data["body"])
    return Status(201, services.do_record_observation(request.auth, indicator, **data))


@router.patch("/observations/{int:obs_id}", response={200: ObservationOut, **ERRORS})
def update_observation(request, obs_id: int, payload: ObservationPatch):
    observation = selectors.get_visible_observation(request.auth, obs_id)
    data = _plain(set_fields(payload))
    return services.do_update_observation(
        request.auth, observation, expected_version=payload.version, **data
    )
