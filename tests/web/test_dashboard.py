"""The dashboard: Cao Lộc's figures for a body and a period, status as of the period end."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def by_testid(html: str, name: str) -> str:
    match = re.search(rf'data-testid="{name}"[^>]*>(.*?)<', html, re.S)
    return " ".join(match.group(1).split()) if match else ""


def test_demo_dashboard_shows_the_cao_loc_figures(client, web_users, cao_loc_data):
    client.force_login(web_users["leader"])
    html = client.get(reverse("home")).content.decode()
    assert by_testid(html, "den-ngay") == "19/08/2021"
    assert by_testid(html, "cau-nhiem-vu") == (
        "10 nhiệm vụ thuộc 5 nhóm: 1 hoàn thành, 8 đạt tiến độ, 1 chậm tiến độ"
    )
    assert by_testid(html, "cau-van-ban") == (
        "ban hành 3 chỉ thị, 35 kế hoạch, 26 nghị quyết, 6 hướng dẫn, 24 thông báo"
    )
    assert "trên 380 tỷ đồng" in html and "100,96%" in html and "+28,38%" in html
    assert "Chuyển đổi 200 ha cây trồng kém hiệu quả sang cây ăn quả" in html  # overdue
    data = json.loads(re.search(r'id="du-lieu-bieu-do">(.*?)</script>', html, re.S).group(1))
    assert sum(data["groups"]["on_track"]) == 8 and len(data["groups"]["labels"]) == 5
    assert data["documents"]["values"] == [3, 35, 26, 6, 24]
    assert data["indicators"][0]["values"][-1] == 380.0
    assert "vendor/chart-4.6.1.umd.min.js" in html


def test_choosing_body_and_period(client, web_users, cao_loc_data):
    client.force_login(web_users["office"])
    body = cao_loc_data["Huyện ủy Cao Lộc"]
    response = client.get(
        reverse("home"),
        {"co_quan": body.pk, "nam": 2021, "den_ngay": "31/12/2021"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="bang-tin",
    )
    html = response.content.decode()
    assert "<html" not in html and by_testid(html, "den-ngay") == "31/12/2021"
    # the statuses are those of the year's end, not of 19/08/2021
    sentence = by_testid(html, "cau-nhiem-vu")
    assert sentence.startswith("10 nhiệm vụ thuộc 5 nhóm:")
    assert sentence != "10 nhiệm vụ thuộc 5 nhóm: 1 hoàn thành, 8 đạt tiến độ, 1 chậm tiến độ"
    bad = client.get(reverse("home"), {"den_ngay": "32/13/2021"})
    assert bad.status_code == 200 and "dd/mm/yyyy" in bad.content.decode()


def test_status_as_of_the_period_end_uses_accepted_reports(orgs, office_user, unit_user):
    from chidao.tasks.services import (
        do_accept_progress,
        do_create_task,
        do_create_task_group,
        do_submit_progress,
    )
    from chidao.web import dashboard

    group = do_create_task_group(office_user, name="Kinh tế", owner=orgs["cao_loc"], year=2021)
    task = do_create_task(
        office_user,
        title="Thông quan",
        lead_unit=orgs["cao_loc"],
        group=group,
        deadline=dt.date(2021, 12, 31),
    )
    at = timezone.make_aware(dt.datetime(2021, 3, 1, 9))
    do_accept_progress(
        office_user, do_submit_progress(unit_user, task, progress=30, submitted_at=at)
    )
    later = timezone.make_aware(dt.datetime(2021, 9, 1, 9))
    do_accept_progress(
        office_user, do_submit_progress(unit_user, task, progress=100, submitted_at=later)
    )
    task.refresh_from_db()
    assert task.completed_on == dt.date(2021, 9, 1)
    [before] = dashboard.tasks_as_of([task], dt.date(2021, 2, 1))
    [spring] = dashboard.tasks_as_of([task], dt.date(2021, 8, 19))
    [autumn] = dashboard.tasks_as_of([task], dt.date(2021, 9, 30))
    assert (before.progress, before.status) == (0, "not_started")
    assert (spring.progress, spring.status) == (30, "in_progress")
    assert (autumn.progress, autumn.status) == (100, "completed_on_time")
    board = dashboard.build(office_user, orgs["cao_loc"], 2021, dt.date(2022, 1, 10))
    assert (
        board.task_sentence
        == "1 nhiệm vụ thuộc 1 nhóm: 1 hoàn thành, 0 đạt tiến độ, 0 chậm tiến độ"
    )


def test_unit_user_dashboard_counts_only_its_work(client, web_users):
    client.force_login(web_users["other_unit"])
    html = client.get(reverse("home")).content.decode()
    assert "Chuyển đổi 200 ha" not in html
    assert "380 tỷ đồng" not in html  # another body's figures
