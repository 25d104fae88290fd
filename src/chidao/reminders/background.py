"""Reminders in the background of one process (the demo): a daemon thread running
``do_run_reminders`` every few minutes. Production runs ``chidao remind`` from cron or a
systemd timer instead (docs/reminders.md).
"""

from __future__ import annotations

import logging
import threading

from django.db import close_old_connections, connections

logger = logging.getLogger(__name__)


class ReminderThread(threading.Thread):
    def __init__(self, interval_seconds: float = 300, *, first_delay: float = 0):
        super().__init__(name="chidao-reminders", daemon=True)
        self.interval_seconds = interval_seconds
        self.first_delay = first_delay
        self.stopped = threading.Event()
        self.runs = 0

    def run_once(self) -> None:
        from chidao.reminders.services import do_run_reminders

        close_old_connections()
        try:
            report = do_run_reminders(None)
            if report.created or report.sent or report.errors:
                logger.info("Nhắc việc: %s", report.summary())
        except Exception:
            logger.exception("Nhắc việc: lần chạy bị lỗi, sẽ chạy lại ở lần sau")
        finally:
            self.runs += 1
            connections.close_all()

    def run(self) -> None:
        if self.first_delay and self.stopped.wait(self.first_delay):
            return
        while not self.stopped.is_set():
            self.run_once()
            if self.stopped.wait(self.interval_seconds):
                break

    def stop(self, timeout: float | None = 5) -> None:
        self.stopped.set()
        if self.is_alive() and threading.current_thread() is not self:
            self.join(timeout)


def start_reminder_thread(
    interval_seconds: float = 300, *, first_delay: float = 0
) -> ReminderThread:
    """Start the daemon thread and return it (``thread.stop()`` ends it)."""
    thread = ReminderThread(interval_seconds, first_delay=first_delay)
    thread.start()
    return thread
