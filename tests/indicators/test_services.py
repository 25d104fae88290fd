"""Indicator services: targets, observations with computed shares and flags, audit, access."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from chidao.core.audit import history
from chidao.core.errors import AccessDenied, Conflict, ServiceError
from chidao.indicators import services
from chidao.indicators.models import Indicator, Observation, PeriodKind, Target, TargetKind
from chidao.indicators.shares import Flag


@pytest.fixture
def revenue(office_user):
    return services.do_create_indicator(
        office_user, code="thu_ngan_sach", name="Thu ngân sách trên địa bàn", unit="tỷ đồng"
    )


def record(actor, indicator, body, year, value, **kwargs):
    defaults = dict(
        period_kind=PeriodKind.TO_DATE,
        period_number=8,
        period_end=dt.date(year, 8, 15),
        period_label=f"đến trung tuần tháng 8/{year}",
    )
    defaults.update(kwargs)
    return services.do_record_observation(
        actor, indicator, body=body, year=year, value=value, **defaults
    )


def test_create_indicator_and_target_are_audited(office_user, orgs, revenue, audit_count):
    assert history(revenue).get().action == "indicator.create"
    n = audit_count()
    target = services.do_set_target(
        office_user, revenue, body=orgs["cao_loc"], year=2021, value="376.4"
    )
    assert target.kind == TargetKind.ESTIMATE
    assert history(target).get().action == "target.create"
    again = services.do_set_target(
        office_user, revenue, body=orgs["cao_loc"], year=2021, value="380"
    )
    assert again.pk == target.pk and again.value == Decimal("380")
    assert history(target).first().action == "target.update"
    assert audit_count() == n + 2


def test_duplicate_code_is_refused(office_user, revenue):
    with pytest.raises(ServiceError):
        services.do_create_indicator(office_user, code="thu_ngan_sach", name="Khác")


def test_the_seed_observation_is_consistent(office_user, orgs, revenue):
    """380 of a target of 376,4 is 100,96%; on 296 a year before it is +28,38%: no flag."""
    body = orgs["cao_loc"]
    services.do_set_target(office_user, revenue, body=body, year=2021, value="376.4")
    record(office_user, revenue, body, 2020, 296)
    obs = record(
        office_user,
        revenue,
        body,
        2021,
        380,
        qualifier="trên",
        stated_pct_of_plan="100.96",
        stated_yoy_pct="28.38",
    )
    obs.refresh_from_db()
    assert round(obs.computed_pct_of_plan, 2) == Decimal("100.96")
    assert round(obs.computed_yoy_pct, 2) == Decimal("28.38")
    assert obs.flags == [] and not obs.is_flagged
    assert obs.target.value == Decimal("376.4")
    assert obs.unit == "tỷ đồng"
    assert history(obs).get().action == "observation.record"


def test_a_stated_share_off_by_one_point_is_flagged(office_user, orgs, revenue):
    body = orgs["cao_loc"]
    services.do_set_target(office_user, revenue, body=body, year=2021, value="376.4")
    record(office_user, revenue, body, 2020, 296)
    obs = record(
        office_user,
        revenue,
        body,
        2021,
        380,
        stated_pct_of_plan="101.96",
        stated_yoy_pct="28.38",
    )
    assert obs.flags == [Flag.PLAN_SHARE_DISAGREES]
    assert Observation.objects.flagged().get() == obs
    assert "kế hoạch" in obs.flag_labels[0]


@pytest.mark.parametrize(("value", "flagged"), [("100.905", False), ("100.904", True)])
def test_rounding_edge_is_not_flagged(office_user, orgs, revenue, value, flagged):
    services.do_set_target(office_user, revenue, body=orgs["cao_loc"], year=2021, value=100)
    obs = record(office_user, revenue, orgs["cao_loc"], 2021, value, stated_pct_of_plan="100.96")
    assert obs.is_flagged is flagged


def test_last_year_recorded_later_recomputes_the_change(office_user, orgs, revenue, audit_count):
    body = orgs["cao_loc"]
    obs = record(office_user, revenue, body, 2021, 380, stated_yoy_pct="28.38")
    assert obs.computed_yoy_pct is None and not obs.is_flagged
    n = audit_count()
    record(office_user, revenue, body, 2020, 300)  # 380 / 300 = +26.67: the report disagrees
    obs.refresh_from_db()
    assert round(obs.computed_yoy_pct, 2) == Decimal("26.67")
    assert obs.flags == [Flag.YOY_DISAGREES]
    assert audit_count() == n + 2  # the new observation and the recomputed one
    assert history(obs).first().action == "observation.recompute"


def test_other_periods_and_bodies_are_not_compared(office_user, orgs, revenue):
    record(office_user, revenue, orgs["van_lang"], 2020, 100)
    record(office_user, revenue, orgs["cao_loc"], 2020, 100, period_end=dt.date(2020, 8, 31))
    record(
        office_user,
        revenue,
        orgs["cao_loc"],
        2020,
        100,
        period_kind=PeriodKind.SIX_MONTHS,
        period_number=None,
        period_end=dt.date(2020, 6, 30),
    )
    obs = record(office_user, revenue, orgs["cao_loc"], 2021, 380, stated_yoy_pct="28.38")
    assert obs.computed_yoy_pct is None


def test_target_kind_chosen_by_the_observation(office_user, orgs, revenue):
    body = orgs["cao_loc"]
    services.do_set_target(office_user, revenue, body=body, year=2021, value=400)
    services.do_set_target(
        office_user, revenue, body=body, year=2021, value=200, kind=TargetKind.RESOLUTION
    )
    by_default = record(office_user, revenue, body, 2021, 100)
    by_resolution = record(office_user, revenue, body, 2021, 100, target_kind=TargetKind.RESOLUTION)
    assert by_default.computed_pct_of_plan == Decimal(25)
    assert by_resolution.computed_pct_of_plan == Decimal(50)


def test_a_new_target_recomputes_the_year(office_user, orgs, revenue):
    body = orgs["cao_loc"]
    obs = record(office_user, revenue, body, 2021, 380, stated_pct_of_plan="100.96")
    assert obs.computed_pct_of_plan is None
    services.do_set_target(office_user, revenue, body=body, year=2021, value="376.4")
    obs.refresh_from_db()
    assert round(obs.computed_pct_of_plan, 2) == Decimal("100.96")
    assert history(obs).first().action == "observation.recompute"


def test_update_observation_recomputes_and_checks_version(office_user, orgs, revenue, audit_count):
    body = orgs["cao_loc"]
    services.do_set_target(office_user, revenue, body=body, year=2021, value="376.4")
    obs = record(office_user, revenue, body, 2021, 380, stated_pct_of_plan="100.96")
    stale = obs.version
    updated = services.do_update_observation(office_user, obs, expected_version=stale, value="390")
    assert updated.is_flagged and updated.version == stale + 1
    assert history(obs).first().action == "observation.update"
    n = audit_count()
    with pytest.raises(Conflict):
        services.do_update_observation(office_user, obs, expected_version=stale, value="380")
    obs.refresh_from_db()
    assert obs.value == Decimal("390")
    assert audit_count() == n
    with pytest.raises(ServiceError):
        services.do_update_observation(office_user, obs, computed_pct_of_plan=1)


def test_unit_records_for_its_own_body_only(unit_user, other_unit_user, orgs, revenue, audit_count):
    obs = record(unit_user, revenue, orgs["cao_loc"], 2021, 380)
    assert history(obs).get().actor == unit_user
    n = audit_count()
    with pytest.raises(AccessDenied):
        record(other_unit_user, revenue, orgs["cao_loc"], 2021, 1)
    with pytest.raises(AccessDenied):
        services.do_update_observation(other_unit_user, obs, value=1)
    with pytest.raises(AccessDenied):
        services.do_set_target(unit_user, revenue, body=orgs["cao_loc"], year=2021, value=1)
    with pytest.raises(AccessDenied):
        services.do_create_indicator(unit_user, code="x", name="X")
    assert audit_count() == n
    assert Observation.objects.count() == 1
    assert Target.objects.count() == 0
    assert Indicator.objects.count() == 1


def test_an_estimate_without_a_value(office_user, orgs, revenue):
    """ "Thu ngân sách trên địa bàn ước đạt 55,95% dự toán": no value, a stated share only."""
    obs = services.do_record_observation(
        office_user,
        revenue,
        body=orgs["cao_loc"],
        period_kind=PeriodKind.SIX_MONTHS,
        year=2017,
        period_end=dt.date(2017, 6, 30),
        period_label="6 tháng đầu năm 2017",
        qualifier="ước",
        stated_pct_of_plan="55,95",
    )
    assert obs.value is None and obs.stated_pct_of_plan == Decimal("55.95")
    assert obs.computed_pct_of_plan is None and not obs.is_flagged
