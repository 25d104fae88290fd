"""Recommendation services: every legal and illegal move, access, overdue, succession."""

from __future__ import annotations

import datetime as dt

import pytest

from chidao.core.audit import history
from chidao.core.errors import AccessDenied, InvalidTransition, ServiceError
from chidao.core.models import AuditEntry, Role
from chidao.recommendations import services
from chidao.recommendations.models import Recommendation, Response, RoutingStep, StepKind
from chidao.recommendations.states import RecStatus

RECEIVED_ON = dt.date(2021, 8, 19)
DUE = dt.date(2021, 9, 30)


@pytest.fixture
def finance_user(make_user, orgs):
    return make_user("sotaichinh", Role.UNIT, orgs["finance"])


@pytest.fixture
def rec(office_user, orgs):
    return services.do_receive_recommendation(
        office_user,
        text="Đầu tư hạ tầng khu vực biên giới, cửa khẩu",
        raised_by=orgs["cao_loc"],
        addressed_to=orgs["province"],
        received_on=RECEIVED_ON,
    )


def move_to(status, rec, office_user, orgs):
    """Bring ``rec`` to ``status`` through the services."""
    if status == RecStatus.RECEIVED:
        return rec
    services.do_forward_recommendation(
        office_user,
        rec,
        sectors=[orgs["finance"]],
        due_on=DUE,
        by_body=orgs["office"],
        at=dt.date(2021, 8, 25),
    )
    if status == RecStatus.FORWARDED:
        return rec
    services.do_answer_recommendation(
        office_user,
        rec,
        text="Đã bố trí vốn",
        from_body=orgs["finance"],
        answered_on=dt.date(2021, 9, 10),
    )
    if status == RecStatus.ANSWERED:
        return rec
    if status == RecStatus.RESOLVED:
        services.do_resolve_recommendation(office_user, rec)
    else:
        services.do_decline_recommendation(office_user, rec, reason="Ngoài khả năng ngân sách")
    return rec


def act(action, rec, actor, orgs):
    if action == "compile":
        return services.do_compile_recommendation(actor, rec, by_body=orgs["office"])
    if action == "forward":
        return services.do_forward_recommendation(
            actor,
            rec,
            sectors=[orgs["finance"]],
            due_on=DUE,
            by_body=orgs["office"],
            at=dt.date(2021, 8, 25),
        )
    if action == "answer":
        return services.do_answer_recommendation(
            actor, rec, text="Trả lời", from_body=orgs["finance"], answered_on=dt.date(2021, 9, 1)
        )
    if action == "resolve":
        return services.do_resolve_recommendation(actor, rec)
    return services.do_decline_recommendation(actor, rec, reason="Không phù hợp quy hoạch")


ACTION_RESULT = {
    "compile": None,
    "forward": RecStatus.FORWARDED,
    "answer": RecStatus.ANSWERED,
    "resolve": RecStatus.RESOLVED,
    "decline": RecStatus.DECLINED,
}
LEGAL = {
    RecStatus.RECEIVED: {"compile", "forward", "decline"},
    RecStatus.FORWARDED: {"forward", "answer", "decline"},
    RecStatus.ANSWERED: {"forward", "answer", "resolve", "decline"},
    RecStatus.RESOLVED: set(),
    RecStatus.DECLINED: set(),
}
CASES = [(s, a, a in LEGAL[s]) for s in RecStatus for a in ACTION_RESULT]


@pytest.mark.parametrize(("start", "action", "legal"), CASES)
def test_every_move(office_user, orgs, rec, audit_count, start, action, legal):
    move_to(start, rec, office_user, orgs)
    rec.refresh_from_db()
    n = audit_count()
    steps, responses, version = RoutingStep.objects.count(), Response.objects.count(), rec.version
    if legal:
        act(action, rec, office_user, orgs)
        rec.refresh_from_db()
        expected = ACTION_RESULT[action] or start
        assert rec.status == expected
        assert audit_count() > n
    else:
        with pytest.raises(InvalidTransition) as caught:
            act(action, rec, office_user, orgs)
        assert "Không thể" in caught.value.message
        rec.refresh_from_db()
        assert rec.status == start
        assert rec.version == version
        assert audit_count() == n
        assert (RoutingStep.objects.count(), Response.objects.count()) == (steps, responses)


