"""``chidao remind``: summary, --today, --dry-run, exit status 1 when an e-mail failed."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from chidao.core.models import Role
from chidao.reminders.models import EmailState, Notification
from chidao.tasks import services as task_services

pytestmark = pytest.mark.usefixtures("mail_settings")


@pytest.fixture
def task(office_user, orgs, make_user):
    user = make_user("caoloc", Role.UNIT, orgs["cao_loc"])
    user.email = "caoloc@example.vn"
    user.save()
    return task_services.do_create_task(
        office_user,
        title="Xây dựng nông thôn mới",
        lead_unit=orgs["cao_loc"],
        deadline=dt.date(2021, 12, 31),
        today=dt.date(2021, 8, 1),
    )


def remind(*args) -> str:
    out = io.StringIO()
    call_command("remind", *args, stdout=out)
    return out.getvalue()


def test_remind_sends_and_prints_a_summary(smtp_server, task):
    output = remind("--today", "2021-12-28")
    assert "nhắc việc ngày 28/12/2021: 1 nhắc việc đến hạn, 1 thông báo mới" in output
    assert "1 thư đã gửi" in output
    assert len(smtp_server.messages) == 1
    output = remind("--today", "2021-12-28")
    assert "0 thông báo mới, 1 đã có từ trước" in output
    assert len(smtp_server.messages) == 1


def test_dry_run(smtp_server, task):
    output = remind("--today", "2021-12-31", "--dry-run")
    assert "Chạy thử" in output and "1 thông báo mới (sẽ tạo)" in output
    assert not Notification.objects.exists() and smtp_server.messages == []


def test_exit_status_1_when_an_email_failed(smtp_server, task):
    smtp_server.handler.fail = True
    with pytest.raises(CommandError) as raised:
        remind("--today", "2021-12-28")
    assert raised.value.returncode == 1
    assert Notification.objects.get().email_state == EmailState.PENDING


def test_a_bad_date_is_refused(db):
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command("remind", "--today", "28/12/2021")
