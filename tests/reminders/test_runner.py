"""The reminder run against a real SMTP server, with the clock frozen."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from chidao.core.errors import AccessDenied
from chidao.core.models import Role
from chidao.recommendations import services as rec_services
from chidao.reminders import services
from chidao.reminders.models import Digest, EmailState, Notification
from chidao.tasks import services as task_services
from tests.reminders.conftest import at

DEADLINE = dt.date(2021, 12, 31)
TITLE = "Hoàn thành quy hoạch khu kinh tế cửa khẩu Đồng Đăng"

pytestmark = pytest.mark.usefixtures("mail_settings")


@pytest.fixture
def people(unit_user, other_unit_user, office_user, make_user, orgs):
    """Everyone has an e-mail address; a second Cao Lộc user; a user of Sở Tài chính."""
    second = make_user("caoloc2", Role.UNIT, orgs["cao_loc"])
    finance = make_user("stc", Role.UNIT, orgs["finance"])
    users = {
        "cao_loc": unit_user,
        "cao_loc2": second,
        "van_lang": other_unit_user,
        "office": office_user,
        "finance": finance,
    }
    for key, user in users.items():
        user.email = f"{key.replace('_', '')}@example.vn"
        user.save()
    return users


@pytest.fixture
def task(office_user, orgs):
    return task_services.do_create_task(
        office_user,
        title=TITLE,
        lead_unit=orgs["cao_loc"],
        deadline=DEADLINE,
        today=dt.date(2021, 8, 1),
    )


@pytest.fixture
def other_task(office_user, orgs):
    return task_services.do_create_task(
        office_user,
        title="Việc của Văn Lãng",
        lead_unit=orgs["van_lang"],
        deadline=dt.date(2022, 3, 31),
        today=dt.date(2021, 8, 1),
    )


def run(time_machine, day: dt.date, hour: int = 8, **kwargs):
    time_machine.move_to(at(day, hour), tick=False)
    return services.do_run_reminders(None, **kwargs)


def test_the_lead_unit_is_reminded_before_on_and_after_the_deadline(
    time_machine, smtp_server, people, task, other_task
):
    cao_loc = people["cao_loc"].email
    assert run(time_machine, dt.date(2021, 12, 27)).created == 0
    assert smtp_server.messages == []

    report = run(time_machine, dt.date(2021, 12, 28))
    assert (report.created, report.sent, report.failed, report.errors) == (2, 2, 0, [])
    (message,) = smtp_server.to(cao_loc)
    assert TITLE in message["Subject"]
    text = smtp_server.text(message)
    assert f"Nhiệm vụ “{TITLE}” đến hạn ngày 31/12/2021 (còn 3 ngày)." in text
    assert f"https://chidao.example.vn{services.link_for('task', task.pk)}" in text
    assert message["From"] == "chidao <chidao@vptu.example.vn>"
    assert len(smtp_server.to(people["cao_loc2"].email)) == 1

    # The same day again, and the next days of the window: nothing new.
    for day in (dt.date(2021, 12, 28), dt.date(2021, 12, 29), dt.date(2021, 12, 30)):
        report = run(time_machine, day, hour=15)
        assert (report.created, report.existing, report.sent) == (0, 2, 0)
    assert len(smtp_server.messages) == 2

    run(time_machine, DEADLINE)
    assert "đến hạn hôm nay, ngày 31/12/2021" in smtp_server.text(smtp_server.to(cao_loc)[-1])
    run(time_machine, dt.date(2022, 1, 14))
    assert "đã quá hạn 14 ngày (hạn 31/12/2021)" in smtp_server.text(smtp_server.to(cao_loc)[-1])
    assert len(smtp_server.to(cao_loc)) == 3

    # Never: the other body's users, the office (no report waits), about Cao Lộc's task.
    assert smtp_server.to(people["van_lang"].email) == []
    assert smtp_server.to(people["office"].email) == []
    assert not Notification.objects.filter(recipient=people["van_lang"]).exists()

    first = Notification.objects.filter(recipient=people["cao_loc"]).order_by("id").first()
    assert first.dedupe_key == f"task:{task.pk}:before:2021-12-28"
    assert first.email_state == EmailState.SENT and first.email_attempts == 1
    assert first.link == services.link_for("task", task.pk) == f"/nhiem-vu/{task.pk}/"
    assert (first.content_type.model, first.object_id) == ("task", str(task.pk))


def test_a_unit_user_never_receives_another_bodys_work(
    time_machine, smtp_server, people, other_task, office_user, orgs
):
    for day in (dt.date(2022, 3, 28), dt.date(2022, 3, 31), dt.date(2022, 4, 10)):
        run(time_machine, day)
    van_lang = Notification.objects.filter(recipient=people["van_lang"])
    assert van_lang.count() == 3
    for user in ("cao_loc", "cao_loc2", "finance", "office"):
        assert not Notification.objects.filter(recipient=people[user]).exists()
        assert smtp_server.to(people[user].email) == []


def test_the_sector_is_reminded_before_the_answer_is_due(
    time_machine, smtp_server, people, office_user, orgs
):
    rec = rec_services.do_receive_recommendation(
        office_user,
        text="Đề nghị tỉnh hỗ trợ kinh phí nâng cấp đường vào cửa khẩu Cốc Nam",
        raised_by=orgs["cao_loc"],
        addressed_to=orgs["province"],
        received_on=dt.date(2021, 10, 1),
    )
    rec_services.do_forward_recommendation(
        office_user,
        rec,
        sectors=[orgs["finance"]],
        due_on=dt.date(2021, 10, 31),
        at=dt.date(2021, 10, 5),
    )
    run(time_machine, dt.date(2021, 10, 28))
    (message,) = smtp_server.messages
    assert message["X-Envelope-To"] == people["finance"].email
    text = smtp_server.text(message)
    assert "cần trả lời trước ngày 31/10/2021 (còn 3 ngày)" in text
    assert "Kiến nghị “Đề nghị tỉnh hỗ trợ kinh phí" in text
    assert f"https://chidao.example.vn{services.link_for('recommendation', rec.pk)}" in text

    # Once the sector answered, it is not reminded again.
    rec_services.do_answer_recommendation(
        people["finance"], rec, text="Đã bố trí kinh phí.", answered_on=dt.date(2021, 10, 29)
    )
    run(time_machine, dt.date(2021, 11, 2))
    assert len(smtp_server.messages) == 1


def test_the_office_is_reminded_of_reports_waiting_for_review(
    time_machine, smtp_server, people, task
):
    task_services.do_submit_progress(
        people["cao_loc"],
        task,
        progress=60,
        note="Đã trình thẩm định",
        submitted_at=at(dt.date(2021, 12, 20), 9),
    )
    run(time_machine, dt.date(2021, 12, 22))
    assert smtp_server.to(people["office"].email) == []
    run(time_machine, dt.date(2021, 12, 23))
    (message,) = smtp_server.to(people["office"].email)
    assert "Báo cáo tiến độ của Huyện ủy Cao Lộc chờ duyệt đã 3 ngày" in smtp_server.text(message)
    for user in ("cao_loc", "van_lang", "finance"):
        assert smtp_server.to(people[user].email) == []


def test_a_refusing_server_leaves_the_reminders_pending_then_they_are_sent_once(
    time_machine, smtp_server, people, task
):
    smtp_server.handler.fail = True
    report = run(time_machine, dt.date(2021, 12, 28))
    assert (report.created, report.sent, report.failed, report.pending) == (2, 0, 2, 2)
    assert any("451" in error for error in report.errors)
    assert not report.ok
    rows = Notification.objects.filter(recipient__in=[people["cao_loc"], people["cao_loc2"]])
    for row in rows:
        assert row.email_state == EmailState.PENDING
        assert row.email_attempts == 1
        assert "451" in row.last_error
        assert row.claimed_at is None
    # In the app they are there already.
    assert services.unread_count_of(people["cao_loc"]) == 1

    smtp_server.handler.fail = False
    report = run(time_machine, dt.date(2021, 12, 28), hour=8)
    assert (report.created, report.sent, report.failed, report.pending, report.errors) == (
        0,
        2,
        0,
        0,
        [],
    )
    run(time_machine, dt.date(2021, 12, 28), hour=9)
    assert len(smtp_server.to(people["cao_loc"].email)) == 1
    row = Notification.objects.get(recipient=people["cao_loc"])
    assert (row.email_state, row.email_attempts, row.last_error) == (EmailState.SENT, 2, "")


def test_a_stopped_server_is_reported_and_the_rest_sent_when_it_is_back(
    time_machine, smtp_server, people, task
):
    smtp_server.stop()
    report = run(time_machine, dt.date(2021, 12, 28))
    assert report.sent == 0 and report.failed == 1 and report.pending == 2
    assert report.errors and "Không gửi được thư qua máy chủ thư" in report.errors[0]
    # The run stops at the first connection failure: the second was not even tried.
    attempts = sorted(Notification.objects.values_list("email_attempts", flat=True))
    assert attempts == [0, 1]

    smtp_server.start()
    report = run(time_machine, dt.date(2021, 12, 29))
    assert (report.sent, report.failed, report.pending) == (2, 0, 0)
    assert len(smtp_server.messages) == 2


def test_after_too_many_attempts_an_email_is_marked_failed(
    time_machine, smtp_server, people, task, settings
):
    settings.CHIDAO_EMAIL_MAX_ATTEMPTS = 2
    smtp_server.handler.fail = True
    run(time_machine, dt.date(2021, 12, 28), hour=8)
    run(time_machine, dt.date(2021, 12, 28), hour=9)
    smtp_server.handler.fail = False
    report = run(time_machine, dt.date(2021, 12, 28), hour=10)
    assert report.sent == 0
    assert set(Notification.objects.values_list("email_state", flat=True)) == {EmailState.FAILED}


def test_an_interrupted_run_sends_only_the_rest(
    time_machine, smtp_server, people, task, monkeypatch
):
    original = services._Sender.send
    calls = {"n": 0}

    def send_then_die(self, to, subject, body):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # the process is stopped halfway
        return original(self, to, subject, body)

    monkeypatch.setattr(services._Sender, "send", send_then_die)
    with pytest.raises(KeyboardInterrupt):
        run(time_machine, dt.date(2021, 12, 28))
    assert len(smtp_server.messages) == 1
    assert Notification.objects.filter(email_state=EmailState.SENT).count() == 1

    monkeypatch.setattr(services._Sender, "send", original)
    report = run(time_machine, dt.date(2021, 12, 28))
    assert (report.created, report.sent) == (0, 1)
    recipients = sorted(m["X-Envelope-To"] for m in smtp_server.messages)
    assert recipients == sorted([people["cao_loc"].email, people["cao_loc2"].email])


def test_an_item_claimed_by_another_run_is_left_to_it(time_machine, smtp_server, people, task):
    time_machine.move_to(at(dt.date(2021, 12, 28)), tick=False)
    services.do_run_reminders(None, dry_run=False)
    assert len(smtp_server.messages) == 2
    # A notification claimed a minute ago (another run is sending it) is not sent again;
    # one claimed by a run that died long ago is.
    now = timezone.now()
    row = Notification.objects.filter(recipient=people["cao_loc"]).get()
    Notification.objects.filter(pk=row.pk).update(
        email_state=EmailState.PENDING, claimed_at=now - dt.timedelta(minutes=1)
    )
    assert services.do_run_reminders(None).sent == 0
    Notification.objects.filter(pk=row.pk).update(claimed_at=now - dt.timedelta(hours=1))
    assert services.do_run_reminders(None).sent == 1


def test_digest_users_get_one_email_a_day(
    time_machine, smtp_server, people, task, office_user, orgs
):
    task_services.do_create_task(
        office_user,
        title="Sơ kết 5 năm Nghị quyết về kinh tế biên mậu",
        lead_unit=orgs["cao_loc"],
        deadline=dt.date(2021, 12, 29),
        today=dt.date(2021, 8, 1),
    )
    services.do_set_preference(people["cao_loc"], digest="daily")
    address = people["cao_loc"].email

    # Before the digest hour the notifications are made (in the app) but no digest goes out.
    report = run(time_machine, dt.date(2021, 12, 28), hour=6)
    assert report.created == 4  # 2 tasks x 2 Cao Lộc users
    assert smtp_server.to(address) == []
    assert len(smtp_server.to(people["cao_loc2"].email)) == 2  # single e-mails

    report = run(time_machine, dt.date(2021, 12, 28), hour=8)
    (digest,) = smtp_server.to(address)
    assert "Tổng hợp nhắc việc ngày 28/12/2021 (2 thông báo)" in digest["Subject"]
    text = smtp_server.text(digest)
    assert TITLE in text and "Sơ kết 5 năm Nghị quyết" in text
    assert "29/12/2021" in text and "31/12/2021" in text
    assert report.digests_sent == 1

    run(time_machine, dt.date(2021, 12, 28), hour=17)
    assert len(smtp_server.to(address)) == 1
    row = Digest.objects.get(recipient=people["cao_loc"])
    assert (row.day, row.email_state) == (dt.date(2021, 12, 28), EmailState.SENT)
    assert row.notifications.count() == 2

    # The next day's reminder goes into the next day's digest.
    run(time_machine, dt.date(2021, 12, 29), hour=8)
    assert len(smtp_server.to(address)) == 2
    assert (
        "Tổng hợp nhắc việc ngày 29/12/2021 (1 thông báo)" in smtp_server.to(address)[-1]["Subject"]
    )


def test_a_failed_digest_is_retried_and_sent_once(time_machine, smtp_server, people, task):
    services.do_set_preference(people["cao_loc"], digest="daily")
    smtp_server.handler.fail = True
    report = run(time_machine, dt.date(2021, 12, 28), hour=8)
    assert report.failed == 2  # the digest and the other user's single e-mail
    digest = Digest.objects.get(recipient=people["cao_loc"])
    assert digest.email_state == EmailState.PENDING and "451" in digest.last_error
    smtp_server.handler.fail = False
    run(time_machine, dt.date(2021, 12, 28), hour=9)
    run(time_machine, dt.date(2021, 12, 28), hour=10)
    assert len(smtp_server.to(people["cao_loc"].email)) == 1


def test_users_without_email_or_who_turned_it_off_get_the_app_only(
    time_machine, smtp_server, people, task
):
    people["cao_loc2"].email = ""
    people["cao_loc2"].save()
    services.do_set_preference(people["cao_loc"], digest="immediate", email_enabled=False)
    report = run(time_machine, dt.date(2021, 12, 28))
    assert report.created == 2 and report.sent == 0
    assert smtp_server.messages == []
    assert set(Notification.objects.values_list("email_state", flat=True)) == {EmailState.SKIPPED}


def test_without_a_mail_server_reminders_are_shown_in_the_app_only(
    time_machine, smtp_server, people, task, settings
):
    settings.EMAIL_HOST = ""
    report = run(time_machine, dt.date(2021, 12, 28))
    assert report.created == 2 and report.ok
    assert smtp_server.messages == []
    assert services.unread_count_of(people["cao_loc"]) == 1


def test_dry_run_writes_and_sends_nothing(time_machine, smtp_server, people, task):
    report = run(time_machine, dt.date(2021, 12, 28), dry_run=True)
    assert (report.planned, report.created) == (2, 2)
    assert not Notification.objects.exists()
    assert smtp_server.messages == []
    assert "Chạy thử" in report.summary()


def test_today_can_be_given(smtp_server, people, task):
    report = services.do_run_reminders(None, today=dt.date(2021, 12, 31))
    assert report.today == dt.date(2021, 12, 31)
    assert {n.kind for n in Notification.objects.all()} == {"task_due"}


def test_unit_users_may_not_run_reminders(people):
    with pytest.raises(AccessDenied):
        services.do_run_reminders(people["cao_loc"])


def test_links_fall_back_to_the_admin_without_a_page(settings):
    settings.ROOT_URLCONF = "tests.reminders.urls_bare"
    assert services.link_for("task", 42) == "/nhiem-vu/42/"
    assert (
        services.link_for("recommendation", 7) == "/admin/recommendations/recommendation/7/change/"
    )
    assert services.absolute("/nhiem-vu/42/") == "https://chidao.example.vn/nhiem-vu/42/"
