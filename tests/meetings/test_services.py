import datetime as dt

import pytest

from chidao.core import audit
from chidao.core.errors import AccessDenied, Conflict, ServiceError
from chidao.meetings import services
from chidao.meetings.models import Direction, Meeting, MeetingKind, Participant

# --------------------------------------------------------------------------- meetings


def test_kinds_have_vietnamese_labels():
    assert dict(MeetingKind.choices) == {
        "working_session": "Buổi làm việc",
        "review_conference": "Hội nghị sơ kết, tổng kết",
        "council_session": "Kỳ họp HĐND",
        "inspection": "Kiểm tra, giám sát",
        "other": "Khác",
    }


def test_create_meeting_audited(office_user, orgs, people, notice, audit_count):
    before = audit_count()
    meeting = services.do_create_meeting(
        office_user,
        kind="working_session",
        title="  Làm việc với Huyện ủy Cao Lộc ",
        held_on=dt.date(2021, 8, 19),
        host=orgs["cao_loc"],
        chair=people["secretary"],
        visiting_bodies=[orgs["province"], orgs["office"]],
        documents_presented=[notice],
    )
    assert meeting.title == "Làm việc với Huyện ủy Cao Lộc"
    assert set(meeting.visiting_bodies.all()) == {orgs["province"], orgs["office"]}
    assert list(meeting.documents_presented.all()) == [notice]
    assert audit_count() == before + 1
    entry = audit.history(meeting).get()
    assert entry.action == "meeting.create"
    assert entry.actor == office_user
    assert entry.before is None
    assert entry.after["kind"] == "working_session"
    assert entry.after["held_on"] == "2021-08-19"
    assert entry.after["host_id"] == orgs["cao_loc"].pk
    assert entry.after["chair_id"] == people["secretary"].pk
    assert entry.after["visiting_bodies"] == sorted([orgs["province"].pk, orgs["office"].pk])
    assert entry.after["documents_presented"] == [notice.pk]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "party"}, "Loại hội nghị 'party' không hợp lệ"),
        ({"title": "   "}, "Tiêu đề không được để trống"),
        ({"held_on": None}, "Cần nhập ngày họp"),
        ({"host": None}, "Cần chọn cơ quan chủ trì"),
        ({"visiting_bodies": ["Tỉnh ủy"]}, "Danh sách cơ quan hoặc văn bản không hợp lệ"),
        ({"visiting_bodies": "host"}, "không đồng thời là đoàn công tác"),
    ],
)
def test_create_meeting_rejects_bad_input(office_user, orgs, audit_count, fields, message):
    values = {
        "kind": "review_conference",
        "title": "Hội nghị sơ kết 6 tháng",
        "held_on": dt.date(2021, 7, 10),
        "host": orgs["province"],
    }
    if fields.get("visiting_bodies") == "host":
        fields = {"visiting_bodies": [orgs["province"]]}
    values.update(fields)
    before = audit_count()
    with pytest.raises(ServiceError, match=message):
        services.do_create_meeting(office_user, **values)
    assert Meeting.objects.count() == 0
    assert audit_count() == before


@pytest.mark.parametrize("who", ["unit_user", "other_unit_user", "leader_user"])
def test_create_meeting_refused(request, who, orgs, audit_count):
    before = audit_count()
    with pytest.raises(AccessDenied, match="không có quyền quản lý hội nghị"):
        services.do_create_meeting(
            request.getfixturevalue(who),
            kind="inspection",
            title="Kiểm tra",
            held_on=dt.date(2022, 1, 1),
            host=orgs["cao_loc"],
        )
    assert Meeting.objects.count() == 0
    assert audit_count() == before


def test_update_meeting_audited(office_user, session, orgs, notice, audit_count):
    before = audit_count()
    updated = services.do_update_meeting(
        office_user,
        session,
        expected_version=1,
        place="Trụ sở Huyện ủy",
        visiting_bodies=[orgs["province"], orgs["office"]],
        documents_presented=[notice],
    )
    assert updated.version == 2
    assert audit_count() == before + 1
    entry = audit.history(session).first()
    assert entry.action == "meeting.update"
    assert (entry.before["place"], entry.after["place"]) == ("Huyện Cao Lộc", "Trụ sở Huyện ủy")
    assert entry.before["visiting_bodies"] == [orgs["province"].pk]
    assert entry.after["visiting_bodies"] == sorted([orgs["province"].pk, orgs["office"].pk])
    assert (entry.before["documents_presented"], entry.after["documents_presented"]) == (
        [],
        [notice.pk],
    )
    assert (entry.before["version"], entry.after["version"]) == (1, 2)


