"""People with their positions as written, and bylines as authors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chidao.extraction import people
from chidao.extraction.normalize import make_doc

SHARED = Path(__file__).resolve().parents[3] / "shared"


def run(text: str) -> tuple[list[dict], list[str]]:
    doc = make_doc(text)
    found, authors = people.recognize(doc)
    for person in found:
        assert person["spans"], person
        for s, e in person["spans"]:
            assert text[s:e] == person["name"], (text[s:e], person)
    return found, authors


def simple(text: str) -> list[tuple[str, list[str]]]:
    found, _ = run(text)
    return [(p["name"], p["positions"]) for p in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Đoàn công tác do đồng chí Nguyễn Quốc Đoàn, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy làm trưởng đoàn.",
            [("Nguyễn Quốc Đoàn", ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy"])],
        ),
        (
            "Đồng chí Tô Hùng Khoa, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Thường trực HĐND tỉnh dự.",
            [
                (
                    "Tô Hùng Khoa",
                    ["Ủy viên Ban Thường vụ Tỉnh ủy", "Phó Chủ tịch Thường trực HĐND tỉnh"],
                )
            ],
        ),
        (
            "Phó Thủ tướng Trần Hồng Hà và Bộ trưởng Bộ Tài chính Hồ Đức Phớc dự hội nghị.",
            [("Trần Hồng Hà", ["Phó Thủ tướng"]), ("Hồ Đức Phớc", ["Bộ trưởng Bộ Tài chính"])],
        ),
        (
            "Ông Lê Văn Thành, Giám đốc Sở Y tế tỉnh Quảng Trị cho biết.",
            [("Lê Văn Thành", ["Giám đốc Sở Y tế tỉnh Quảng Trị"])],
        ),
        (
            "Bà Y Thị Hương (Phó Chủ tịch UBND huyện) phát biểu.",
            [("Y Thị Hương", ["Phó Chủ tịch UBND huyện"])],
        ),
        (
            "Báo cáo do đồng chí Lò Minh Tuấn, Phó Bí thư Thường trực Huyện ủy trình bày.",
            [("Lò Minh Tuấn", ["Phó Bí thư Thường trực Huyện ủy"])],
        ),
        (
            "Đồng chí Cầm Văn Thoại, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy dự.",
            [("Cầm Văn Thoại", ["Ủy viên Ban Thường vụ Tỉnh ủy", "Trưởng Ban Dân vận Tỉnh ủy"])],
        ),
        (
            "Đồng chí Hoàng Minh Đức, Bí thư Đảng ủy xã Đồng Đăng cho biết xã đã ổn định.",
            [("Hoàng Minh Đức", ["Bí thư Đảng ủy xã Đồng Đăng"])],
        ),
        (
            "Chủ tịch UBND tỉnh Lạng Sơn Hồ Tiến Thiệu chủ trì; đồng chí Trần Quốc Khởi, Tỉnh ủy viên dự.",
            [
                ("Hồ Tiến Thiệu", ["Chủ tịch UBND tỉnh Lạng Sơn"]),
                ("Trần Quốc Khởi", ["Tỉnh ủy viên"]),
            ],
        ),
        (
            "Thiếu tướng Nguyễn Văn Long, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh báo cáo.",
            [("Nguyễn Văn Long", ["Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh"])],
        ),
        (
            "Về phía tỉnh có đồng chí Nguyễn Xuân Ký - Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy; "
            "Cao Tường Huy - Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh.",
            [
                ("Nguyễn Xuân Ký", ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy"]),
                ("Cao Tường Huy", ["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"]),
            ],
        ),
        (
            "Ông Hoàng Văn Nghiệm, Bí thư Đảng ủy phường cho biết, phường đã ổn định.",
            [("Hoàng Văn Nghiệm", ["Bí thư Đảng ủy phường"])],
        ),
        ("học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; Chủ tịch Hồ Chí Minh", []),
        # Titles and bodies are never people.
        ("Đồng chí Bí thư Tỉnh ủy ghi nhận kết quả của Huyện ủy Cao Lộc.", []),
        ("Đồng chí Phó Chủ tịch UBND tỉnh yêu cầu các sở triển khai.", []),
        ("Bà con Nhân dân và ông bà ta vẫn nói.", []),
        ("Tại Hà Nội, Thành ủy Hà Nội tổ chức hội nghị.", []),
    ],
)
def test_people(text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert simple(text) == expected


def test_positions_merged_in_order_without_duplicates() -> None:
    text = (
        "Đồng chí Lương Thế Dũng, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh dự. "
        "Kết luận, đồng chí Lương Thế Dũng, Chủ tịch HĐND tỉnh yêu cầu."
    )
    found, _ = run(text)
    assert len(found) == 1
    assert found[0]["positions"] == ["Phó Bí thư Thường trực Tỉnh ủy", "Chủ tịch HĐND tỉnh"]
    assert len(found[0]["spans"]) == 2


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        ("Nội dung bài.\nPHÙNG KHIÊM – PHƯƠNG DUNG", ["PHÙNG KHIÊM", "PHƯƠNG DUNG"]),
        ("Nội dung bài.\nTin, ảnh: NÔNG HẢI\n", ["NÔNG HẢI"]),
        ("Nội dung bài.\nBài và ảnh: Minh Anh\nÝ kiến ()", ["Minh Anh"]),
        ("Nội dung bài.\nVĂN PHIN", ["VĂN PHIN"]),
        ("Nội dung bài.\nHoài Thu - Đức Anh", ["Hoài Thu", "Đức Anh"]),
        ("Đồng chí Nguyễn Văn Nam, Bí thư Huyện ủy phát biểu.", []),
        ("Nội dung bài.\nTheo Báo Lạng Sơn", []),
        ("Nội dung bài.\nẢnh: Đồng chí Bí thư Tỉnh ủy phát biểu tại hội nghị", []),
        ("Nội dung bài.\nBài, ảnh: MINH TRANG (Báo Lạng Sơn)", ["MINH TRANG"]),
        ("Nội dung.\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\nNguyễn Văn Hùng", []),
    ],
)
def test_authors(text: str, authors: list[str]) -> None:
    found, got = run(text)
    assert got == authors
    assert all(p["name"] not in authors for p in found)


def test_byline_is_not_a_person() -> None:
    text = "Đồng chí Hà Văn Tú, Bí thư Huyện ủy dự.\nNGUYỄN VĂN BÌNH"
    found, authors = run(text)
    assert [p["name"] for p in found] == ["Hà Văn Tú"]
    assert authors == ["NGUYỄN VĂN BÌNH"]


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="shared gold not present")
@pytest.mark.parametrize(
    "gold_path", sorted((SHARED / "gold").glob("*.json")), ids=lambda p: p.stem
)
def test_seed_against_gold(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (SHARED / "seeds" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
    found, _ = run(text)
    assert [(p["name"], p["positions"]) for p in found] == [
        (p["name"], p["positions"]) for p in gold["people"]
    ]
