"""A seed text and a hand-made chidao.facts/1 object for it, spans found in the text."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

SEED = Path("/work/shared/seeds/000_0012d60502104db0.txt")
FALLBACK = (
    "Cao Lộc tiếp tục phát huy những tiềm năng, lợi thế sẵn có để bứt phá đi lên\n"
    "– Chiều 19/8/2021, Đoàn công tác của Thường trực Tỉnh ủy do đồng chí Nguyễn Quốc Đoàn, "
    "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy làm trưởng đoàn làm việc với Huyện ủy Cao Lộc. "
    "Huyện đã ban hành 3 chỉ thị, 35 kế hoạch; triển khai Chỉ thị số 10-CT/TW."
)


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8") if SEED.exists() else FALLBACK


def span_of(text: str, phrase: str) -> list[int]:
    start = text.index(phrase)
    return [start, start + len(phrase)]


@pytest.fixture
def facts_json(seed_text):
    text = seed_text
    return {
        "schema": "chidao.facts/1",
        "source": {
            "path": "000.txt",
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "chars": len(text),
        },
        "title": text.splitlines()[0],
        "genre": "party_gov_meeting",
        "event_date": "2021-08-19",
        "event_kind": "working_session",
        "people": [
            {
                "name": "Nguyễn Quốc Đoàn",
                "positions": ["Bí thư Tỉnh ủy"],
                "spans": [span_of(text, "Nguyễn Quốc Đoàn")],
            },
        ],
        "authors": [],
        "organizations": [
            {"name": "Huyện ủy Cao Lộc", "spans": [span_of(text, "Huyện ủy Cao Lộc")]},
            "Thường trực Tỉnh ủy",
        ],
        "document_refs": [],
        "documents_issued": [
            {"type": "Chỉ thị", "count": 3, "span": span_of(text, "3 chỉ thị")},
        ],
        "indicators": [],
        "task_counts": None,
        "recommendations": [],
        "directions": [],
    }


@pytest.fixture
def source(office_user, seed_text):
    from chidao.ingest.services import do_register_source

    return do_register_source(
        office_user,
        text=seed_text,
        title="Cao Lộc tiếp tục phát huy",
        name="000_0012d60502104db0.txt",
    )
