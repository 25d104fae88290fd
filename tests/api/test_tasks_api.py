"""Task groups, tasks and progress through the API, with the access rules of the pages."""

from __future__ import annotations

import pytest

from chidao.tasks.models import Task


@pytest.fixture
def group(as_office, orgs):
    return as_office.post(
        "/task-groups",
        {
            "name": "Kinh tế cửa khẩu",
            "owner": orgs["cao_loc"].pk,
            "year": 2021,
            "approving_body": orgs["province"].pk,
        },
        expect=201,
    )


@pytest.fixture
def task(as_office, orgs, group):
    return as_office.post(
        "/tasks",
        {
            "title": "Cải cách hành chính ở cửa khẩu",
            "lead_unit": orgs["cao_loc"].pk,
            "group": group["id"],
            "deadline": "2030-12-31",
            "co_units": [orgs["finance"].pk],
            "weight": "2.5",
        },
        expect=201,
    )


def test_task_round_trip(as_office, task, group, orgs):
    assert task["approving_body"] == orgs["province"].pk  # from the group
    assert task["co_units"] == [orgs["finance"].pk] and task["weight"] == 2.5
    assert task["status"] == "not_started" and task["status_label"]
    read = as_office.get(f"/tasks/{task['id']}")
    assert read == task
    changed = as_office.patch(
        f"/tasks/{task['id']}",
        {
            "version": task["version"],
            "title": "Cải cách hành chính",
            "deadline": None,
            "co_units": [orgs["van_lang"].pk],
        },
    )
    assert changed["title"] == "Cải cách hành chính" and changed["deadline"] is None
    assert changed["co_units"] == [orgs["van_lang"].pk]
    assert changed["version"] == task["version"] + 1
    assert as_office.get(f"/tasks/{task['id']}") == changed
    assert as_office.get(f"/task-groups/{group['id']}") == group


def test_task_list_filters_and_pagination(as_office, orgs, group, task):
    for i in range(3):
        as_office.post(
            "/tasks", {"title": f"Việc {i}", "lead_unit": orgs["van_lang"].pk}, expect=201
        )
    everything = as_office.get("/tasks")
    assert everything["count"] == 4
    page = as_office.get("/tasks", limit=2, offset=2)
    assert page["count"] == 4 and len(page["items"]) == 2
    assert {t["id"] for t in page["items"]}.isdisjoint(
        {t["id"] for t in as_office.get("/tasks", limit=2)["items"]}
    )
    assert as_office.get("/tasks", body=orgs["finance"].pk)["count"] == 1  # co-operating
    assert as_office.get("/tasks", lead_unit=orgs["van_lang"].pk)["count"] == 3
    assert as_office.get("/tasks", year=2021)["count"] == 1
    assert as_office.get("/tasks", group=group["id"])["count"] == 1
    assert as_office.get("/tasks", status="not_started")["count"] == 4
    assert as_office.get("/tasks", q="hành chính")["items"][0]["id"] == task["id"]
    assert as_office.get("/tasks", open="false")["count"] == 0
    as_office.get("/tasks", status="bogus", expect=422)
    assert as_office.get("/tasks", limit=100000)["limit"] == 500


def test_stale_version_gets_409(as_office, task):
    as_office.patch(f"/tasks/{task['id']}", {"version": task["version"], "title": "A"})
    stale = as_office.patch(
        f"/tasks/{task['id']}", {"version": task["version"], "title": "B"}, expect=409
    )
    assert "người khác sửa" in stale["detail"]
    assert Task.objects.get(pk=task["id"]).title == "A"


def test_service_refusal_is_400_with_field(as_office, task):
    refused = as_office.patch(
        f"/tasks/{task['id']}", {"version": task["version"], "progress": 150}, expect=400
    )
    assert refused["field"] == "progress" and "100" in refused["detail"]
    missing = as_office.post("/tasks", {"title": "X", "lead_unit": 999999}, expect=400)
    assert missing["field"] == "lead_unit"


def test_progress_submit_accept_return(as_office, as_unit, as_leader, task):
    update = as_unit.post(
        f"/tasks/{task['id']}/progress", {"progress": 40, "note": "Đã làm"}, expect=201
    )
    assert update["state"] == "submitted"
    listed = as_unit.get(f"/tasks/{task['id']}/progress")
    assert listed["count"] == 1 and listed["items"][0] == update
    as_unit.post(f"/progress/{update['id']}/accept", {}, expect=403)
    accepted = as_leader.post(f"/progress/{update['id']}/accept", {})
    assert accepted["state"] == "accepted"
    assert as_office.get(f"/tasks/{task['id']}")["progress"] == 40
    again = as_office.post(f"/progress/{update['id']}/accept", {}, expect=409)
    assert "không duyệt lại" in again["detail"]
    second = as_unit.post(f"/tasks/{task['id']}/progress", {"progress": 60}, expect=201)
    as_office.post(f"/progress/{second['id']}/return", {"reason": " "}, expect=400)
    returned = as_office.post(f"/progress/{second['id']}/return", {"reason": "Thiếu số liệu"})
    assert returned["state"] == "returned" and returned["return_reason"] == "Thiếu số liệu"


def test_unit_of_another_body(as_office, as_unit, as_other_unit, orgs, task):
    # Not theirs: 404 on the task, its progress, and absent from the list.
    as_other_unit.get(f"/tasks/{task['id']}", expect=404)
    as_other_unit.post(f"/tasks/{task['id']}/progress", {"progress": 10}, expect=404)
    assert as_other_unit.get("/tasks")["count"] == 0
    # Once Văn Lãng co-operates it reads the task, but reporting is for the lead unit: 403.
    as_office.patch(
        f"/tasks/{task['id']}", {"version": task["version"], "co_units": [orgs["van_lang"].pk]}
    )
    as_other_unit.get(f"/tasks/{task['id']}", expect=200)
    refused = as_other_unit.post(f"/tasks/{task['id']}/progress", {"progress": 10}, expect=403)
    assert "quyền" in refused["detail"]
    # A unit user does not assign tasks.
    as_unit.post("/tasks", {"title": "Tự giao", "lead_unit": orgs["cao_loc"].pk}, expect=403)
    as_unit.patch(f"/tasks/{task['id']}", {"version": 2, "title": "Sửa"}, expect=403)
