"""People, a conclusion document and a working session for the meeting tests."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture
def people(db):
    from chidao.orgs.models import Person

    return {
        "secretary": Person.objects.create(full_name="Nguyễn Quốc Đoàn"),
        "district": Person.objects.create(full_name="Nguyễn Công Trưởng"),
    }


@pytest.fixture
def doc_types(db):
    from chidao.core.actors import system_actor
    from chidao.documents.models import DocumentType
    from chidao.documents.services import load_document_types

    load_document_types(system_actor())
    return {t.name: t for t in DocumentType.objects.all()}


@pytest.fixture
def notice(orgs, doc_types):
    """Thông báo kết luận 250-TB/TU of 25/8/2021, after the session of 19/8/2021."""
    from chidao.documents.models import Document

    return Document.objects.create(
        doc_type=doc_types["Thông báo"],
        system="party",
        number="250",
        symbol="TB/TU",
        issuer=orgs["province"],
        issued_on=dt.date(2021, 8, 25),
        year=2021,
        excerpt="Kết luận của đồng chí Bí thư Tỉnh ủy tại buổi làm việc với Huyện ủy Cao Lộc",
    )


@pytest.fixture
def session(office_user, orgs, people):
    from chidao.meetings.services import do_create_meeting

    return do_create_meeting(
        office_user,
        kind="working_session",
        title="Làm việc với Huyện ủy Cao Lộc",
        held_on=dt.date(2021, 8, 19),
        host=orgs["cao_loc"],
        place="Huyện Cao Lộc",
        chair=people["secretary"],
        visiting_bodies=[orgs["province"]],
        period_label="8 tháng năm 2021",
    )
