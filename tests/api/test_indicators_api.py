"""Indicators, targets and observations through the API, with the computed shares."""

from __future__ import annotations

import pytest


@pytest.fixture
def revenue(as_office):
    return as_office.post(
        "/indicators",
        {"code": "thu_ngan_sach", "name": "Thu ngân sách trên địa bàn", "unit": "tỷ đồng"},
        expect=201,
    )


def test_indicator_round_trip(as_office, as_unit, revenue):
    assert as_office.get(f"/indicators/{revenue['id']}") == revenue
    assert as_unit.get("/indicators", q="ngân sách")["count"] == 1
    duplicate = as_office.post("/indicators", {"code": "thu_ngan_sach", "name": "Khác"}, expect=400)
    assert duplicate["field"] == "code"
    as_unit.post("/indicators", {"code": "x", "name": "X"}, expect=403)


def test_target_and_observation_shares(as_office, as_unit, as_other_unit, revenue, orgs):
    body = orgs["cao_loc"].pk
    target = as_office.post(
        f"/indicators/{revenue['id']}/targets", {"body": body, "year": 2021, "value": "376.4"}
    )
    assert target["value"] == 376.4 and target["kind"] == "estimate"
    as_office.post(
        f"/indicators/{revenue['id']}/observations",
        {"body": body, "period_kind": "year", "year": 2020, "value": 296},
        expect=201,
    )
    # The unit reports its own figure: "trên 380 tỷ, vượt 0,96% dự toán, tăng 28,38%".
    obs = as_unit.post(
        f"/indicators/{revenue['id']}/observations",
        {
            "body": body,
            "period_kind": "year",
            "year": 2021,
            "value": 380,
            "qualifier": "trên",
            "stated_pct_of_plan": "100.96",
            "stated_yoy_pct": 28.38,
            "period_label": "năm 2021",
        },
        expect=201,
    )
    assert obs["computed_pct_of_plan"] == pytest.approx(100.96, abs=0.01)
    assert obs["computed_yoy_pct"] == pytest.approx(28.38, abs=0.01)
    assert obs["is_flagged"] is False and obs["target"] == target["id"]
    assert as_unit.get(f"/observations/{obs['id']}") == obs
    changed = as_unit.patch(
        f"/observations/{obs['id']}", {"version": obs["version"], "stated_pct_of_plan": 90}
    )
    assert changed["is_flagged"] is True and changed["flags"] and changed["flag_labels"]
    assert as_unit.get(f"/observations/{obs['id']}") == changed
    as_unit.patch(
        f"/observations/{obs['id']}", {"version": obs["version"], "note": "x"}, expect=409
    )
    # Văn Lãng neither reads nor records Cao Lộc's figures.
    as_other_unit.get(f"/observations/{obs['id']}", expect=404)
    as_other_unit.post(
        f"/indicators/{revenue['id']}/observations",
        {"body": body, "period_kind": "year", "year": 2022, "value": 1},
        expect=403,
    )
    as_unit.post(
        f"/indicators/{revenue['id']}/targets",
        {"body": body, "year": 2022, "value": 1},
        expect=403,
    )


def test_lists(as_office, as_unit, revenue, orgs):
    for body, year, value in [
        ("cao_loc", 2021, 380),
        ("van_lang", 2021, 200),
        ("cao_loc", 2022, 400),
    ]:
        as_office.post(
            f"/indicators/{revenue['id']}/observations",
            {"body": orgs[body].pk, "period_kind": "six_months", "year": year, "value": value},
            expect=201,
        )
    as_office.post(
        f"/indicators/{revenue['id']}/targets",
        {"body": orgs["van_lang"].pk, "year": 2021, "value": 190, "kind": "plan"},
    )
    assert as_office.get("/observations")["count"] == 3
    assert as_office.get("/observations", year=2021)["count"] == 2
    assert as_office.get("/observations", body=orgs["cao_loc"].pk)["count"] == 2
    assert as_office.get("/observations", period="six_months", limit=1)["count"] == 3
    assert as_office.get("/observations", period="year")["count"] == 0
    assert as_office.get("/observations", flagged="true")["count"] == 0
    assert as_office.get("/observations", indicator=revenue["id"])["count"] == 3
    assert as_unit.get("/observations")["count"] == 2
    assert as_office.get("/targets", kind="plan")["count"] == 1
    assert as_unit.get("/targets")["count"] == 0
