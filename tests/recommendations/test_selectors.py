"""Who reads which recommendations."""

from __future__ import annotations

import datetime as dt

import pytest

from chidao.core.errors import NotFound
from chidao.recommendations import selectors, services

DAY = dt.date(2021, 8, 19)


@pytest.fixture
def recs(office_user, orgs):
    raised = services.do_receive_recommendation(
        office_user,
        text="Đầu tư hạ tầng cửa khẩu",
        raised_by=orgs["cao_loc"],
        addressed_to=orgs["province"],
        received_on=DAY,
    )
    forwarded = services.do_receive_recommendation(
        office_user,
        text="Hỗ trợ kinh phí phòng dịch",
        raised_by=orgs["finance"],
        addressed_to=orgs["province"],
        received_on=DAY,
    )
    services.do_forward_recommendation(
        office_user,
        forwarded,
        sectors=[orgs["cao_loc"]],
        due_on=DAY + dt.timedelta(days=30),
        at=DAY,
    )
    addressed = services.do_receive_recommendation(
        office_user,
        text="Xin chủ trương làm đường",
        raised_by=orgs["finance"],
        addressed_to=orgs["cao_loc"],
        received_on=DAY,
    )
    other = services.do_receive_recommendation(
        office_user,
        text="Phát triển du lịch Văn Lãng",
        raised_by=orgs["van_lang"],
        addressed_to=orgs["province"],
        received_on=DAY,
    )
    return {"raised": raised, "forwarded": forwarded, "addressed": addressed, "other": other}


def test_office_and_leader_see_all(recs, office_user, leader_user):
    assert selectors.visible_recommendations(office_user).count() == 4
    assert selectors.visible_recommendations(leader_user).count() == 4


def test_unit_sees_raised_addressed_and_forwarded(recs, unit_user):
    seen = set(selectors.visible_recommendations(unit_user))
    assert seen == {recs["raised"], recs["forwarded"], recs["addressed"]}


def test_other_unit(recs, other_unit_user):
    assert list(selectors.visible_recommendations(other_unit_user)) == [recs["other"]]
    with pytest.raises(NotFound):
        selectors.get_visible_recommendation(other_unit_user, recs["forwarded"].pk)
