"""Shares of target and year-on-year change, and the disagreement tolerance (pure)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chidao.indicators.shares import (
    change_on_last_year,
    disagrees,
    share_of_target,
    stated_places,
    tolerance_for,
)


def test_the_seed_figures_are_consistent():
    """ "đạt trên 380 tỷ đồng, vượt 0,96% dự toán tỉnh giao và tăng 28,38% so với cùng kỳ"."""
    plan = share_of_target(380, Decimal("376.4"))
    yoy = change_on_last_year(380, 296)
    assert round(plan, 2) == Decimal("100.96")
    assert round(yoy, 2) == Decimal("28.38")
    assert not disagrees(Decimal("100.96"), plan)
    assert not disagrees(Decimal("28.38"), yoy)


def test_a_share_off_by_one_point_is_flagged():
    assert disagrees(Decimal("101.96"), share_of_target(380, Decimal("376.4")))
    assert disagrees(Decimal("27.38"), change_on_last_year(380, 296))


@pytest.mark.parametrize(
    ("stated", "computed", "flagged"),
    [
        ("100.96", "100.905", False),  # exactly at the tolerance 0.005 + 0.05
        ("100.96", "101.015", False),
        ("100.96", "100.904", True),
        ("100.96", "101.016", True),
        ("55.9", "55.8", False),  # one decimal: 0.05 + 0.05
        ("55.9", "55.79", True),
        ("28", "28.55", False),  # whole number: 0.5 + 0.05
        ("28", "28.56", True),
    ],
)
def test_rounding_edge(stated, computed, flagged):
    assert disagrees(Decimal(stated), Decimal(computed)) is flagged


@pytest.mark.parametrize(
    ("stated", "places", "tolerance"),
    [
        ("100.96", 2, "0.055"),
        ("55.90", 1, "0.10"),  # padded by a decimal column: read as written "55,9"
        ("28", 0, "0.55"),
        ("100", 0, "0.55"),
    ],
)
def test_tolerance_from_the_stated_places(stated, places, tolerance):
    assert stated_places(Decimal(stated)) == places
    assert tolerance_for(Decimal(stated)) == Decimal(tolerance)


@pytest.mark.parametrize(
    ("stated", "computed"), [(None, Decimal(1)), (Decimal(1), None), (None, None)]
)
def test_nothing_to_compare_is_no_disagreement(stated, computed):
    assert not disagrees(stated, computed)


def test_explicit_tolerance():
    assert disagrees(Decimal("10"), Decimal("10.3"), tolerance="0.2")
    assert not disagrees(Decimal("10"), Decimal("10.3"), tolerance=Decimal("0.3"))


@pytest.mark.parametrize(("value", "base"), [(None, 10), (10, None), (10, 0)])
def test_missing_or_zero_bases_give_none(value, base):
    assert share_of_target(value, base) is None
    assert change_on_last_year(value, base) is None


def test_decline_is_negative():
    assert change_on_last_year(90, 100) == Decimal(-10)
