"""Document references: numbered (Party and state) and named by their meeting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chidao.extraction import docrefs
from chidao.extraction.normalize import make_doc

SHARED = Path(__file__).resolve().parents[3] / "shared"


def refs(text: str) -> list[tuple]:
    doc = make_doc(text)
    found = docrefs.recognize(doc)
    for ref in found:
        s, e = ref["span"]
        assert text[s:e] == ref["raw"], (text[s:e], ref)
    return [(r["raw"], r["type"], r["number"], r["symbol"]) for r in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "đánh giá 10 năm thực hiện Chỉ thị số 10-CT/TW của Ban Bí thư",
            [("Chỉ thị số 10-CT/TW", "Chỉ thị", "10", "CT/TW")],
        ),
        (
            "Hướng dẫn số 09-HD/BTCTW của Ban Tổ chức Trung ương về nội dung sinh hoạt chi bộ",
            [("Hướng dẫn số 09-HD/BTCTW", "Hướng dẫn", "09", "HD/BTCTW")],
        ),
        (
            "theo Quyết định số 123/QĐ-UBND ngày 5/3/2024 của UBND tỉnh",
            [("Quyết định số 123/QĐ-UBND", "Quyết định", "123", "QĐ-UBND")],
        ),
        (
            "thực hiện Nghị định 30/2020/NĐ-CP của Chính phủ về công tác văn thư",
            [("Nghị định 30/2020/NĐ-CP", "Nghị định", "30", "2020/NĐ-CP")],
        ),
        (
            "Nghị quyết số 202/2025/QH15 của Quốc hội về sắp xếp đơn vị hành chính",
            [("Nghị quyết số 202/2025/QH15", "Nghị quyết", "202", "2025/QH15")],
        ),
        (
            "Quy định số 08-QĐi/TW của Ban Chấp hành Trung ương về trách nhiệm nêu gương",
            [("Quy định số 08-QĐi/TW", "Quy định", "08", "QĐi/TW")],
        ),
        (
            "triển khai Kết luận số 14-KL/TW và Kế hoạch số 35-KH/HU của Huyện ủy",
            [
                ("Kết luận số 14-KL/TW", "Kết luận", "14", "KL/TW"),
                ("Kế hoạch số 35-KH/HU", "Kế hoạch", "35", "KH/HU"),
            ],
        ),
        (
            "thực hiện Nghị quyết Trung ương 4 (khóa XII) gắn với Chỉ thị số 05-CT/TW",
            [
                ("Nghị quyết Trung ương 4 (khóa XII)", "Nghị quyết", None, None),
                ("Chỉ thị số 05-CT/TW", "Chỉ thị", "05", "CT/TW"),
            ],
        ),
        (
            "các chỉ tiêu Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII đề ra",
            [("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII", "Nghị quyết", None, None)],
        ),
        (
            "quán triệt Nghị quyết Đại hội XIII của Đảng",
            [("Nghị quyết Đại hội XIII của Đảng", "Nghị quyết", None, None)],
        ),
        (
            "Nghị quyết 57 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ",
            [("Nghị quyết 57", "Nghị quyết", "57", None)],
        ),
        (
            "theo Luật Đất đai năm 2024, Luật Nhà ở và Bộ luật Lao động",
            [
                ("Luật Đất đai năm 2024", "Luật", None, None),
                ("Luật Nhà ở", "Luật", None, None),
                ("Bộ luật Lao động", "Bộ luật", None, None),
            ],
        ),
        (
            "đúng trình tự của Luật Ban hành văn bản quy phạm pháp luật và hướng dẫn",
            [("Luật Ban hành văn bản quy phạm pháp luật", "Luật", None, None)],
        ),
        (
            "Thông báo kết luận số 412-TB/TU của Ban Thường vụ Tỉnh ủy",
            [("Thông báo kết luận số 412-TB/TU", "Thông báo", "412", "TB/TU")],
        ),
        # Not references.
        ("triển khai các nghị quyết, chỉ thị, chỉ đạo của trung ương, của tỉnh", []),
        ("thông qua dự thảo Quy định về trách nhiệm nêu gương của cán bộ", []),
        ("Kế hoạch 5 năm 2021 - 2025 được thực hiện tốt.", []),
        ("Ngày 20/6/2017, tỷ lệ đạt 55/60 xã.", []),
        ("theo quy định của Luật.", []),
    ],
)
def test_refs(text: str, expected: list[tuple]) -> None:
    assert refs(text) == expected


def test_issuer_and_dedup() -> None:
    text = "Chỉ thị số 10-CT/TW ... tiếp tục thực hiện Chỉ thị số 10-CT/TW."
    doc = make_doc(text)
    found = docrefs.recognize(doc)
    assert len(found) == 1
    assert found[0]["issuer"] == "TW"


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="shared gold not present")
@pytest.mark.parametrize(
    "gold_path", sorted((SHARED / "gold").glob("*.json")), ids=lambda p: p.stem
)
def test_seed_against_gold(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (SHARED / "seeds" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
    assert refs(text) == [
        (r["raw"], r["type"], r["number"], r["symbol"]) for r in gold["document_refs"]
    ]
