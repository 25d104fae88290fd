"""Organizations: bodies as written, titles left out, spans on the raw text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chidao.extraction import organizations
from chidao.extraction.normalize import make_doc

SHARED = Path(__file__).resolve().parents[3] / "shared"


def names(text: str) -> list[str]:
    doc = make_doc(text)
    found = organizations.recognize(doc)
    for org in found:
        for s, e in org["spans"]:
            assert text[s:e] == org["name"], (text[s:e], org)
    return [o["name"] for o in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Đoàn công tác của Thường trực Tỉnh ủy làm việc với Huyện ủy Cao Lộc.",
            ["Thường trực Tỉnh ủy", "Huyện ủy Cao Lộc"],
        ),
        (
            "Đồng chí Nguyễn Văn A, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh dự hội nghị.",
            ["HĐND tỉnh"],
        ),
        (
            "Đồng chí Lò Văn B, Phó Bí thư Thường trực Huyện ủy Mường La phát biểu.",
            [],
        ),
        (
            "Đồng chí Tô Hùng Khoa, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Thường trực HĐND tỉnh.",
            ["Ban Thường vụ Tỉnh ủy", "HĐND tỉnh"],
        ),
        (
            "Ban Chấp hành Đảng bộ huyện Mai Sơn tổ chức hội nghị; Ban Thường vụ Huyện ủy chỉ đạo.",
            ["Ban Chấp hành Đảng bộ huyện Mai Sơn", "Ban Thường vụ Huyện ủy"],
        ),
        (
            "Thực hiện Chỉ thị số 10-CT/TW của Ban Bí thư, Hướng dẫn của Ban Tổ chức Trung ương và Bộ Chính trị.",
            ["Ban Bí thư", "Ban Tổ chức Trung ương", "Bộ Chính trị"],
        ),
        (
            "Đảng ủy xã Đồng Đăng làm việc với Ban Thường vụ Đảng ủy xã Tân Thành.",
            ["Đảng ủy xã Đồng Đăng", "Ban Thường vụ Đảng ủy xã Tân Thành"],
        ),
        (
            "UBND huyện Thăng Bình báo cáo Sở Kế hoạch và Đầu tư và Sở Tài chính.",
            ["UBND huyện Thăng Bình", "Sở Kế hoạch và Đầu tư", "Sở Tài chính"],
        ),
        (
            "Ủy ban MTTQ Việt Nam tỉnh và Công an tỉnh phối hợp với Bộ Chỉ huy Quân sự tỉnh.",
            ["Ủy ban MTTQ Việt Nam tỉnh", "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"],
        ),
        (
            "Kỳ họp thứ 11, HĐND tỉnh Nghệ An khóa XVIII; Ban Kinh tế – Ngân sách HĐND tỉnh thẩm tra.",
            ["HĐND tỉnh Nghệ An", "Ban Kinh tế – Ngân sách HĐND tỉnh"],
        ),
        ("Theo Quyết định số 1234/QĐ-UBND của UBND tỉnh.", ["UBND tỉnh"]),
        (
            "Thành ủy Hà Nội và Thành ủy TP Hồ Chí Minh.",
            ["Thành ủy Hà Nội", "Thành ủy TP Hồ Chí Minh"],
        ),
        ("Tỉnh ủy viên, Huyện ủy viên tham dự.", []),
        (
            "Đảng ủy phường Lương Văn Tri và Trung tâm Phục vụ hành chính công phường; Sở NN&PTNT.",
            [
                "Đảng ủy phường Lương Văn Tri",
                "Trung tâm Phục vụ hành chính công phường",
                "Sở NN&PTNT",
            ],
        ),
        (
            "Ban Tuyên giáo và Dân vận Tỉnh ủy, Sở Nông nghiệp và Môi trường",
            ["Ban Tuyên giáo và Dân vận Tỉnh ủy", "Sở Nông nghiệp và Môi trường"],
        ),
        ("Ban thường vụ huyện ủy Tràng Định họp.", ["Ban thường vụ huyện ủy Tràng Định"]),
        ("các huyện ủy, thành ủy và các cấp ủy đảng", []),
        ("Đoàn công tác của tỉnh đến thăm.", []),
        ("Ủy ban nhân dân tỉnh Quảng Ninh ban hành kế hoạch.", ["Ủy ban nhân dân tỉnh Quảng Ninh"]),
        (
            "Văn phòng Tỉnh ủy tổng hợp, báo cáo Quốc hội và Chính phủ.",
            ["Văn phòng Tỉnh ủy", "Quốc hội", "Chính phủ"],
        ),
    ],
)
def test_bodies(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_deduplicated_with_all_spans() -> None:
    text = "Huyện ủy Lộc Bình họp. Sau đó Huyện ủy Lộc Bình ban hành nghị quyết; Huyện ủy chỉ đạo."
    doc = make_doc(text)
    found = organizations.recognize(doc)
    assert [o["name"] for o in found] == ["Huyện ủy Lộc Bình", "Huyện ủy"]
    assert len(found[0]["spans"]) == 2


def test_raw_spans_survive_normalisation() -> None:
    text = "Ban Thường vụ Huyện\u00a0uỷ Cao Lộc họp."
    doc = make_doc(text)
    (org,) = organizations.recognize(doc)
    s, e = org["spans"][0]
    assert text[s:e] == org["name"] == "Ban Thường vụ Huyện\u00a0uỷ Cao Lộc"


def test_gazetteer_is_quick_and_has_both_eras() -> None:
    gaz = organizations.gazetteer()
    assert {"cao lộc", "lạng sơn", "đồng đăng", "hà nội"} <= gaz


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="shared gold not present")
@pytest.mark.parametrize(
    "gold_path", sorted((SHARED / "gold").glob("*.json")), ids=lambda p: p.stem
)
def test_seed_against_gold(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (SHARED / "seeds" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
    assert sorted(names(text)) == sorted(gold["organizations"])
