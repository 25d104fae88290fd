import datetime as dt

import pytest

from chidao import docnumber
from chidao.core import audit
from chidao.core.errors import AccessDenied, Conflict, NotFound, ServiceError
from chidao.core.models import AuditEntry, Classification
from chidao.documents import services
from chidao.documents.models import Document, DocumentLink, DocumentType

# --------------------------------------------------------------------------- types


def test_load_document_types_is_idempotent(admin_user, audit_count):
    counts = services.load_document_types(admin_user)
    assert counts["created"] == len(docnumber.DOCUMENT_TYPES) == DocumentType.objects.count()
    assert audit_count() == counts["created"]
    directive = DocumentType.objects.get(name="Chỉ thị")
    assert (directive.party_code, directive.state_code, directive.legal) == ("CT", "CT", False)
    assert DocumentType.objects.get(name="Nghị định").legal
    assert DocumentType.objects.get(name="Kết luận").state_code == ""
    entry = audit.history(directive).get()
    assert entry.action == "document_type.create"
    assert entry.before is None
    assert entry.after["name"] == "Chỉ thị"

    again = services.load_document_types(admin_user)
    assert again == {"created": 0, "updated": 0, "unchanged": counts["created"]}
    assert audit_count() == counts["created"]


def test_load_document_types_updates_changed_codes(admin_user, doc_types, audit_count):
    plan = doc_types["Kế hoạch"]
    DocumentType.objects.filter(pk=plan.pk).update(party_code="KHX")
    before = audit_count()
    assert services.load_document_types(admin_user)["updated"] == 1
    assert audit_count() == before + 1
    entry = audit.history(plan).first()
    assert entry.action == "document_type.update"
    assert (entry.before["party_code"], entry.after["party_code"]) == ("KHX", "KH")


@pytest.mark.parametrize("who", ["unit_user", "other_unit_user", "leader_user"])
def test_load_document_types_refused(request, who, audit_count):
    user = request.getfixturevalue(who)
    with pytest.raises(AccessDenied, match="không có quyền quản lý văn bản"):
        services.load_document_types(user)
    assert DocumentType.objects.count() == 0
    assert audit_count() == 0


def test_document_type_by_unknown_name(doc_types):
    with pytest.raises(NotFound, match="Chưa có loại văn bản"):
        services.document_type("Sắc lệnh")


# --------------------------------------------------------------------------- create


def test_create_party_document_takes_term_and_year(
    office_user, orgs, terms, doc_types, audit_count
):
    before = audit_count()
    doc = services.do_create_document(
        office_user,
        doc_type=doc_types["Chỉ thị"],
        system="party",
        number="03",
        symbol="CT/TU",
        issuer=orgs["province"],
        issued_on=dt.date(2021, 5, 10),
        excerpt="về tăng cường công tác phòng, chống dịch",
    )
    assert (doc.number, doc.symbol, doc.year, doc.term) == ("03", "CT/TU", 2021, terms["xvii"])
    assert doc.number_display == "03-CT/TU"
    assert str(doc) == "Chỉ thị số 03-CT/TU"
    assert audit_count() == before + 1
    entry = audit.history(doc).get()
    assert entry.action == "document.create"
    assert entry.actor == office_user
    assert entry.before is None
    assert entry.after["number"] == "03"
    assert entry.after["term_id"] == terms["xvii"].pk
    assert entry.after["issuer_id"] == orgs["province"].pk


def test_create_from_raw_number_fills_system_type_and_symbol(office_user, orgs, doc_types):
    doc = services.do_create_document(
        office_user,
        raw_number="Số: 123/QĐ-STC",
        issuer=orgs["finance"],
        issued_on=dt.date(2024, 3, 1),
    )
    assert (doc.system, doc.doc_type.name, doc.number, doc.symbol, doc.year) == (
        "state",
        "Quyết định",
        "123",
        "QĐ-STC",
        2024,
    )
    assert doc.term is None
    assert doc.number_display == "123/QĐ-STC"


