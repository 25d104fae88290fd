"""The scorer (chidao.extraction.evaluate) on small hand-made gold/predicted pairs."""

from __future__ import annotations

import copy
import io
import json
from datetime import date
from pathlib import Path

import pytest

from chidao.extraction import evaluate as ev
from chidao.extraction.evaluate import Counts, main, normalize, phrases_match, score_text

SHARED = Path("/work/shared")

GOLD = {
    "id": "t1",
    "genre": "party_gov_meeting",
    "event_date": "2021-08-19",
    "event_kind": "working_session",
    "people": [
        {"name": "Nguyễn Văn A", "positions": ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy"]},
        {"name": "Trần Thị B", "positions": ["Bí thư Huyện ủy"]},
    ],
    "organizations": ["Thường trực Tỉnh ủy", "Huyện ủy Cao Lộc", "Văn phòng Tỉnh ủy"],
    "document_refs": [
        {"raw": "Chỉ thị số 10-CT/TW", "type": "Chỉ thị", "number": "10", "symbol": "CT/TW"},
        {
            "raw": "Nghị quyết Trung ương 4 (khóa XII)",
            "type": "Nghị quyết",
            "number": None,
            "symbol": None,
        },
    ],
    "documents_issued": [{"type": "Chỉ thị", "count": 3}, {"type": "Kế hoạch", "count": 35}],
    "indicators": [
        {
            "name": "Thu ngân sách trên địa bàn",
            "value": 380,
            "unit": "tỷ đồng",
            "qualifier": "trên",
            "pct_of_plan": 100.96,
            "yoy_pct": 28.38,
            "period": "đến trung tuần tháng 8/2021",
        },
        {
            "name": "Chi ngân sách",
            "value": None,
            "unit": None,
            "qualifier": None,
            "pct_of_plan": 53.02,
            "yoy_pct": None,
            "period": "6 tháng đầu năm 2017",
        },
    ],
    "task_counts": {"total": 10, "groups": 5, "completed": 1, "on_track": 8, "behind": None},
    "recommendations": [
        "đầu tư hạ tầng khu vực biên giới, cửa khẩu",
        "hỗ trợ kinh phí làm đường giao thông nông thôn",
    ],
    "directions": ["tăng cường công tác phòng, chống dịch bệnh"],
    "authors": ["PHÙNG KHIÊM", "PHƯƠNG DUNG"],
}


def as_contract(gold: dict) -> dict:
    """The gold facts in the shape the extractor prints (objects with spans)."""
    p = copy.deepcopy(gold)
    p["schema"] = "chidao.facts/1"
    for person in p["people"]:
        person["spans"] = [[0, 1]]
    p["organizations"] = [{"name": o, "spans": [[0, 1]]} for o in p["organizations"]]
    p["recommendations"] = [{"text": r, "span": [0, 1]} for r in p["recommendations"]]
    p["directions"] = [{"text": d, "by": "Nguyễn Văn A", "span": [0, 1]} for d in p["directions"]]
    for ref in p["document_refs"]:
        ref["span"] = [0, 1]
    for ind in p["indicators"]:
        ind["span"] = [0, 1]
    p["task_counts"] = dict(p["task_counts"], span=[0, 1])
    return p


def totals(scores: dict[str, Counts]) -> Counts:
    out = Counts()
    for name in ev.MAIN_FIELDS:
        out += scores.get(name, Counts())
    return out


def test_perfect_match_scores_one():
    scores = score_text(GOLD, as_contract(GOLD))
    for name, counts in scores.items():
        assert counts.fp == counts.fn == 0, name
        assert counts.f1 == 1.0, name
    assert scores["indicators"].tp == 2
    assert scores["task_counts"].tp == 4  # "behind" is null on both sides: not counted
    assert scores["people.positions"].tp == 3
    assert totals(scores).f1 == 1.0


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="no shared gold here")
def test_perfect_match_on_the_shared_gold():
    for gold_path in sorted((SHARED / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        scores = score_text(gold, gold)
        assert all(c.fp == c.fn == 0 for c in scores.values()), gold_path.name


def test_a_wrong_figure_is_a_false_positive_and_a_false_negative():
    predicted = as_contract(GOLD)
    predicted["indicators"][0]["value"] = 381
    scores = score_text(GOLD, predicted)
    assert (scores["indicators"].tp, scores["indicators"].fp, scores["indicators"].fn) == (1, 1, 1)
    assert (scores["indicators.value"].fp, scores["indicators.value"].fn) == (1, 1)
    assert scores["indicators.pct_of_plan"].tp == 2
    assert scores["indicators.unit"].tp == 1


def test_vuot_and_tolerance():
    predicted = as_contract(GOLD)
    predicted["indicators"][0]["pct_of_plan"] = 100.955  # within 0.01
    predicted["indicators"][0]["name"] = "thu ngân sách trên địa bàn huyện"
    assert score_text(GOLD, predicted)["indicators"].tp == 2
    predicted["indicators"][0]["pct_of_plan"] = 0.96  # "vượt 0,96%" read as a share: wrong
    scores = score_text(GOLD, predicted)
    assert (scores["indicators"].tp, scores["indicators"].fp, scores["indicators"].fn) == (1, 1, 1)


def test_indicator_names_must_share_key_words():
    gold = {"indicators": [GOLD["indicators"][0]]}
    other_name = dict(GOLD["indicators"][0], name="Kim ngạch xuất khẩu")
    scores = score_text(gold, {"indicators": [other_name]})
    assert scores["indicators"].tp == 0
    assert scores["indicators"].fp == 1 and scores["indicators"].fn == 1


def test_indicators_are_paired_one_to_one():
    gold = {"indicators": [GOLD["indicators"][0]]}
    twice = [GOLD["indicators"][0], dict(GOLD["indicators"][0])]
    c = score_text(gold, {"indicators": twice})["indicators"]
    assert (c.tp, c.fp, c.fn) == (1, 1, 0)


def test_other_genre_with_invented_facts_costs_precision():
    gold = {k: ([] if isinstance(v, list) else None) for k, v in GOLD.items()}
    gold.update(id="football", genre="other")
    predicted = {
        "genre": "party_gov_meeting",
        "event_date": "2024-04-14",
        "event_kind": "other",
        "organizations": [{"name": "Ban tổ chức", "spans": []}],
        "indicators": [
            {
                "name": "Doanh thu bán vé",
                "value": 4.2,
                "unit": "tỷ đồng",
                "qualifier": "khoảng",
                "pct_of_plan": None,
                "yoy_pct": 12,
                "period": None,
            }
        ],
    }
    scores = score_text(gold, predicted)
    assert (scores["genre"].fp, scores["genre"].fn) == (1, 1)
    assert (scores["event_date"].fp, scores["event_date"].fn) == (1, 0)
    assert scores["indicators"].fp == 1 and scores["organizations"].fp == 1
    overall = totals(scores)
    assert overall.tp == 0 and overall.precision == 0.0
    # An extractor that finds nothing but the genre is perfect here.
    assert totals(score_text(gold, {"genre": "other"})).f1 == 1.0


def test_scalars():
    assert ev.score_scalar("2021-08-19", "2021-08-19") == Counts(tp=1)
    assert ev.score_scalar("2021-08-19", "2021-08-20") == Counts(fp=1, fn=1)
    assert ev.score_scalar(None, "2021-08-20") == Counts(fp=1)
    assert ev.score_scalar("2021-08-19", None) == Counts(fn=1)
    assert ev.score_scalar(None, None) == Counts()
    scores = score_text({"event_date": "2017-06-20"}, {"event_date": date(2017, 6, 20)})
    assert scores["event_date"] == Counts(tp=1)


@pytest.mark.parametrize(
    ("gold", "predicted", "match"),
    [
        # containment either way
        ("đầu tư hạ tầng khu vực biên giới, cửa khẩu", "hạ tầng khu vực biên giới", True),
        ("hạ tầng", "đề nghị tỉnh đầu tư hạ tầng khu vực biên giới", True),
        # 3 of 5 tokens of the shorter phrase: 0.6, the threshold
        ("một hai ba bốn năm", "một hai ba sáu bảy tám", True),
        # 2 of 4: below
        ("một hai ba bốn", "một hai năm sáu bảy", False),
        # punctuation, case and tone placement do not matter
        ("Hòa giải ở cơ sở!", "hoà giải ở cơ sở", True),
        ("", "bất cứ điều gì", False),
    ],
)
def test_phrase_matching_edges(gold, predicted, match):
    assert phrases_match(gold, predicted) is match


def test_phrases_are_matched_one_to_one():
    gold = {"recommendations": ["hỗ trợ kinh phí làm đường giao thông nông thôn"]}
    predicted = {
        "recommendations": [
            {"text": "hỗ trợ kinh phí làm đường giao thông nông thôn"},
            {"text": "kinh phí làm đường giao thông"},
        ]
    }
    c = score_text(gold, predicted)["recommendations"]
    assert (c.tp, c.fp, c.fn) == (1, 1, 0)


def test_organizations_are_normalised():
    gold = {"organizations": ["Ủy ban Kiểm tra Tỉnh ủy", "Ban Kinh tế – Ngân sách HĐND tỉnh"]}
    predicted = {
        "organizations": [
            {"name": "Uỷ ban  kiểm tra tỉnh ủy"},
            {"name": "Ban Kinh tế - Ngân sách HĐND tỉnh"},
        ]
    }
    assert score_text(gold, predicted)["organizations"] == Counts(tp=2)


def test_document_refs():
    gold = {"document_refs": GOLD["document_refs"]}
    predicted = {
        "document_refs": [
            {"raw": "Chỉ thị 10-CT/TW", "type": "Chỉ thị", "number": "10", "symbol": "CT/TW"},
            {
                "raw": "Nghị quyết Trung ương 4 (Khóa XII)",
                "type": "Nghị quyết",
                "number": None,
                "symbol": None,
            },
            {"raw": "Chỉ thị số 05-CT/TW", "type": "Chỉ thị", "number": "5", "symbol": "CT/TW"},
        ]
    }
    # raw does not matter when the number is known; zeros matter ("5" is not "05")
    assert score_text(gold, predicted)["document_refs"] == Counts(tp=2, fp=1)


def test_documents_issued_and_task_counts():
    gold = {"documents_issued": GOLD["documents_issued"], "task_counts": GOLD["task_counts"]}
    predicted = {
        "documents_issued": [{"type": "chỉ thị", "count": 3}, {"type": "Kế hoạch", "count": 36}],
        "task_counts": {"total": 10, "groups": None, "completed": 1, "on_track": 9, "behind": 1},
    }
    scores = score_text(gold, predicted)
    assert scores["documents_issued"] == Counts(tp=1, fp=1, fn=1)
    # total, completed right; groups missed; on_track wrong; behind invented
    assert scores["task_counts"] == Counts(tp=2, fp=2, fn=2)
    assert score_text({"task_counts": None}, {"task_counts": None})["task_counts"] == Counts()


def test_people_and_positions():
    predicted = {
        "people": [
            {"name": "Nguyễn  Văn A", "positions": ["Bí thư Tỉnh ủy"]},
            {"name": "Lê Văn C", "positions": []},
        ]
    }
    scores = score_text({"people": GOLD["people"]}, predicted)
    assert scores["people"] == Counts(tp=1, fp=1, fn=1)
    assert scores["people.positions"] == Counts(tp=1, fp=0, fn=2)


def test_fields_missing_from_gold_are_not_scored():
    scores = score_text({"genre": "other"}, as_contract(GOLD))
    assert set(scores) == {"genre"}


def test_normalize():
    assert normalize("  Uỷ   ban\u00a0Nhân dân ") == normalize("Ủy ban nhân dân")
    assert normalize("Kinh tế–Ngân sách") == normalize("Kinh tế - Ngân sách")


# ---------------------------------------------------------------------------------------------
# evaluate() and main()


def write_corpus(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for text_id, genre in (("a", "party_gov_meeting"), ("b", "other")):
        gold = dict(GOLD, id=text_id, genre=genre, publication_date="2021-08-20")
        (folder / f"{text_id}.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
        (folder / f"{text_id}.txt").write_text(f"text {text_id}", "utf-8")
    (folder / "lonely.json").write_text(json.dumps({"id": "lonely"}), "utf-8")


def fake_extract(calls: list):
    def extract(text: str, publication_date=None) -> dict:
        calls.append((text, publication_date))
        return as_contract(GOLD)  # right for "a"; the genre is wrong for "b"

    return extract


def test_evaluate_sums_the_texts(tmp_path):
    write_corpus(tmp_path)
    calls: list = []
    report = ev.evaluate(tmp_path, tmp_path, extract=fake_extract(calls))
    assert sorted(report.per_text) == ["a", "b"]
    assert calls[0] == ("text a", date(2021, 8, 20))
    assert report.fields["genre"] == Counts(tp=1, fp=1, fn=1)
    assert report.fields["indicators"] == Counts(tp=4)


def test_evaluate_keeps_going_when_the_extractor_fails(tmp_path):
    write_corpus(tmp_path)

    def broken(text, publication_date=None):
        if text.endswith("a"):
            raise ValueError("boom")
        return as_contract(GOLD)

    report = ev.evaluate(tmp_path, tmp_path, extract=broken)
    assert "boom" in report.errors["a"]
    assert report.fields["indicators"] == Counts(tp=2, fn=2)


def test_main_prints_a_table(tmp_path):
    write_corpus(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    assert main([str(tmp_path), str(tmp_path)], out, err, extract=fake_extract([])) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == "2 texts"
    assert lines[1].split() == ["field", "TP", "FP", "FN", "P", "R", "F1"]
    genre = next(line for line in lines if line.startswith("genre"))
    assert genre.split() == ["genre", "1", "1", "1", "0.500", "0.500", "0.500"]
    assert lines[-1].startswith("overall")


def test_main_json_fields_and_per_text(tmp_path):
    gold_dir, text_dir = tmp_path / "gold", tmp_path / "seeds"
    write_corpus(gold_dir)
    text_dir.mkdir()
    for text in gold_dir.glob("*.txt"):
        text.rename(text_dir / text.name)
    out, err = io.StringIO(), io.StringIO()
    code = main(
        [
            str(gold_dir),
            str(text_dir),
            "--json",
            "--per-text",
            "--fields",
            "genre",
            "indicators.value",
        ],
        out,
        err,
        extract=fake_extract([]),
    )
    assert code == 0, err.getvalue()
    data = json.loads(out.getvalue())
    assert set(data["fields"]) == {"genre", "indicators.value"}
    assert data["overall_fields"] == ["genre"]
    assert data["overall"]["f1"] == 0.5
    assert set(data["per_text"]) == {"a", "b"}


@pytest.mark.parametrize("case", ["missing", "empty", "field"])
def test_main_errors_exit_2(tmp_path, case):
    out, err = io.StringIO(), io.StringIO()
    if case == "missing":
        argv = [str(tmp_path / "nope"), str(tmp_path)]
    elif case == "empty":
        argv = [str(tmp_path), str(tmp_path)]
    else:
        write_corpus(tmp_path)
        argv = [str(tmp_path), str(tmp_path), "--fields", "genre", "colour"]
    assert main(argv, out, err, extract=fake_extract([])) == 2
    assert err.getvalue().startswith("chidao eval:")
    assert out.getvalue() == ""


def test_main_usage_error_exits_2():
    out, err = io.StringIO(), io.StringIO()
    assert main([], out, err) == 2
    assert "usage: chidao eval" in err.getvalue()


def test_corpus_gold_scores_perfectly_against_itself():
    corpus = Path(__file__).parent / "corpus"
    for split in ("dev", "heldout"):
        if not any((corpus / split).glob("*.json")):
            continue
        report = ev.evaluate(
            corpus / split,
            corpus / split,
            extract=lambda text, publication_date=None, _s=split: _gold_for(corpus / _s, text),
        )
        assert report.overall().f1 == 1.0
        assert all(c.fp == c.fn == 0 for c in report.fields.values())


def _gold_for(folder: Path, text: str) -> dict:
    for text_path in folder.glob("*.txt"):
        if text_path.read_text(encoding="utf-8") == text:
            return json.loads(text_path.with_suffix(".json").read_text(encoding="utf-8"))
    raise AssertionError("text not found")
