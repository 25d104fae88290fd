"""Shares an indicator report states, computed again from the numbers (pure Python).

A report writes "đạt trên 380 tỷ đồng, vượt 0,96% dự toán tỉnh giao và tăng 28,38% so
với cùng kỳ": the value, its share of the target (100,96%) and its change on the same
period a year before (+28,38%). When the target and last year's figure are on record,
the system computes both shares itself and flags a stated share that disagrees.

How far apart is "disagrees"? A stated share is rounded to its last written decimal
place, so it may differ from the exact share by half a unit of that place (0,005 for
"100,96", 0,05 for "55,9", 0,5 for "28"). The value and target it was computed from are
often rounded too ("trên 380 tỷ"), which moves the share a little more; 0,05 points is
allowed for that. So the tolerance is ``half a unit of the last stated place + 0,05``:
a difference exactly at the tolerance is not flagged, anything beyond it is (a share off
by one point always is).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

HUNDRED = Decimal(100)
ROUNDING_SLACK = Decimal("0.05")


class Flag(StrEnum):
    """Reasons an observation is shown as inconsistent."""

    PLAN_SHARE_DISAGREES = "plan_share_disagrees"
    YOY_DISAGREES = "yoy_disagrees"


FLAG_LABELS: dict[str, str] = {
    Flag.PLAN_SHARE_DISAGREES: "Tỷ lệ so với kế hoạch, dự toán trong báo cáo không khớp số liệu",
    Flag.YOY_DISAGREES: "Mức tăng, giảm so với cùng kỳ trong báo cáo không khớp số liệu",
}


def _dec(value: Decimal | int | str | float) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def share_of_target(
    value: Decimal | int | str | float | None, target: Decimal | int | str | float | None
) -> Decimal | None:
    """``value`` as a percentage of ``target`` (380 of 376,4 -> 100,956...), or None."""
    if value is None or target is None:
        return None
    target_d = _dec(target)
    if target_d == 0:
        return None
    return _dec(value) / target_d * HUNDRED


def change_on_last_year(
    value: Decimal | int | str | float | None, last_year: Decimal | int | str | float | None
) -> Decimal | None:
    """Percentage change on the same period a year before (380 on 296 -> +28,378...), or None."""
    if value is None or last_year is None:
        return None
    last_d = _dec(last_year)
    if last_d == 0:
        return None
    return _dec(value) / last_d * HUNDRED - HUNDRED


def stated_places(stated: Decimal | int | str | float) -> int:
    """Decimal places the stated figure was written with ("100.96" -> 2, "28" -> 0).

    Trailing zeros are dropped first, because a database decimal column pads them
    ("55.9" comes back as "55.90"): the tolerance errs on the lenient side.
    """
    exponent = _dec(stated).normalize().as_tuple().exponent
    if not isinstance(exponent, int):  # NaN or infinity
        return 0
    return max(0, -exponent)


def tolerance_for(stated: Decimal | int | str | float) -> Decimal:
    """Half a unit of the last stated decimal place, plus 0,05 points."""
    half_unit = Decimal(5) * Decimal(10) ** -(stated_places(stated) + 1)
    return half_unit + ROUNDING_SLACK


def disagrees(
    stated: Decimal | int | str | float | None,
    computed: Decimal | int | str | float | None,
    tolerance: Decimal | int | str | float | None = None,
) -> bool:
    """True when a stated share is further from the computed one than rounding explains.

    Nothing to compare (either side missing) is not a disagreement. ``tolerance``
    defaults to :func:`tolerance_for` of the stated figure; a difference equal to the
    tolerance is accepted.
    """
    if stated is None or computed is None:
        return False
    limit = tolerance_for(stated) if tolerance is None else _dec(tolerance)
    return abs(_dec(stated) - _dec(computed)) > limit


def rounded(value: Decimal | None, places: int = 4) -> Decimal | None:
    """A computed share as stored (4 decimal places)."""
    if value is None:
        return None
    return value.quantize(Decimal(10) ** -places)