def test_resolve_from_received_message(office_user, orgs, rec):
    with pytest.raises(InvalidTransition) as caught:
        services.do_resolve_recommendation(office_user, rec)
    assert caught.value.message == (
        "Không thể chuyển kiến nghị từ 'Đã tiếp nhận' sang 'Đã giải quyết'."
    )


def test_each_service_writes_its_audit_entry(office_user, finance_user, orgs, rec):
    assert history(rec).get().action == "recommendation.receive"
    step = services.do_compile_recommendation(
        office_user, rec, by_body=orgs["office"], note="Tổng hợp kiến nghị buổi làm việc"
    )
    assert history(step).get().action == "recommendation.compile"
    assert step.kind == StepKind.COMPILED
    steps = services.do_forward_recommendation(
        office_user,
        rec,
        sectors=[orgs["finance"], orgs["van_lang"]],
        due_on=DUE,
        by_body=orgs["office"],
        at=dt.date(2021, 8, 25),
    )
    assert [history(s).get().action for s in steps] == ["recommendation.forward_step"] * 2
    rec.refresh_from_db()
    assert (rec.status, rec.due_on) == (RecStatus.FORWARDED, DUE)
    assert history(rec).first().action == "recommendation.forward"
    response = services.do_answer_recommendation(
        finance_user, rec, text="Sở Tài chính đã tham mưu bố trí kinh phí"
    )
    assert response.from_body == orgs["finance"]
    assert response.by_user == finance_user
    assert history(response).get().action == "recommendation.answer_response"
    assert history(rec).first().action == "recommendation.answer"
    services.do_resolve_recommendation(office_user, rec, note="Đã bố trí vốn năm 2022")
    rec.refresh_from_db()
    assert rec.status == RecStatus.RESOLVED and rec.closed_on is not None
    assert history(rec).first().action == "recommendation.resolve"
    assert history(rec).first().before["status"] == "answered"


def test_decline_needs_a_reason(office_user, orgs, rec, audit_count):
    n = audit_count()
    with pytest.raises(ServiceError):
        services.do_decline_recommendation(office_user, rec, reason="")
    assert audit_count() == n
    services.do_decline_recommendation(office_user, rec, reason="Không thuộc thẩm quyền")
    rec.refresh_from_db()
    assert rec.status == RecStatus.DECLINED
    assert rec.closing_note == "Không thuộc thẩm quyền"
    assert history(rec).first().action == "recommendation.decline"


def test_forward_needs_sectors(office_user, rec):
    with pytest.raises(ServiceError):
        services.do_forward_recommendation(office_user, rec, sectors=[], due_on=DUE)


def test_answer_only_by_a_sector_it_was_forwarded_to(
    office_user, finance_user, other_unit_user, unit_user, orgs, rec, audit_count
):
    move_to(RecStatus.FORWARDED, rec, office_user, orgs)
    n = audit_count()
    for outsider in (other_unit_user, unit_user):  # not forwarded to them (nor to the raiser)
        with pytest.raises(AccessDenied):
            services.do_answer_recommendation(outsider, rec, text="Trả lời")
    with pytest.raises(AccessDenied):  # a sector's user answering in another body's name
        services.do_answer_recommendation(
            finance_user, rec, text="Trả lời", from_body=orgs["van_lang"]
        )
    assert audit_count() == n
    assert Response.objects.count() == 0
    services.do_answer_recommendation(finance_user, rec, text="Đang nghiên cứu")
    rec.refresh_from_db()
    assert rec.status == RecStatus.ANSWERED


@pytest.mark.parametrize("who", ["unit_user", "finance_user", "leader_user"])
def test_only_office_receives_forwards_resolves(request, orgs, rec, audit_count, who):
    actor = request.getfixturevalue(who)
    n = audit_count()
    with pytest.raises(AccessDenied):
        services.do_forward_recommendation(actor, rec, sectors=[orgs["finance"]], due_on=DUE)
    with pytest.raises(AccessDenied):
        services.do_receive_recommendation(
            actor, text="X", raised_by=orgs["cao_loc"], addressed_to=orgs["province"]
        )
    assert audit_count() == n


