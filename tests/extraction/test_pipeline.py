import json
from pathlib import Path

import pytest

from chidao.extraction import pipeline
from chidao.extraction.pipeline import Pipeline, extract

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt")) if (SHARED / "seeds").is_dir() else []
KEYS = [
    "schema",
    "source",
    "title",
    "genre",
    "event_date",
    "event_kind",
    "people",
    "authors",
    "organizations",
    "document_refs",
    "documents_issued",
    "indicators",
    "task_counts",
    "recommendations",
    "directions",
]
INDICATOR_KEYS = ("name", "value", "unit", "qualifier", "pct_of_plan", "yoy_pct", "period")

TEXT = (
    "Huyện ủy sơ kết 6 tháng\n"
    "Chiều 19/8/2021, Đoàn công tác làm việc với Huyện ủy. Tính đến trung tuần tháng 8/2021, "
    "thu ngân sách trên địa bàn huyện đạt trên 380 tỷ đồng, vượt 0,96% dự toán tỉnh giao."
)


def test_contract_shape():
    facts = extract(TEXT, path="a.txt")
    assert list(facts)[: len(KEYS)] == KEYS
    assert facts["schema"] == "chidao.facts/1"
    assert facts["source"]["path"] == "a.txt"
    assert facts["source"]["chars"] == len(TEXT)
    assert len(facts["source"]["sha256"]) == 64
    assert facts["event_date"] == "2021-08-19"
    json.dumps(facts, ensure_ascii=False)
    for ind in facts["indicators"]:
        assert set(ind) >= {*INDICATOR_KEYS, "span"}
        a, b = ind["span"]
        assert TEXT[a:b].startswith("thu ngân sách")


def test_sha256_given_is_kept():
    assert extract("x", sha256="abc")["source"]["sha256"] == "abc"


def test_components_can_be_swapped():
    calls = []

    def fake_indicators(doc):
        calls.append(doc.text)
        return [{"name": "X", "span": [0, 1]}]

    facts = Pipeline(indicators=fake_indicators).extract(TEXT)
    assert facts["indicators"] == [{"name": "X", "span": [0, 1]}]
    assert calls


def test_genre_other_empties_the_facts():
    def classify(doc):
        return {"title": "Bóng đá", "genre": "other", "event_kind": "other"}

    facts = Pipeline(classify=classify).extract(TEXT)
    assert facts["genre"] == "other"
    assert facts["title"] == "Bóng đá"
    for key in (
        "people",
        "authors",
        "organizations",
        "document_refs",
        "documents_issued",
        "indicators",
        "recommendations",
        "directions",
    ):
        assert facts[key] == []
    assert facts["task_counts"] is None
    assert facts["event_date"] is None


def test_no_clock_year():
    facts = extract("Sáng nay (20/6), Ban Chấp hành Đảng bộ huyện tổ chức hội nghị sơ kết.")
    assert facts["event_date"] is None


def test_default_pipeline_is_reused():
    assert pipeline.default_pipeline() is pipeline.default_pipeline()


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_against_gold(seed):
    gold = json.loads((SHARED / "gold" / (seed.stem + ".json")).read_text(encoding="utf-8"))
    raw = seed.read_text(encoding="utf-8")
    facts = extract(raw, path=seed.name)
    assert facts["event_date"] == gold["event_date"]
    got = [tuple(i[k] for k in INDICATOR_KEYS) for i in facts["indicators"]]
    want = [tuple(i[k] for k in INDICATOR_KEYS) for i in gold["indicators"]]
    assert got == want
    for ind in facts["indicators"]:
        a, b = ind["span"]
        assert 0 <= a < b <= len(raw)
