"""Counts of issued documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chidao.extraction import documents_issued
from chidao.extraction.normalize import make_doc

SHARED = Path(__file__).resolve().parents[3] / "shared"


def counts(text: str) -> list[tuple[str, int]]:
    doc = make_doc(text)
    found = documents_issued.recognize(doc)
    for item in found:
        s, e = item["span"]
        assert str(item["count"]) in text[s:e].replace(".", "") or not text[s].isdigit()
        assert text[s:e].lower().endswith(text[s:e].split()[-1].lower())
    return [(i["type"], i["count"]) for i in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ban hành 3 chỉ thị, 35 kế hoạch, 26 nghị quyết, 6 hướng dẫn, 24 thông báo và các văn bản khác",
            [
                ("Chỉ thị", 3),
                ("Kế hoạch", 35),
                ("Nghị quyết", 26),
                ("Hướng dẫn", 6),
                ("Thông báo", 24),
            ],
        ),
        ("Từ đầu năm, Huyện ủy đã ban hành 12 văn bản chỉ đạo.", [("Văn bản", 12)]),
        ("Ban Thường vụ ban hành mới 5 nghị quyết chuyên đề.", [("Nghị quyết", 5)]),
        ("Tỉnh ủy ban hành ba chỉ thị và hai mươi kế hoạch.", [("Chỉ thị", 3), ("Kế hoạch", 20)]),
        (
            "cụ thể hóa bằng 2 chỉ thị, 14 kế hoạch, 5 nghị quyết chuyên đề và 31 thông báo kết luận;",
            [("Chỉ thị", 2), ("Kế hoạch", 14), ("Nghị quyết", 5), ("Thông báo", 31)],
        ),
        ("Đảng ủy xã đã ban hành 1.250 văn bản các loại.", [("Văn bản", 1250)]),
        ("Kỳ họp đã xem xét, thông qua 21 nghị quyết quan trọng.", [("Nghị quyết", 21)]),
        # Not issued.
        ("Tại kỳ họp, các đại biểu sẽ xem xét, thông qua 28 nghị quyết.", []),
        ("Huyện triển khai thực hiện 5 nghị quyết, 3 chỉ thị của Trung ương.", []),
        ("Diện tích đạt 101,5% kế hoạch; thu ngân sách bằng 41,2% dự toán.", []),
        ("Huyện hoàn thành 2 kế hoạch trọng điểm.", []),
    ],
)
def test_counts(text: str, expected: list[tuple[str, int]]) -> None:
    assert counts(text) == expected


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="shared gold not present")
@pytest.mark.parametrize(
    "gold_path", sorted((SHARED / "gold").glob("*.json")), ids=lambda p: p.stem
)
def test_seed_against_gold(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (SHARED / "seeds" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
    assert counts(text) == [(d["type"], d["count"]) for d in gold["documents_issued"]]