@pytest.mark.parametrize(
    ("today", "overdue"),
    [(DUE - dt.timedelta(days=1), False), (DUE, False), (DUE + dt.timedelta(days=1), True)],
)
def test_overdue_flag_and_filter(office_user, orgs, rec, today, overdue):
    assert not rec.is_overdue(today + dt.timedelta(days=365))  # received: not overdue
    move_to(RecStatus.FORWARDED, rec, office_user, orgs)
    rec.refresh_from_db()
    assert rec.is_overdue(today) is overdue
    assert Recommendation.objects.overdue(today).filter(pk=rec.pk).exists() is overdue


def test_answered_is_no_longer_overdue(office_user, orgs, rec):
    move_to(RecStatus.ANSWERED, rec, office_user, orgs)
    rec.refresh_from_db()
    late = DUE + dt.timedelta(days=30)
    assert not rec.is_overdue(late)
    assert not Recommendation.objects.overdue(late).exists()


def test_succession_moves_only_open_recommendations(admin_user, office_user, orgs):
    from chidao.orgs.models import Organization, OrganizationKind, System
    from chidao.orgs.services import do_succeed_organization

    commune = Organization.objects.create(
        name="Đảng ủy xã Đồng Đăng",
        kind=OrganizationKind.PARTY_COMMITTEE,
        system=System.PARTY,
        parent=orgs["province"],
        valid_from=dt.date(2025, 7, 1),
    )

    def raise_rec(text):
        return services.do_receive_recommendation(
            office_user,
            text=text,
            raised_by=orgs["cao_loc"],
            addressed_to=orgs["province"],
            received_on=RECEIVED_ON,
        )

    open_rec = raise_rec("Hỗ trợ kinh phí làm đường giao thông nông thôn")
    forwarded = move_to(RecStatus.FORWARDED, raise_rec("Đào tạo nghề"), office_user, orgs)
    resolved = move_to(RecStatus.RESOLVED, raise_rec("Hạ tầng cửa khẩu"), office_user, orgs)
    declined = move_to(RecStatus.DECLINED, raise_rec("Khác"), office_user, orgs)
    other = services.do_receive_recommendation(
        office_user,
        text="Của Văn Lãng",
        raised_by=orgs["van_lang"],
        addressed_to=orgs["province"],
    )
    before = AuditEntry.objects.filter(action="recommendation.succession").count()
    moved = do_succeed_organization(
        admin_user,
        orgs["cao_loc"],
        ended_on=dt.date(2025, 6, 30),
        successors=[commune],
        open_work_to=commune,
    )
    assert moved["recommendations"] == 2
    for rec in (open_rec, forwarded, resolved, declined, other):
        rec.refresh_from_db()
    assert open_rec.raised_by == commune and forwarded.raised_by == commune
    assert resolved.raised_by == orgs["cao_loc"] and declined.raised_by == orgs["cao_loc"]
    assert other.raised_by == orgs["van_lang"]
    assert AuditEntry.objects.filter(action="recommendation.succession").count() == before + 2
    assert history(open_rec).first().action == "recommendation.succession"
    assert history(resolved).first().action == "recommendation.resolve"


def test_succession_of_a_sector_moves_its_open_forwardings(admin_user, office_user, orgs):
    from chidao.orgs.models import Organization, OrganizationKind, System
    from chidao.orgs.services import do_succeed_organization

    merged = Organization.objects.create(
        name="Sở Tài chính (hợp nhất)",
        kind=OrganizationKind.DEPARTMENT,
        system=System.STATE,
        valid_from=dt.date(2025, 3, 1),
    )
    rec = services.do_receive_recommendation(
        office_user,
        text="Kinh phí",
        raised_by=orgs["cao_loc"],
        addressed_to=orgs["province"],
        received_on=RECEIVED_ON,
    )
    move_to(RecStatus.FORWARDED, rec, office_user, orgs)
    moved = do_succeed_organization(
        admin_user,
        orgs["finance"],
        ended_on=dt.date(2025, 2, 28),
        successors=[merged],
        open_work_to=merged,
    )
    assert moved["recommendations"] == 1
    assert rec.forwarded_to_ids() == {merged.pk}
