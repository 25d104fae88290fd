"""The review queue: proposals made by the bulk writer, accepted or rejected."""

import hashlib
import io

import pytest
from django.core.management import call_command

from chidao.ingest import review, services
from chidao.ingest.batch import FileResult
from chidao.ingest.models import Fact, Provenance, Source

TEXT = (
    "Chiều 19/8/2021, Đoàn công tác của Tỉnh ủy Lạng Sơn do đồng chí Nguyễn Quốc Đoàn, "
    "Bí thư Tỉnh ủy làm trưởng đoàn làm việc với Huyện ủy huyện Cao Lộc. "
    "Thu ngân sách trên địa bàn đạt trên 380 tỷ đồng, vượt 0,96% dự toán tỉnh giao. "
    "Huyện triển khai Kế hoạch số 35-KH/TU và Chỉ thị số 10-CT/TW. "
    "Huyện kiến nghị đầu tư hạ tầng khu vực biên giới. "
    "Đồng chí Bí thư yêu cầu tăng cường công tác phòng, chống dịch bệnh."
)


def span(phrase, text=TEXT):
    start = text.index(phrase)
    return [start, start + len(phrase)]


def facts_for(text=TEXT):
    return {
        "schema": "chidao.facts/1",
        "source": {
            "path": "a.txt",
            "sha256": hashlib.sha256(text.encode()).hexdigest(),
            "chars": len(text),
        },
        "title": "Làm việc với Huyện ủy Cao Lộc",
        "genre": "party_gov_meeting",
        "event_date": "2021-08-19",
        "event_kind": "working_session",
        "people": [
            {
                "name": "Nguyễn Quốc Đoàn",
                "positions": ["Bí thư Tỉnh ủy"],
                "spans": [span("Nguyễn Quốc Đoàn", text)],
            }
        ],
        "authors": [],
        "organizations": [
            {"name": "Tỉnh ủy Lạng Sơn", "spans": [span("Tỉnh ủy Lạng Sơn", text)]},
            {"name": "Huyện ủy huyện Cao Lộc", "spans": [span("Huyện ủy huyện Cao Lộc", text)]},
        ],
        "document_refs": [
            {
                "raw": "Kế hoạch số 35-KH/TU",
                "type": "Kế hoạch",
                "number": "35",
                "symbol": "KH/TU",
                "issuer": "TU",
                "span": span("Kế hoạch số 35-KH/TU", text),
            }
        ],
        "documents_issued": [],
        "indicators": [
            {
                "name": "Thu ngân sách trên địa bàn",
                "value": 380,
                "unit": "tỷ đồng",
                "qualifier": "trên",
                "pct_of_plan": 100.96,
                "yoy_pct": None,
                "period": "năm 2021",
                "span": span("Thu ngân sách trên địa bàn đạt trên 380 tỷ đồng", text),
            }
        ],
        "task_counts": None,
        "recommendations": [
            {
                "text": "đầu tư hạ tầng khu vực biên giới",
                "span": span("đầu tư hạ tầng khu vực biên giới", text),
            }
        ],
        "directions": [
            {
                "text": "tăng cường công tác phòng, chống dịch bệnh",
                "by": "Nguyễn Quốc Đoàn",
                "span": span("tăng cường công tác phòng, chống dịch bệnh", text),
            }
        ],
    }


def load(text=TEXT, actor=None):
    return services.load_results(
        [FileResult(path="a.txt", facts=facts_for(text), text=text)], actor
    )


@pytest.fixture
def document(orgs, admin_user):
    from chidao.documents.services import do_create_document, load_document_types

    load_document_types(admin_user)
    return do_create_document(
        admin_user, issuer=orgs["province"], raw_number="35-KH/TU", doc_type="Kế hoạch"
    )


@pytest.fixture
def loaded(orgs, document, office_user):
    assert load()["facts"] == 8
    return Source.objects.get()


def fact(kind):
    return Fact.objects.get(kind=kind)