def test_update_meeting_without_change_writes_nothing(office_user, session, orgs, audit_count):
    before = audit_count()
    services.do_update_meeting(
        office_user, session, place="Huyện Cao Lộc", visiting_bodies=[orgs["province"]]
    )
    assert audit_count() == before
    session.refresh_from_db()
    assert session.version == 1


def test_update_meeting_rejects_bad_input(office_user, session, orgs, notice, audit_count):
    services.do_set_conclusion(office_user, session, notice)
    before = audit_count()
    with pytest.raises(ServiceError, match="Tiêu đề không được để trống"):
        services.do_update_meeting(office_user, session, title="")
    with pytest.raises(ServiceError, match="kết luận không thể ban hành trước ngày họp"):
        services.do_update_meeting(office_user, session, held_on=dt.date(2021, 9, 1))
    with pytest.raises(ServiceError, match="không đồng thời là đoàn công tác"):
        services.do_update_meeting(office_user, session, host=orgs["province"])
    with pytest.raises(ServiceError, match="Trường không hợp lệ: conclusion"):
        services.do_update_meeting(office_user, session, conclusion=None)
    with pytest.raises(Conflict):
        services.do_update_meeting(office_user, session, expected_version=9, place="x")
    session.refresh_from_db()
    assert (session.title, session.held_on, session.version) == (
        "Làm việc với Huyện ủy Cao Lộc",
        dt.date(2021, 8, 19),
        2,
    )
    assert audit_count() == before


@pytest.mark.parametrize("who", ["unit_user", "other_unit_user", "leader_user"])
def test_update_meeting_refused(request, who, session, audit_count):
    before = audit_count()
    with pytest.raises(AccessDenied):
        services.do_update_meeting(request.getfixturevalue(who), session, place="x")
    session.refresh_from_db()
    assert session.place == "Huyện Cao Lộc"
    assert audit_count() == before


# --------------------------------------------------------------------------- participants


def test_add_participant_audited(office_user, session, people, audit_count):
    before = audit_count()
    participant = services.do_add_participant(
        office_user,
        session,
        person=people["secretary"],
        title_at_meeting="Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy",
        role="chair",
    )
    assert str(participant) == "Nguyễn Quốc Đoàn, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy"
    assert audit_count() == before + 1
    entry = audit.history(participant).get()
    assert entry.action == "meeting.add_participant"
    assert entry.before is None
    assert entry.after == {
        "id": participant.pk,
        "version": 1,
        "meeting_id": session.pk,
        "person_id": people["secretary"].pk,
        "title_at_meeting": "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy",
        "role": "chair",
    }


def test_add_participant_rejects_bad_input(office_user, session, people, audit_count):
    services.do_add_participant(office_user, session, person=people["district"])
    before = audit_count()
    with pytest.raises(ServiceError, match="đã có trong danh sách tham dự"):
        services.do_add_participant(office_user, session, person=people["district"])
    with pytest.raises(ServiceError, match="Vai trò 'boss' không hợp lệ"):
        services.do_add_participant(office_user, session, person=people["secretary"], role="boss")
    with pytest.raises(ServiceError, match="Cần chọn cán bộ"):
        services.do_add_participant(office_user, session, person=None)
    assert Participant.objects.count() == 1
    assert audit_count() == before


@pytest.mark.parametrize("who", ["unit_user", "other_unit_user"])
def test_add_participant_refused(request, who, session, people, audit_count):
    before = audit_count()
    with pytest.raises(AccessDenied):
        services.do_add_participant(
            request.getfixturevalue(who), session, person=people["district"]
        )
    assert Participant.objects.count() == 0
    assert audit_count() == before


# --------------------------------------------------------------------------- conclusion


def test_set_conclusion_audited(office_user, session, notice, audit_count):
    before = audit_count()
    meeting = services.do_set_conclusion(office_user, session, notice)
    assert meeting.conclusion == notice
    assert list(notice.concluded_meetings.all()) == [session]
    assert audit_count() == before + 1
    entry = audit.history(session).first()
    assert entry.action == "meeting.set_conclusion"
    assert (entry.before["conclusion_id"], entry.after["conclusion_id"]) == (None, notice.pk)
    cleared = services.do_set_conclusion(office_user, session, None)
    assert cleared.conclusion is None
    assert audit.history(session).first().before["conclusion_id"] == notice.pk


