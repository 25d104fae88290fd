"""A real SMTP server (aiosmtpd) on a free loopback port, and Django's SMTP backend on it."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import socket
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: dt.date, hour: int = 8, minute: int = 0) -> dt.datetime:
    """A moment of ``day`` in Viet Nam (default 08:00, after the digest hour)."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=VN)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Handler:
    """Keeps every accepted message; with ``fail`` set, answers 451 to the data."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.fail = False

    async def handle_DATA(self, server, session, envelope):
        if self.fail:
            return "451 4.3.0 Hệ thống thư tạm thời bận, thử lại sau"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"


class SmtpServer:
    def __init__(self):
        self.handler = Handler()
        self.port = free_port()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self):
        return self.handler.messages

    def to(self, address: str):
        return [m for m in self.messages if address in m["X-Envelope-To"]]

    @staticmethod
    def text(message) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()


@pytest.fixture
def smtp_server():
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mail_settings(settings, smtp_server):
    """Django's SMTP backend pointed at the test server (pytest-django uses locmem otherwise)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "chidao <chidao@vptu.example.vn>"
    settings.CHIDAO_BASE_URL = "https://chidao.example.vn"
    settings.CHIDAO_DIGEST_HOUR = 7
    settings.ROOT_URLCONF = "tests.reminders.urls"
    return settings


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The shared fixtures set passwords; a cheap hasher keeps these tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
