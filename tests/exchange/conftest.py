"""Records of every kind, made through the services, for the spreadsheet tests."""

from __future__ import annotations

import datetime as dt

import pytest

from chidao.indicators import services as indicators
from chidao.recommendations import services as recommendations
from chidao.tasks import services as tasks

TODAY = dt.date(2021, 8, 19)


@pytest.fixture
def records(office_user, orgs):
    cao_loc, province, finance = orgs["cao_loc"], orgs["province"], orgs["finance"]
    group = tasks.do_create_task_group(
        office_user,
        name="Phát triển kinh tế cửa khẩu",
        owner=cao_loc,
        year=2021,
        approving_body=province,
        order=1,
    )
    t1 = tasks.do_create_task(
        office_user,
        title="Nâng cao năng lực thông quan",
        lead_unit=cao_loc,
        group=group,
        deadline=dt.date(2021, 12, 31),
        co_units=[finance],
        progress=70,
        weight="1.5",
        started_on=dt.date(2021, 1, 15),
        today=TODAY,
    )
    tasks.do_create_task(
        office_user,
        title="=Kiện toàn tổ chức cơ sở đảng",
        lead_unit=cao_loc,
        group=group,
        deadline=dt.date(2021, 6, 30),
        progress=100,
        completed_on=dt.date(2021, 6, 25),
        today=TODAY,
    )
    tasks.do_create_task(
        office_user,
        title="Nhiệm vụ không thuộc nhóm",
        lead_unit=cao_loc,
        today=TODAY,
    )
    revenue = indicators.do_create_indicator(
        office_user, code="thu-ngan-sach", name="Thu ngân sách trên địa bàn", unit="tỷ đồng"
    )
    indicators.do_set_target(office_user, revenue, body=cao_loc, year=2021, value="376.4")
    indicators.do_set_target(
        office_user,
        revenue,
        body=cao_loc,
        year=2022,
        value="1234567.25",
        kind="plan",
        note="Kế hoạch",
    )
    indicators.do_record_observation(
        office_user,
        revenue,
        body=cao_loc,
        period_kind="to_date",
        year=2020,
        period_number=8,
        period_end=dt.date(2020, 8, 15),
        period_label="đến trung tuần tháng 8/2020",
        value=296,
    )
    indicators.do_record_observation(
        office_user,
        revenue,
        body=cao_loc,
        period_kind="to_date",
        year=2021,
        period_number=8,
        period_end=dt.date(2021, 8, 15),
        period_label="đến trung tuần tháng 8/2021",
        value=380,
        qualifier="trên",
        stated_pct_of_plan="100.96",
        stated_yoy_pct="28.38",
    )
    rec = recommendations.do_receive_recommendation(
        office_user,
        text="Đầu tư hạ tầng khu vực biên giới, cửa khẩu",
        raised_by=cao_loc,
        addressed_to=province,
        received_on=TODAY,
    )
    recommendations.do_forward_recommendation(
        office_user,
        rec,
        sectors=[finance],
        due_on=dt.date(2021, 10, 31),
        by_body=orgs["office"],
        at=dt.date(2021, 8, 26),
    )
    recommendations.do_receive_recommendation(
        office_user,
        text="Đào tạo nghề cho lao động nông thôn",
        raised_by=cao_loc,
        addressed_to=province,
        received_on=TODAY,
    )
    return {"group": group, "task": t1, "indicator": revenue}


@pytest.fixture
def counts(db):
    """Record counts of every kind and of the audit log, to prove nothing was written."""
    from chidao.core.models import AuditEntry
    from chidao.indicators.models import Indicator, Observation, Target
    from chidao.recommendations.models import Recommendation
    from chidao.tasks.models import Task, TaskGroup

    models = [AuditEntry, Task, TaskGroup, Indicator, Target, Observation, Recommendation]
    return lambda: {m.__name__: m.objects.count() for m in models}
