"""Counts of documents a body issued: "ban hành 3 chỉ thị, 35 kế hoạch, 26 nghị quyết".

A list of two or more "<count> <type>" items counts wherever it stands, unless a verb of
implementing ("triển khai", "thông qua" ...) introduces it; a single item counts only after a
verb of issuing ("ban hành 12 văn bản").  Counts may be written in words ("ba chỉ thị").
Vocabulary in ``data/documents_issued.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import numbers
from .doc import Doc
from .organizations import lowered, trie_regex
from .resources import load_yaml


@lru_cache(maxsize=1)
def count_pattern() -> str:
    """Regex source of a count as written: "35", "1.245", "ba", "hai mươi lăm" (lower case)."""
    data = load_yaml("numbers.yaml")
    words = set(data["digits"]) | set(data["ten"]) | set(data["tens"]) | set(data["hundred"])
    words |= set(data.get("zero_filler") or [])
    w = trie_regex(words)
    return rf"(?:\d{{1,3}}(?:\.\d{{3}})+|\d+|(?:{w})(?: (?:{w})){{0,4}})"


def count_value(s: str) -> int | None:
    """The value of a count written in digits or words."""
    s = s.strip()
    if s[:1].isdigit():
        v = numbers.parse_number(s.replace(".", ""))
        return int(v) if v is not None else None
    return numbers.parse_words(s)


@dataclass(frozen=True, slots=True)
class _Item:
    start: int  # of the count
    end: int  # of the type word
    num: str
    type_word: str
    lead: int  # start of the qualifier, if any


class _Patterns:
    def __init__(self) -> None:
        data = load_yaml("documents_issued.yaml")
        self.types: dict[str, str] = {str(k).lower(): str(v) for k, v in data["types"].items()}
        quals = trie_regex(str(q).lower() for q in data["qualifiers"])
        # The scan looks for type words (fast: no look-behind); the count is read backwards.
        self.type_word = re.compile(rf"(?:{trie_regex(self.types)})(?!\w)")
        self.count_before = re.compile(rf"(?<![\w.,])(?:(?:{quals}) )?(?P<num>{count_pattern()}) $")
        fillers = trie_regex(str(f).lower() for f in data["fillers"])
        self.gap = re.compile(rf"[\s,;:()]*(?:(?:{fillers})(?!\w)[\s,;:()]*)*")
        self.verb = re.compile(
            rf"(?<!\w)(?:(?P<yes>{trie_regex(str(t).lower() for t in data['triggers'])})"
            rf"|(?P<no>{trie_regex(str(t).lower() for t in data['not_issued'])}))(?!\w)"
        )
        self.future = re.compile(
            rf"(?<!\w)(?:{trie_regex(str(t).lower() for t in data['future'])})(?!\w)"
        )


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    return _Patterns()


def _sentence_start(doc: Doc, pos: int) -> int:
    text = doc.text
    cut = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos))
    return cut + 1 if cut >= 0 else 0


def recognize(doc: Doc) -> list[dict[str, Any]]:
    """``[{"type": "Chỉ thị", "count": 3, "span": [s, e]}]`` for every count of issued documents."""
    pat = _patterns()
    text = doc.text
    low = lowered(text)
    items: list[_Item] = []
    for t in pat.type_word.finditer(low):
        ts = t.start()
        if ts < 2 or low[ts - 1] != " " or not low[ts - 2].isalnum():
            continue
        c = pat.count_before.search(low, max(0, ts - 30), ts)
        if c is None or count_value(c.group("num")) is None:
            continue
        items.append(_Item(c.start("num"), t.end(), c.group("num"), t.group(), c.start()))
    # Group items that follow each other with only separators and fillers between them.
    groups: list[list[_Item]] = []
    for m in items:
        if groups:
            prev = groups[-1][-1]
            g = pat.gap.match(low, prev.end, m.start)
            if g is not None and g.end() == m.start and m.start - prev.end <= 60:
                groups[-1].append(m)
                continue
        groups.append([m])
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, int]] = set()
    for group in groups:
        first = group[0]
        start = _sentence_start(doc, first.start)
        verdict = None
        for v in pat.verb.finditer(low, start, first.lead):
            verdict = "yes" if v.group("yes") else "no"
        if verdict == "no" or (verdict is None and len(group) < 2):
            continue
        if pat.future.search(low, start, first.lead):
            continue
        for m in group:
            count = count_value(m.num)
            type_name = pat.types[m.type_word]
            if count is None or (type_name, count) in seen:
                continue
            seen.add((type_name, count))
            rs, re_ = doc.raw_span(m.start, m.end)
            out.append({"type": type_name, "count": count, "span": [rs, re_]})
    return out
