"""Who reads which indicators, targets and observations."""

from __future__ import annotations

import pytest

from chidao.core.errors import NotFound
from chidao.indicators import selectors, services


@pytest.fixture
def figures(office_user, orgs):
    indicator = services.do_create_indicator(
        office_user, code="thu_ngan_sach", name="Thu ngân sách", unit="tỷ đồng"
    )
    mine = services.do_record_observation(
        office_user, indicator, body=orgs["cao_loc"], period_kind="year", year=2021, value=380
    )
    theirs = services.do_record_observation(
        office_user, indicator, body=orgs["van_lang"], period_kind="year", year=2021, value=200
    )
    target = services.do_set_target(
        office_user, indicator, body=orgs["van_lang"], year=2021, value=190
    )
    return {"indicator": indicator, "mine": mine, "theirs": theirs, "target": target}


def test_everyone_reads_indicators(figures, unit_user, other_unit_user):
    assert selectors.visible_indicators(unit_user).count() == 1
    assert selectors.get_visible_indicator(other_unit_user, figures["indicator"].pk)


def test_observations_by_scope(figures, office_user, unit_user, other_unit_user):
    assert selectors.visible_observations(office_user).count() == 2
    assert list(selectors.visible_observations(unit_user)) == [figures["mine"]]
    assert list(selectors.visible_observations(other_unit_user)) == [figures["theirs"]]
    with pytest.raises(NotFound):
        selectors.get_visible_observation(unit_user, figures["theirs"].pk)


def test_targets_by_scope(figures, unit_user, other_unit_user, leader_user):
    assert selectors.visible_targets(unit_user).count() == 0
    assert list(selectors.visible_targets(other_unit_user)) == [figures["target"]]
    assert selectors.visible_targets(leader_user).count() == 1
