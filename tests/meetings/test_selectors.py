"""Who reads which meetings and directions."""

from __future__ import annotations

import datetime as dt

import pytest

from chidao.core.errors import NotFound
from chidao.meetings import selectors, services

DAY = dt.date(2021, 8, 19)


@pytest.fixture
def meetings(office_user, orgs):
    def make(title, host, **kw):
        return services.do_create_meeting(
            office_user, kind="working_session", title=title, held_on=DAY, host=host, **kw
        )

    hosted = make("Làm việc tại Cao Lộc", orgs["cao_loc"], visiting_bodies=[orgs["province"]])
    visited = make(
        "Đoàn Cao Lộc làm việc với Sở", orgs["finance"], visiting_bodies=[orgs["cao_loc"]]
    )
    directed = make("Hội nghị Tỉnh ủy", orgs["province"])
    services.do_add_direction(
        office_user, directed, text="Cao Lộc cần ...", addressed_to=orgs["cao_loc"]
    )
    other = make("Làm việc tại Văn Lãng", orgs["van_lang"])
    return {"hosted": hosted, "visited": visited, "directed": directed, "other": other}


def test_office_sees_all(meetings, office_user):
    assert selectors.visible_meetings(office_user).count() == 4


def test_unit_sees_hosted_visited_directed(meetings, unit_user):
    assert set(selectors.visible_meetings(unit_user)) == {
        meetings["hosted"],
        meetings["visited"],
        meetings["directed"],
    }
    assert selectors.visible_directions(unit_user).count() == 1


def test_other_unit(meetings, other_unit_user):
    assert list(selectors.visible_meetings(other_unit_user)) == [meetings["other"]]
    assert selectors.visible_directions(other_unit_user).count() == 0
    with pytest.raises(NotFound):
        selectors.get_visible_meeting(other_unit_user, meetings["hosted"].pk)
