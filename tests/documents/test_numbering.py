"""Number reservation: sequences per type, issuer and term (Party) or year (state)."""

import datetime as dt
import threading

import pytest

from chidao.core import audit
from chidao.core.errors import AccessDenied, ServiceError
from chidao.core.models import AuditEntry
from chidao.documents.models import NumberSequence
from chidao.documents.services import do_reserve_number


def reserve(actor, issuer, type_name, on, **kwargs):
    return do_reserve_number(actor, issuer=issuer, doc_type=type_name, on=on, **kwargs)


def test_party_numbers_start_at_01_and_run_on(office_user, orgs, terms, doc_types, audit_count):
    before = audit_count()
    on = dt.date(2021, 3, 1)
    assert reserve(office_user, orgs["province"], "Chỉ thị", on) == "01-CT/TU"
    assert reserve(office_user, orgs["province"], "Chỉ thị", on) == "02-CT/TU"
    assert audit_count() == before + 2
    sequence = NumberSequence.objects.get()
    assert (sequence.system, sequence.term, sequence.year, sequence.last) == (
        "party",
        terms["xvii"],
        None,
        2,
    )
    first, second = reversed(list(audit.history(sequence)))
    assert first.action == "document.reserve_number"
    assert first.actor == office_user
    assert (first.before["last"], first.after["last"]) == (0, 1)
    assert (second.before["last"], second.after["last"]) == (1, 2)
    assert (first.note, second.note) == ("01-CT/TU", "02-CT/TU")


def test_sequential_reservations_have_no_gap(office_user, orgs, terms, doc_types):
    on = dt.date(2022, 6, 1)
    numbers = [reserve(office_user, orgs["province"], "Kế hoạch", on) for _ in range(25)]
    assert numbers == [f"{n:02d}-KH/TU" for n in range(1, 26)]


def test_new_term_restarts_at_01(office_user, orgs, terms, doc_types):
    assert reserve(office_user, orgs["province"], "Chỉ thị", dt.date(2025, 9, 30)) == "01-CT/TU"
    assert reserve(office_user, orgs["province"], "Chỉ thị", dt.date(2025, 9, 30)) == "02-CT/TU"
    assert reserve(office_user, orgs["province"], "Chỉ thị", dt.date(2025, 10, 1)) == "01-CT/TU"
    # Back in the old term (a late registration): its own sequence goes on.
    assert reserve(office_user, orgs["province"], "Chỉ thị", dt.date(2024, 1, 1)) == "03-CT/TU"
    assert NumberSequence.objects.count() == 2


def test_party_number_ignores_the_calendar_year(office_user, orgs, terms, doc_types):
    assert reserve(office_user, orgs["province"], "Nghị quyết", dt.date(2021, 12, 31)) == (
        "01-NQ/TU"
    )
    assert reserve(office_user, orgs["province"], "Nghị quyết", dt.date(2022, 1, 1)) == ("02-NQ/TU")


def test_state_numbers_restart_each_year(office_user, orgs, doc_types):
    finance = orgs["finance"]
    assert reserve(office_user, finance, "Quyết định", dt.date(2024, 12, 31)) == "01/QĐ-STC"
    assert reserve(office_user, finance, "Quyết định", dt.date(2024, 12, 31)) == "02/QĐ-STC"
    assert reserve(office_user, finance, "Quyết định", dt.date(2025, 1, 1)) == "01/QĐ-STC"
    assert reserve(office_user, finance, "Kế hoạch", dt.date(2025, 1, 1)) == "01/KH-STC"
    years = sorted(
        NumberSequence.objects.filter(doc_type__name="Quyết định").values_list("year", flat=True)
    )
    assert years == [2024, 2025]


def test_legal_state_numbers_carry_the_year(office_user, doc_types):
    from chidao.orgs.models import Organization

    government = Organization.objects.create(
        name="Chính phủ", kind="central", system="state", symbol="CP"
    )
    assert reserve(office_user, government, "Nghị định", dt.date(2026, 2, 3)) == "01/2026/NĐ-CP"


def test_party_and_state_sequences_are_independent(office_user, orgs, terms, doc_types):
    province = orgs["province"]
    on = dt.date(2023, 4, 4)
    assert reserve(office_user, province, "Chỉ thị", on) == "01-CT/TU"
    assert reserve(office_user, province, "Chỉ thị", on) == "02-CT/TU"
    assert reserve(office_user, province, "Chỉ thị", on, system="state") == "01/CT-TU"
    assert reserve(office_user, province, "Chỉ thị", on) == "03-CT/TU"
    assert reserve(office_user, province, "Chỉ thị", on, system="state") == "02/CT-TU"


def test_each_issuer_and_type_has_its_own_sequence(office_user, orgs, terms, doc_types):
    on = dt.date(2023, 4, 4)
    assert reserve(office_user, orgs["province"], "Chỉ thị", on) == "01-CT/TU"
    assert reserve(office_user, orgs["province"], "Thông báo", on) == "01-TB/TU"
    # Văn phòng Tỉnh ủy has no terms of its own: it numbers within the Tỉnh ủy's term.
    assert reserve(office_user, orgs["office"], "Thông báo", on) == "01-TB/VPTU"
    assert NumberSequence.objects.get(issuer=orgs["office"]).term == terms["xvii"]


