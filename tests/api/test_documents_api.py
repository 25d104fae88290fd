"""Documents through the API: numbers, clearance, reservations, links."""

from __future__ import annotations

import datetime as dt

import pytest

from chidao.core.models import Classification


@pytest.fixture
def term(orgs):
    from chidao.orgs.models import CommitteeTerm

    return CommitteeTerm.objects.create(
        organization=orgs["province"],
        name="khóa XVII",
        starts=dt.date(2020, 10, 1),
        ends=dt.date(2025, 9, 30),
    )


@pytest.fixture
def plan(as_office, orgs, doc_types, term):
    return as_office.post(
        "/documents",
        {
            "issuer": orgs["province"].pk,
            "raw_number": "Số 10-KH/TU",
            "issued_on": "2021-05-04",
            "excerpt": "Kế hoạch thực hiện Chỉ thị 10",
        },
        expect=201,
    )


@pytest.fixture
def secret(as_admin, orgs, doc_types, term):
    return as_admin.post(
        "/documents",
        {
            "issuer": orgs["province"].pk,
            "doc_type": "Kế hoạch",
            "number": "11",
            "symbol": "KH/TU",
            "issued_on": "2021-06-01",
            "excerpt": "Kế hoạch mật",
            "classification": Classification.SECRET,
        },
        expect=201,
    )


def test_document_round_trip(as_office, plan, term, doc_types):
    assert plan["number_display"] == "10-KH/TU" and plan["doc_type_name"] == "Kế hoạch"
    assert plan["term"] == term.pk and plan["year"] == 2021 and plan["system"] == "party"
    assert as_office.get(f"/documents/{plan['id']}") == plan
    changed = as_office.patch(
        f"/documents/{plan['id']}", {"version": plan["version"], "excerpt": "Trích yếu mới"}
    )
    assert changed["excerpt"] == "Trích yếu mới" and changed["version"] == plan["version"] + 1
    assert as_office.get(f"/documents/{plan['id']}") == changed
    as_office.patch(
        f"/documents/{plan['id']}", {"version": plan["version"], "excerpt": "cũ"}, expect=409
    )


def test_bad_number_is_400(as_office, orgs, doc_types, term):
    refused = as_office.post(
        "/documents", {"issuer": orgs["province"].pk, "raw_number": "Số 10-XYZ/TU"}, expect=400
    )
    assert refused["field"] in {"number", "symbol", "doc_type"}


def test_clearance_in_lists_and_by_id(as_office, as_leader, as_unit, plan, secret):
    assert [d["id"] for d in as_office.get("/documents")["items"]] == [plan["id"]]
    as_office.get(f"/documents/{secret['id']}", expect=404)
    as_office.patch(f"/documents/{secret['id']}", {"version": 1, "excerpt": "x"}, expect=404)
    assert as_leader.get("/documents")["count"] == 2
    assert as_leader.get(f"/documents/{secret['id']}")["classification"] == 1
    # Unit users read unclassified documents of the body above, not its classified ones.
    assert [d["id"] for d in as_unit.get("/documents")["items"]] == [plan["id"]]
    # An office user may not create a document above their clearance either.
    refused = as_office.post(
        "/documents",
        {"issuer": secret["issuer"], "doc_type": "Kế hoạch", "excerpt": "mật", "classification": 1},
        expect=403,
    )
    assert "độ mật" in refused["detail"]


def test_list_filters(as_office, plan, orgs, doc_types):
    as_office.post(
        "/documents",
        {
            "issuer": orgs["finance"].pk,
            "raw_number": "Số: 123/QĐ-STC",
            "doc_type": "Quyết định",
            "issued_on": "2022-02-01",
            "excerpt": "Quyết định giao dự toán",
        },
        expect=201,
    )
    assert as_office.get("/documents")["count"] == 2
    assert as_office.get("/documents", year=2022)["count"] == 1
    assert as_office.get("/documents", system="party")["items"][0]["id"] == plan["id"]
    assert as_office.get("/documents", type="Kế hoạch")["count"] == 1
    assert as_office.get("/documents", type=str(doc_types["Quyết định"].pk))["count"] == 1
    assert as_office.get("/documents", body=orgs["finance"].pk)["count"] == 1
    assert as_office.get("/documents", q="10-KH/TU")["items"][0]["id"] == plan["id"]
    assert as_office.get("/documents", q="dự toán")["count"] == 1
    assert as_office.get("/documents", limit=1, offset=1)["count"] == 2


def test_reserve_number(as_office, as_unit, plan, orgs):
    first = as_office.post(
        "/documents/reserve-number",
        {"issuer": orgs["province"].pk, "doc_type": "Kế hoạch", "on": "2021-06-01"},
    )
    assert first == {"number": "11-KH/TU"}
    second = as_office.post(
        "/documents/reserve-number",
        {"issuer": orgs["province"].pk, "doc_type": "Kế hoạch", "on": "2021-06-02"},
    )
    assert second == {"number": "12-KH/TU"}
    as_unit.post(
        "/documents/reserve-number",
        {"issuer": orgs["cao_loc"].pk, "doc_type": "Kế hoạch", "on": "2021-06-01"},
        expect=403,
    )
    no_term = as_office.post(
        "/documents/reserve-number",
        {"issuer": orgs["province"].pk, "doc_type": "Kế hoạch", "on": "2025-12-01"},
        expect=400,
    )
    assert "nhiệm kỳ" in no_term["detail"]


def test_link(as_office, plan, orgs, doc_types, term):
    other = as_office.post(
        "/documents",
        {"issuer": orgs["province"].pk, "raw_number": "Số 09-KH/TU", "issued_on": "2021-04-01"},
        expect=201,
    )
    linked = as_office.post(
        f"/documents/{plan['id']}/links",
        {"target": other["id"], "relation": "replaces"},
        expect=201,
    )
    assert linked["links"][0]["target"] == other["id"]
    as_office.post(
        f"/documents/{plan['id']}/links",
        {"target": other["id"], "relation": "replaces"},
        expect=400,
    )
    assert as_office.get("/document-types", expect=200)
