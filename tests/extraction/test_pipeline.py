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


# Articles written for these tests in the style of the genre (other provinces, other years).
ARTICLE_REVIEW = """Thứ Năm, 15/10/2020 | 10:25
Huyện ủy Tân Châu sơ kết 9 tháng đầu năm
(Tây Ninh) - Ngày 14/10, Huyện ủy Tân Châu tổ chức hội nghị sơ kết tình hình thực hiện nhiệm vụ 9 tháng đầu năm và triển khai nhiệm vụ 3 tháng cuối năm 2020.
Theo báo cáo, 9 tháng đầu năm 2020, tổng giá trị sản xuất các ngành kinh tế ước đạt 12.345 tỷ đồng, đạt 74,2% kế hoạch, tăng 6,8% so với cùng kỳ. Trong đó:
- Nông - lâm - thủy sản ước đạt 5.120 tỷ đồng, đạt 76,5% kế hoạch;
- Công nghiệp - xây dựng ước đạt 4.210 tỷ đồng, tăng 9,2%.
Về xây dựng Đảng, 9 tháng qua, toàn Đảng bộ kết nạp 98 đảng viên mới, đạt 81,6% chỉ tiêu. Ủy ban Kiểm tra Huyện ủy đã kiểm tra 12 tổ chức đảng và 25 đảng viên khi có dấu hiệu vi phạm.
HỒNG NHUNG
"""

ARTICLE_COUNCIL = """Kỳ họp thứ 8 HĐND tỉnh: thông qua 25 nghị quyết
Baoquangngai.vn- Trong 3 ngày (từ ngày 6 - 8/12/2017), HĐND tỉnh Quảng Ngãi khóa XII tổ chức kỳ họp thứ 8.
Báo cáo của UBND tỉnh cho thấy, năm 2017 có 18/20 chỉ tiêu chủ yếu đạt và vượt kế hoạch. Tổng sản phẩm trên địa bàn (GRDP) ước tăng 3,6% so với năm 2016; GRDP bình quân đầu người đạt 2.400 USD. Tổng thu ngân sách nhà nước trên địa bàn ước đạt 21.500 tỷ đồng, vượt 12,3% dự toán. Kim ngạch xuất khẩu đạt 590 triệu USD, giảm 7,2%.
Năm 2018, tỉnh phấn đấu tốc độ tăng trưởng GRDP đạt 8%; thu ngân sách đạt 18.000 tỷ đồng.
"""


@pytest.mark.parametrize(
    ("text", "event_date", "indicators"),
    [
        (
            ARTICLE_REVIEW,
            "2020-10-14",
            [
                (
                    "Tổng giá trị sản xuất các ngành kinh tế",
                    12345,
                    "tỷ đồng",
                    "ước",
                    74.2,
                    6.8,
                    "9 tháng đầu năm 2020",
                ),
                (
                    "Nông - lâm - thủy sản",
                    5120,
                    "tỷ đồng",
                    "ước",
                    76.5,
                    None,
                    "9 tháng đầu năm 2020",
                ),
                (
                    "Công nghiệp - xây dựng",
                    4210,
                    "tỷ đồng",
                    "ước",
                    None,
                    9.2,
                    "9 tháng đầu năm 2020",
                ),
                ("Kết nạp đảng viên", 98, "đảng viên", None, 81.6, None, "9 tháng qua"),
                ("Tổ chức đảng được kiểm tra", 12, "tổ chức đảng", None, None, None, "9 tháng qua"),
                ("Đảng viên được kiểm tra", 25, "đảng viên", None, None, None, "9 tháng qua"),
            ],
        ),
        (
            ARTICLE_COUNCIL,
            "2017-12-06",
            [
                ("Tổng sản phẩm trên địa bàn (GRDP)", None, None, "ước", None, 3.6, "năm 2017"),
                ("GRDP bình quân đầu người", 2400, "USD", None, None, None, "năm 2017"),
                (
                    "Tổng thu ngân sách nhà nước trên địa bàn",
                    21500,
                    "tỷ đồng",
                    "ước",
                    112.3,
                    None,
                    "năm 2017",
                ),
                ("Kim ngạch xuất khẩu", 590, "triệu USD", None, None, -7.2, "năm 2017"),
            ],
        ),
    ],
    ids=["review", "council"],
)
def test_handmade_articles(text, event_date, indicators):
    facts = Pipeline(classify=lambda doc: {"title": None, "genre": "party_gov_meeting"}).extract(
        text
    )
    assert facts["event_date"] == event_date
    assert [tuple(i[k] for k in INDICATOR_KEYS) for i in facts["indicators"]] == indicators


def _variants(raw: str) -> dict[str, str]:
    import unicodedata

    return {
        "nfd": unicodedata.normalize("NFD", raw),
        "crlf": raw.replace("\n", "\r\n"),
        "nbsp": raw.replace(" ", "\u00a0", 50),
        "zero-width": raw.replace("ngân sách", "ngân\u200b sách"),
        "new-style tones": raw.replace("óa", "oá").replace("ủy", "uỷ").replace("òa", "oà"),
    }


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_variants_give_the_same_facts(seed):
    raw = seed.read_text(encoding="utf-8")
    base = extract(raw)
    want = [tuple(i[k] for k in INDICATOR_KEYS) for i in base["indicators"]]
    for name, text in _variants(raw).items():
        facts = extract(text)
        assert facts["event_date"] == base["event_date"], name
        got = [tuple(i[k] for k in INDICATOR_KEYS) for i in facts["indicators"]]
        assert got == want, name
        for ind in facts["indicators"]:
            a, b = ind["span"]
            assert 0 <= a < b <= len(text)
