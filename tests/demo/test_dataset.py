"""The demo records tell the Cao Lộc cycle of the seed articles, and load once."""

import datetime as dt
from decimal import Decimal

import pytest

from chidao.core.actors import system_actor
from chidao.core.models import AuditEntry
from chidao.demo.dataset import load_demo_dataset
from chidao.documents.models import Document
from chidao.documents.services import load_document_types
from chidao.indicators.models import Observation
from chidao.meetings.models import Meeting
from chidao.orgs.models import Organization
from chidao.orgs.refload import load_reference_data
from chidao.recommendations.models import Recommendation
from chidao.tasks.services import rollup_for_body


@pytest.fixture
def demo(db):
    actor = system_actor()
    load_document_types(actor)
    load_reference_data(actor)
    assert load_demo_dataset(actor) is True
    return Organization.objects.get(name="Huyện ủy Cao Lộc")


def test_loading_again_changes_nothing(demo):
    before = (AuditEntry.objects.count(), Document.objects.count())
    assert load_demo_dataset(system_actor()) is False
    assert (AuditEntry.objects.count(), Document.objects.count()) == before


def test_documents_issued_in_2021_by_type(demo):
    issued = Document.objects.filter(issuer=demo, issued_on__year=2021)
    counts = {
        name: issued.filter(doc_type__name=name).count()
        for name in ["Chỉ thị", "Kế hoạch", "Nghị quyết", "Hướng dẫn", "Thông báo"]
    }
    assert counts == {
        "Chỉ thị": 3,
        "Kế hoạch": 35,
        "Nghị quyết": 26,
        "Hướng dẫn": 6,
        "Thông báo": 24,
    }
    numbers = sorted(issued.filter(doc_type__name="Chỉ thị").values_list("number", "symbol"))
    assert numbers == [("01", "CT/HU"), ("02", "CT/HU"), ("03", "CT/HU")]


def test_key_tasks_as_of_the_working_session(demo):
    as_of_meeting = rollup_for_body(demo, 2021, as_of=dt.date(2021, 8, 19))
    assert as_of_meeting.sentence == (
        "10 nhiệm vụ thuộc 5 nhóm: 1 hoàn thành, 8 đạt tiến độ, 1 chậm tiến độ"
    )


def test_budget_revenue_shares_are_computed_and_agree(demo):
    observation = Observation.objects.get(period_label="đến trung tuần tháng 8/2021")
    assert observation.value == Decimal("380")
    assert round(observation.computed_pct_of_plan, 2) == Decimal("100.96")
    assert round(observation.computed_yoy_pct, 2) == Decimal("28.38")
    assert not observation.is_flagged


def test_recommendations_routed_to_sectors(demo):
    recs = {r.text: r for r in Recommendation.objects.all()}
    assert len(recs) == 3
    assert recs["Đầu tư hạ tầng khu vực biên giới, cửa khẩu"].status == "resolved"
    assert recs["Hỗ trợ kinh phí làm đường giao thông nông thôn"].status == "answered"
    unanswered = recs["Đào tạo nghề cho lao động nông thôn"]
    assert unanswered.status == "forwarded"
    assert unanswered.is_overdue(dt.date(2021, 11, 1))
    # The district ended on 30/6/2025: its open recommendation passed to the commune.
    assert unanswered.raised_by.name == "Đảng ủy xã Cao Lộc"
    assert recs["Đầu tư hạ tầng khu vực biên giới, cửa khẩu"].raised_by == demo


def test_two_meetings_with_their_participants(demo):
    session = Meeting.objects.get(held_on=dt.date(2021, 8, 19))
    assert session.kind == "working_session"
    assert session.chair.full_name == "Nguyễn Quốc Đoàn"
    assert session.conclusion is not None
    assert session.directions.count() == 5
    review = Meeting.objects.get(held_on=dt.date(2017, 6, 20))
    assert review.kind == "review_conference"
    assert [p.person.full_name for p in review.participants.all()] == ["Tô Hùng Khoa"]
    assert {d.number for d in review.documents_presented.all()} == {"10", "09", "05"}


def test_only_open_tasks_moved_to_the_successor(demo):
    from chidao.tasks.models import Task

    moved = Task.objects.filter(lead_unit__name="Đảng ủy xã Cao Lộc")
    assert moved.count() == 3
    assert not moved.filter(completed_on__isnull=False).exists()
    assert not Task.objects.filter(lead_unit=demo, completed_on__isnull=True).exists()
