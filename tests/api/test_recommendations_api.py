"""Recommendations through the API: receive, list, and every move of their life."""

from __future__ import annotations

import pytest


@pytest.fixture
def rec(as_office, orgs):
    return as_office.post(
        "/recommendations",
        {
            "text": "Đầu tư hạ tầng khu vực biên giới, cửa khẩu",
            "raised_by": orgs["cao_loc"].pk,
            "addressed_to": orgs["province"].pk,
            "received_on": "2021-08-19",
        },
        expect=201,
    )


def test_receive_and_read_back(as_office, rec, orgs):
    assert rec["status"] == "received" and rec["routing_steps"] == [] and rec["version"] == 1
    assert as_office.get(f"/recommendations/{rec['id']}") == rec


def test_life_of_a_recommendation(as_office, as_unit, caller, make_user, rec, orgs):
    from chidao.core.models import Role

    compiled = as_office.post(
        f"/recommendations/{rec['id']}/compile", {"by_body": orgs["office"].pk, "at": "2021-08-20"}
    )
    assert compiled["status"] == "received" and compiled["routing_steps"][0]["kind"] == "compiled"
    forwarded = as_office.post(
        f"/recommendations/{rec['id']}/forward",
        {"sectors": [orgs["finance"].pk], "due_on": "2021-09-30", "at": "2021-08-21"},
    )
    assert forwarded["status"] == "forwarded" and forwarded["due_on"] == "2021-09-30"
    assert forwarded["is_overdue"] is True  # 2021 is long past
    finance = caller(make_user("sotaichinh", Role.UNIT, orgs["finance"]))
    # The raising body reads it but does not answer for the sector.
    as_unit.post(f"/recommendations/{rec['id']}/answer", {"text": "Tự trả lời"}, expect=403)
    answered = finance.post(
        f"/recommendations/{rec['id']}/answer",
        {"text": "Đã bố trí vốn năm 2022", "answered_on": "2021-09-15"},
    )
    assert answered["status"] == "answered"
    assert answered["responses"][0]["from_body"] == orgs["finance"].pk
    finance.post(f"/recommendations/{rec['id']}/resolve", {}, expect=403)
    resolved = as_office.post(
        f"/recommendations/{rec['id']}/resolve", {"on": "2021-10-01", "note": "Xong"}
    )
    assert resolved["status"] == "resolved" and resolved["closed_on"] == "2021-10-01"
    final = as_office.post(f"/recommendations/{rec['id']}/decline", {"reason": "Muộn"}, expect=409)
    assert "Không thể chuyển" in final["detail"]
    assert as_office.get(f"/recommendations/{rec['id']}") == resolved


def test_illegal_move_and_reason(as_office, rec):
    as_office.post(f"/recommendations/{rec['id']}/resolve", {}, expect=409)
    refused = as_office.post(f"/recommendations/{rec['id']}/decline", {"reason": ""}, expect=400)
    assert refused["field"] == "reason"
    declined = as_office.post(f"/recommendations/{rec['id']}/decline", {"reason": "Trùng"})
    assert declined["status"] == "declined" and declined["closing_note"] == "Trùng"


def test_list_filters_and_access(as_office, as_unit, as_other_unit, rec, orgs):
    other = as_office.post(
        "/recommendations",
        {
            "text": "Phát triển du lịch",
            "raised_by": orgs["van_lang"].pk,
            "addressed_to": orgs["province"].pk,
            "received_on": "2022-03-01",
        },
        expect=201,
    )
    assert as_office.get("/recommendations")["count"] == 2
    assert as_office.get("/recommendations", year=2022)["items"][0]["id"] == other["id"]
    assert as_office.get("/recommendations", body=orgs["cao_loc"].pk)["count"] == 1
    assert as_office.get("/recommendations", raised_by=orgs["van_lang"].pk)["count"] == 1
    assert as_office.get("/recommendations", status="received")["count"] == 2
    assert as_office.get("/recommendations", q="du lịch")["count"] == 1
    assert as_office.get("/recommendations", overdue="true")["count"] == 0
    page = as_office.get("/recommendations", limit=1, offset=1)
    assert page["count"] == 2 and len(page["items"]) == 1
    assert [r["id"] for r in as_unit.get("/recommendations")["items"]] == [rec["id"]]
    as_other_unit.get(f"/recommendations/{rec['id']}", expect=404)
    as_unit.post(
        "/recommendations",
        {"text": "X", "raised_by": orgs["cao_loc"].pk, "addressed_to": orgs["province"].pk},
        expect=403,
    )
