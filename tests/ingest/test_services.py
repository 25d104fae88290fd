import datetime as dt
import json

import pytest

from chidao.core import audit
from chidao.core.errors import AccessDenied, ServiceError
from chidao.ingest import services
from chidao.ingest.models import Fact, Provenance, Source, provenance_for
from chidao.ingest.readers import content_hash

# --------------------------------------------------------------------------- sources


def test_register_source_audited_and_idempotent(office_user, seed_text, audit_count):
    before = audit_count()
    source = services.do_register_source(
        office_user,
        text=seed_text,
        title=" Cao Lộc ",
        name="a.txt",
        publication_date=dt.date(2021, 8, 20),
    )
    assert source.sha256 == content_hash(seed_text)
    assert source.text == seed_text
    assert source.chars == len(seed_text)
    assert (source.title, source.status) == ("Cao Lộc", "new")
    assert source.fetched_at is not None
    assert audit_count() == before + 1
    entry = audit.history(source).get()
    assert entry.action == "source.register"
    assert entry.before is None
    assert entry.after["sha256"] == source.sha256
    assert entry.after["publication_date"] == "2021-08-20"

    again = services.do_register_source(office_user, text=seed_text, title="Khác")
    assert again == source
    # The same text saved with Windows line ends and trailing blanks is the same source.
    resaved = seed_text.replace("\n", "  \r\n")
    assert services.do_register_source(office_user, text=resaved) == source
    assert services.source_hashes() == {source.sha256}
    assert Source.objects.count() == 1
    assert audit_count() == before + 1


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "trống"), ("   \n", "trống"), (None, "trống"), ("a\x00b", "không phải văn bản thuần")],
)
def test_register_source_rejects_bad_text(office_user, audit_count, text, message):
    with pytest.raises(ServiceError, match=message):
        services.do_register_source(office_user, text=text)
    assert Source.objects.count() == 0
    assert audit_count() == 0


def test_register_source_rejects_bad_date(office_user, audit_count):
    with pytest.raises(ServiceError, match="Ngày đăng không hợp lệ"):
        services.do_register_source(office_user, text="x", publication_date="20/8/2021")
    assert audit_count() == 0


@pytest.mark.parametrize("who", ["unit_user", "other_unit_user", "leader_user"])
def test_register_source_refused(request, who, seed_text, audit_count):
    with pytest.raises(AccessDenied, match="không có quyền nhập văn bản nguồn"):
        services.do_register_source(request.getfixturevalue(who), text=seed_text)
    assert Source.objects.count() == 0
    assert audit_count() == 0


# --------------------------------------------------------------------------- facts


def test_record_facts_with_spans(office_user, source, facts_json, audit_count):
    before = audit_count()
    facts = services.do_record_facts(office_user, source, facts_json)
    assert [f.kind for f in facts] == [
        "people",
        "organization",
        "organization",
        "documents_issued",
        "event",
    ]
    assert all(f.pk for f in facts)
    person, body, plain_body, issued, event = facts
    assert person.quote == "Nguyễn Quốc Đoàn"
    assert person.data["positions"] == ["Bí thư Tỉnh ủy"]
    assert body.quote == "Huyện ủy Cao Lộc"
    assert plain_body.data == {"name": "Thường trực Tỉnh ủy"}
    assert plain_body.quote == "" and plain_body.span_start is None
    assert issued.quote == "3 chỉ thị"
    assert event.data["event_date"] == "2021-08-19"
    assert event.data["event_kind"] == "working_session"
    assert {f.status for f in facts} == {"proposed"}

    source.refresh_from_db()
    assert source.status == "extracted"
    assert audit_count() == before + 1
    entry = audit.history(source).first()
    assert entry.action == "source.record_facts"
    assert (entry.before["status"], entry.after["status"]) == ("new", "extracted")
    assert entry.note.startswith("5 dữ liệu trích xuất")


def test_record_facts_accepts_a_json_string(office_user, source, facts_json):
    facts = services.do_record_facts(office_user, source, json.dumps(facts_json))
    assert len(facts) == 5


def _bad(facts_json, change):
    data = json.loads(json.dumps(facts_json))
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(schema="chidao.facts/2"), "định dạng chidao.facts/1"),
        (lambda d: d["source"].update(sha256="0" * 64), "mã băm không khớp"),
        (lambda d: d["source"].update(chars=12), "12 ký tự"),
        (lambda d: d["people"][0].update(spans=[[10, 5]]), "nằm ngoài văn bản"),
        (lambda d: d["documents_issued"][0].update(span=[0, 10**9]), "nằm ngoài văn bản"),
        (lambda d: d["documents_issued"][0].update(span=["a", 3]), "không hợp lệ"),
        (lambda d: d.update(indicators={"name": "x"}), "phải là một danh sách"),
        (lambda d: d.update(people=[42]), r"Mục people\[0\] không hợp lệ"),
        (lambda d: d.update(task_counts=[1, 2]), "task_counts không hợp lệ"),
    ],
)
def test_record_facts_rejects_bad_input(
    office_user, source, facts_json, audit_count, change, message
):
    before = audit_count()
    with pytest.raises(ServiceError, match=message):
        services.do_record_facts(office_user, source, _bad(facts_json, change))
    assert Fact.objects.count() == 0
    source.refresh_from_db()
    assert source.status == "new"
    assert audit_count() == before


