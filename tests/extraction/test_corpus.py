"""The evaluation corpus (tests/extraction/corpus/{dev,heldout,hard-dev,hard-heldout}): every
gold file is valid.

The checks catch typos in hand-made gold: every phrase the gold quotes (names, positions,
organizations, document references, recommendations, directions, bylines) must occur in its
text, and every figure must be written in the text in Vietnamese notation.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"
SPLITS = ("dev", "heldout", "hard-dev", "hard-heldout")

GENRES = {"party_gov_meeting", "other"}
EVENT_KINDS = {"working_session", "review_conference", "council_session", "inspection", "other"}
QUALIFIERS = {"trên", "gần", "ước", "khoảng"}
TASK_KEYS = {"total", "groups", "completed", "on_track", "behind"}
REQUIRED = {
    "id": str,
    "genre": str,
    "event_date": (str, type(None)),
    "event_kind": (str, type(None)),
    "people": list,
    "organizations": list,
    "document_refs": list,
    "documents_issued": list,
    "indicators": list,
    "task_counts": (dict, type(None)),
    "recommendations": list,
    "directions": list,
    "authors": list,
}
INDICATOR_KEYS = {"name", "value", "unit", "qualifier", "pct_of_plan", "yoy_pct", "period"}
# Number words a text may use instead of digits.
NUMBER_WORDS = {4: "bốn", 15: "mười lăm", 30: "ba mươi", 100: "một trăm", 2000: "hai nghìn"}


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    text = re.sub(r"(\d),\s+(\d)", r"\1,\2", text)  # "55, 95" is one number
    return re.sub(r"\s+", " ", text)


def _pairs() -> list[tuple[str, Path, Path]]:
    found = []
    for split in SPLITS:
        for gold in sorted((CORPUS / split).glob("*.json")):
            found.append((split, gold, gold.with_suffix(".txt")))
    return found


PAIRS = _pairs()


def _vn_number(value: float) -> set[str]:
    """Ways a number can be written: 1234.5 -> "1.234,5" (and "1234,5")."""
    value = round(float(value), 4)
    integer = int(abs(value))
    frac = f"{abs(value):.4f}".split(".")[1].rstrip("0")
    grouped = f"{integer:,}".replace(",", ".")
    forms = set()
    for whole in {grouped, str(integer)}:
        forms.add(whole + ("," + frac if frac else ""))
    return forms


def _written(value: float, text: str) -> bool:
    for form in _vn_number(value):
        if re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d]|,\d)", text):
            return True
    return int(value) == value and NUMBER_WORDS.get(int(value), "\0") in text.lower()


def test_corpus_size_and_mix():
    assert len(PAIRS) >= 40, f"only {len(PAIRS)} gold texts"
    genres = [json.loads(g.read_text(encoding="utf-8"))["genre"] for _, g, _ in PAIRS]
    assert genres.count("other") >= 6
    for split in SPLITS:
        kinds = {
            json.loads(g.read_text(encoding="utf-8"))["event_kind"]
            for s, g, _ in PAIRS
            if s == split
        }
        assert {"working_session", "review_conference", "council_session", "inspection"} <= kinds


def test_no_text_without_gold():
    for split in SPLITS:
        for text in (CORPUS / split).glob("*.txt"):
            assert text.with_suffix(".json").exists(), f"{text} has no gold"


def test_ids_are_unique_across_splits():
    stems = [g.stem for _, g, _ in PAIRS]
    assert len(stems) == len(set(stems))


@pytest.mark.parametrize(
    ("split", "gold_path", "text_path"), PAIRS, ids=[g.stem for _, g, _ in PAIRS]
)
def test_gold_file(split: str, gold_path: Path, text_path: Path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    raw = text_path.read_text(encoding="utf-8")
    text = _norm(raw)
    problems: list[str] = []

    def need(cond: bool, message: str) -> None:
        if not cond:
            problems.append(message)

    def occurs(phrase: str, what: str) -> None:
        need(_norm(phrase) in text, f"{what} not in text: {phrase!r}")

    for key, kind in REQUIRED.items():
        need(key in gold and isinstance(gold[key], kind), f"{key}: missing or wrong type")
    if problems:
        pytest.fail("\n".join(problems))
    need(gold["id"] == gold_path.stem, "id differs from the file name")
    need(gold["genre"] in GENRES, f"genre {gold['genre']!r}")
    need(gold["event_kind"] is None or gold["event_kind"] in EVENT_KINDS, "event_kind")
    need(150 <= len(raw.split()) <= 700, f"{len(raw.split())} words (150–700 expected)")
    for key in ("event_date", "publication_date"):
        value = gold.get(key)
        if value is not None:
            if re.fullmatch(r"\d{4}-\d{2}", value):
                value += "-01"
            need(bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)), f"{key} {value!r}")
            date.fromisoformat(value)
            need(2016 <= int(value[:4]) <= 2026, f"{key} {value!r} out of 2016–2026")

    if gold["genre"] == "other":
        for key in (
            "people",
            "organizations",
            "document_refs",
            "documents_issued",
            "indicators",
            "recommendations",
            "directions",
            "authors",
        ):
            need(gold[key] == [], f"genre other: {key} must be empty")
        need(gold["task_counts"] is None, "genre other: task_counts must be null")
        need(gold["event_kind"] is None, "genre other: event_kind must be null")
    else:
        need(gold["event_kind"] is not None, "event_kind is null")
        need(gold["event_date"] is not None, "event_date is null")

    names = [p["name"] for p in gold["people"]]
    need(len(names) == len(set(names)), "a person is listed twice")
    for person in gold["people"]:
        need(set(person) == {"name", "positions"}, f"person keys {sorted(person)}")
        occurs(person["name"], "person")
        for position in person["positions"]:
            occurs(position, f"position of {person['name']}")
    orgs = gold["organizations"]
    need(len(orgs) == len(set(orgs)), "an organization is listed twice")
    for org in orgs:
        need(isinstance(org, str), "organizations are strings")
        occurs(org, "organization")
    for ref in gold["document_refs"]:
        need(set(ref) == {"raw", "type", "number", "symbol"}, f"document_ref keys {sorted(ref)}")
        occurs(ref["raw"], "document raw")
        need(ref["raw"].startswith(ref["type"]), f"type {ref['type']!r} does not start raw")
        if ref["number"] is None:
            need(ref["symbol"] is None, f"{ref['raw']}: symbol without number")
        elif ref["symbol"] is None:
            # A number without a symbol: "Nghị quyết 57".
            need(
                re.search(rf"(?<!\d){re.escape(ref['number'])}(?!\d)", ref["raw"]) is not None,
                f"{ref['raw']}: number does not match raw",
            )
        else:
            need(
                f"{ref['number']}-{ref['symbol']}" in ref["raw"]
                or f"{ref['number']}/{ref['symbol']}" in ref["raw"],
                f"{ref['raw']}: number/symbol do not match raw",
            )
    for issued in gold["documents_issued"]:
        need(set(issued) == {"type", "count"} and isinstance(issued["count"], int), "issued")
        need(issued["type"][:1].isupper(), f"issued type not capitalised: {issued['type']}")
        need(_written(issued["count"], text), f"issued count {issued['count']} not in text")
    for ind in gold["indicators"]:
        need(set(ind) == INDICATOR_KEYS, f"indicator keys {sorted(ind)}")
        need(ind["name"][:1].isupper(), f"indicator name not capitalised: {ind['name']}")
        need(ind["qualifier"] is None or ind["qualifier"] in QUALIFIERS, "qualifier")
        need(
            ind["period"] is None
            or _norm(ind["period"]) in text
            or _norm(ind["period"]) in text.lower(),
            f"period not in text: {ind['period']!r}",
        )
        if ind["value"] is not None:
            need(_written(ind["value"], text), f"value {ind['value']} not in text ({ind['name']})")
            need(
                ind["unit"] is not None and _norm(ind["unit"]) in text,
                f"unit {ind['unit']!r} not in text ({ind['name']})",
            )
        if ind["pct_of_plan"] is not None:
            pct = ind["pct_of_plan"]
            need(
                _written(pct, text) or _written(round(pct - 100, 4), text),
                f"pct_of_plan {pct} not in text ({ind['name']})",
            )
        if ind["yoy_pct"] is not None:
            # Written as the change ("tăng 22%"), as a ratio ("bằng 98,2% so với năm 2022" ->
            # -1.8) or as a multiple ("tăng 1,5 lần so với cùng kỳ" -> +50).
            yoy = ind["yoy_pct"]
            need(
                _written(abs(yoy), text)
                or _written(round(100 + yoy, 4), text)
                or _written(round(1 + yoy / 100, 4), text),
                f"yoy {yoy} not in text",
            )
        need(
            any(ind[k] is not None for k in ("value", "pct_of_plan", "yoy_pct")),
            f"indicator without a figure: {ind['name']}",
        )
    if gold["task_counts"] is not None:
        need(set(gold["task_counts"]) == TASK_KEYS, "task_counts keys")
        for key, value in gold["task_counts"].items():
            need(
                value is None or (isinstance(value, int) and _written(value, text)),
                f"task_counts.{key}={value} not in text",
            )
    for key in ("recommendations", "directions", "authors"):
        items = gold[key]
        need(len(items) == len(set(items)), f"{key}: duplicate")
        for item in items:
            need(isinstance(item, str), f"{key} are strings")
            occurs(item, key[:-1])
    for author in gold["authors"]:
        need(author == author.upper(), f"author not in capitals: {author}")

    if problems:
        pytest.fail(f"{split}/{gold_path.name}:\n  " + "\n  ".join(problems))