def test_create_central_document_without_term(office_user, central, doc_types):
    doc = services.do_create_document(
        office_user,
        raw_number="10-CT/TW",
        issuer=central,
    )
    assert (doc.doc_type.name, doc.number, doc.symbol, doc.term, doc.year) == (
        "Chỉ thị",
        "10",
        "CT/TW",
        None,
        None,
    )


def test_legal_state_number_keeps_its_year(office_user, doc_types):
    from chidao.orgs.models import Organization

    government = Organization.objects.create(
        name="Chính phủ", kind="central", system="state", symbol="CP"
    )
    doc = services.do_create_document(
        office_user,
        raw_number="09/2019/NĐ-CP",
        issuer=government,
        issued_on=dt.date(2019, 1, 24),
    )
    assert (doc.doc_type.name, doc.year, doc.symbol) == ("Nghị định", 2019, "NĐ-CP")


def test_party_quyet_dinh_needs_the_type_chosen(office_user, orgs, terms, doc_types):
    with pytest.raises(ServiceError, match="Cần chọn loại văn bản"):
        services.do_create_document(office_user, raw_number="05-QĐ/TU", issuer=orgs["province"])
    doc = services.do_create_document(
        office_user,
        raw_number="05-QĐ/TU",
        doc_type="Quy định",
        issuer=orgs["province"],
        issued_on=dt.date(2022, 1, 5),
    )
    assert doc.doc_type.name == "Quy định"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"number": "03", "symbol": "XX/TU"}, "không hợp lệ"),
        ({"number": "3a", "symbol": "CT/TU"}, "không hợp lệ"),
        ({"number": "03", "symbol": "NQ/TU"}, "là của Nghị quyết, không phải Chỉ thị"),
        ({"number": "03", "symbol": "CT/HU"}, r"Ký hiệu cơ quan trong số \(HU\)"),
        ({"number": "", "symbol": "CT/TU"}, "thiếu số văn bản"),
        ({"number": "03", "symbol": "CT/TU", "system": "state"}, "không hợp lệ"),
        ({"number": "03", "symbol": "CT/TU", "system": "xyz"}, "Hệ thống 'xyz' không hợp lệ"),
        ({"raw_number": "Số: 20/6", "symbol": ""}, "không hợp lệ"),
        (
            {"number": "03", "symbol": "CT/TU", "issued_on": dt.date(2021, 5, 10), "year": 2020},
            "Năm không khớp",
        ),
        ({"number": "03", "symbol": "CT/TU", "colour": "đỏ"}, "Trường không hợp lệ: colour"),
    ],
)
def test_create_rejects_bad_numbers(
    office_user, orgs, terms, doc_types, audit_count, fields, message
):
    before = audit_count()
    with pytest.raises(ServiceError, match=message):
        services.do_create_document(
            office_user, doc_type=doc_types["Chỉ thị"], issuer=orgs["province"], **fields
        )
    assert Document.objects.count() == 0
    assert audit_count() == before


def test_create_rejects_a_term_of_another_body_or_out_of_range(
    office_user, orgs, terms, doc_types, audit_count
):
    from chidao.orgs.models import CommitteeTerm

    cao_loc_term = CommitteeTerm.objects.create(
        organization=orgs["cao_loc"], name="khóa XXI", starts=dt.date(2020, 8, 1)
    )
    before = audit_count()
    with pytest.raises(ServiceError, match="không phải nhiệm kỳ của Tỉnh ủy Lạng Sơn"):
        services.do_create_document(
            office_user,
            doc_type=doc_types["Chỉ thị"],
            raw_number="03-CT/TU",
            issuer=orgs["province"],
            term=cao_loc_term,
        )
    with pytest.raises(ServiceError, match="nằm ngoài nhiệm kỳ khóa XVII"):
        services.do_create_document(
            office_user,
            doc_type=doc_types["Chỉ thị"],
            raw_number="03-CT/TU",
            issuer=orgs["province"],
            term=terms["xvii"],
            issued_on=dt.date(2026, 1, 2),
        )
    assert Document.objects.count() == 0
    assert audit_count() == before