def test_reservation_continues_after_recorded_documents(office_user, make_doc, orgs, terms):
    make_doc("Chỉ thị", orgs["province"], raw_number="05-CT/TU", issued_on=dt.date(2021, 2, 2))
    assert reserve(office_user, orgs["province"], "Chỉ thị", dt.date(2021, 3, 1)) == "06-CT/TU"
    # A document typed in by hand later, with a higher number, moves the sequence on.
    make_doc("Chỉ thị", orgs["province"], raw_number="09-CT/TU", issued_on=dt.date(2021, 4, 2))
    assert reserve(office_user, orgs["province"], "Chỉ thị", dt.date(2021, 5, 1)) == "10-CT/TU"


@pytest.mark.parametrize(
    ("issuer_key", "type_name", "on", "kwargs", "message"),
    [
        (
            "cao_loc",
            "Chỉ thị",
            dt.date(2021, 3, 1),
            {},
            "Chưa có nhiệm kỳ \\(khóa\\) của Huyện ủy Cao Lộc chứa ngày 01/03/2021",
        ),
        ("province", "Chỉ thị", dt.date(2019, 3, 1), {}, "không hoạt động vào ngày 01/03/2019"),
        ("province", "Nghị định", dt.date(2021, 3, 1), {}, "Không tạo được số văn bản của Đảng"),
        (
            "province",
            "Chỉ thị",
            dt.date(2021, 3, 1),
            {"system": "other"},
            "Hệ thống 'other' không hợp lệ",
        ),
        ("finance", "Sắc lệnh", dt.date(2021, 3, 1), {}, "Chưa có loại văn bản 'Sắc lệnh'"),
    ],
)
def test_reservation_refuses_bad_input(
    office_user, orgs, terms, doc_types, audit_count, issuer_key, type_name, on, kwargs, message
):
    before = audit_count()
    with pytest.raises(ServiceError, match=message):
        reserve(office_user, orgs[issuer_key], type_name, on, **kwargs)
    assert NumberSequence.objects.count() == 0
    assert audit_count() == before


def test_reservation_needs_an_issuer_symbol(office_user, orgs, terms, doc_types, audit_count):
    from chidao.orgs.models import Organization

    nameless = Organization.objects.create(
        name="Ban Dân vận Tỉnh ủy", kind="party_board", system="party", parent=orgs["province"]
    )
    before = audit_count()
    with pytest.raises(ServiceError, match="chưa có ký hiệu"):
        reserve(office_user, nameless, "Thông báo", dt.date(2022, 1, 1))
    assert audit_count() == before


@pytest.mark.parametrize("who", ["unit_user", "other_unit_user", "leader_user"])
def test_reservation_refused(request, who, orgs, terms, doc_types, audit_count):
    before = audit_count()
    with pytest.raises(AccessDenied, match="không có quyền lấy số văn bản"):
        reserve(request.getfixturevalue(who), orgs["cao_loc"], "Chỉ thị", dt.date(2022, 1, 1))
    assert NumberSequence.objects.count() == 0
    assert audit_count() == before


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_reservations_are_distinct_and_gapless(office_user, orgs, terms, doc_types):
    """24 threads, each with its own connection, reserve at the same moment."""
    from django.db import connection

    threads_count = 24
    start = threading.Barrier(threads_count)
    results: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work():
        try:
            start.wait(timeout=30)
            number = reserve(office_user, orgs["province"], "Chỉ thị", dt.date(2024, 5, 5))
            with lock:
                results.append(number)
        except BaseException as error:  # noqa: BLE001 - reported below
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert sorted(results) == [f"{n:02d}-CT/TU" for n in range(1, threads_count + 1)]
    assert NumberSequence.objects.get().last == threads_count
    assert AuditEntry.objects.filter(action="document.reserve_number").count() == threads_count


def test_standing_committee_numbers_in_the_committee_sequence(
    office_user, make_doc, orgs, terms, doc_types
):
    from chidao.documents.services import numbering_body
    from chidao.orgs.models import Organization

    standing = Organization.objects.create(
        name="Ban Thường vụ Tỉnh ủy Lạng Sơn",
        kind="standing_committee",
        system="party",
        parent=orgs["province"],
        symbol="TU",
    )
    assert numbering_body(standing) == orgs["province"]
    on = dt.date(2022, 5, 5)
    assert reserve(office_user, orgs["province"], "Chỉ thị", on) == "01-CT/TU"
    assert reserve(office_user, standing, "Chỉ thị", on) == "02-CT/TU"
    assert NumberSequence.objects.get().issuer == orgs["province"]
    # A number written by the committee cannot be used again by its standing committee.
    make_doc("Chỉ thị", orgs["province"], raw_number="07-CT/TU", issued_on=on)
    with pytest.raises(ServiceError, match="đã được dùng"):
        make_doc("Chỉ thị", standing, raw_number="07-CT/TU", issued_on=on)
    assert reserve(office_user, standing, "Chỉ thị", on) == "08-CT/TU"


def test_state_bodies_with_the_same_symbol_number_apart(office_user, doc_types):
    from chidao.orgs.models import Organization

    province = Organization.objects.create(
        name="UBND tỉnh Lạng Sơn", kind="peoples_committee", system="state", symbol="UBND"
    )
    district = Organization.objects.create(
        name="UBND huyện Cao Lộc",
        kind="peoples_committee",
        system="state",
        symbol="UBND",
        parent=province,
    )
    on = dt.date(2024, 2, 2)
    assert reserve(office_user, province, "Quyết định", on) == "01/QĐ-UBND"
    assert reserve(office_user, district, "Quyết định", on) == "01/QĐ-UBND"
    assert reserve(office_user, province, "Công văn", on, unit="VP") == "01/UBND-VP"
    assert reserve(office_user, province, "Công văn", on, unit="KT") == "02/UBND-KT"
