"""Hostile uploads, as office staff, through the two upload pages:

* ``/nhap-lieu/them/`` (ingest: a report or article as .txt/.docx/.pdf/.html),
* ``/trao-doi/<kind>/nhap/`` (a spreadsheet of tasks, targets, figures, recommendations).

A file over the limit, a zip bomb disguised as .docx (.xlsx), a binary file renamed .txt
(.csv), a TCVN3 (pre-Unicode Vietnamese font encoding) file: each gets a clear Vietnamese
message on the page and nothing is written (Source count, record counts, AuditEntry count).
"""

from __future__ import annotations

import io
import os
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

# "Huyện ủy Cao Lộc triển khai nhiệm vụ" as a TCVN3 (ABC) font would store it: single bytes
# above 0x7f that are not UTF-8.
TCVN3 = b"Huy\xd6n \xf1y Cao L\xe9c tri\xd3n khai nhi\xd6m v\xf4 n\xa8m 2021\n" * 20
BINARY = bytes(range(256)) * 8 + os.urandom(512)


def _zip_bomb(member: str, *, size: int = 30 * 1024 * 1024) -> bytes:
    """A small zip whose one member unpacks to ``size`` bytes of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(member, "w") as handle:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                handle.write(chunk)
    return buffer.getvalue()


def _counts() -> dict[str, int]:
    from django.apps import apps

    from chidao.core.models import AuditEntry

    counts = {"audit": AuditEntry.objects.count()}
    for label in ("ingest", "tasks", "recommendations", "indicators"):
        for model in apps.get_app_config(label).get_models():
            counts[model._meta.label] = model.objects.count()
    return counts


def _said(response) -> str:
    """What the page tells the user: its text and its flash messages."""
    from django.contrib.messages import get_messages

    html = response.content.decode("utf-8", "replace")
    text = re.sub(r"<[^>]+>", " ", html)
    return " ".join([*(str(m) for m in get_messages(response.wsgi_request)), text])


@pytest.fixture
def office_client(world):
    client = Client()
    client.force_login(world.users["office"])
    return client


def _ingest(client, name: str, data: bytes):
    return client.post(
        reverse("ingest:import"), {"file": SimpleUploadedFile(name, data), "title": ""}
    )


def _exchange(client, name: str, data: bytes, kind: str = "tasks"):
    return client.post(
        reverse("exchange:upload", args=[kind]), {"file": SimpleUploadedFile(name, data)}
    )


# --------------------------------------------------------------------------- ingest page


# Broken encoding: UTF-8 cut in the middle of letters, with Windows-1252 bytes, no legacy
# Vietnamese font encoding either.
BROKEN = "Huyện ủy Cao Lộc".encode()[:-1] + b" \x93quote\x94 \xe1\xbb" + "Lạng Sơn".encode()[:5] * 5

INGEST_CASES = {
    "zip-bomb.docx": (_zip_bomb, "word/document.xml"),
    "nhi-phan.txt": BINARY,
    "hong-ma.txt": BROKEN,
}


@pytest.mark.parametrize("name", sorted(INGEST_CASES))
def test_ingest_refuses_hostile_file(office_client, name):
    case = INGEST_CASES[name]
    data = case[0](case[1]) if isinstance(case, tuple) else case
    before = _counts()
    response = _ingest(office_client, name, data)
    assert response.status_code in (200, 400), response.status_code
    said = _said(response)
    assert f"Không đọc được tệp {name}" in said, said[:2000]
    assert _counts() == before


def test_ingest_converts_tcvn3_instead_of_storing_mojibake(office_client):
    """The reader knows the TCVN3 and VNI font encodings: the text is stored in Unicode."""
    from chidao.ingest.models import Source

    response = _ingest(office_client, "tcvn3.txt", TCVN3)
    assert response.status_code == 302
    source = Source.objects.get(name="tcvn3.txt")
    assert "Huyện ủy Cao Lộc triển khai nhiệm vụ năm 2021" in source.text


def test_ingest_refuses_file_over_the_limit(office_client, settings):
    settings.CHIDAO_MAX_UPLOAD_BYTES = 1000
    before = _counts()
    response = _ingest(office_client, "dai.txt", "Huyện ủy Cao Lộc họp bàn. ".encode() * 200)
    assert response.status_code in (200, 400, 413), response.status_code
    said = _said(response)
    assert re.search(r"quá (lớn|giới hạn)|vượt quá", said), said[:2000]
    assert _counts() == before


# --------------------------------------------------------------------------- spreadsheets


def test_spreadsheet_over_the_limit(office_client, settings):
    settings.CHIDAO_MAX_UPLOAD_BYTES = 1000
    data = ("Tên nhiệm vụ,Đơn vị chủ trì\n" + "Nhiệm vụ thử,Huyện ủy Cao Lộc\n" * 100).encode()
    before = _counts()
    response = _exchange(office_client, "nhiem-vu.csv", data)
    assert response.status_code == 400
    assert "Tệp quá lớn" in _said(response)
    assert _counts() == before


EXCHANGE_CASES = {
    "bom.xlsx": lambda: _zip_bomb("xl/worksheets/sheet1.xml"),
    "nhi-phan.csv": lambda: BINARY,
    "tcvn3.csv": lambda: b"T\xaan nhi\xd6m v\xf4,\xa7\xac n v\xfb ch\xf7 tr\xd7\n" + TCVN3,
}


@pytest.mark.parametrize("name", sorted(EXCHANGE_CASES))
def test_spreadsheet_refuses_hostile_file(office_client, name):
    before = _counts()
    response = _exchange(office_client, name, EXCHANGE_CASES[name]())
    assert response.status_code in (400, 422), response.status_code
    said = _said(response)
    assert re.search(r"không (đọc được|ở mã UTF-8)", said), said[:2000]
    assert _counts() == before
