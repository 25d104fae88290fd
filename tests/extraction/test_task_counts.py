"""Key-task status counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chidao.extraction import task_counts
from chidao.extraction.normalize import make_doc

SHARED = Path(__file__).resolve().parents[3] / "shared"
KEYS = ("total", "groups", "completed", "on_track", "behind")


def run(text: str) -> dict | None:
    doc = make_doc(text)
    result = task_counts.recognize(doc)
    if result is not None:
        s, e = result["span"]
        assert 0 <= s < e <= len(text)
        return {k: result[k] for k in KEYS}
    return None


def tc(total=None, groups=None, completed=None, on_track=None, behind=None) -> dict:
    return {
        "total": total,
        "groups": groups,
        "completed": completed,
        "on_track": on_track,
        "behind": behind,
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Trong 10 nhiệm vụ thuộc 5 nhóm nhiệm vụ trọng tâm được Ban Thường vụ Tỉnh ủy phê duyệt, đến nay, "
            "có 1 nhiệm vụ hoàn thành kế hoạch năm, 8 nhiệm vụ cơ bản hoàn thành đạt tiến độ đề ra.",
            tc(10, 5, 1, 8),
        ),
        (
            "Đối với 8 nhiệm vụ trọng tâm thuộc 4 nhóm nhiệm vụ năm 2019, đến nay có 6 nhiệm vụ đang triển khai "
            "đúng tiến độ, 2 nhiệm vụ còn chậm so với kế hoạch.",
            tc(8, 4, None, 6, 2),
        ),
        (
            "Trong 6 nhiệm vụ trọng tâm năm 2021, có 5 nhiệm vụ hoàn thành, 1 nhiệm vụ chưa hoàn thành do dịch.",
            tc(6, None, 5, None, 1),
        ),
        (
            "Tổng số 25 nhiệm vụ được giao, đã hoàn thành đúng hạn 15 nhiệm vụ; 7 nhiệm vụ đang thực hiện trong hạn; "
            "3 nhiệm vụ quá hạn.",
            tc(25, None, 15, 7, 3),
        ),
        (
            "Có 12 nhiệm vụ hoàn thành, 3 nhiệm vụ chậm tiến độ.",
            tc(None, None, 12, None, 3),
        ),
        (
            "Kết quả thực hiện 35 nhiệm vụ: hoàn thành 20 nhiệm vụ (đạt 57%), đang thực hiện 15 nhiệm vụ.",
            tc(35, None, 20, 15),
        ),
        ("Có 5/7 nhiệm vụ hoàn thành, 2 nhiệm vụ chậm tiến độ.", tc(7, None, 5, None, 2)),
        (
            "Năm 2024, tỉnh giao 20 nhiệm vụ trọng tâm, đến nay đã hoàn thành 12 nhiệm vụ, 6 nhiệm vụ đang "
            "triển khai, 2 nhiệm vụ chưa hoàn thành.",
            tc(20, None, 12, 6, 2),
        ),
        ("Huyện đã hoàn thành tốt nhiệm vụ chính trị được giao.", None),
        ("Tỷ lệ 95% nhiệm vụ hoàn thành đúng hạn.", None),
    ],
)
def test_task_counts(text: str, expected: dict | None) -> None:
    assert run(text) == expected


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="shared gold not present")
@pytest.mark.parametrize(
    "gold_path", sorted((SHARED / "gold").glob("*.json")), ids=lambda p: p.stem
)
def test_seed_against_gold(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (SHARED / "seeds" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
    assert run(text) == gold["task_counts"]
