"""Follow-up on screen: tasks created and edited through the forms, progress submitted by
the unit and accepted or returned by the office, recommendations forwarded and answered,
an ended body showing its successor."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chidao.core.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def task(orgs, office_user):
    from chidao.tasks.services import do_create_task

    return do_create_task(
        office_user,
        title="Xây dựng nông thôn mới",
        lead_unit=orgs["cao_loc"],
        deadline=dt.date(2099, 12, 31),
    )


def test_office_creates_a_task_through_the_form(client, orgs, office_user):
    from chidao.core.models import AuditEntry
    from chidao.tasks.models import Task

    client.force_login(office_user)
    assert client.get(reverse("tasks:create")).status_code == 200
    response = client.post(
        reverse("tasks:create"),
        {
            "title": "Hoàn thành giải phóng mặt bằng",
            "lead_unit": orgs["cao_loc"].pk,
            "co_units": [orgs["finance"].pk],
            "deadline": "30/06/2099",
            "weight": "1,5",
        },
    )
    task = Task.objects.get(title="Hoàn thành giải phóng mặt bằng")
    assert response.status_code == 302 and response["Location"] == reverse(
        "tasks:detail", args=[task.pk]
    )
    assert task.deadline == dt.date(2099, 6, 30) and str(task.weight) == "1.50"
    assert AuditEntry.objects.filter(action="task.create", object_id=str(task.pk)).exists()
    page = client.get(response["Location"]).content.decode()
    assert "30/06/2099" in page and "Sở Tài chính" in page and "1,5" in page


def test_a_refusal_of_the_service_is_shown_on_the_form(client, orgs, office_user):
    client.force_login(office_user)
    response = client.post(
        reverse("tasks:create"),
        {
            "title": "Nhiệm vụ",
            "lead_unit": orgs["cao_loc"].pk,
            "weight": "0",
        },
    )
    assert response.status_code == 200
    assert "Trọng số phải là số lớn hơn 0." in response.content.decode()


def test_bad_date_is_refused_in_vietnamese(client, orgs, office_user):
    client.force_login(office_user)
    response = client.post(
        reverse("tasks:create"),
        {
            "title": "Nhiệm vụ",
            "lead_unit": orgs["cao_loc"].pk,
            "deadline": "2099-31-12",
        },
    )
    assert "Ngày phải viết theo dạng dd/mm/yyyy" in response.content.decode()


def test_edit_with_a_stale_version_is_a_conflict(client, task, office_user):
    from chidao.tasks.services import do_update_task

    client.force_login(office_user)
    form_version = task.version
    do_update_task(office_user, task, title="Đổi tên bởi người khác")
    response = client.post(
        reverse("tasks:edit", args=[task.pk]),
        {
            "title": "Tên mới",
            "lead_unit": task.lead_unit_id,
            "weight": "1",
            "version": form_version,
        },
    )
    assert response.status_code == 200
    assert "đã được người khác sửa" in response.content.decode()


def test_unit_submits_progress_with_evidence_and_office_accepts(
    client, task, unit_user, office_user
):
    from chidao.tasks.models import ProgressState

    client.force_login(unit_user)
    page = client.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert "Gửi báo cáo tiến độ" in page and "Sửa nhiệm vụ" not in page
    response = client.post(
        reverse("tasks:progress_submit", args=[task.pk]),
        {
            "progress": "60",
            "note": "Đã có 2 xã đạt chuẩn",
            "evidence": SimpleUploadedFile("bien-ban.txt", "Biên bản kiểm tra".encode()),
        },
    )
    assert response.status_code == 302
    update = task.updates.get()
    assert update.state == ProgressState.SUBMITTED and update.evidence
    evidence = client.get(reverse("tasks:progress_evidence", args=[update.pk]))
    assert (
        evidence.status_code == 200
        and b"".join(evidence.streaming_content) == "Biên bản kiểm tra".encode()
    )
    # the unit cannot accept its own report
    client.post(reverse("tasks:progress_accept", args=[update.pk]))
    update.refresh_from_db()
    assert update.state == ProgressState.SUBMITTED

    client.force_login(office_user)
    assert (
        "Duyệt báo cáo 60%" in client.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    )
    response = client.post(reverse("tasks:progress_accept", args=[update.pk]))
    assert response.status_code == 302
    update.refresh_from_db()
    task.refresh_from_db()
    assert update.state == ProgressState.ACCEPTED and task.progress == 60


def test_office_returns_a_report_with_a_reason(client, task, unit_user, office_user):
    from chidao.tasks.models import ProgressState
    from chidao.tasks.services import do_submit_progress

    update = do_submit_progress(unit_user, task, progress=30, note="Đang làm")
    client.force_login(office_user)
    response = client.post(reverse("tasks:progress_return", args=[update.pk]), {"reason": ""})
    assert response.status_code == 400
    assert "Lý do trả lại" in response.content.decode()
    response = client.post(
        reverse("tasks:progress_return", args=[update.pk]), {"reason": "Thiếu số liệu"}
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.state == ProgressState.RETURNED and update.return_reason == "Thiếu số liệu"
    assert "Thiếu số liệu" in client.get(reverse("tasks:detail", args=[task.pk])).content.decode()


def test_another_body_cannot_open_or_report_on_the_task(client, task, other_unit_user):
    client.force_login(other_unit_user)
    assert client.get(reverse("tasks:detail", args=[task.pk])).status_code == 404
    assert (
        client.post(
            reverse("tasks:progress_submit", args=[task.pk]), {"progress": "10"}
        ).status_code
        == 404
    )
    assert task.title not in client.get(reverse("tasks:list")).content.decode()
    assert client.get(reverse("tasks:create")).status_code == 403


def test_recommendation_forwarded_answered_and_resolved(client, orgs, office_user, make_user):
    from chidao.recommendations.models import Recommendation

    sector_user = make_user("stc", Role.UNIT, orgs["finance"])
    client.force_login(office_user)
    response = client.post(
        reverse("recommendations:create"),
        {
            "text": "Hỗ trợ kinh phí làm đường giao thông nông thôn",
            "raised_by": orgs["cao_loc"].pk,
            "addressed_to": orgs["province"].pk,
            "received_on": "19/08/2021",
        },
    )
    rec = Recommendation.objects.get()
    assert response.status_code == 302 and rec.received_on == dt.date(2021, 8, 19)
    response = client.post(
        reverse("recommendations:forward", args=[rec.pk]),
        {
            "sectors": [orgs["finance"].pk],
            "due_on": "31/12/2099",
            "note": "Nghiên cứu",
        },
    )
    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.status == "forwarded"

    client.force_login(sector_user)
    page = client.get(reverse("recommendations:detail", args=[rec.pk])).content.decode()
    assert "Trả lời kiến nghị" in page and "Chuyển xử lý</button>" not in page
    response = client.post(
        reverse("recommendations:answer", args=[rec.pk]),
        {"text": "Sẽ cân đối trong dự toán năm 2022."},
    )
    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.status == "answered"

    client.force_login(office_user)
    response = client.post(reverse("recommendations:resolve", args=[rec.pk]), {"note": "Xong"})
    rec.refresh_from_db()
    assert rec.status == "resolved"
    page = client.get(reverse("recommendations:detail", args=[rec.pk])).content.decode()
    assert "Sẽ cân đối trong dự toán năm 2022." in page and "Đã giải quyết" in page


def test_an_illegal_move_is_explained(client, orgs, office_user):
    from chidao.recommendations.services import do_receive_recommendation

    rec = do_receive_recommendation(
        office_user, text="Đào tạo nghề", raised_by=orgs["cao_loc"], addressed_to=orgs["province"]
    )
    client.force_login(office_user)
    response = client.post(reverse("recommendations:resolve", args=[rec.pk]), {"note": ""})
    assert response.status_code == 400
    assert "Không thể chuyển kiến nghị" in response.content.decode()


def test_an_ended_body_shows_its_successor(client, orgs, admin_user, office_user):
    from chidao.orgs.services import do_create_organization, do_succeed_organization

    heir = do_create_organization(
        admin_user, name="Đảng ủy xã Văn Lãng", kind="party_committee", system="party"
    )
    do_succeed_organization(
        admin_user,
        orgs["van_lang"],
        ended_on=dt.date(2025, 6, 30),
        successors=[heir],
        open_work_to=heir,
    )
    client.force_login(office_user)
    page = client.get(reverse("orgs:detail", args=[orgs["van_lang"].pk])).content.decode()
    assert "đã kết thúc hoạt động ngày 30/06/2025" in page
    assert "Đảng ủy xã Văn Lãng" in page and reverse("orgs:detail", args=[heir.pk]) in page


def test_meeting_and_document_forms(client, orgs, office_user):
    from chidao.core.actors import system_actor
    from chidao.documents.models import Document
    from chidao.documents.services import load_document_types
    from chidao.meetings.models import Meeting
    from chidao.orgs.services import do_create_term

    load_document_types(system_actor())
    do_create_term(system_actor(), orgs["cao_loc"], name="khóa XXIV", starts=dt.date(2020, 8, 1))
    client.force_login(office_user)
    response = client.post(
        reverse("documents:create"),
        {
            "raw_number": "05-CT/HU",
            "doc_type": "",
            "issuer": orgs["cao_loc"].pk,
            "issued_on": "15/03/2021",
            "excerpt": "Về phòng, chống dịch",
            "classification": "0",
        },
    )
    assert response.status_code == 200  # the type must be chosen on the form
    from chidao.documents.models import DocumentType

    ct = DocumentType.objects.get(name="Chỉ thị")
    response = client.post(
        reverse("documents:create"),
        {
            "raw_number": "05-CT/HU",
            "doc_type": ct.pk,
            "issuer": orgs["cao_loc"].pk,
            "issued_on": "15/03/2021",
            "excerpt": "Về phòng, chống dịch",
            "classification": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    doc = Document.objects.get()
    assert doc.number_display == "05-CT/HU"
    response = client.post(
        reverse("documents:create"),
        {
            "raw_number": "05-CT/HU",
            "doc_type": ct.pk,
            "issuer": orgs["cao_loc"].pk,
            "issued_on": "16/03/2021",
            "classification": "0",
        },
    )
    assert "đã được dùng" in response.content.decode()

    response = client.post(
        reverse("meetings:create"),
        {
            "kind": "working_session",
            "title": "Làm việc với Huyện ủy Cao Lộc",
            "held_on": "19/08/2021",
            "host": orgs["cao_loc"].pk,
            "documents_presented": [doc.pk],
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    response = client.post(
        reverse("meetings:direction_add", args=[meeting.pk]),
        {
            "text": "Đẩy mạnh cải cách hành chính",
            "addressed_to": orgs["cao_loc"].pk,
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Đẩy mạnh cải cách hành chính" in page and "05-CT/HU" in page


def test_a_direction_becomes_a_task(client, orgs, office_user, unit_user):
    from chidao.meetings.services import do_add_direction, do_create_meeting
    from chidao.tasks.models import Task

    meeting = do_create_meeting(
        office_user,
        kind="working_session",
        title="Làm việc",
        held_on=dt.date(2021, 8, 19),
        host=orgs["cao_loc"],
    )
    direction = do_add_direction(
        office_user,
        meeting,
        text="Hoàn thành giải phóng mặt bằng",
        addressed_to=orgs["cao_loc"],
        deadline=dt.date(2099, 6, 30),
    )
    client.force_login(unit_user)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Giao thành nhiệm vụ" not in page
    assert client.post(reverse("tasks:from_direction", args=[direction.pk])).status_code == 302
    assert not Task.objects.exists()  # refused: a unit does not assign tasks
    client.force_login(office_user)
    assert (
        "Giao thành nhiệm vụ"
        in client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    )
    response = client.post(reverse("tasks:from_direction", args=[direction.pk]))
    task = Task.objects.get()
    assert response["Location"] == reverse("tasks:edit", args=[task.pk])
    assert task.origin_direction == direction and task.lead_unit == orgs["cao_loc"]
    assert task.deadline == dt.date(2099, 6, 30)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert reverse("tasks:detail", args=[task.pk]) in page