def test_party_number_unique_per_term(make_doc, orgs, terms, audit_count):
    make_doc("Chỉ thị", orgs["province"], raw_number="03-CT/TU", issued_on=dt.date(2021, 5, 10))
    before = audit_count()
    with pytest.raises(ServiceError, match="đã được dùng trong nhiệm kỳ khóa XVII"):
        make_doc("Chỉ thị", orgs["province"], raw_number="03-CT/TU", issued_on=dt.date(2023, 2, 1))
    assert audit_count() == before
    # Same number: another term, another type, another issuer.
    make_doc("Chỉ thị", orgs["province"], raw_number="03-CT/TU", issued_on=dt.date(2026, 2, 1))
    make_doc("Kế hoạch", orgs["province"], raw_number="03-KH/TU", issued_on=dt.date(2021, 6, 1))
    make_doc("Chỉ thị", orgs["office"], raw_number="03-CT/VPTU", issued_on=dt.date(2021, 6, 1))
    assert Document.objects.count() == 4
    assert Document.objects.get(issuer=orgs["office"]).term == terms["xvii"]


def test_state_number_unique_per_year(make_doc, orgs, audit_count):
    make_doc("Quyết định", orgs["finance"], raw_number="12/QĐ-STC", issued_on=dt.date(2024, 1, 9))
    before = audit_count()
    with pytest.raises(ServiceError, match="đã được dùng trong năm 2024"):
        make_doc(
            "Quyết định", orgs["finance"], raw_number="12/QĐ-STC", issued_on=dt.date(2024, 7, 9)
        )
    assert audit_count() == before
    make_doc("Quyết định", orgs["finance"], raw_number="12/QĐ-STC", issued_on=dt.date(2025, 1, 9))
    assert Document.objects.count() == 2


def test_state_numbered_document_needs_a_year(office_user, orgs, doc_types):
    with pytest.raises(ServiceError, match="cần năm hoặc ngày ban hành"):
        services.do_create_document(
            office_user,
            doc_type=doc_types["Quyết định"],
            raw_number="12/QĐ-STC",
            issuer=orgs["finance"],
        )


def test_number_keeps_its_zeros(make_doc, orgs, terms):
    doc = make_doc(
        "Hướng dẫn", orgs["province"], raw_number="Số 09-HD/TU", issued_on=dt.date(2022, 3, 3)
    )
    doc.refresh_from_db()
    assert doc.number == "09"


@pytest.mark.parametrize("who", ["unit_user", "other_unit_user", "leader_user"])
def test_create_document_refused(request, who, orgs, terms, doc_types, audit_count):
    user = request.getfixturevalue(who)
    before = audit_count()
    with pytest.raises(AccessDenied, match="Bạn không có quyền quản lý văn bản"):
        services.do_create_document(
            user, doc_type=doc_types["Chỉ thị"], raw_number="03-CT/HU", issuer=orgs["cao_loc"]
        )
    assert Document.objects.count() == 0
    assert audit_count() == before


def test_classified_document_needs_clearance(
    office_user, admin_user, orgs, terms, doc_types, audit_count
):
    before = audit_count()
    with pytest.raises(AccessDenied, match="độ mật 'Mật'"):
        services.do_create_document(
            office_user,
            doc_type=doc_types["Chỉ thị"],
            raw_number="04-CT/TU",
            issuer=orgs["province"],
            classification=Classification.SECRET,
        )
    assert audit_count() == before
    doc = services.do_create_document(
        admin_user,
        doc_type=doc_types["Chỉ thị"],
        raw_number="04-CT/TU",
        issuer=orgs["province"],
        classification=Classification.SECRET,
    )
    with pytest.raises(AccessDenied):
        services.do_update_document(office_user, doc, excerpt="sửa")
    assert audit_count() == before + 1


# --------------------------------------------------------------------------- update


