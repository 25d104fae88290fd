"""The demo's background thread: runs every interval, survives errors, stops."""

from __future__ import annotations

import time

from chidao.reminders import background


def test_thread_runs_repeatedly_survives_errors_and_stops(monkeypatch):
    calls = []

    def fake_run(actor=None, **kwargs):
        calls.append(actor)
        if len(calls) == 1:
            raise RuntimeError("máy chủ thư hỏng")
        from chidao.reminders.services import RunReport

        return RunReport(today=None)

    closed = []
    monkeypatch.setattr("chidao.reminders.services.do_run_reminders", fake_run)
    monkeypatch.setattr(background.connections, "close_all", lambda: closed.append(1))
    monkeypatch.setattr(background, "close_old_connections", lambda: None)
    thread = background.start_reminder_thread(interval_seconds=0.01)
    try:
        deadline = time.monotonic() + 5
        while thread.runs < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        thread.stop()
    assert thread.daemon
    assert not thread.is_alive()
    assert thread.runs >= 3 and len(calls) >= 3
    assert len(closed) >= 3  # the connection is closed after every run


def test_thread_creates_notifications_for_real(transactional_db, orgs, make_user, office_user):
    """The lead's demo calls this: a real run in another thread, with its own connection."""
    from django.utils import timezone

    from chidao.core.models import Role
    from chidao.reminders.models import Notification
    from chidao.tasks import services as task_services

    user = make_user("caoloc", Role.UNIT, orgs["cao_loc"])
    today = timezone.localdate()
    task_services.do_create_task(
        office_user, title="Việc đến hạn hôm nay", lead_unit=orgs["cao_loc"], deadline=today
    )
    thread = background.start_reminder_thread(interval_seconds=60)
    try:
        deadline = time.monotonic() + 20
        while thread.runs < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        thread.stop()
    assert thread.runs >= 1
    assert Notification.objects.filter(recipient=user, kind="task_due").count() == 1
