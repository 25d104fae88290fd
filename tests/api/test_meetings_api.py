"""Meetings through the API: the meeting, its participants, directions and conclusion."""

from __future__ import annotations

import pytest

from chidao.orgs.models import Person


@pytest.fixture
def secretary(db):
    return Person.objects.create(full_name="Nguyễn Quốc Đoàn")


@pytest.fixture
def meeting(as_office, orgs, secretary):
    return as_office.post(
        "/meetings",
        {
            "kind": "working_session",
            "title": "Làm việc với Huyện ủy Cao Lộc",
            "held_on": "2021-08-19",
            "host": orgs["cao_loc"].pk,
            "visiting_bodies": [orgs["province"].pk],
            "chair": secretary.pk,
            "period_label": "6 tháng đầu năm 2021",
        },
        expect=201,
    )


def test_meeting_round_trip(as_office, meeting, orgs, secretary):
    assert meeting["visiting_bodies"] == [orgs["province"].pk] and meeting["chair"] == secretary.pk
    assert as_office.get(f"/meetings/{meeting['id']}") == meeting
    changed = as_office.patch(
        f"/meetings/{meeting['id']}",
        {"version": meeting["version"], "place": "Trụ sở Huyện ủy", "visiting_bodies": []},
    )
    assert changed["place"] == "Trụ sở Huyện ủy" and changed["visiting_bodies"] == []
    assert changed["version"] == meeting["version"] + 1
    assert as_office.get(f"/meetings/{meeting['id']}") == changed
    as_office.patch(
        f"/meetings/{meeting['id']}", {"version": meeting["version"], "place": "x"}, expect=409
    )


def test_participants_directions_conclusion(as_office, meeting, orgs, secretary, doc_types):
    with_person = as_office.post(
        f"/meetings/{meeting['id']}/participants",
        {"person": secretary.pk, "title_at_meeting": "Bí thư Tỉnh ủy", "role": "chair"},
        expect=201,
    )
    assert with_person["participants"][0]["person_name"] == "Nguyễn Quốc Đoàn"
    direction = as_office.post(
        f"/meetings/{meeting['id']}/directions",
        {
            "text": "Tăng cường phòng, chống dịch",
            "addressed_to": orgs["cao_loc"].pk,
            "deadline": "2021-12-31",
            "given_by": secretary.pk,
        },
        expect=201,
    )
    assert direction["order"] == 1
    changed = as_office.patch(
        f"/directions/{direction['id']}", {"version": 1, "deadline": "2021-10-31"}
    )
    assert changed["deadline"] == "2021-10-31"
    early = as_office.post(
        f"/meetings/{meeting['id']}/directions",
        {"text": "Sớm", "deadline": "2021-01-01"},
        expect=400,
    )
    assert early["field"] == "deadline"
    from chidao.documents.models import Document

    notice = Document.objects.create(
        doc_type=doc_types["Thông báo"],
        system="party",
        issuer=orgs["province"],
        issued_on="2021-08-25",
        year=2021,
        excerpt="Thông báo kết luận",
    )
    concluded = as_office.post(f"/meetings/{meeting['id']}/conclusion", {"document": notice.pk})
    assert concluded["conclusion"] == notice.pk and len(concluded["directions"]) == 1


def test_list_and_access(as_office, as_unit, as_other_unit, meeting, orgs):
    as_office.post(
        "/meetings",
        {
            "kind": "review_conference",
            "title": "Hội nghị sơ kết",
            "held_on": "2022-07-10",
            "host": orgs["van_lang"].pk,
        },
        expect=201,
    )
    assert as_office.get("/meetings")["count"] == 2
    assert as_office.get("/meetings", year=2022)["count"] == 1
    assert as_office.get("/meetings", kind="working_session")["count"] == 1
    assert as_office.get("/meetings", body=orgs["province"].pk)["count"] == 1  # visiting
    assert as_office.get("/meetings", q="sơ kết")["count"] == 1
    assert as_office.get("/meetings", period="6 tháng")["count"] == 1
    assert as_office.get("/meetings", limit=1)["count"] == 2
    assert [m["id"] for m in as_unit.get("/meetings")["items"]] == [meeting["id"]]
    as_other_unit.get(f"/meetings/{meeting['id']}", expect=404)
    as_unit.patch(f"/meetings/{meeting['id']}", {"version": 1, "place": "x"}, expect=403)


def test_direction_becomes_a_task(as_office, as_unit, meeting, orgs):
    direction = as_office.post(
        f"/meetings/{meeting['id']}/directions",
        {
            "text": "Đẩy nhanh giải ngân vốn đầu tư công",
            "addressed_to": orgs["cao_loc"].pk,
            "deadline": "2021-12-31",
        },
        expect=201,
    )
    as_unit.post(f"/directions/{direction['id']}/task", {}, expect=403)
    task = as_office.post(f"/directions/{direction['id']}/task", {}, expect=201)
    assert task["origin_direction"] == direction["id"]
    assert task["lead_unit"] == orgs["cao_loc"].pk and task["deadline"] == "2021-12-31"
    assert task["approving_body"] == orgs["cao_loc"].pk  # the meeting's host
    assert as_unit.get(f"/tasks/{task['id']}") == task
