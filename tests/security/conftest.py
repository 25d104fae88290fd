"""One small dataset for the security tests, built once per module inside an outer
transaction (each test then runs in a savepoint and is rolled back), and a user per role.

Roles: ``anonymous``, ``admin``, ``leader``, ``office`` (cleared for Mật), ``owner`` (unit
user of Huyện ủy Cao Lộc, the body owning the records), ``other`` (unit user of Huyện ủy
Văn Lãng) and ``uncleared`` (office staff not cleared for classified documents).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import pytest
from django.db import transaction

from chidao.core.models import Classification, Role

PASSWORD = "mat-khau-thu-nghiem"
TEXT = (
    "Cao Lộc tiếp tục phát huy những tiềm năng, lợi thế sẵn có để bứt phá đi lên\n"
    "– Chiều 19/8/2021, Đoàn công tác của Thường trực Tỉnh ủy do đồng chí Nguyễn Quốc Đoàn, "
    "Bí thư Tỉnh ủy làm trưởng đoàn làm việc với Huyện ủy Cao Lộc. "
    "Huyện đã ban hành 3 chỉ thị, 35 kế hoạch."
)


@dataclass
class World:
    users: dict = field(default_factory=dict)  # role -> User (None for anonymous)
    tokens: dict = field(default_factory=dict)  # role -> Bearer token (None for anonymous)
    objects: dict = field(default_factory=dict)  # name -> pk (or slug)


def _span(text: str, phrase: str) -> list[int]:
    start = text.index(phrase)
    return [start, start + len(phrase)]


def build_world() -> World:
    from chidao.api.services import do_issue_token
    from chidao.core.actors import system_actor
    from chidao.core.models import User
    from chidao.documents.services import do_create_document, load_document_types
    from chidao.indicators.services import do_create_indicator, do_record_observation
    from chidao.ingest.services import do_record_facts, do_register_source
    from chidao.meetings.services import do_add_direction, do_create_meeting
    from chidao.orgs.models import Organization, OrganizationKind, System
    from chidao.orgs.services import do_create_person
    from chidao.recommendations.services import (
        do_forward_recommendation,
        do_receive_recommendation,
    )
    from chidao.reminders.models import Notification
    from chidao.reminders.services import do_save_rule
    from chidao.tasks.services import do_create_task, do_create_task_group, do_submit_progress

    actor = system_actor()

    def org(name, kind, system=System.PARTY, parent=None, symbol=""):
        return Organization.objects.create(
            name=name,
            kind=kind,
            system=system,
            parent=parent,
            symbol=symbol,
            valid_from=dt.date(2020, 10, 1),
        )

    province = org("Tỉnh ủy Lạng Sơn", OrganizationKind.PARTY_COMMITTEE, symbol="TU")
    office = org("Văn phòng Tỉnh ủy", OrganizationKind.PARTY_BOARD, parent=province, symbol="VPTU")
    cao_loc = org(
        "Huyện ủy Cao Lộc", OrganizationKind.PARTY_COMMITTEE, parent=province, symbol="HU"
    )
    van_lang = org(
        "Huyện ủy Văn Lãng", OrganizationKind.PARTY_COMMITTEE, parent=province, symbol="HU"
    )
    finance = org("Sở Tài chính", OrganizationKind.DEPARTMENT, system=System.STATE, symbol="STC")

    def user(username, role, organization=None, clearance=Classification.NORMAL):
        u = User.objects.create(
            username=username, role=role, organization=organization, clearance=clearance
        )
        u.set_password(PASSWORD)
        u.save()
        return u

    w = World()
    w.users = {
        "anonymous": None,
        "admin": user("s-quantri", Role.ADMIN, clearance=Classification.TOP_SECRET),
        "leader": user("s-lanhdao", Role.LEADER, province, Classification.SECRET),
        "office": user("s-vanphong", Role.OFFICE, office, Classification.SECRET),
        "owner": user("s-caoloc", Role.UNIT, cao_loc),
        "other": user("s-vanlang", Role.UNIT, van_lang),
        "uncleared": user("s-khongmat", Role.OFFICE, office),
    }
    w.tokens = {
        role: (do_issue_token(actor, user=u, name="bảo mật")[0] if u else None)
        for role, u in w.users.items()
    }

    load_document_types(actor)
    secret_doc = do_create_document(
        actor,
        doc_type="Chỉ thị",
        issuer=cao_loc,
        issued_on=dt.date(2021, 3, 1),
        excerpt="Chỉ thị mật về công tác quốc phòng địa phương",
        classification=Classification.SECRET,
    )
    person = do_create_person(actor, full_name="Nguyễn Quốc Đoàn")
    meeting = do_create_meeting(
        actor,
        kind="working_session",
        held_on=dt.date(2021, 8, 19),
        host=cao_loc,
        chair=person,
        title="Đoàn công tác Thường trực Tỉnh ủy làm việc với Huyện ủy Cao Lộc",
    )
    direction = do_add_direction(
        actor,
        meeting,
        given_by=person,
        addressed_to=cao_loc,
        text="Đẩy mạnh cải cách hành chính ở khu vực cửa khẩu",
        deadline=dt.date(2030, 12, 31),
    )
    group = do_create_task_group(actor, name="Kinh tế cửa khẩu", owner=cao_loc, year=2021)
    task = do_create_task(
        actor,
        title="Nâng cao năng lực thông quan hàng hóa",
        lead_unit=cao_loc,
        group=group,
        deadline=dt.date(2030, 12, 31),
        progress=40,
    )
    update = do_submit_progress(w.users["owner"], task, progress=50, note="Đã hoàn thành 50%")
    rec = do_receive_recommendation(
        actor,
        text="Hỗ trợ kinh phí làm đường giao thông nông thôn",
        raised_by=cao_loc,
        addressed_to=province,
        received_on=dt.date(2021, 8, 19),
        meeting=meeting,
    )
    do_forward_recommendation(actor, rec, sectors=[finance], due_on=dt.date(2030, 10, 31))
    indicator = do_create_indicator(
        actor, code="thu_ngan_sach", name="Thu ngân sách trên địa bàn", unit="tỷ đồng"
    )
    observation = do_record_observation(
        actor,
        indicator,
        body=cao_loc,
        period_kind="year",
        year=2021,
        value="380",
    )
    source = do_register_source(actor, text=TEXT, title="Cao Lộc bứt phá", name="caoloc.txt")
    facts = do_record_facts(
        actor,
        source,
        {
            "schema": "chidao.facts/1",
            "source": {
                "path": "caoloc.txt",
                "sha256": hashlib.sha256(TEXT.encode("utf-8")).hexdigest(),
                "chars": len(TEXT),
            },
            "title": TEXT.splitlines()[0],
            "genre": "party_gov_meeting",
            "event_date": "2021-08-19",
            "event_kind": "working_session",
            "people": [
                {
                    "name": "Nguyễn Quốc Đoàn",
                    "positions": ["Bí thư Tỉnh ủy"],
                    "spans": [_span(TEXT, "Nguyễn Quốc Đoàn")],
                }
            ],
            "authors": [],
            "organizations": [
                {"name": "Huyện ủy Cao Lộc", "spans": [_span(TEXT, "Huyện ủy Cao Lộc")]}
            ],
            "document_refs": [],
            "documents_issued": [{"type": "Chỉ thị", "count": 3, "span": _span(TEXT, "3 chỉ thị")}],
            "indicators": [],
            "task_counts": None,
            "recommendations": [],
            "directions": [],
        },
    )
    notification = Notification.objects.create(
        recipient=w.users["owner"],
        kind="task_before",
        subject="Nhiệm vụ sắp đến hạn",
        body="Nhiệm vụ sắp đến hạn",
        dedupe_key="bao-mat-1",
    )
    rule = do_save_rule(actor, body=cao_loc, days_before=5)
    from chidao.documents.models import DocumentType

    w.objects = {
        "org": cao_loc.pk,
        "province": province.pk,
        "finance": finance.pk,
        "doctype": DocumentType.objects.get(name="Kế hoạch").pk,
        "org_version": Organization.objects.get(pk=cao_loc.pk).version,
        "document_version": type(secret_doc).objects.get(pk=secret_doc.pk).version,
        "meeting_version": type(meeting).objects.get(pk=meeting.pk).version,
        "task_version": type(task).objects.get(pk=task.pk).version,
        "person": person.pk,
        "document": secret_doc.pk,
        "meeting": meeting.pk,
        "direction": direction.pk,
        "group": group.pk,
        "task": task.pk,
        "progress": update.pk,
        "recommendation": rec.pk,
        "indicator": indicator.pk,
        "observation": observation.pk,
        "source": source.pk,
        "fact": facts[0].pk,
        "notification": notification.pk,
        "rule": rule.pk,
        "kind": "tasks",
        "token": w.users["owner"].api_tokens.get().pk,
    }
    return w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The dataset, built once per module and rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        yield built
        transaction.set_rollback(True)