def test_set_conclusion_rejects_a_document_issued_before(office_user, session, notice, audit_count):
    from chidao.documents.models import Document

    Document.objects.filter(pk=notice.pk).update(issued_on=dt.date(2021, 8, 1))
    notice.refresh_from_db()
    before = audit_count()
    with pytest.raises(ServiceError, match="trước ngày họp 19/08/2021"):
        services.do_set_conclusion(office_user, session, notice)
    with pytest.raises(ServiceError, match="Văn bản kết luận không hợp lệ"):
        services.do_set_conclusion(office_user, session, "250-TB/TU")
    session.refresh_from_db()
    assert session.conclusion is None
    assert audit_count() == before


@pytest.mark.parametrize("who", ["unit_user", "other_unit_user", "leader_user"])
def test_set_conclusion_refused(request, who, session, notice, audit_count):
    before = audit_count()
    with pytest.raises(AccessDenied):
        services.do_set_conclusion(request.getfixturevalue(who), session, notice)
    session.refresh_from_db()
    assert session.conclusion is None
    assert audit_count() == before


# --------------------------------------------------------------------------- directions


def test_add_direction_audited_and_ordered(office_user, session, people, orgs, audit_count):
    before = audit_count()
    first = services.do_add_direction(
        office_user,
        session,
        text=" tăng cường công tác phòng, chống dịch bệnh ",
        given_by=people["secretary"],
        addressed_to=orgs["cao_loc"],
        deadline=dt.date(2021, 12, 31),
    )
    second = services.do_add_direction(
        office_user, session, text="đẩy mạnh phát triển kinh tế cửa khẩu"
    )
    assert (first.order, second.order) == (1, 2)
    assert first.text == "tăng cường công tác phòng, chống dịch bệnh"
    assert list(session.directions.all()) == [first, second]
    assert audit_count() == before + 2
    entry = audit.history(first).get()
    assert entry.action == "meeting.add_direction"
    assert entry.before is None
    assert entry.after == {
        "id": first.pk,
        "version": 1,
        "meeting_id": session.pk,
        "text": "tăng cường công tác phòng, chống dịch bệnh",
        "given_by_id": people["secretary"].pk,
        "addressed_to_id": orgs["cao_loc"].pk,
        "deadline": "2021-12-31",
        "order": 1,
    }


def test_add_direction_rejects_bad_input(office_user, session, audit_count):
    before = audit_count()
    with pytest.raises(ServiceError, match="Nội dung chỉ đạo không được để trống"):
        services.do_add_direction(office_user, session, text="  ")
    with pytest.raises(ServiceError, match="trước ngày họp 19/08/2021"):
        services.do_add_direction(office_user, session, text="x", deadline=dt.date(2021, 8, 1))
    with pytest.raises(ServiceError, match="Cơ quan được giao không hợp lệ"):
        services.do_add_direction(office_user, session, text="x", addressed_to="UBND")
    assert Direction.objects.count() == 0
    assert audit_count() == before


@pytest.mark.parametrize("who", ["unit_user", "other_unit_user", "leader_user"])
def test_add_direction_refused(request, who, session, audit_count):
    before = audit_count()
    with pytest.raises(AccessDenied):
        services.do_add_direction(request.getfixturevalue(who), session, text="x")
    assert Direction.objects.count() == 0
    assert audit_count() == before


def test_update_direction(office_user, unit_user, session, orgs, audit_count):
    direction = services.do_add_direction(office_user, session, text="rà soát quy hoạch")
    before = audit_count()
    updated = services.do_update_direction(
        office_user,
        direction,
        expected_version=1,
        addressed_to=orgs["cao_loc"],
        deadline=dt.date(2022, 3, 31),
    )
    assert updated.version == 2
    entry = audit.history(direction).first()
    assert entry.action == "meeting.update_direction"
    assert (entry.before["deadline"], entry.after["deadline"]) == (None, "2022-03-31")
    with pytest.raises(ServiceError, match="trước ngày họp"):
        services.do_update_direction(office_user, direction, deadline=dt.date(2020, 1, 1))
    with pytest.raises(AccessDenied):
        services.do_update_direction(unit_user, direction, text="y")
    assert audit_count() == before + 1
