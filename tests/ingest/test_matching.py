import datetime as dt

import pytest

from chidao.ingest.matching import Matcher, describe, org_key


def test_org_key_variants():
    assert org_key("Huyện ủy Cao Lộc") == org_key("Huyện ủy huyện Cao Lộc") == "huyen uy cao loc"
    assert org_key("HUYỆN ỦY  CAO LỘC") == "huyen uy cao loc"
    assert org_key("UBND tỉnh Lạng Sơn") == org_key("Ủy ban nhân dân tỉnh Lạng Sơn")
    assert org_key("Đảng ủy xã Tân Liên") == "dang uy tan lien"


@pytest.mark.django_db
def test_organization_by_name_variant_and_short_name(orgs):
    from chidao.orgs.models import Organization

    Organization.objects.filter(pk=orgs["finance"].pk).update(short_name="STC Lạng Sơn")
    matcher = Matcher()
    match = matcher.organization("Huyện ủy huyện Cao Lộc")
    assert match.record == orgs["cao_loc"]
    assert (
        describe(match.annotation()) == f"sẽ liên kết với: Huyện ủy Cao Lộc (#{orgs['cao_loc'].pk})"
    )
    assert matcher.organization("STC Lạng Sơn").record == orgs["finance"]
    missing = matcher.organization("Huyện ủy Lộc Bình")
    assert missing.record is None and "chưa có" in missing.reason


@pytest.mark.django_db
def test_organization_active_on_the_event_date(orgs):
    from chidao.orgs.models import Organization, OrganizationKind, System

    old = orgs["cao_loc"]
    Organization.objects.filter(pk=old.pk).update(valid_to=dt.date(2025, 6, 30))
    new = Organization.objects.create(
        name="Huyện ủy Cao Lộc",
        kind=OrganizationKind.PARTY_COMMITTEE,
        system=System.PARTY,
        valid_from=dt.date(2025, 7, 1),
    )
    assert Matcher().organization("Huyện ủy Cao Lộc", dt.date(2021, 8, 19)).record.pk == old.pk
    assert Matcher().organization("Huyện ủy Cao Lộc", dt.date(2025, 9, 1)).record.pk == new.pk


@pytest.mark.django_db
def test_people_with_the_same_name_told_apart_by_position_on_the_date(orgs):
    from chidao.orgs.models import Person, Position

    a = Person.objects.create(full_name="Nguyễn Văn An")
    b = Person.objects.create(full_name="Nguyễn Văn An")
    Position.objects.create(
        person=a,
        title="Bí thư Huyện ủy",
        valid_from=dt.date(2015, 1, 1),
        valid_to=dt.date(2020, 9, 30),
    )
    Position.objects.create(person=b, title="Bí thư Huyện ủy", valid_from=dt.date(2020, 10, 1))
    Position.objects.create(
        person=a, title="Phó Chủ tịch UBND tỉnh", valid_from=dt.date(2020, 10, 1)
    )
    m = Matcher()
    assert m.person("NGUYỄN VĂN AN", ["Bí thư Huyện ủy"], dt.date(2018, 5, 1)).record == a
    assert m.person("Nguyễn Văn An", ["Bí thư Huyện ủy"], dt.date(2021, 8, 19)).record == b
    assert m.person("Nguyễn Văn An", ["Phó Chủ tịch UBND tỉnh"], dt.date(2021, 8, 19)).record == a
    unclear = m.person("Nguyễn Văn An", [], dt.date(2021, 8, 19))
    assert unclear.record is None and "trùng họ tên" in unclear.reason
    c = Person.objects.create(full_name="Lê Thị Bình")
    assert m.person("Lê Thị Bình", ["Bí thư"], None).record == c
    assert m.person("Trần Văn Cường").record is None


@pytest.mark.django_db
def test_document_by_number_symbol_and_issuer(orgs, admin_user):
    from chidao.documents.services import do_create_document, load_document_types

    load_document_types(admin_user)
    doc = do_create_document(
        admin_user, issuer=orgs["province"], raw_number="35-KH/TU", doc_type="Kế hoạch"
    )
    m = Matcher()
    found = m.document({"raw": "Kế hoạch số 35-KH/TU", "number": "35", "symbol": "KH/TU"})
    assert found.record == doc
    assert (
        m.document({"raw": "Kế hoạch số 36-KH/TU", "number": "36", "symbol": "KH/TU"}).record
        is None
    )
    assert (
        m.document({"raw": "Nghị quyết Trung ương 4", "number": None, "symbol": None}).record
        is None
    )
