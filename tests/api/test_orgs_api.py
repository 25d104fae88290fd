"""Bodies and people through the API."""

from __future__ import annotations


def test_organization_round_trip(as_admin, orgs):
    created = as_admin.post(
        "/organizations",
        {
            "name": "Đảng ủy xã Tân Liên",
            "kind": "party_committee",
            "system": "party",
            "parent": orgs["cao_loc"].pk,
            "valid_from": "2020-10-01",
        },
        expect=201,
    )
    read = as_admin.get(f"/organizations/{created['id']}")
    assert read == created
    assert read["parent"] == orgs["cao_loc"].pk and read["version"] == 1
    changed = as_admin.patch(
        f"/organizations/{created['id']}", {"version": 1, "short_name": "ĐU Tân Liên"}
    )
    assert changed["short_name"] == "ĐU Tân Liên" and changed["version"] == 2
    assert as_admin.get(f"/organizations/{created['id']}") == changed


def test_organization_list_filters_and_pages(as_unit, orgs):
    page = as_unit.get("/organizations", limit=2, offset=0)
    assert page["count"] == 5 and len(page["items"]) == 2 and page["limit"] == 2
    rest = as_unit.get("/organizations", limit=2, offset=4)
    assert len(rest["items"]) == 1
    assert as_unit.get("/organizations", q="cao loc")["count"] == 1
    assert as_unit.get("/organizations", system="state")["count"] == 1
    assert as_unit.get("/organizations", parent=orgs["province"].pk)["count"] == 3


def test_only_admin_succeeds_an_organization(as_office, as_admin, orgs):
    body = {
        "ended_on": "2025-06-30",
        "successors": [orgs["province"].pk],
        "open_work_to": orgs["province"].pk,
    }
    refused = as_office.post(f"/organizations/{orgs['cao_loc'].pk}/succeed", body, expect=403)
    assert "quyền" in refused["detail"]
    done = as_admin.post(f"/organizations/{orgs['cao_loc'].pk}/succeed", body)
    assert done["organization"]["valid_to"] == "2025-06-30"
    assert set(done["moved"]) >= {"tasks", "recommendations"}


def test_people(as_office):
    person = as_office.post("/people", {"full_name": "Nguyễn Quốc Đoàn"}, expect=201)
    assert as_office.get(f"/people/{person['id']}") == person
    assert as_office.get("/people", q="nguyen quoc")["count"] == 1
