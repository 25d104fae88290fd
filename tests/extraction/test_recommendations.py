"""Recommendations raised to the level above, one phrase each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chidao.extraction import recommendations
from chidao.extraction.normalize import make_doc

SHARED = Path(__file__).resolve().parents[3] / "shared"


def recs(text: str) -> list[str]:
    doc = make_doc(text)
    found = recommendations.recognize(doc)
    for item in found:
        s, e = item["span"]
        assert text[s:e] == item["text"], (text[s:e], item)
    return [r["text"] for r in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "lãnh đạo huyện đề xuất, kiến nghị với đoàn công tác một số vấn đề liên quan đến các nội dung: "
            "đầu tư hạ tầng khu vực biên giới, cửa khẩu; hỗ trợ kinh phí làm đường giao thông nông thôn; "
            "đào tạo nghề cho lao động nông thôn… Cùng đó, các thành viên trong đoàn phát biểu.",
            [
                "đầu tư hạ tầng khu vực biên giới, cửa khẩu",
                "hỗ trợ kinh phí làm đường giao thông nông thôn",
                "đào tạo nghề cho lao động nông thôn",
            ],
        ),
        (
            "Huyện đề nghị tỉnh quan tâm bố trí vốn nâng cấp tuyến đường tỉnh lộ 237; hỗ trợ kinh phí cắm mốc "
            "ranh giới đất rừng; sớm phê duyệt quy hoạch khu công nghiệp.",
            [
                "bố trí vốn nâng cấp tuyến đường tỉnh lộ 237",
                "hỗ trợ kinh phí cắm mốc ranh giới đất rừng",
                "sớm phê duyệt quy hoạch khu công nghiệp",
            ],
        ),
        (
            "Huyện ủy kiến nghị Ban Thường vụ Tỉnh ủy sớm có hướng dẫn về cơ cấu cấp ủy; xem xét bổ sung biên chế.",
            ["sớm có hướng dẫn về cơ cấu cấp ủy", "xem xét bổ sung biên chế"],
        ),
        (
            "Cử tri kiến nghị Trung ương sớm sửa đổi Luật Đất đai; có chính sách hỗ trợ ngư dân.",
            ["sớm sửa đổi Luật Đất đai", "có chính sách hỗ trợ ngư dân"],
        ),
        (
            "Đảng ủy xã Tân Lập (sau sắp xếp) có một số kiến nghị sau:\n- Bổ sung biên chế công chức địa chính;\n"
            "- Hỗ trợ kinh phí sửa chữa trụ sở.\nPhát biểu kết luận, đồng chí Bí thư yêu cầu xã tập trung.",
            ["Bổ sung biên chế công chức địa chính", "Hỗ trợ kinh phí sửa chữa trụ sở"],
        ),
        (
            "UBND huyện Thăng Bình kiến nghị tỉnh cho phép điều chuyển vốn giữa các dự án.",
            ["cho phép điều chuyển vốn giữa các dự án"],
        ),
        (
            "Tại buổi làm việc, huyện nêu một số kiến nghị, đề xuất về: hỗ trợ kinh phí xây dựng nhà văn "
            "hóa thôn; bố trí vốn sửa chữa kênh mương.",
            ["hỗ trợ kinh phí xây dựng nhà văn hóa thôn", "bố trí vốn sửa chữa kênh mương"],
        ),
        ("Các đại biểu đã thảo luận, đề xuất nhiều giải pháp nâng cao chất lượng.", []),
        ("UBND huyện đề nghị khen thưởng 20 tập thể có thành tích xuất sắc.", []),
        # Not recommendations.
        ("Đối với những kiến nghị của huyện, đồng chí Bí thư giao Văn phòng tổng hợp.", []),
        ("Các kiến nghị của huyện sẽ được đoàn tổng hợp, báo cáo Thường trực HĐND tỉnh.", []),
        (
            "Đồng chí Nguyễn Văn Thắng đề nghị huyện cần tập trung phát triển du lịch; làm tốt công tác dân vận.",
            [],
        ),
        ("Đội bóng đề xuất của ban huấn luyện được chấp nhận.", []),
    ],
)
def test_recommendations(text: str, expected: list[str]) -> None:
    assert recs(text) == expected


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="shared gold not present")
@pytest.mark.parametrize(
    "gold_path", sorted((SHARED / "gold").glob("*.json")), ids=lambda p: p.stem
)
def test_seed_against_gold(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (SHARED / "seeds" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
    assert recs(text) == gold["recommendations"]