def test_update_document_audited(office_user, make_doc, orgs, terms, audit_count):
    doc = make_doc(
        "Chỉ thị", orgs["province"], raw_number="03-CT/TU", issued_on=dt.date(2021, 5, 10)
    )
    before = audit_count()
    updated = services.do_update_document(
        office_user,
        doc,
        expected_version=1,
        excerpt="về công tác cán bộ",
        signer_title="Bí thư Tỉnh ủy",
    )
    assert updated.version == 2
    assert audit_count() == before + 1
    entry = audit.history(doc).first()
    assert entry.action == "document.update"
    assert entry.before["excerpt"] == "" and entry.after["excerpt"] == "về công tác cán bộ"
    assert entry.before["version"] == 1 and entry.after["version"] == 2
    assert entry.after["signer_title"] == "Bí thư Tỉnh ủy"


def test_update_document_renumbers_and_moves_term(office_user, make_doc, orgs, terms):
    doc = make_doc(
        "Chỉ thị", orgs["province"], raw_number="03-CT/TU", issued_on=dt.date(2021, 5, 10)
    )
    updated = services.do_update_document(
        office_user, doc, issued_on=dt.date(2025, 11, 1), number="07"
    )
    assert (updated.number, updated.term, updated.year) == ("07", terms["xviii"], 2025)
    entry = audit.history(doc).first()
    assert (entry.before["number"], entry.after["number"]) == ("03", "07")
    assert (entry.before["term_id"], entry.after["term_id"]) == (
        terms["xvii"].pk,
        terms["xviii"].pk,
    )


def test_update_without_change_writes_nothing(office_user, make_doc, orgs, terms, audit_count):
    doc = make_doc(
        "Chỉ thị", orgs["province"], raw_number="03-CT/TU", issued_on=dt.date(2021, 5, 10)
    )
    before = audit_count()
    services.do_update_document(office_user, doc, number="03")
    assert audit_count() == before


def test_update_document_rejects_bad_input(office_user, make_doc, orgs, terms, audit_count):
    doc = make_doc(
        "Chỉ thị", orgs["province"], raw_number="03-CT/TU", issued_on=dt.date(2021, 5, 10)
    )
    make_doc("Chỉ thị", orgs["province"], raw_number="04-CT/TU", issued_on=dt.date(2021, 6, 10))
    before = audit_count()
    with pytest.raises(ServiceError, match="đã được dùng"):
        services.do_update_document(office_user, doc, number="04")
    with pytest.raises(ServiceError, match="không hợp lệ"):
        services.do_update_document(office_user, doc, symbol="CT-TU")
    with pytest.raises(Conflict):
        services.do_update_document(office_user, doc, expected_version=7, excerpt="x")
    with pytest.raises(ServiceError, match="Trường không hợp lệ: id"):
        services.do_update_document(office_user, doc, id=99)
    doc.refresh_from_db()
    assert (doc.number, doc.symbol, doc.version) == ("03", "CT/TU", 1)
    assert audit_count() == before


@pytest.mark.parametrize("who", ["unit_user", "other_unit_user"])
def test_update_document_refused(request, who, make_doc, orgs, terms, audit_count):
    doc = make_doc("Chỉ thị", orgs["cao_loc"], raw_number="03-CT/HU")
    before = audit_count()
    with pytest.raises(AccessDenied):
        services.do_update_document(request.getfixturevalue(who), doc, excerpt="sửa")
    doc.refresh_from_db()
    assert doc.excerpt == ""
    assert audit_count() == before


# --------------------------------------------------------------------------- links


@pytest.fixture
def two_docs(make_doc, orgs, terms, central):
    above = make_doc("Chỉ thị", central, raw_number="10-CT/TW")
    plan = make_doc(
        "Kế hoạch", orgs["province"], raw_number="25-KH/TU", issued_on=dt.date(2021, 9, 1)
    )
    return above, plan