def test_proposals_are_annotated_with_matches(loaded, orgs, document):
    body = Fact.objects.get(kind="organization", data__name="Huyện ủy huyện Cao Lộc")
    assert body.data["match"]["id"] == orgs["cao_loc"].pk
    province = Fact.objects.get(kind="organization", data__name="Tỉnh ủy Lạng Sơn")
    assert province.data["match"]["id"] == orgs["province"].pk
    assert fact("document_ref").data["match"]["id"] == document.pk
    assert fact("people").data["match"]["id"] is None
    event = fact("event")
    assert event.data["match"]["id"] == orgs["cao_loc"].pk
    assert event.data["organizations"] == ["Tỉnh ủy Lạng Sơn", "Huyện ủy huyện Cao Lộc"]
    assert event.data["people"] == ["Nguyễn Quốc Đoàn"]


def test_accepting_an_indicator_makes_an_observation_linked_to_the_span(loaded, office_user, orgs):
    from chidao.indicators.models import Observation
    from chidao.ingest.models import provenance_for

    records = review.do_accept_fact(office_user, fact("indicator"))
    observation = next(r for r in records if isinstance(r, Observation))
    assert observation.body == orgs["cao_loc"]
    assert observation.value == 380
    links = provenance_for(observation)
    assert [link.field for link in links] == ["value"]
    assert links[0].fact.quote == "Thu ngân sách trên địa bàn đạt trên 380 tỷ đồng"
    assert fact("indicator").status == "accepted"


def test_existing_body_and_document_are_linked_not_duplicated(loaded, office_user, orgs, document):
    from chidao.documents.models import Document
    from chidao.orgs.models import Organization

    before = (Organization.objects.count(), Document.objects.count())
    cao_loc = Fact.objects.get(kind="organization", data__name="Huyện ủy huyện Cao Lộc")
    assert review.do_accept_fact(office_user, cao_loc) == [orgs["cao_loc"]]
    assert review.do_accept_fact(office_user, fact("document_ref")) == [document]
    assert (Organization.objects.count(), Document.objects.count()) == before


def test_field_edits_are_applied(loaded, office_user):
    from chidao.indicators.models import Observation

    records = review.do_accept_fact(
        office_user, fact("indicator"), edits={"value": 385, "unit": "tỷ đồng"}
    )
    observation = next(r for r in records if isinstance(r, Observation))
    assert observation.value == 385
    edited = fact("indicator")
    assert edited.status == "edited" and edited.data["value"] == 385


def test_edited_name_is_matched_again(loaded, office_user, orgs):
    cao_loc = Fact.objects.get(kind="organization", data__name="Huyện ủy huyện Cao Lộc")
    records = review.do_accept_fact(office_user, cao_loc, edits={"name": "Huyện ủy Văn Lãng"})
    assert records == [orgs["van_lang"]]


def test_reject_keeps_the_decision_and_reingest_proposes_nothing(loaded, office_user, audit_count):
    rejected = fact("recommendation")
    review.do_reject_fact(office_user, rejected, reason="trùng")
    rejected.refresh_from_db()
    assert rejected.status == "rejected" and rejected.decided_by == office_user
    before = (Fact.objects.count(), audit_count())
    counts = load()
    assert counts["sources"] == 0 and counts["existing"] == 1 and counts["facts"] == 0
    assert (Fact.objects.count(), audit_count()) == before
    assert Fact.objects.filter(kind="recommendation", status="proposed").count() == 0


def test_accept_whole_source(loaded, office_user, orgs):
    from chidao.meetings.models import Meeting

    result = review.do_accept_source(office_user, loaded)
    assert result["refused"] == []
    assert len(result["accepted"]) == 8
    assert not loaded.facts.filter(status="proposed").exists()
    meeting = Meeting.objects.get()
    assert (meeting.kind, meeting.held_on.isoformat()) == ("working_session", "2021-08-19")
    assert meeting.host == orgs["cao_loc"]
    assert list(meeting.visiting_bodies.all()) == [orgs["province"]]
    participant = meeting.participants.get()
    assert participant.person.full_name == "Nguyễn Quốc Đoàn"
    assert participant.title_at_meeting == "Bí thư Tỉnh ủy"
    assert meeting.directions.count() == 1
    assert Provenance.objects.filter(fact__source=loaded).count() >= 7


