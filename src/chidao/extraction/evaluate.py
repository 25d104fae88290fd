"""Score extracted facts against hand-made gold: ``chidao eval GOLD_DIR TEXT_DIR``.

Pure Python (no Django). Gold files have the shape of ``../shared/gold/*.json``: the facts
contract without spans, ``organizations``/``recommendations``/``directions``/``authors`` as
plain strings. Predictions are contract objects (``chidao.facts/1``); lists of strings are
accepted wherever the contract has objects.

Every field is scored as true positives, false positives and false negatives:

- scalars (``genre``, ``event_date``, ``event_kind``, each ``task_counts`` key, and the
  indicator sub-fields): equal -> TP; otherwise FN if the gold value is not null, plus FP if
  the predicted value is not null. Both null counts nothing.
- sets (``people`` by name, ``people.positions`` as name+position pairs, ``authors``,
  ``organizations``, ``document_refs`` by type+number+symbol — type+raw when the number is
  null —, ``documents_issued`` by type+count), compared after normalisation (NFC, one tone
  placement, case-folded, dashes and whitespace collapsed).
- ``indicators``: gold and predicted indicators are paired one-to-one (best first) when their
  names share key words or their figures agree; a pair is a TP when value, pct_of_plan and
  yoy_pct all agree within 0.01 and the names share their key words, otherwise it is an FP and
  an FN. Unpaired gold indicators are FNs, unpaired predictions FPs. The sub-fields
  ``indicators.value`` ... ``indicators.unit`` are scored on the pairs.
- ``recommendations``, ``directions``: one-to-one fuzzy matching of normalised phrases: two
  phrases match when one contains the other or their token sets overlap by at least 0.6 of the
  shorter one.

A field missing from a gold file (the two seed gold files have no ``directions`` or
``authors``) is not scored for that text: predictions for it cost nothing.

The overall figure is micro-averaged over the main fields (``MAIN_FIELDS``: every top-level
field, not the dotted refinements ``people.positions`` and ``indicators.*``, which re-count
facts already counted).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

SCALAR_FIELDS = ("genre", "event_date", "event_kind")
TASK_KEYS = ("total", "groups", "completed", "on_track", "behind")
INDICATOR_SUBFIELDS = ("value", "pct_of_plan", "yoy_pct", "period", "qualifier", "unit")
MAIN_FIELDS = (
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
)
ALL_FIELDS = (
    *MAIN_FIELDS[:4],
    "people.positions",
    *MAIN_FIELDS[4:9],
    *(f"indicators.{name}" for name in INDICATOR_SUBFIELDS),
    *MAIN_FIELDS[9:],
)
# Gold key each field is read from (a field whose key is absent from a gold file is skipped).
_GOLD_KEY = {name: name.split(".")[0] for name in ALL_FIELDS}

NUMBER_TOLERANCE = 0.01
PHRASE_OVERLAP = 0.6
NAME_OVERLAP = 0.5

Extract = Callable[..., dict[str, Any]]


class EvaluationError(Exception):
    """Nothing to evaluate: a missing folder, or no text with gold."""


# ---------------------------------------------------------------------------------------------
# Counts


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def __iadd__(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 1.0 when nothing was predicted (nothing claimed, nothing wrong)."""
        claimed = self.tp + self.fp
        return self.tp / claimed if claimed else 1.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 1.0 when the gold has nothing to find."""
        expected = self.tp + self.fn
        return self.tp / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


# ---------------------------------------------------------------------------------------------
# Normalisation

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_DASHES = re.compile(r"\s*[-\u2010-\u2015\u2212]\s*")
_PUNCT = re.compile(r"[^\w\s]")
# A syllable ending in oa / oe / uy (nothing after): the tone may sit on either vowel
# ("hòa"/"hoà", "Ủy"/"Uỷ"); it is moved to the first one so both spellings compare equal.
_OLD_NEW_TONE = re.compile(r"(?i)([ou])([aey])([\u0300\u0301\u0303\u0309\u0323])(?!\w)")


def _fold_tones(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    decomposed = _OLD_NEW_TONE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    return unicodedata.normalize("NFC", decomposed)


def normalize(text: Any) -> str:
    """NFC, one tone placement, case-folded, dashes unified, whitespace collapsed."""
    if text is None:
        return ""
    text = _fold_tones(unicodedata.normalize("NFC", str(text)).replace("\u00a0", " "))
    text = _DASHES.sub(" - ", text.casefold())
    return re.sub(r"\s+", " ", text).strip()


def _tokens(text: Any) -> list[str]:
    return _PUNCT.sub(" ", normalize(text)).split()


def _phrase(text: Any) -> str:
    return " ".join(_tokens(text))


def _symbol(text: Any) -> str:
    return re.sub(r"\s+", "", normalize(text))


def _text_of(item: Any, *keys: str) -> Any:
    """The string of a gold/predicted list item: the item itself or its first present key."""
    if isinstance(item, dict):
        for key in keys:
            if item.get(key) is not None:
                return item[key]
        return None
    return item


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).replace(" ", "").replace(",", "."))
    except ValueError:
        return None


def _same_number(a: Any, b: Any) -> bool:
    x, y = _number(a), _number(b)
    if x is None or y is None:
        return x is None and y is None and a is None and b is None
    return abs(x - y) <= NUMBER_TOLERANCE + 1e-9


# ---------------------------------------------------------------------------------------------
# Field scorers


def score_scalar(
    gold: Any, predicted: Any, same: Callable[[Any, Any], bool] | None = None
) -> Counts:
    if gold is None and predicted is None:
        return Counts()
    equal = same(gold, predicted) if same else gold == predicted
    if equal:
        return Counts(tp=1)
    return Counts(fp=int(predicted is not None), fn=int(gold is not None))


def score_sets(gold: Iterable[Any], predicted: Iterable[Any]) -> Counts:
    gold_set = {key for key in gold if key not in (None, "", ())}
    pred_set = {key for key in predicted if key not in (None, "", ())}
    common = len(gold_set & pred_set)
    return Counts(common, len(pred_set) - common, len(gold_set) - common)


def _date_string(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip() or None


def phrases_match(a: Any, b: Any) -> bool:
    """Containment, or token-set overlap of at least 0.6 of the shorter phrase."""
    pa, pb = _phrase(a), _phrase(b)
    if not pa or not pb:
        return False
    if pa in pb or pb in pa:
        return True
    ta, tb = set(pa.split()), set(pb.split())
    return len(ta & tb) / min(len(ta), len(tb)) >= PHRASE_OVERLAP


def _phrase_score(a: Any, b: Any) -> float:
    ta, tb = set(_tokens(a)), set(_tokens(b))
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


def _one_to_one(
    gold: Sequence[Any], predicted: Sequence[Any], score: Callable[[Any, Any], float | None]
) -> list[tuple[int, int]]:
    """Greedy best-first one-to-one pairing; ``score`` returns None for pairs that may not pair."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            value = score(g, p)
            if value is not None:
                candidates.append((-value, gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


def score_phrases(gold: Sequence[Any], predicted: Sequence[Any]) -> Counts:
    gold_texts = [t for t in (_text_of(g, "text") for g in gold) if _phrase(t)]
    pred_texts = [t for t in (_text_of(p, "text") for p in predicted) if _phrase(t)]
    pairs = _one_to_one(
        gold_texts,
        pred_texts,
        lambda g, p: _phrase_score(g, p) if phrases_match(g, p) else None,
    )
    return Counts(len(pairs), len(pred_texts) - len(pairs), len(gold_texts) - len(pairs))


def _doc_key(ref: Any) -> tuple[str, ...] | None:
    if not isinstance(ref, dict):
        return ("", "", _phrase(ref)) if ref else None
    kind = normalize(ref.get("type"))
    number = ref.get("number")
    if number is None or str(number).strip() == "":
        return (kind, "", _phrase(ref.get("raw")))
    return (kind, str(number).strip(), _symbol(ref.get("symbol")))


# Words that do not identify an indicator: place words and glue.
_NAME_STOPWORDS = frozenset(
    [
        "của",
        "các",
        "và",
        "trên",
        "tại",
        "trong",
        "địa",
        "bàn",
        "toàn",
        "huyện",
        "tỉnh",
        "xã",
        "thành",
        "phố",
        "thị",
        "quận",
        "phường",
        "đạt",
        "ước",
        "tổng",
        "số",
    ]
)


def _key_words(name: Any) -> set[str]:
    return {t for t in _tokens(name) if t not in _NAME_STOPWORDS and not t.isdigit()}


def _name_overlap(a: Any, b: Any) -> float:
    ka, kb = _key_words(a), _key_words(b)
    if not ka or not kb:
        return 0.0
    return len(ka & kb) / min(len(ka), len(kb))


def names_share_key_words(a: Any, b: Any) -> bool:
    return _name_overlap(a, b) >= NAME_OVERLAP


_FIGURES = ("value", "pct_of_plan", "yoy_pct")


def _figures_agree(g: dict[str, Any], p: dict[str, Any]) -> bool:
    return all(_same_number(g.get(k), p.get(k)) for k in _FIGURES)


def _indicator_pair_score(g: dict[str, Any], p: dict[str, Any]) -> float | None:
    overlap = _name_overlap(g.get("name"), p.get("name"))
    shared = sum(1 for k in _FIGURES if g.get(k) is not None and _same_number(g.get(k), p.get(k)))
    if overlap < NAME_OVERLAP and not (shared and overlap > 0):
        return None
    strict = overlap >= NAME_OVERLAP and _figures_agree(g, p)
    return 10.0 * strict + shared + overlap


def _period_key(value: Any) -> str | None:
    text = _phrase(value)
    text = re.sub(r"^(?:tính|trong)\s+", "", text)
    return text or None


def score_indicators(gold: Sequence[Any], predicted: Sequence[Any]) -> dict[str, Counts]:
    gold_items = [g for g in gold if isinstance(g, dict)]
    pred_items = [p for p in predicted if isinstance(p, dict)]
    pairs = _one_to_one(gold_items, pred_items, _indicator_pair_score)
    result = {"indicators": Counts()}
    for name in INDICATOR_SUBFIELDS:
        result[f"indicators.{name}"] = Counts()
    for gi, pi in pairs:
        g, p = gold_items[gi], pred_items[pi]
        if names_share_key_words(g.get("name"), p.get("name")) and _figures_agree(g, p):
            result["indicators"].tp += 1
        else:
            result["indicators"] += Counts(fp=1, fn=1)
        for name in ("value", "pct_of_plan", "yoy_pct"):
            result[f"indicators.{name}"] += score_scalar(
                _number(g.get(name)), _number(p.get(name)), _same_number
            )
        result["indicators.period"] += score_scalar(
            _period_key(g.get("period")), _period_key(p.get("period"))
        )
        for name in ("qualifier", "unit"):
            result[f"indicators.{name}"] += score_scalar(
                normalize(g.get(name)) or None, normalize(p.get(name)) or None
            )
    result["indicators"] += Counts(fp=len(pred_items) - len(pairs), fn=len(gold_items) - len(pairs))
    return result


def score_task_counts(gold: Any, predicted: Any) -> Counts:
    gold = gold if isinstance(gold, dict) else {}
    predicted = predicted if isinstance(predicted, dict) else {}
    keys = list(TASK_KEYS) + [k for k in gold if k not in TASK_KEYS and k != "span"]
    total = Counts()
    for key in keys:
        total += score_scalar(gold.get(key), predicted.get(key), _same_number)
    return total


def _people(items: Any) -> list[dict[str, Any]]:
    people = []
    for item in items or []:
        if isinstance(item, dict):
            people.append({"name": item.get("name"), "positions": item.get("positions") or []})
        elif item:
            people.append({"name": item, "positions": []})
    return people


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def score_text(gold: dict[str, Any], predicted: dict[str, Any]) -> dict[str, Counts]:
    """Counts per field for one text; fields whose key is absent from ``gold`` are left out."""
    predicted = predicted or {}
    scores: dict[str, Counts] = {}
    for name in SCALAR_FIELDS:
        if name == "event_date":
            scores[name] = score_scalar(
                _date_string(gold.get(name)), _date_string(predicted.get(name))
            )
        else:
            scores[name] = score_scalar(gold.get(name), predicted.get(name))

    gold_people, pred_people = _people(gold.get("people")), _people(predicted.get("people"))
    scores["people"] = score_sets(
        (normalize(p["name"]) for p in gold_people), (normalize(p["name"]) for p in pred_people)
    )
    scores["people.positions"] = score_sets(
        ((normalize(p["name"]), normalize(pos)) for p in gold_people for pos in p["positions"]),
        ((normalize(p["name"]), normalize(pos)) for p in pred_people for pos in p["positions"]),
    )
    for name in ("authors", "organizations"):
        scores[name] = score_sets(
            (normalize(_text_of(x, "name", "text")) for x in _list(gold.get(name))),
            (normalize(_text_of(x, "name", "text")) for x in _list(predicted.get(name))),
        )
    scores["document_refs"] = score_sets(
        (_doc_key(r) for r in _list(gold.get("document_refs"))),
        (_doc_key(r) for r in _list(predicted.get("document_refs"))),
    )

    def issued(items: Any) -> Iterable[tuple[str, float | None]]:
        for x in _list(items):
            if isinstance(x, dict):
                yield (normalize(x.get("type")), _number(x.get("count")))

    scores["documents_issued"] = score_sets(
        issued(gold.get("documents_issued")), issued(predicted.get("documents_issued"))
    )
    scores.update(
        score_indicators(_list(gold.get("indicators")), _list(predicted.get("indicators")))
    )
    scores["task_counts"] = score_task_counts(gold.get("task_counts"), predicted.get("task_counts"))
    for name in ("recommendations", "directions"):
        scores[name] = score_phrases(_list(gold.get(name)), _list(predicted.get(name)))
    return {name: scores[name] for name in ALL_FIELDS if _GOLD_KEY[name] in gold}


# ---------------------------------------------------------------------------------------------
# Corpus runs


@dataclass
class Report:
    fields: dict[str, Counts] = field(default_factory=lambda: {n: Counts() for n in ALL_FIELDS})
    per_text: dict[str, dict[str, Counts]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def add(self, text_id: str, scores: dict[str, Counts]) -> None:
        self.per_text[text_id] = scores
        for name, counts in scores.items():
            self.fields[name] += counts

    def overall(self, fields: Iterable[str] = MAIN_FIELDS) -> Counts:
        total = Counts()
        for name in fields:
            total += self.fields.get(name, Counts())
        return total

    def to_dict(self, fields: Sequence[str] = ALL_FIELDS, per_text: bool = False) -> dict[str, Any]:
        main = [f for f in fields if f in MAIN_FIELDS] or list(MAIN_FIELDS)
        data: dict[str, Any] = {
            "texts": len(self.per_text),
            "fields": {name: self.fields[name].as_dict() for name in fields},
            "overall": self.overall(main).as_dict(),
            "overall_fields": main,
            "errors": self.errors,
        }
        if per_text:
            data["per_text"] = {
                text_id: {n: c.as_dict() for n, c in scores.items() if n in fields}
                for text_id, scores in self.per_text.items()
            }
        return data


def _publication_date(gold: dict[str, Any]) -> date | None:
    value = gold.get("publication_date")
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def find_pairs(gold_dir: Path, text_dir: Path) -> list[tuple[str, Path, Path]]:
    """(id, gold file, text file) for every gold file whose text exists, sorted by gold file."""
    gold_dir, text_dir = Path(gold_dir), Path(text_dir)
    for folder in (gold_dir, text_dir):
        if not folder.is_dir():
            raise EvaluationError(f"not a folder: {folder}")
    pairs = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            continue
        if not isinstance(gold, dict):
            continue
        text_id = str(gold.get("id") or gold_path.stem)
        for stem in dict.fromkeys((text_id, gold_path.stem)):
            text_path = text_dir / f"{stem}.txt"
            if text_path.is_file():
                pairs.append((text_id, gold_path, text_path))
                break
    if not pairs:
        raise EvaluationError(
            f"no gold file in {gold_dir} has a text in {text_dir} (ID.json needs ID.txt)"
        )
    return pairs


def evaluate(gold_dir: Path | str, text_dir: Path | str, extract: Extract | None = None) -> Report:
    """Run ``extract(text, publication_date=...)`` on every text with gold and sum the counts.

    ``extract`` defaults to ``chidao.extraction.pipeline.extract``. A text the extractor fails on
    is scored as an empty prediction and its error is kept in ``report.errors``.
    """
    pairs = find_pairs(Path(gold_dir), Path(text_dir))
    if extract is None:
        from chidao.extraction.pipeline import extract as pipeline_extract

        extract = pipeline_extract
    report = Report()
    for text_id, gold_path, text_path in pairs:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = text_path.read_text(encoding="utf-8")
        try:
            predicted = extract(text, publication_date=_publication_date(gold))
        except Exception as exc:  # noqa: BLE001 - one bad text must not stop the run
            report.errors[text_id] = f"{type(exc).__name__}: {exc}"
            predicted = {}
        report.add(text_id, score_text(gold, predicted))
    return report


# ---------------------------------------------------------------------------------------------
# Command line


def format_table(report: Report, fields: Sequence[str] = ALL_FIELDS) -> str:
    width = max(len("overall"), *(len(name) for name in fields))
    lines = [f"{'field':<{width}}  {'TP':>5} {'FP':>5} {'FN':>5}  {'P':>6} {'R':>6} {'F1':>6}"]

    def row(name: str, c: Counts) -> str:
        return (
            f"{name:<{width}}  {c.tp:>5} {c.fp:>5} {c.fn:>5}  "
            f"{c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f}"
        )

    for name in fields:
        lines.append(row(name, report.fields[name]))
    main = [f for f in fields if f in MAIN_FIELDS] or list(MAIN_FIELDS)
    lines.append("-" * len(lines[0]))
    lines.append(row("overall", report.overall(main)))
    return "\n".join(lines)


class _Exit(Exception):
    def __init__(self, status: int) -> None:
        self.status = status


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, out: IO[str], err: IO[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._out, self._err = out, err

    def _print_message(self, message: str, file: Any = None) -> None:
        if message:
            (self._out if file is sys.stdout else self._err).write(message)

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        if message:
            self._err.write(message)
        raise _Exit(status)


def _parser(stdout: IO[str], stderr: IO[str]) -> _Parser:
    parser = _Parser(
        prog="chidao eval",
        description="Score the extractor against gold facts: precision, recall and F1 per field.",
        out=stdout,
        err=stderr,
    )
    parser.add_argument("gold_dir", metavar="GOLD_DIR", help="folder of gold ID.json files")
    parser.add_argument(
        "text_dir", metavar="TEXT_DIR", help="folder of ID.txt texts (may be GOLD_DIR)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--per-text", action="store_true", help="also show the counts per text")
    parser.add_argument(
        "--fields",
        nargs="+",
        metavar="FIELD",
        help="fields to show (the overall line averages the main fields among them); "
        f"known: {', '.join(ALL_FIELDS)}",
    )
    return parser


def main(
    argv: list[str],
    stdout: IO[str] = sys.stdout,
    stderr: IO[str] = sys.stderr,
    extract: Extract | None = None,
) -> int:
    """``chidao eval GOLD_DIR TEXT_DIR [--json] [--per-text] [--fields ...]``; argv without "eval"."""
    parser = _parser(stdout, stderr)
    try:
        args = parser.parse_args(argv)
    except _Exit as done:
        return done.status
    fields = list(ALL_FIELDS)
    if args.fields:
        wanted = [f.strip() for item in args.fields for f in item.split(",") if f.strip()]
        unknown = [f for f in wanted if f not in ALL_FIELDS]
        if unknown:
            stderr.write(
                f"chidao eval: unknown field(s): {', '.join(unknown)}; "
                f"known: {', '.join(ALL_FIELDS)}\n"
            )
            return 2
        fields = wanted
    try:
        report = evaluate(args.gold_dir, args.text_dir, extract=extract)
    except EvaluationError as exc:
        stderr.write(f"chidao eval: {exc}\n")
        return 2
    for text_id, error in report.errors.items():
        stderr.write(f"chidao eval: {text_id}: extraction failed: {error}\n")
    if args.json:
        json.dump(report.to_dict(fields, per_text=args.per_text), stdout, ensure_ascii=False)
        stdout.write("\n")
        return 0
    if args.per_text:
        for text_id, scores in report.per_text.items():
            single = Report()
            single.add(text_id, scores)
            stdout.write(f"== {text_id}\n{format_table(single, fields)}\n\n")
    stdout.write(f"{len(report.per_text)} texts\n{format_table(report, fields)}\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
