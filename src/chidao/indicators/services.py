"""The only writers of indicators, targets and observations."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from chidao.core.access import require
from chidao.core.errors import ServiceError
from chidao.core.services import create_audited, locked, save_changes
from chidao.indicators import shares
from chidao.indicators.models import (
    TARGET_PRECEDENCE,
    Indicator,
    Observation,
    Target,
    TargetKind,
)

OBSERVATION_FIELDS = {
    "period_kind",
    "year",
    "period_number",
    "period_end",
    "period_label",
    "value",
    "unit",
    "qualifier",
    "target_kind",
    "stated_pct_of_plan",
    "stated_yoy_pct",
    "note",
}


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(str(value).replace(",", ".")) if isinstance(value, str) else Decimal(value)


@transaction.atomic
def do_create_indicator(
    actor, *, code: str, name: str, unit: str = "", higher_is_better: bool = True
) -> Indicator:
    require(actor, "indicator.manage")
    if not name.strip():
        raise ServiceError("Tên chỉ tiêu không được để trống.", field="name")
    if Indicator.objects.filter(code=code).exists():
        raise ServiceError(f"Mã chỉ tiêu '{code}' đã có.", field="code")
    indicator = Indicator(
        code=code, name=name.strip(), unit=unit.strip(), higher_is_better=higher_is_better
    )
    return create_audited(actor, "indicator.create", indicator)


@transaction.atomic
def do_set_target(
    actor,
    indicator: Indicator,
    *,
    body,
    year: int,
    value,
    kind: str = TargetKind.ESTIMATE,
    note: str = "",
) -> Target:
    """Create the target of ``kind`` for a body and year, or change its value."""
    require(actor, "indicator.manage", orgs=[body])
    amount = _decimal(value)
    if amount is None:
        raise ServiceError("Cần nhập giá trị mục tiêu.", field="value")
    existing = (
        Target.objects.select_for_update()
        .filter(indicator=indicator, body=body, year=year, kind=kind)
        .first()
    )
    if existing is not None:
        target = save_changes(actor, "target.update", existing, {"value": amount, "note": note})
    else:
        target = Target(
            indicator=indicator, body=body, year=year, value=amount, kind=kind, note=note
        )
        create_audited(actor, "target.create", target)
    _refresh_observations_for_target(actor, target)
    return target


def target_for(observation: Observation) -> Target | None:
    """The target a share of plan is computed against: the named kind, else by precedence."""
    targets = Target.objects.filter(
        indicator_id=observation.indicator_id, body_id=observation.body_id, year=observation.year
    )
    kinds = [observation.target_kind] if observation.target_kind else TARGET_PRECEDENCE
    by_kind = {t.kind: t for t in targets}
    for kind in kinds:
        if kind in by_kind:
            return by_kind[kind]
    return None


def _derived(observation: Observation) -> dict[str, Any]:
    """Computed shares and flags of an observation, from the records as they are now."""
    target = target_for(observation)
    last_year = (
        Observation.objects.same_period(observation, observation.year - 1)
        .exclude(value__isnull=True)
        .order_by("-id")
        .first()
    )
    plan = shares.share_of_target(observation.value, target.value if target else None)
    yoy = shares.change_on_last_year(observation.value, last_year.value if last_year else None)
    flags = []
    if shares.disagrees(observation.stated_pct_of_plan, plan):
        flags.append(str(shares.Flag.PLAN_SHARE_DISAGREES))
    if shares.disagrees(observation.stated_yoy_pct, yoy):
        flags.append(str(shares.Flag.YOY_DISAGREES))
    return {
        "target": target,
        "computed_pct_of_plan": shares.rounded(plan),
        "computed_yoy_pct": shares.rounded(yoy),
        "flags": flags,
        "is_flagged": bool(flags),
    }


def _recompute_following_year(actor, observation: Observation) -> None:
    """The same period a year later compares against this one: compute its change again."""
    for later in Observation.objects.same_period(observation, observation.year + 1):
        row = locked(Observation, later.pk)
        derived = _derived(row)
        if any(getattr(row, k) != v for k, v in derived.items()):
            save_changes(
                actor,
                "observation.recompute",
                row,
                derived,
                note=f"Tính lại so với cùng kỳ năm {observation.year}",
            )


@transaction.atomic
def do_record_observation(
    actor,
    indicator: Indicator,
    *,
    body,
    period_kind: str,
    year: int,
    period_number: int | None = None,
    period_end=None,
    period_label: str = "",
    value=None,
    unit: str = "",
    qualifier: str = "",
    target_kind: str = "",
    stated_pct_of_plan=None,
    stated_yoy_pct=None,
    note: str = "",
) -> Observation:
    """Record a figure for a period; compute its shares and flag stated ones that disagree."""
    require(actor, "observation.record", orgs=[body])
    observation = Observation(
        indicator=indicator,
        body=body,
        period_kind=period_kind,
        year=year,
        period_number=period_number,
        period_end=period_end,
        period_label=period_label.strip(),
        value=_decimal(value),
        unit=unit or indicator.unit,
        qualifier=qualifier,
        target_kind=target_kind,
        stated_pct_of_plan=_decimal(stated_pct_of_plan),
        stated_yoy_pct=_decimal(stated_yoy_pct),
        note=note,
    )
    for name, derived in _derived(observation).items():
        setattr(observation, name, derived)
    create_audited(actor, "observation.record", observation)
    _recompute_following_year(actor, observation)
    return observation


@transaction.atomic
def do_update_observation(
    actor, observation: Observation, *, expected_version: int | None = None, **changes
) -> Observation:
    unknown = set(changes) - OBSERVATION_FIELDS
    if unknown:
        raise ServiceError(f"Trường không hợp lệ: {', '.join(sorted(unknown))}")
    row = locked(Observation, observation.pk)
    require(actor, "observation.record", orgs=[row.body_id])
    for name in ("value", "stated_pct_of_plan", "stated_yoy_pct"):
        if name in changes:
            changes[name] = _decimal(changes[name])
    previous = _copy(row)
    probe = _copy(row)
    for name, value in changes.items():
        setattr(probe, name, value)
    changes.update(_derived(probe))
    save_changes(actor, "observation.update", row, changes, expected_version=expected_version)
    _recompute_following_year(actor, row)
    if (previous.year, previous.period_kind, previous.period_number, previous.period_end) != (
        row.year,
        row.period_kind,
        row.period_number,
        row.period_end,
    ):
        _recompute_following_year(actor, previous)
    return row


def _copy(row: Observation) -> Observation:
    return Observation(**{f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields})


def _refresh_observations_for_target(actor, target: Target) -> int:
    """After a target changes, compute the shares of that body and year again (audited)."""
    count = 0
    for obs in Observation.objects.filter(
        indicator_id=target.indicator_id, body_id=target.body_id, year=target.year
    ):
        row = locked(Observation, obs.pk)
        derived = _derived(row)
        if any(getattr(row, k) != v for k, v in derived.items()):
            save_changes(actor, "observation.recompute", row, derived, note="Mục tiêu thay đổi")
            count += 1
    return count