def test_link_documents_audited(office_user, two_docs, audit_count):
    above, plan = two_docs
    before = audit_count()
    link = services.do_link_documents(office_user, plan, above, relation="implements")
    assert list(plan.links.all()) == [above]
    assert list(above.linked_from.all()) == [plan]
    assert audit_count() == before + 1
    entry = audit.history(link).get()
    assert entry.action == "document.link"
    assert entry.before is None
    assert entry.after == {
        "id": link.pk,
        "source_id": plan.pk,
        "target_id": above.pk,
        "relation": "implements",
        "version": 1,
    }
    services.do_unlink_documents(office_user, link)
    assert DocumentLink.objects.count() == 0
    assert AuditEntry.objects.filter(action="document.unlink").get().before["relation"] == (
        "implements"
    )


def test_link_documents_rejects_bad_input(office_user, two_docs, audit_count):
    above, plan = two_docs
    services.do_link_documents(office_user, plan, above, relation="cites")
    before = audit_count()
    with pytest.raises(ServiceError, match="chính nó"):
        services.do_link_documents(office_user, plan, plan, relation="cites")
    with pytest.raises(ServiceError, match="đã có liên kết này"):
        services.do_link_documents(office_user, plan, above, relation="cites")
    with pytest.raises(ServiceError, match="Quan hệ 'amends' không hợp lệ"):
        services.do_link_documents(office_user, plan, above, relation="amends")
    assert DocumentLink.objects.count() == 1
    assert audit_count() == before


@pytest.mark.parametrize("who", ["unit_user", "other_unit_user", "leader_user"])
def test_link_documents_refused(request, who, two_docs, audit_count):
    above, plan = two_docs
    before = audit_count()
    with pytest.raises(AccessDenied):
        services.do_link_documents(request.getfixturevalue(who), plan, above, relation="cites")
    assert DocumentLink.objects.count() == 0
    assert audit_count() == before


# --------------------------------------------------------------------------- reading


def test_find_document_by_number(make_doc, orgs, terms, central):
    above = make_doc("Chỉ thị", central, raw_number="10-CT/TW")
    older = make_doc(
        "Chỉ thị", orgs["province"], raw_number="03-CT/TU", issued_on=dt.date(2021, 5, 10)
    )
    newer = make_doc(
        "Chỉ thị", orgs["province"], raw_number="03-CT/TU", issued_on=dt.date(2026, 1, 10)
    )
    state = make_doc(
        "Quyết định", orgs["finance"], raw_number="123/QĐ-STC", issued_on=dt.date(2024, 1, 2)
    )
    assert services.find_document_by_number("10-CT/TW") == above
    assert services.find_document_by_number("Số 10 - CT/TW") == above
    assert services.find_document_by_number("3-CT/TU") == newer
    assert services.find_document_by_number("03-CT/TU", on=dt.date(2024, 1, 1)) == older
    assert services.find_document_by_number("03-CT/TU", year=2021) == older
    assert services.find_document_by_number("Số: 123/QĐ-STC") == state
    assert services.find_document_by_number("11-CT/TW") is None
    assert services.find_document_by_number("123/QĐ-STC", year=2023) is None
    with pytest.raises(ServiceError, match="không hợp lệ"):
        services.find_document_by_number("20/6")


def test_visible_documents_follow_clearance(
    admin_user, leader_user, unit_user, orgs, terms, doc_types
):
    for number, level in [("01", 0), ("02", 1), ("03", 2)]:
        services.do_create_document(
            admin_user,
            doc_type=doc_types["Chỉ thị"],
            raw_number=f"{number}-CT/TU",
            issuer=orgs["province"],
            classification=level,
            issued_on=dt.date(2022, 1, 1),
        )

    def seen(user):
        from chidao.documents.selectors import visible_documents

        return sorted(visible_documents(user).values_list("number", flat=True))

    assert seen(admin_user) == ["01", "02", "03"]
    assert seen(leader_user) == ["01", "02"]
    assert seen(unit_user) == ["01"]
    assert seen(None) == []
