"""``chidao remind``: create the reminders due now and send the pending e-mails.

Safe to run every few minutes from cron or a systemd timer (see docs/reminders.md): a
reminder is recorded once and sent once; an interrupted run sends only the rest when it is
run again. Exits with status 1 when an e-mail could not be sent (it stays pending).
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from chidao.reminders.services import do_run_reminders


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Ngày không hợp lệ: {value!r} (cần dạng YYYY-MM-DD).") from None


class Command(BaseCommand):
    help = "Gửi nhắc việc đến hạn: thông báo trong ứng dụng và thư điện tử."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=_day,
            default=None,
            help="Ngày tính nhắc việc, dạng YYYY-MM-DD (mặc định: hôm nay, giờ Việt Nam)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chỉ cho biết sẽ tạo bao nhiêu thông báo, không ghi và không gửi",
        )

    def handle(self, *args, today=None, dry_run=False, **options):
        report = do_run_reminders(None, today=today, dry_run=dry_run)
        self.stdout.write(report.summary())
        if report.failed or report.errors:
            raise CommandError("Có thư chưa gửi được; sẽ gửi lại ở lần chạy sau.", returncode=1)