def test_record_facts_rejects_bad_json_and_repeats(office_user, source, facts_json, audit_count):
    with pytest.raises(ServiceError, match="không phải JSON hợp lệ"):
        services.do_record_facts(office_user, source, "{oops")
    with pytest.raises(ServiceError, match="phải là một đối tượng JSON"):
        services.do_record_facts(office_user, source, [facts_json])
    services.do_record_facts(office_user, source, facts_json)
    before = audit_count()
    with pytest.raises(ServiceError, match="đã có dữ liệu trích xuất"):
        services.do_record_facts(office_user, source, facts_json)
    assert Fact.objects.count() == 5
    assert audit_count() == before


@pytest.mark.parametrize("who", ["unit_user", "other_unit_user", "leader_user"])
def test_record_facts_refused(request, who, source, facts_json, audit_count):
    before = audit_count()
    with pytest.raises(AccessDenied):
        services.do_record_facts(request.getfixturevalue(who), source, facts_json)
    assert Fact.objects.count() == 0
    assert audit_count() == before


def test_record_facts_of_a_text_that_is_not_about_work(office_user):
    source = services.do_register_source(office_user, text="Hà Nội FC thắng 2-0.")
    facts = services.do_record_facts(
        office_user,
        source,
        {
            "schema": "chidao.facts/1",
            "genre": "other",
            "event_date": None,
            "event_kind": None,
            "people": [],
            "organizations": [],
            "task_counts": None,
        },
    )
    assert facts == []
    source.refresh_from_db()
    assert source.status == "extracted"


# --------------------------------------------------------------------------- provenance


@pytest.fixture
def recorded(office_user, source, facts_json):
    return services.do_record_facts(office_user, source, facts_json)


def test_link_provenance_audited_and_idempotent(office_user, recorded, orgs, audit_count):
    body_fact = recorded[1]
    before = audit_count()
    link = services.do_link_provenance(office_user, body_fact, orgs["cao_loc"], field="name")
    assert audit_count() == before + 1
    entry = audit.history(link).get()
    assert entry.action == "provenance.link"
    assert entry.before is None
    assert entry.after["fact_id"] == body_fact.pk
    assert entry.after["object_id"] == str(orgs["cao_loc"].pk)
    assert entry.after["field"] == "name"
    assert link.record == orgs["cao_loc"]

    assert services.do_link_provenance(office_user, body_fact, orgs["cao_loc"], field="name") == (
        link
    )
    whole = services.do_link_provenance(office_user, recorded[0], orgs["cao_loc"])
    assert audit_count() == before + 2
    found = provenance_for(orgs["cao_loc"])
    assert found == [whole, link] or found == [link, whole]
    assert {p.fact.quote for p in found} == {"Huyện ủy Cao Lộc", "Nguyễn Quốc Đoàn"}
    assert provenance_for(orgs["province"]) == []


def test_link_provenance_rejects_bad_input(office_user, recorded, orgs, audit_count):
    from chidao.ingest.models import FactStatus
    from chidao.orgs.models import Organization

    before = audit_count()
    with pytest.raises(ServiceError, match="không có trường 'colour'"):
        services.do_link_provenance(office_user, recorded[1], orgs["cao_loc"], field="colour")
    with pytest.raises(ServiceError, match="cần được lưu trước"):
        services.do_link_provenance(office_user, recorded[1], Organization(name="x"))
    Fact.objects.filter(pk=recorded[2].pk).update(status=FactStatus.REJECTED)
    recorded[2].refresh_from_db()
    with pytest.raises(ServiceError, match="đã bị loại"):
        services.do_link_provenance(office_user, recorded[2], orgs["province"])
    assert Provenance.objects.count() == 0
    assert audit_count() == before


@pytest.mark.parametrize("who", ["unit_user", "other_unit_user", "leader_user"])
def test_link_provenance_refused(request, who, recorded, orgs, audit_count):
    before = audit_count()
    with pytest.raises(AccessDenied, match="duyệt dữ liệu trích xuất"):
        services.do_link_provenance(request.getfixturevalue(who), recorded[1], orgs["cao_loc"])
    assert Provenance.objects.count() == 0
    assert audit_count() == before


def test_fact_quote_is_the_exact_phrase(source):
    fact = Fact.objects.create(source=source, kind="event", span_start=0, span_end=7)
    assert fact.quote == source.text[:7]
    assert str(fact).startswith("Sự kiện")


def test_load_results_of_a_batch(seed_text, facts_json, audit_count):
    from chidao.ingest.batch import FileResult

    results = [
        FileResult(
            path="a.txt",
            sha256=content_hash(seed_text),
            title="Cao Lộc",
            facts=facts_json,
            text=seed_text,
        ),
        FileResult(path="b.txt", status="error", error="b.txt: unreadable"),
    ]
    counts = services.load_results(results)
    assert counts == {"sources": 1, "facts": 5, "existing": 0, "skipped": 1, "errors": 0}
    source = Source.objects.get()
    assert (source.sha256, source.name, source.status) == (
        content_hash(seed_text),
        "a.txt",
        "extracted",
    )
    assert services.source_hashes() == {results[0].sha256}
    before = audit_count()
    assert services.load_results(results[:1]) == {
        "sources": 0,
        "facts": 0,
        "existing": 1,
        "skipped": 0,
        "errors": 0,
    }
    assert Fact.objects.count() == 5
    assert audit_count() == before
