"""``chidao demo``: a ready-to-use chidao on SQLite with the Cao Lộc demo records, served locally.

Safe to run again: migrations, reference data and demo records are only added when missing,
and the demo users keep the password made the first time (kept in the data folder).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from chidao.core.actors import system_actor
from chidao.core.models import Classification, Role, User

# username, role, body (by name; None for all bodies), clearance, display name
DEMO_USERS = [
    ("demo", Role.ADMIN, None, Classification.TOP_SECRET, "Quản trị demo"),
    ("lanhdao", Role.LEADER, "Tỉnh ủy Lạng Sơn", Classification.SECRET, "Lãnh đạo Tỉnh ủy"),
    (
        "vanphong",
        Role.OFFICE,
        "Văn phòng Tỉnh ủy Lạng Sơn",
        Classification.NORMAL,
        "Chuyên viên Văn phòng Tỉnh ủy",
    ),
    # The district ended on 30/6/2025; the commune that took over its open work reads its history.
    (
        "caoloc",
        Role.UNIT,
        "Đảng ủy xã Cao Lộc",
        Classification.NORMAL,
        "Văn phòng Đảng ủy xã Cao Lộc",
    ),
]


def demo_password() -> str:
    """One password for the demo users, made once and kept beside the database."""
    path = settings.DATA_DIR / "demo-password.txt"
    if path.exists():
        return path.read_text().strip()
    password = "-".join(secrets.token_hex(3) for _ in range(3))
    path.write_text(password + "\n")
    path.chmod(0o600)
    return password


@transaction.atomic
def ensure_demo_users(password: str) -> list[str]:
    from chidao.core.services import do_create_user
    from chidao.orgs.models import Organization

    actor = system_actor()
    made = []
    for username, role, body, clearance, name in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        organization = Organization.objects.get(name=body) if body else None
        user = do_create_user(
            actor,
            username=username,
            password=password,
            role=role,
            organization=organization,
            clearance=clearance,
            full_name=name,
        )
        if role == Role.ADMIN:
            # Django's admin site needs these flags; the role already grants the rest.
            User.objects.filter(pk=user.pk).update(is_staff=True, is_superuser=True)
        elif role in (Role.OFFICE, Role.LEADER):
            User.objects.filter(pk=user.pk).update(is_staff=True)
        made.append(username)
    return made


class Command(BaseCommand):
    help = "Create (once) a demo database with the Cao Lộc records and serve it on 127.0.0.1:8000."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="set up only, do not serve")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, no_serve, host, port, **options):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        self.stdout.write(f"Thư mục dữ liệu: {settings.DATA_DIR}")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("loadrefdata", stdout=self.stdout)

        from chidao.demo.dataset import load_demo_dataset

        loaded = load_demo_dataset(system_actor())
        self.stdout.write("Dữ liệu demo: " + ("đã nạp." if loaded else "đã có sẵn, giữ nguyên."))
        password = demo_password()
        ensure_demo_users(password)
        self.stdout.write("Tài khoản demo (mật khẩu chung): " + password)
        for username, role, body, _, _ in DEMO_USERS:
            self.stdout.write(
                f"  {username:10} {Role(role).label}" + (f" — {body}" if body else "")
            )
        if no_serve:
            return
        from chidao.reminders.background import start_reminder_thread

        # Reminders run beside the server, as cron would run `chidao remind` in an office.
        start_reminder_thread(interval_seconds=300)
        call_command("serve", host=host, port=port)
