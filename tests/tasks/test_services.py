"""Task services: creation, updates with version check, progress reports, refresh, succession."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from chidao.core.audit import history
from chidao.core.errors import AccessDenied, Conflict, InvalidTransition, ServiceError
from chidao.tasks import services
from chidao.tasks.models import ProgressState, ProgressUpdate, Task, TaskGroup
from chidao.tasks.status import TaskStatus

DEADLINE = dt.date(2021, 12, 31)
TODAY = dt.date(2021, 8, 19)


def at_noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


@pytest.fixture
def group(office_user, orgs):
    return services.do_create_task_group(
        office_user,
        name="Phát triển kinh tế cửa khẩu",
        owner=orgs["cao_loc"],
        year=2021,
        approving_body=orgs["province"],
    )


@pytest.fixture
def task(office_user, orgs, group):
    return services.do_create_task(
        office_user,
        title="Đẩy mạnh cải cách hành chính ở khu vực cửa khẩu",
        lead_unit=orgs["cao_loc"],
        group=group,
        deadline=DEADLINE,
        co_units=[orgs["finance"]],
        today=TODAY,
    )


def test_create_group_and_task_are_audited(office_user, orgs, audit_count):
    n = audit_count()
    group = services.do_create_task_group(
        office_user,
        name="Nhóm 1",
        owner=orgs["cao_loc"],
        year=2021,
        approving_body=orgs["province"],
    )
    task = services.do_create_task(
        office_user,
        title="Nhiệm vụ 1",
        lead_unit=orgs["cao_loc"],
        group=group,
        co_units=[orgs["finance"], orgs["cao_loc"]],
        deadline=DEADLINE,
        today=TODAY,
    )
    assert audit_count() == n + 2
    assert task.approving_body == orgs["province"]
    assert task.status == TaskStatus.NOT_STARTED
    assert list(task.co_units.all()) == [orgs["finance"]]
    entry = history(task).get()
    assert entry.action == "task.create"
    assert entry.after["co_units"] == [orgs["finance"].pk]
    assert history(group).get().action == "taskgroup.create"


@pytest.mark.parametrize("who", ["unit_user", "leader_user"])
def test_only_office_creates_tasks(request, orgs, audit_count, who):
    actor = request.getfixturevalue(who)
    n = audit_count()
    with pytest.raises(AccessDenied):
        services.do_create_task(actor, title="X", lead_unit=orgs["cao_loc"])
    assert Task.objects.count() == 0
    assert audit_count() == n


@pytest.mark.parametrize("bad", [-1, 101, "abc", 12.5, None])
def test_progress_outside_0_to_100_is_refused(office_user, orgs, bad):
    with pytest.raises(ServiceError):
        services.do_create_task(office_user, title="X", lead_unit=orgs["cao_loc"], progress=bad)


def test_update_with_current_version(office_user, task, audit_count):
    n = audit_count()
    updated = services.do_update_task(
        office_user,
        task,
        expected_version=task.version,
        deadline=dt.date(2021, 8, 1),
        weight="2.5",
        today=TODAY,
    )
    assert updated.version == task.version + 1
    assert updated.weight == Decimal("2.5")
    assert updated.status == TaskStatus.OVERDUE
    assert audit_count() == n + 1
    entry = history(task).first()
    assert entry.action == "task.update"
    assert entry.before["deadline"] == "2021-12-31" and entry.after["deadline"] == "2021-08-01"


def test_update_with_stale_version_conflicts_and_writes_nothing(office_user, task, audit_count):
    stale = task.version
    services.do_update_task(office_user, task, expected_version=stale, title="Bản sửa thứ nhất")
    n = audit_count()
    with pytest.raises(Conflict):
        services.do_update_task(office_user, task, expected_version=stale, title="Bản sửa cũ")
    task.refresh_from_db()
    assert task.title == "Bản sửa thứ nhất"
    assert audit_count() == n


def test_update_rejects_unknown_fields(office_user, task):
    with pytest.raises(ServiceError):
        services.do_update_task(office_user, task, status="completed_on_time")


def test_unit_submits_office_accepts(unit_user, office_user, task, audit_count):
    n = audit_count()
    update = services.do_submit_progress(
        unit_user,
        task,
        progress=60,
        note="Đã hoàn thành 3/5 hạng mục",
        submitted_at=at_noon(dt.date(2021, 8, 10)),
    )
    assert update.state == ProgressState.SUBMITTED
    assert audit_count() == n + 1
    task.refresh_from_db()
    assert task.progress == 0  # not applied before review
    services.do_accept_progress(office_user, update, today=TODAY)
    task.refresh_from_db()
    update.refresh_from_db()
    assert update.state == ProgressState.ACCEPTED
    assert update.reviewed_by == office_user and update.reviewed_at is not None
    assert task.progress == 60
    assert task.started_on == dt.date(2021, 8, 10)
    assert task.status == TaskStatus.IN_PROGRESS
    assert audit_count() == n + 3  # submit, accept, task progress


@pytest.mark.parametrize(
    ("reported_on", "expected"),
    [
        (DEADLINE - dt.timedelta(days=1), TaskStatus.COMPLETED_ON_TIME),
        (DEADLINE, TaskStatus.COMPLETED_ON_TIME),
        (DEADLINE + dt.timedelta(days=1), TaskStatus.COMPLETED_LATE),
    ],
)
def test_accepting_100_completes_on_the_reported_day(
    unit_user, leader_user, task, reported_on, expected
):
    update = services.do_submit_progress(
        unit_user, task, progress=100, submitted_at=at_noon(reported_on)
    )
    services.do_accept_progress(leader_user, update, today=reported_on + dt.timedelta(days=5))
    task.refresh_from_db()
    assert task.completed_on == reported_on
    assert task.status == expected


def test_completed_task_takes_no_more_reports(unit_user, office_user, task):
    update = services.do_submit_progress(unit_user, task, progress=100)
    services.do_accept_progress(office_user, update)
    with pytest.raises(InvalidTransition):
        services.do_submit_progress(unit_user, task, progress=90)


def test_office_returns_with_reason(unit_user, office_user, task, audit_count):
    update = services.do_submit_progress(unit_user, task, progress=80)
    n = audit_count()
    with pytest.raises(ServiceError):
        services.do_return_progress(office_user, update, reason="  ")
    assert audit_count() == n
    services.do_return_progress(office_user, update, reason="Thiếu tài liệu minh chứng")
    update.refresh_from_db()
    task.refresh_from_db()
    assert update.state == ProgressState.RETURNED
    assert update.return_reason == "Thiếu tài liệu minh chứng"
    assert task.progress == 0
    assert audit_count() == n + 1
    with pytest.raises(InvalidTransition):
        services.do_accept_progress(office_user, update)


def test_other_bodys_unit_user_is_refused_and_nothing_written(
    other_unit_user, unit_user, task, audit_count
):
    n = audit_count()
    with pytest.raises(AccessDenied):
        services.do_submit_progress(other_unit_user, task, progress=50)
    assert ProgressUpdate.objects.count() == 0
    assert audit_count() == n
    update = services.do_submit_progress(unit_user, task, progress=50)
    n = audit_count()
    for reviewer in (unit_user, other_unit_user):  # units cannot review, not even their own
        with pytest.raises(AccessDenied):
            services.do_accept_progress(reviewer, update)
    update.refresh_from_db()
    assert update.state == ProgressState.SUBMITTED
    assert audit_count() == n


@pytest.mark.parametrize("bad", [-5, 150, "70%"])
def test_submit_validates_progress(unit_user, task, bad):
    with pytest.raises(ServiceError):
        services.do_submit_progress(unit_user, task, progress=bad)
    assert ProgressUpdate.objects.count() == 0


def test_refresh_statuses_at_the_deadline(office_user, task, audit_count):
    task_without_deadline = services.do_create_task(
        office_user, title="Không thời hạn", lead_unit=task.lead_unit, progress=10, today=TODAY
    )
    assert services.do_refresh_statuses(office_user, today=DEADLINE) == 0
    n = audit_count()
    assert services.do_refresh_statuses(office_user, today=DEADLINE + dt.timedelta(days=1)) == 1
    task.refresh_from_db()
    assert task.status == TaskStatus.OVERDUE
    assert task.version == 1  # a derived status is not an edit: open forms stay valid
    assert audit_count() == n + 1
    assert history(task).first().action == "task.status"
    task_without_deadline.refresh_from_db()
    assert task_without_deadline.status == TaskStatus.NO_DEADLINE


def test_refresh_statuses_runs_as_system_without_an_actor(task):
    assert services.do_refresh_statuses(today=DEADLINE + dt.timedelta(days=1)) == 1


def test_rollup_reproduces_the_report_sentence(office_user, orgs):
    """ "10 nhiệm vụ thuộc 5 nhóm ... 1 hoàn thành, 8 đạt tiến độ" from records."""
    groups = [
        services.do_create_task_group(
            office_user,
            name=f"Nhóm {i}",
            owner=orgs["cao_loc"],
            year=2021,
            approving_body=orgs["province"],
            order=i,
        )
        for i in range(1, 6)
    ]
    specs = [
        # (group, progress, deadline, completed_on, weight)
        (0, 100, DEADLINE, dt.date(2021, 6, 30), 1),
        (0, 70, DEADLINE, None, 1),
        (1, 60, DEADLINE, None, 1),
        (1, 50, DEADLINE, None, 1),
        (2, 80, DEADLINE, None, 1),
        (2, 40, None, None, 1),
        (3, 90, DEADLINE, None, 1),
        (3, 30, DEADLINE, None, 1),
        (4, 75, DEADLINE, None, 2),
        (4, 20, dt.date(2021, 7, 31), None, 2),
    ]
    for i, (g, progress, deadline, completed_on, weight) in enumerate(specs):
        services.do_create_task(
            office_user,
            title=f"Nhiệm vụ {i + 1}",
            lead_unit=orgs["cao_loc"],
            group=groups[g],
            progress=progress,
            deadline=deadline,
            completed_on=completed_on,
            weight=weight,
            today=TODAY,
        )
    # another body's tasks and another year's are not counted
    other = services.do_create_task_group(
        office_user, name="Khác", owner=orgs["van_lang"], year=2021
    )
    services.do_create_task(office_user, title="Khác", lead_unit=orgs["van_lang"], group=other)
    result = services.rollup_for_body(orgs["cao_loc"], 2021, today=TODAY)
    assert result.sentence == (
        "10 nhiệm vụ thuộc 5 nhóm: 1 hoàn thành, 8 đạt tiến độ, 1 chậm tiến độ"
    )
    # (100+70+60+50+80+40+90+30 + 2*75 + 2*20) / (8 + 2*2)
    assert result.weighted_progress == Decimal("59.17")  # 710 / 12
    assert services.rollup_for_body(orgs["cao_loc"], 2021).sentence == result.sentence
    assert services.rollup_for_group(groups[4], today=TODAY).behind == 1
    assert services.rollup_for_body(orgs["cao_loc"], 2022).total == 0


def test_create_task_from_direction(office_user, orgs):
    from chidao.meetings.models import Direction, Meeting, MeetingKind

    meeting = Meeting.objects.create(
        kind=MeetingKind.WORKING_SESSION,
        title="Làm việc với Huyện ủy Cao Lộc",
        held_on=dt.date(2021, 8, 19),
        host=orgs["cao_loc"],
    )
    direction = Direction.objects.create(
        meeting=meeting,
        text="Đẩy mạnh cải cách hành chính, chuyển đổi số ở khu vực cửa khẩu",
        addressed_to=orgs["cao_loc"],
        deadline=DEADLINE,
    )
    task = services.do_create_task_from_direction(office_user, direction, today=TODAY)
    assert task.origin_direction == direction
    assert task.lead_unit == orgs["cao_loc"]
    assert task.deadline == DEADLINE
    assert task.approving_body == orgs["cao_loc"]
    assert task.title.startswith("Đẩy mạnh cải cách hành chính")
    assert history(task).get().action == "task.create"


def test_succession_moves_only_open_tasks(admin_user, office_user, orgs, audit_count):
    from chidao.orgs.models import Organization, OrganizationKind, System
    from chidao.orgs.services import do_succeed_organization

    commune = Organization.objects.create(
        name="Đảng ủy xã Đồng Đăng",
        kind=OrganizationKind.PARTY_COMMITTEE,
        system=System.PARTY,
        parent=orgs["province"],
        valid_from=dt.date(2025, 7, 1),
    )
    open_task = services.do_create_task(
        office_user, title="Đang làm", lead_unit=orgs["cao_loc"], progress=40, today=TODAY
    )
    done_task = services.do_create_task(
        office_user,
        title="Đã xong",
        lead_unit=orgs["cao_loc"],
        progress=100,
        completed_on=dt.date(2021, 6, 1),
        today=TODAY,
    )
    co_task = services.do_create_task(
        office_user,
        title="Phối hợp",
        lead_unit=orgs["finance"],
        co_units=[orgs["cao_loc"]],
        today=TODAY,
    )
    n = audit_count()
    moved = do_succeed_organization(
        admin_user,
        orgs["cao_loc"],
        ended_on=dt.date(2025, 6, 30),
        successors=[commune],
        open_work_to=commune,
    )
    assert moved["tasks"] == 2
    open_task.refresh_from_db()
    done_task.refresh_from_db()
    assert open_task.lead_unit == commune
    assert done_task.lead_unit == orgs["cao_loc"]
    assert list(co_task.co_units.all()) == [commune]
    assert history(open_task).first().action == "task.succession"
    assert history(co_task).first().action == "task.succession"
    assert history(done_task).first().action == "task.create"
    # org.end + succession link + 2 tasks (+ whatever other apps moved)
    assert audit_count() >= n + 4


def test_group_and_task_labels_are_vietnamese():
    for model in (TaskGroup, Task, ProgressUpdate):
        assert model._meta.verbose_name
        for field in model._meta.get_fields():
            if getattr(field, "verbose_name", None) and not field.auto_created:
                assert field.verbose_name != field.name.replace("_", " "), field


@pytest.mark.parametrize("bad", [0, -1, "abc", "nan"])
def test_weight_must_be_positive(office_user, orgs, bad):
    with pytest.raises(ServiceError):
        services.do_create_task(office_user, title="X", lead_unit=orgs["cao_loc"], weight=bad)
    assert Task.objects.count() == 0
