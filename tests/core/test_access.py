import pytest

from chidao.core.access import RULES, can, cleared_for, require
from chidao.core.errors import AccessDenied
from chidao.core.models import Classification


@pytest.mark.parametrize("action", sorted(RULES))
def test_anonymous_may_do_nothing(action):
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), action)


@pytest.mark.parametrize("action", sorted(RULES))
def test_administrator_may_do_everything(admin_user, action):
    assert can(admin_user, action)


def test_unit_user_acts_only_for_own_body(unit_user, orgs):
    assert can(unit_user, "progress.submit", orgs=[orgs["cao_loc"]])
    assert not can(unit_user, "progress.submit", orgs=[orgs["van_lang"]])
    assert not can(unit_user, "progress.submit")  # no body named: refused
    assert not can(unit_user, "task.manage", orgs=[orgs["cao_loc"]])


def test_unit_user_of_a_parent_body_acts_for_bodies_below(make_user, orgs):
    from chidao.core.models import Role

    province_unit = make_user("tinhuy", Role.UNIT, orgs["province"])
    assert can(province_unit, "progress.submit", orgs=[orgs["cao_loc"]])


def test_refusal_message_is_vietnamese(leader_user):
    with pytest.raises(AccessDenied, match="Bạn không có quyền giao, sửa nhiệm vụ"):
        require(leader_user, "task.manage")


def test_inactive_user_is_refused(office_user):
    office_user.is_active = False
    assert not can(office_user, "task.manage")


@pytest.mark.parametrize(
    ("clearance", "level", "expected"),
    [
        (Classification.NORMAL, Classification.NORMAL, True),
        (Classification.NORMAL, Classification.SECRET, False),
        (Classification.SECRET, Classification.SECRET, True),
        (Classification.SECRET, Classification.TOP_SECRET, False),
        (Classification.TOP_SECRET, Classification.TOP_SECRET, True),
    ],
)
def test_classified_documents_need_clearance(office_user, clearance, level, expected):
    office_user.clearance = clearance
    assert cleared_for(office_user, level) is expected
