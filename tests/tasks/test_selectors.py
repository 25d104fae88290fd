"""Who reads which tasks, groups and progress reports."""

from __future__ import annotations

import datetime as dt

import pytest

from chidao.core.errors import NotFound
from chidao.orgs.models import Organization, OrganizationKind, System
from chidao.tasks import selectors, services

TODAY = dt.date(2021, 8, 19)


@pytest.fixture
def work(office_user, orgs):
    group = services.do_create_task_group(
        office_user, name="Kinh tế cửa khẩu", owner=orgs["cao_loc"], year=2021
    )
    commune = Organization.objects.create(
        name="Đảng ủy xã Tân Liên",
        kind=OrganizationKind.PARTY_COMMITTEE,
        system=System.PARTY,
        parent=orgs["cao_loc"],
    )
    led = services.do_create_task(
        office_user,
        title="Cải cách hành chính",
        lead_unit=orgs["cao_loc"],
        group=group,
        today=TODAY,
    )
    cooperating = services.do_create_task(
        office_user,
        title="Thu ngân sách",
        lead_unit=orgs["finance"],
        co_units=[orgs["cao_loc"]],
        today=TODAY,
    )
    below = services.do_create_task(
        office_user, title="Xây dựng nông thôn mới", lead_unit=commune, today=TODAY
    )
    other = services.do_create_task(
        office_user, title="Phát triển du lịch", lead_unit=orgs["van_lang"], today=TODAY
    )
    return {"group": group, "led": led, "co": cooperating, "below": below, "other": other}


def titles(qs):
    return sorted(t.title for t in qs)


def test_office_leader_admin_see_every_task(work, office_user, leader_user, admin_user):
    for user in (office_user, leader_user, admin_user):
        assert selectors.visible_tasks(user).count() == 4


def test_unit_sees_led_cooperating_and_tasks_below(work, unit_user):
    assert titles(selectors.visible_tasks(unit_user)) == sorted(
        ["Cải cách hành chính", "Thu ngân sách", "Xây dựng nông thôn mới"]
    )


def test_other_unit_sees_only_its_own(work, other_unit_user):
    assert titles(selectors.visible_tasks(other_unit_user)) == ["Phát triển du lịch"]
    with pytest.raises(NotFound):
        selectors.get_visible_task(other_unit_user, work["led"].pk)
    assert selectors.get_visible_task(other_unit_user, work["other"].pk) == work["other"]


def test_no_duplicates_when_led_and_cooperating(work, office_user, orgs, unit_user):
    services.do_create_task(
        office_user,
        title="Hai vai",
        lead_unit=orgs["cao_loc"],
        co_units=[Organization.objects.get(name="Đảng ủy xã Tân Liên")],
        today=TODAY,
    )
    qs = selectors.visible_tasks(unit_user)
    assert qs.count() == len(set(qs.values_list("pk", flat=True))) == 4


def test_anonymous_and_inactive_see_nothing(work, unit_user):
    from django.contrib.auth.models import AnonymousUser

    assert selectors.visible_tasks(AnonymousUser()).count() == 0
    unit_user.is_active = False
    assert selectors.visible_tasks(unit_user).count() == 0


def test_groups_and_progress_follow_tasks(work, unit_user, other_unit_user):
    update = services.do_submit_progress(unit_user, work["led"], progress=40)
    assert list(selectors.visible_task_groups(unit_user)) == [work["group"]]
    assert selectors.visible_task_groups(other_unit_user).count() == 0
    assert list(selectors.visible_progress_updates(unit_user)) == [update]
    assert selectors.visible_progress_updates(other_unit_user).count() == 0
    with pytest.raises(NotFound):
        selectors.get_visible_progress_update(other_unit_user, update.pk)


def test_bad_id_is_not_found(work, office_user):
    with pytest.raises(NotFound):
        selectors.get_visible_task(office_user, "abc")
    with pytest.raises(NotFound):
        selectors.get_visible_task(office_user, 999999)
