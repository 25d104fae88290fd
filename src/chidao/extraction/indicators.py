"""Indicators: named figures with their comparisons against the plan and the same period.

``recognize(doc)`` returns, per figure, ``{name, value, unit, qualifier, pct_of_plan, yoy_pct,
period, span}`` (contract ``chidao.facts/1``).  A figure belongs to a *head*: an indicator name
from the vocabulary (``data/indicators.yaml``) or, failing that, the noun phrase before a verb
such as "đạt", "ước đạt", "vượt", "tăng", "giảm".  The figures after a head up to the next head
are read in order:

- "đạt 55,95% dự toán" -> pct_of_plan 55.95; "vượt 0,96% dự toán" -> 100.96;
- "tăng 28,38% so với cùng kỳ" -> yoy_pct 28.38; "giảm 3%" -> -3; "đạt 105% so với cùng kỳ" -> 5;
- the first other figure is the value, in the unit the text uses ("380", "tỷ đồng").

The period is the one of the sentence, else the nearest preceding one in the paragraph.
Everything is regular expressions compiled once; no word segmentation in the hot path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from . import dates
from .doc import Doc, Sentence
from .numbers import Quantity, as_number, find_quantities
from .resources import load_yaml

_DIGIT = re.compile(r"\d")


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _words_re(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + _alt(words) + r")(?!\w)", re.IGNORECASE)


@dataclass(slots=True)
class _Head:
    start: int
    end: int
    name: str


@dataclass(slots=True)
class _Item:
    head: _Head
    end: int
    value: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    pct_of_plan: float | None = None
    yoy_pct: float | None = None
    figures: list[Quantity] = field(default_factory=list)


class IndicatorRecognizer:
    def __init__(self) -> None:
        data: dict[str, Any] = load_yaml("indicators.yaml")
        self.canonical: dict[str, str] = {}
        for name, forms in data["names"].items():
            for form in [name, *forms]:
                self.canonical.setdefault(form.lower(), name)
        self.names = _words_re(list(self.canonical))
        figure_start = r"(?:\s+(?:trên|hơn|gần|khoảng|xấp xỉ|chừng))?\s+(?=\d)"
        self.anchor = re.compile(
            r"(?<!\w)(?P<verb>" + _alt(data["anchor_verbs"]) + r")(?!\w)" + figure_start,
            re.IGNORECASE,
        )
        self.increase = set(data["increase"])
        self.decrease = set(data["decrease"])
        self.exceed = set(data["exceed"])
        self.level = set(data["level"])
        rel_words = data["increase"] + data["decrease"] + data["exceed"] + data["equal"] + data["level"]
        self.relation = re.compile(r"(?<!\w)(" + _alt(rel_words) + r")(?!\w)", re.IGNORECASE)
        self.plan = re.compile(
            r"\s*(?:so với\s+|của\s+)?(?:" + _alt(data["plan_words"]) + r")(?!\w)"
            r"(?:\s+(?:năm|tỉnh giao|được giao|giao|đề ra|cả năm|HĐND\s+\w+\s+giao))*",
        )
        self.yoy = re.compile(
            r"\s*(?:" + _alt(data["yoy_words"]) + r")(?!\w)(?:\s+năm\s+(?:trước|\d{4}))?",
            re.IGNORECASE,
        )
        quals: dict[str, str] = data["qualifiers"]
        self.qualifiers = quals
        self.qualifier_before = re.compile(r"(?<!\w)(" + _alt(list(quals)) + r")\s*$", re.IGNORECASE)
        self.np_boundary = re.compile(
            r"[,;:(]|(?<!\w)(?:" + _alt(data["np_boundaries"]) + r")(?!\w)", re.IGNORECASE
        )
        self.leading_stop = re.compile(
            r"^(?:(?:" + _alt(data["np_leading_stopwords"]) + r")(?!\w)[\s,]*)+", re.IGNORECASE
        )
        self.reject = _words_re(data["np_reject_words"])
        self.place_tail = re.compile(
            r"(?:\s+(?:" + _alt(data["place_words"]) + r")(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)*)+$",
            re.IGNORECASE,
        )
        self.not_units = re.compile(r"\s*(?:" + _alt(data["not_indicator_units"]) + r")(?!\w)", re.IGNORECASE)

    # -- heads ---------------------------------------------------------------------------
    def _heads(self, text: str, s: Sentence, figures: list[Quantity], periods: list[dates.Period]) -> list[_Head]:
        vocab = [
            _Head(m.start(), m.end(), self.canonical[m.group().lower()])
            for m in self.names.finditer(text, s.start, s.end)
        ]
        heads: dict[int, _Head] = {h.start: h for h in vocab}
        figure_starts = {q.start for q in figures}
        for m in self.anchor.finditer(text, s.start, s.end):
            if m.end() not in figure_starts:
                continue
            verb_start = m.start()
            # The noun phrase: back to the last clause boundary.
            lo = s.start
            for b in self.np_boundary.finditer(text, s.start, verb_start):
                lo = b.end()
            # A figure between the boundary and the verb means we are inside a list of figures.
            if any(lo <= q.start < verb_start for q in figures):
                continue
            inside = [h for h in vocab if lo <= h.start and h.end <= verb_start]
            if inside:
                continue  # a vocabulary name heads this clause already
            name = self._generic_name(text, lo, verb_start, periods)
            if name is None:
                continue
            start = lo + (len(text[lo:verb_start]) - len(text[lo:verb_start].lstrip()))
            heads.setdefault(start, _Head(start, verb_start, name))
        return sorted(heads.values(), key=lambda h: h.start)

    def _generic_name(self, text: str, lo: int, hi: int, periods: list[dates.Period]) -> str | None:
        for p in periods:
            if lo <= p.start < hi:
                lo = max(lo, p.end)
        phrase = text[lo:hi].strip(" ,-")
        phrase = self.leading_stop.sub("", phrase).strip(" ,-")
        phrase = self.place_tail.sub("", phrase).strip(" ,-")
        if not phrase or _DIGIT.search(phrase) or '"' in phrase:
            return None
        words = phrase.split()
        if not 2 <= len(words) <= 8 or self.reject.search(phrase):
            return None
        if not words[0][0].isalpha():
            return None
        return phrase[0].upper() + phrase[1:]

    # -- figures ---------------------------------------------------------------------------
    def _read(self, text: str, item: _Item, figures: list[Quantity]) -> None:
        pos = item.head.end
        first_gap: str | None = None
        for q in figures:
            gap = text[pos : q.start]
            if first_gap is None:
                first_gap = text[item.head.end : q.start]
            rel_m = None
            for rel_m in self.relation.finditer(gap):
                pass
            rel = rel_m.group(1).lower() if rel_m else ""
            end = q.end
            x = q.value
            if q.unit == "%":
                plan = self.plan.match(text, q.end)
                yoy = self.yoy.match(text, q.end) if not plan else None
                if plan:
                    end = plan.end()
                    if item.pct_of_plan is None:
                        if rel in self.exceed or rel in self.increase:
                            item.pct_of_plan = 100 + x
                        elif rel in self.decrease:
                            item.pct_of_plan = 100 - x
                        else:
                            item.pct_of_plan = x
                elif yoy:
                    end = yoy.end()
                    if item.yoy_pct is None:
                        if rel in self.decrease:
                            item.yoy_pct = -x
                        elif rel in self.increase or rel in self.exceed:
                            item.yoy_pct = x
                        else:
                            item.yoy_pct = x - 100
                elif rel in self.level:
                    if item.value is None:
                        item.value, item.unit = x, "%"
                        item.qualifier = self._qualifier(gap) or item.qualifier
                elif rel in self.increase:
                    if item.yoy_pct is None:
                        item.yoy_pct = x
                elif rel in self.decrease:
                    if item.yoy_pct is None:
                        item.yoy_pct = -x
                elif item.value is None:
                    item.value, item.unit = x, "%"
                    item.qualifier = self._qualifier(gap) or item.qualifier
                else:
                    continue
            else:
                yoy = self.yoy.match(text, q.end)
                if yoy or rel in self.increase or rel in self.decrease and rel not in self.level:
                    # An absolute change ("tăng 15 tỷ đồng so với cùng kỳ"): not the level.
                    end = yoy.end() if yoy else q.end
                elif item.value is None:
                    item.value, item.unit = x, q.unit
                    item.qualifier = self._qualifier(gap)
                else:
                    continue
            item.figures.append(q)
            item.end = max(item.end, end)
            pos = end
        if item.qualifier is None and first_gap is not None:
            item.qualifier = self._qualifier(first_gap)

    def _qualifier(self, gap: str) -> str | None:
        m = self.qualifier_before.search(gap)
        if m:
            return self.qualifiers[m.group(1).lower()]
        if re.search(r"(?<!\w)ước(?!\w)", gap, re.IGNORECASE):
            return "ước"
        return None

    # -- document ---------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> list[dict[str, Any]]:
        text = doc.text
        out: list[dict[str, Any]] = []
        sentences = doc.sentences
        si = 0
        for line in doc.lines:
            line_sentences: list[Sentence] = []
            while si < len(sentences) and sentences[si].start < line.end:
                if sentences[si].start >= line.start:
                    line_sentences.append(sentences[si])
                si += 1
            if not _DIGIT.search(text, line.start, line.end):
                continue
            line_periods: list[dates.Period] | None = None
            for s in line_sentences:
                if not _DIGIT.search(text, s.start, s.end):
                    continue
                figures = [
                    q
                    for q in find_quantities(text, s.start, s.end)
                    if q.unit is not None and not self.not_units.match(text, q.end)
                ]
                if not figures:
                    continue
                if line_periods is None:
                    line_periods = dates.find_periods(doc, line.start, line.end)
                periods = [p for p in line_periods if s.start <= p.start < s.end]
                # Figures inside a period or date phrase ("6 tháng") are not figures.
                figures = [q for q in figures if not any(p.start <= q.start < p.end for p in periods)]
                if not figures:
                    continue
                heads = self._heads(text, s, figures, periods)
                for i, head in enumerate(heads):
                    limit = heads[i + 1].start if i + 1 < len(heads) else s.end
                    mine = [q for q in figures if head.end <= q.start < limit]
                    if not mine:
                        continue
                    item = _Item(head, head.end)
                    self._read(text, item, mine)
                    if item.value is None and item.pct_of_plan is None and item.yoy_pct is None:
                        continue
                    period = self._period(head, periods, line_periods, s)
                    a, b = doc.raw_span(head.start, item.end)
                    out.append(
                        {
                            "name": head.name,
                            "value": None if item.value is None else as_number(item.value),
                            "unit": item.unit,
                            "qualifier": item.qualifier,
                            "pct_of_plan": None if item.pct_of_plan is None else as_number(round(item.pct_of_plan, 4)),
                            "yoy_pct": None if item.yoy_pct is None else as_number(round(item.yoy_pct, 4)),
                            "period": period,
                            "span": [a, b],
                        }
                    )
        return out

    @staticmethod
    def _period(
        head: _Head, periods: list[dates.Period], line_periods: list[dates.Period], s: Sentence
    ) -> str | None:
        before = [p for p in periods if p.start < head.start]
        if before:
            return before[-1].text
        if periods:
            return periods[0].text
        earlier = [p for p in line_periods if p.end <= s.start]
        if earlier:
            return earlier[-1].text
        return None


@lru_cache(maxsize=1)
def default_recognizer() -> IndicatorRecognizer:
    return IndicatorRecognizer()


def recognize(doc: Doc) -> list[dict[str, Any]]:
    """Indicator facts of ``doc`` in text order (contract shape, spans into ``doc.raw``)."""
    return default_recognizer()(doc)