def test_failing_accept_writes_nothing(loaded, office_user, audit_count, monkeypatch):
    from chidao.core.errors import ServiceError
    from chidao.indicators.models import Indicator, Observation
    from chidao.ingest import services as ingest_services

    def boom(*args, **kwargs):
        raise ServiceError("hỏng")

    monkeypatch.setattr("chidao.ingest.accept.do_link_provenance", boom)
    before = audit_count()
    with pytest.raises(ServiceError, match="hỏng"):
        review.do_accept_fact(office_user, fact("indicator"))
    assert audit_count() == before
    assert Indicator.objects.count() == 0 and Observation.objects.count() == 0
    assert fact("indicator").status == "proposed"
    assert ingest_services.Provenance.objects.count() == 0


def test_unit_user_may_not_review(loaded, unit_user):
    from chidao.core.errors import AccessDenied

    with pytest.raises(AccessDenied):
        review.do_accept_fact(unit_user, fact("indicator"))


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("review", *argv, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_command_line_review(loaded, office_user, orgs):
    code, out, _ = run("list")
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 8
    body_line = next(line for line in lines if "Cao Lộc”" in line)
    assert "“Huyện ủy huyện Cao Lộc”" in body_line
    assert f"sẽ liên kết với: Huyện ủy Cao Lộc (#{orgs['cao_loc'].pk})" in body_line

    indicator = fact("indicator")
    code, out, _ = run("show", str(indicator.pk))
    assert code == 0 and "Thu ngân sách" in out

    code, out, err = run("accept", str(indicator.pk), "--set", "value=381", "--as", "chuyenvien")
    assert code == 0, err
    assert "accepted" in out and "observation #" in out
    assert fact("indicator").data["value"] == 381
    assert fact("indicator").decided_by == office_user

    rec = fact("recommendation")
    code, out, _ = run("reject", str(rec.pk), "--reason", "không phù hợp")
    assert code == 0 and "rejected" in out
    code, _, err = run("reject", str(rec.pk), "999999")
    assert code == 1
    assert "999999: no such fact" in err and f"{rec.pk}: " in err

    code, out, _ = run("list", "--status", "rejected")
    assert out.count("\n") == 1

    code, out, err = run("accept-source", str(loaded.pk))
    assert code == 0, err
    assert "6 accepted, 0 refused" in out
    code, out, _ = run("list", "--source", str(loaded.pk))
    assert out == ""


def test_namesakes_must_be_chosen(orgs, document, office_user):
    import datetime as dt

    from chidao.core.errors import ServiceError
    from chidao.orgs.models import Person, Position

    first = Person.objects.create(full_name="Nguyễn Quốc Đoàn")
    second = Person.objects.create(full_name="Nguyễn Quốc Đoàn")
    Position.objects.create(person=second, title="Bí thư Tỉnh ủy", valid_from=dt.date(2020, 10, 1))
    load()
    # Told apart by the position held on the event date.
    assert fact("people").data["match"]["id"] == second.pk
    assert review.do_accept_fact(office_user, fact("people"))[0] == second
    assert Person.objects.count() == 2

    Position.objects.create(person=first, title="Bí thư Tỉnh ủy", valid_from=dt.date(2020, 10, 1))
    other = TEXT + " Kết thúc."
    load(other)
    proposal = Fact.objects.get(kind="people", source__text=other)
    assert proposal.data["match"]["ambiguous"] is True
    with pytest.raises(ServiceError, match="trùng họ tên"):
        review.do_accept_fact(office_user, proposal)
    code, out, err = run("accept", str(proposal.pk), "--set", f"match={first.pk}")
    assert code == 0, err
    assert Fact.objects.get(pk=proposal.pk).data["match"]["id"] == first.pk
    assert Person.objects.count() == 2
