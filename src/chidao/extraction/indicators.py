"""Indicators: named figures with their comparisons against the plan and the same period.

``recognize(doc)`` returns, per figure, ``{name, value, unit, qualifier, pct_of_plan, yoy_pct,
period, span}`` (contract ``chidao.facts/1``).  A figure belongs to a *head*: an indicator name
from the vocabulary (``data/indicators.yaml``) or, failing that, the noun phrase before a verb
such as "đạt", "ước đạt", "vượt", "tăng", "giảm".  The figures after a head up to the next head
are read in order:

- "đạt 55,95% dự toán" -> pct_of_plan 55.95; "vượt 0,96% dự toán" -> 100.96;
- "tăng 28,38% so với cùng kỳ" -> yoy_pct 28.38; "giảm 3%" -> -3; "đạt 105% so với cùng kỳ" -> 5;
- the first other figure is the value, in the unit the text uses ("380", "tỷ đồng").

A counted object nobody named ("có khoảng 1.320 ha rừng trồng mới", "đã kiểm tra 97 tổ chức
đảng") is named by the words after it and the verb before it.  Figures of a target or an
instruction ("phấn đấu ...", "yêu cầu ...") are not reported.

The period is the one of the sentence, else the nearest preceding one in the paragraph (bullet
lines continue the paragraph before them).  Everything is regular expressions compiled once
(vocabularies as tries); no word segmentation in the hot path.  See ``docs/extraction.md``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from . import dates
from .doc import Doc, Sentence
from .numbers import Quantity, as_number, find_quantities
from .resources import load_yaml, trie_pattern

_DIGIT = re.compile(r"\d")
# "(giá so sánh 2010)", "(theo giá so sánh năm 2010)": a note, not part of the name.
_PAREN_NOTE = re.compile(r"\([^()]*\d[^()]*\)")
_BULLETS = frozenset("-+•*–·")
_AND_ONLY = re.compile(r"(?i:\s*(?:,|và|,\s*và)?\s*)")
_FROM = re.compile(r"(?<!\w)(?i:từ|từ mức)\s*$")
# A numbered section heading: "1. Về phát triển kinh tế", "II. CÔNG TÁC XÂY DỰNG ĐẢNG", "a) ...".
_HEADING = re.compile(r"\s*(?:\d{1,2}|[IVX]{1,4}|[a-đ])[.)]\s+\S")
# "kiểm tra khi có dấu hiệu vi phạm": a checked object, "được kiểm tra ...".
_PASSIVE_WHEN = re.compile(r"(?:kiểm tra|giám sát|thanh tra) khi .+")
_TARGET_LEAD = re.compile(r"(?<!\w)(?i:phấn đấu|mục tiêu|dự kiến)(?!\w)")
_WHEN_THERE_IS = re.compile(r"(?<!\w)khi có(?!\w)")
# "kiểm tra ... đối với 9 tổ chức đảng": the link to the object is not part of the verb.
_OBJECT_LINK = re.compile(r"\s+(?:đối với|với|cho)\s*$")
_SCALE_WORD = re.compile(r"(?i:nghìn|ngàn|triệu|tỷ|tỉ)\s+")
# "nâng tổng diện tích sâm toàn tỉnh lên trên 2.600 ha": the level reached, named by its subject.
_RAISED = re.compile(
    r"(?<!\w)(?i:nâng)\s+([^,;.]{3,80}?)\s+(?i:lên)(?:\s+(?i:mức|trên|gần|khoảng|hơn))?\s*$"
)
_PLACE_TAIL = re.compile(
    r"\s+(?i:toàn tỉnh|toàn huyện|toàn xã|toàn thành phố|của tỉnh|của huyện|trên địa bàn)$"
)
_CLASSIFIER = re.compile(r"(?i:căn|ngôi|chiếc|cái|con)\s+(?=\w)")
_SCALES = {"nghìn", "ngàn", "triệu", "tỷ", "tỉ"}


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _words_re(words: list[str]) -> re.Pattern[str]:
    pattern = trie_pattern(sorted({w.lower() for w in words}))
    return re.compile(r"(?<!\w)" + pattern + r"(?!\w)", re.IGNORECASE)


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
        # "đạt trên 380", "đạt tỷ lệ 98%", "đạt mức 7,5%": words allowed between verb and figure.
        figure_start = (
            r"(?:\s+(?i:tỷ lệ|tỉ lệ|mức|con số|giá trị|tổng số))?"
            r"(?:\s+(?:trên|hơn|gần|khoảng|xấp xỉ|chừng))?\s+(?=\d)"
        )
        self.anchor = re.compile(
            r"(?<!\w)(?P<verb>" + _alt(data["anchor_verbs"]) + r")(?!\w)" + figure_start,
            re.IGNORECASE,
        )
        self.increase = set(data["increase"])
        self.decrease = set(data["decrease"])
        self.exceed = set(data["exceed"])
        self.level = set(data["level"])
        rel_words = (
            data["increase"] + data["decrease"] + data["exceed"] + data["equal"] + data["level"]
        )
        self.relation = re.compile(r"(?<!\w)(" + _alt(rel_words) + r")(?!\w)", re.IGNORECASE)
        self.plan = re.compile(
            r"\s*(?:so với\s+|của\s+)?(?:" + _alt(data["plan_words"]) + r")(?!\w)"
            r"(?:\s+(?:năm|tỉnh giao|được giao|giao|đề ra|cả năm|HĐND\s+\w+\s+giao))*",
        )
        self.plan_in_gap = re.compile(
            r"(?<!\w)(?:" + _alt(data["plan_words"]) + r")(?!\w)", re.IGNORECASE
        )
        self.plan_before = re.compile(
            r"(?<!\w)(?i:" + _alt(data["plan_words"]) + r")\s*(?:là|:)?\s*$"
        )
        self.yoy = re.compile(
            r"\s*(?:(?:" + _alt(data["yoy_words"]) + r")(?!\w)(?:\s+năm\s+(?:trước|\d{4}))?"
            # "bằng 98,2% so với năm 2022" in a report on 2023
            r"|so\s+với\s+năm\s+\d{4}(?!\w))",
            re.IGNORECASE,
        )
        quals: dict[str, str] = data["qualifiers"]
        self.qualifiers = quals
        self.qualifier_before = re.compile(
            r"(?<!\w)(" + _alt(list(quals)) + r")\s*$", re.IGNORECASE
        )
        # A comma inside a number ("8,5") is not a clause boundary.
        # Nor is the comma of a shared compound ("nông, lâm nghiệp", "xuất, nhập khẩu").
        self.comma_compounds = frozenset(str(w) for w in data["comma_compounds"])
        self.compound_comma = re.compile(
            "(?:"
            + "|".join(rf"(?<=(?<!\w){re.escape(str(w))})," for w in data["comma_compounds"])
            + ")(?= )"
        )
        shared = "".join(f"(?<!{re.escape(w)})" for w in data["comma_compounds"])
        self.np_boundary = re.compile(
            r"[;:]|" + shared + r",(?!\d)|(?<!\w)(?:" + _alt(data["np_boundaries"]) + r")(?!\w)",
            re.IGNORECASE,
        )
        self.leading_stop = re.compile(
            r"^(?:(?:" + _alt(data["np_leading_stopwords"]) + r")(?!\w)[\s,]*)+", re.IGNORECASE
        )
        self.reject = _words_re(data["np_reject_words"])
        self.place_tail = re.compile(
            # "chủ tịch UBND cấp xã": a level, not a place.
            r"(?:(?<!cấp)\s+(?i:"
            + _alt(data["place_words"])
            + r")(?:\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]\w*)*)+$"
        )
        self.destination_tail = re.compile(
            r"\s+(?i:đến|tới|tại|về)(?:\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]\w*)+$"
        )
        # A subject before a verb: "huyện thu hút ..." -> "thu hút".
        self.place_head = re.compile(
            r"^(?:(?i:" + _alt(data["place_words"]) + r"|ngành|lực lượng chức năng)\s+)+"
        )
        self.trailing_junk = re.compile(
            r"(?:\s+(?i:" + _alt(data["np_trailing_stopwords"]) + r"))+$"
        )
        self.object_stop = re.compile(
            r"[;:()]|[,.](?!\d)|(?<!\w)(?i:" + _alt(data["object_name_stops"]) + r")(?!\w)"
            r"|(?<!\w)(?i:" + _alt(data["figure_verbs"]) + r")(?=\s+(?:\w+\s+)?\d)"
        )
        self.object_reject = re.compile(r"(?i:" + _alt(data["object_reject"]) + r")(?!\w)")
        self.verb_marker_last = re.compile(
            r"(?:[,;:(]|(?<!\w)(?i:"
            + _alt(data["verb_markers"])
            + r")(?!\w))(?!.*(?:[,;:(]|(?<!\w)(?i:"
            + _alt(data["verb_markers"])
            + r")(?!\w)))\s*",
            re.DOTALL,
        )
        self.existential = set(data["existential_verbs"])
        # "Huyện có 15 xã": a description; "sau sắp xếp còn 1.026 thôn" (what remains after a
        # change) is a result.
        self.existential_before = re.compile(
            r"(?<!\w)(?i:"
            + _alt([v for v in data["existential_verbs"] if v != "còn"])
            + r")\s+(?:(?i:"
            + _alt(list(quals))
            + r")\s+)?$"
        )
        self.preposition = re.compile(
            r"(?<!\w)(?i:" + _alt(data["object_prepositions"]) + r")(?!\w)"
        )
        self.passive_bad = re.compile(r"(?i:" + _alt(data["passive_bad"]) + r")")
        self.passive_good = re.compile(r"(?:" + _alt(data["passive_good"]) + r")")
        self.estimate_before = re.compile(r"(?<!\w)(?i:ước|ước tính|dự kiến)\s*$")
        self.rate_words = re.compile(r"(?<!\w)(?i:" + _alt(data["rate_words"]) + r")(?!\w)")
        tail_words = (
            rel_words
            + data["value_verbs"]
            + list(quals)
            + data["np_boundaries"]
            + data["object_name_stops"]
        )
        self.name_tail_stop = re.compile(
            r"[;:]|,(?!\d)|(?<!\w)(?i:" + _alt(tail_words + ["cho", "là"]) + r")(?!\w)"
        )
        self.target_before = re.compile(r"(?<!\w)(?i:" + _alt(data["target_cues"]) + r")(?!\w)")
        self.rate_comma = re.compile(r"(?<!\w)(?i:tỷ lệ|tỉ lệ)(?!\w)")
        self.not_units = re.compile(
            r"\s*(?:" + _alt(data["not_indicator_units"]) + r")(?!\w)", re.IGNORECASE
        )

    # -- heads ---------------------------------------------------------------------------
    def _heads(
        self, text: str, s: Sentence, figures: list[Quantity], periods: list[dates.Period]
    ) -> list[_Head]:
        vocab = list(self.names.finditer(text, s.start, s.end))
        used: set[int] = set()
        heads: dict[int, _Head] = {}
        figure_starts = {q.start for q in figures}
        boundaries: list[int] | None = None
        for m in self.anchor.finditer(text, s.start, s.end):
            if m.end() not in figure_starts:
                continue
            verb_start = m.start()
            # The noun phrase: back to the last clause boundary.
            if boundaries is None:
                boundaries = [b.end() for b in self.np_boundary.finditer(text, s.start, s.end)]
            k = bisect_right(boundaries, verb_start) - 1
            while k >= 0 and boundaries[k] > verb_start:
                k -= 1
            lo = boundaries[k] if k >= 0 else s.start
            # A figure between the boundary and the verb means we are inside a list of figures.
            if any(lo <= q.start < verb_start for q in figures):
                continue
            # "tỷ lệ thôn, tổ dân phố có chi bộ độc lập đạt 92,4%": a rate name may hold commas.
            rate = self._rate_start(text, s.start, lo, verb_start, figures)
            if rate is not None:
                lo = rate
            # A vocabulary name ending in the noun phrase heads it, even when it reaches back
            # over a boundary word ("tổng mức bán lẻ hàng hóa và doanh thu dịch vụ ...").
            inside = [
                i
                for i, v in enumerate(vocab)
                if v.end() > lo
                and v.end() <= verb_start
                and not any(v.start() <= q.start < verb_start for q in figures)
            ]
            if inside:
                used.update(inside)
                start = vocab[inside[0]].start()
                name = None
                # A few words before the vocabulary name belong to it ("số đảng viên" +
                # "kết nạp mới") when the whole phrase reads as a name.
                np_start = lo + (len(text[lo:start]) - len(text[lo:start].lstrip(" ,-")))
                if np_start < start and len(text[np_start:start].split()) <= 4:
                    name = self._name(text, np_start, verb_start, periods, strict=True)
                    if name is not None:
                        start = np_start
                if name is None:
                    name = self._name(text, start, verb_start, periods, strict=False)
            else:
                name = self._name(text, lo, verb_start, periods, strict=True)
                start = lo + (len(text[lo:verb_start]) - len(text[lo:verb_start].lstrip(" ,-")))
            if name is None:
                continue
            heads.setdefault(start, _Head(start, verb_start, name))
        for i, v in enumerate(vocab):
            if i in used or any(h.start <= v.start() < h.end for h in heads.values()):
                continue
            # The name runs on to the verb or figure: "tỷ lệ hộ nghèo theo chuẩn mới còn 0,95%".
            end = v.end()
            nxt = next((q.start for q in figures if q.start >= end), None)
            if nxt is not None:
                tail = self.name_tail_stop.search(text, end, nxt)
                end = tail.start() if tail else nxt
            name = self._name(text, v.start(), end, periods, strict=False)
            if name is not None:
                heads.setdefault(v.start(), _Head(v.start(), end, name))
        return sorted(heads.values(), key=lambda h: h.start)

    def _rate_start(
        self, text: str, start: int, lo: int, verb_start: int, figures: list[Quantity]
    ) -> int | None:
        """Start of a "tỷ lệ ..." name reaching back over commas (not over ";" ":" or a figure)."""
        hard = max(start, text.rfind(";", start, lo) + 1, text.rfind(":", start, lo) + 1)
        for q in figures:
            if q.start < lo:
                hard = max(hard, q.end)
        found = None
        for m in self.rate_comma.finditer(text, hard, lo):
            found = m.start()
        if found is None or self.reject.search(text, found, lo):
            return None
        return found

    def _name(
        self, text: str, lo: int, hi: int, periods: list[dates.Period], *, strict: bool
    ) -> str | None:
        """The indicator name written in ``text[lo:hi]``: periods, place words and fillers removed."""
        if hi - lo > 400:
            return None  # a name is a phrase, not a paragraph
        pieces = []
        pos = lo
        for p in periods:
            if p.end <= lo or p.start >= hi:
                continue
            pieces.append(text[pos : max(pos, p.start)])
            pos = max(pos, p.end)
        pieces.append(text[pos:hi])
        phrase = " ".join(_PAREN_NOTE.sub(" ", " ".join(pieces)).split())
        if phrase.endswith(" cả"):
            phrase += " năm"  # "sản lượng lúa cả năm 2025": "cả năm" belongs to the name
        phrase = self.leading_stop.sub("", phrase.strip(" ,-"))
        phrase = self.trailing_junk.sub("", phrase)
        phrase = self.place_tail.sub("", phrase).strip(" ,-")
        phrase = self.destination_tail.sub("", phrase).strip(" ,-")
        phrase = self.trailing_junk.sub("", phrase).strip(" ,-")
        rate = self.rate_words.match(phrase) is not None
        # A digit in a name is a figure that belongs elsewhere, except in a rate's definition
        # ("tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng").
        if not phrase or (_DIGIT.search(phrase) and not rate) or '"' in phrase:
            return None
        words = phrase.split()
        if strict:
            if not 2 <= len(words) <= (20 if rate else 14):
                return None
            if not rate and self.reject.search(phrase):
                return None
        if not words[0][0].isalpha():
            return None
        return phrase[0].upper() + phrase[1:]

    def _objects(
        self,
        text: str,
        s: Sentence,
        figures: list[Quantity],
        items: list[_Item],
        heads: list[_Head],
    ) -> list[_Item]:
        """Counted objects nobody named before them: "có khoảng 1.320 ha rừng trồng mới",
        "đã cập nhật 3.412 tàu cá vào cơ sở dữ liệu", "; 99,7% tàu cá có chiều dài ... đã lắp đặt ..."."""
        taken = {id(q) for it in items for q in it.figures}
        out: list[_Item] = []
        covered_until = -1  # figures inside an object's name are words of the name
        last_verb: str | None = None
        last_end = -1
        for k, q in enumerate(figures):
            if id(q) in taken or q.start < covered_until or q.unit is None:
                continue
            if any(h.start <= q.start < h.end for h in heads):
                continue
            if q.kind == "percent":
                name_start, name_end = self._percent_object(text, s, q)
            elif q.kind in (None, "number", "times"):
                continue
            else:
                name_start = q.number_end if q.kind == "count" else q.end
                while name_start < s.end and text[name_start] == " ":
                    name_start += 1
                scale = _SCALE_WORD.match(text, name_start, q.end)
                if scale:
                    name_start = scale.end()  # "1,1 triệu lượt khách" -> "lượt khách"
                classifier = _CLASSIFIER.match(text, name_start)
                if classifier and classifier.end() < q.end:
                    name_start = classifier.end()  # "căn nhà đại đoàn kết" -> "nhà đại đoàn kết"
                stop = self.object_stop.search(text, name_start, s.end)
                name_end = stop.start() if stop else s.end
            if name_start >= name_end and q.kind in ("percent", "count"):
                continue
            phrase = " ".join(text[name_start:name_end].split()).strip(" ,-.!?")
            led = None
            if q.kind != "count":
                # "đã đo đạc 2.915 ha", "trồng mới 420 ha rừng", "đã chi hỗ trợ ... khoảng 96 tỷ
                # đồng", "nâng tổng diện tích ... lên trên 2.600 ha": named by the verb before.
                led = self._verb_led_name(text, s, q, phrase)
                if led:
                    phrase = led
            words = phrase.split()
            if not phrase or not phrase[0].isalpha() or self.object_reject.match(phrase):
                continue
            if re.search(r"(?<!\w)cũ$", phrase, re.IGNORECASE):
                continue  # "sáp nhập ba xã cũ": former units, a description
            if q.kind == "percent":
                if not 2 <= len(words) <= 24:
                    continue
            elif led:
                verb = None
            else:
                if _DIGIT.search(phrase) or len(words) > 12:
                    continue
                if q.kind != "count" and len(words) < 2:
                    continue
                verb = self._verb_before(text, s, q)
                if verb is None and last_verb and _AND_ONLY.fullmatch(text[last_end : q.start]):
                    verb = last_verb  # "kiểm tra 12 tổ chức đảng và 25 đảng viên"
                named = self._object_name(phrase, verb)
                bare = q.kind == "count" and phrase.lower() == (q.unit or "").lower()
                if (
                    bare
                    and named == phrase
                    and self.existential_before.search(text, s.start, q.start)
                ):
                    continue  # "Huyện có 15 xã, 2 thị trấn": a description, not a result
                if bare and named == phrase:
                    # "..., trong đó xuất khẩu lao động 85 người": the name is before the number.
                    named = self._name_before(text, s, q, figures) or phrase
                phrase = named
            head = _Head(q.start, q.start, phrase[0].upper() + phrase[1:])
            item = _Item(head, q.end)
            # A change read as an item of its own because the object's name looked like a
            # name before it ("1,1 triệu lượt khách du lịch, tăng 22%"): it is this object's.
            merged: set[int] = set()
            for other in list(items):
                if other.value is None and name_start <= other.head.start < name_end + 2:
                    items.remove(other)
                    taken.difference_update(id(f) for f in other.figures)
                    merged.add(other.head.start)
            nxt = next(
                (h.start for h in heads if h.start > q.start and h.start not in merged), s.end
            )
            clause_end = text.find(";", q.end, nxt)
            limit = clause_end if clause_end >= 0 else nxt
            following = [q]
            for f in figures[k + 1 :]:
                if f.start >= limit or id(f) in taken or f.start < name_end:
                    if f.start >= limit:
                        break
                    continue
                if f.kind != "percent":
                    break  # the next counted object starts here
                following.append(f)
            if q.kind == "percent":
                item.value, item.unit = q.value, "%"
                item.figures.append(q)
                item.end = name_end
                self._read(text, item, following[1:])
            else:
                self._read(text, item, following)
            if item.value is None:
                continue
            if item.qualifier is None:
                item.qualifier = self._qualifier(text[max(s.start, q.start - 12) : q.start])
            taken.update(id(f) for f in item.figures)
            covered_until = max(covered_until, name_end)
            if q.kind != "percent":
                last_verb, last_end = verb, item.end
            out.append(item)
        return out

    def _name_before(
        self, text: str, s: Sentence, q: Quantity, figures: list[Quantity]
    ) -> str | None:
        lo = s.start
        for b in self.np_boundary.finditer(text, s.start, q.start):
            lo = b.end()
        for f in figures:
            if f.end <= q.start:
                lo = max(lo, f.end)
        hi = q.start
        m = self.qualifier_before.search(text, lo, hi)
        if m:
            hi = m.start()
        name = self._name(text, lo, hi, [], strict=True)
        return name[0].lower() + name[1:] if name else None

    def _percent_object(self, text: str, s: Sentence, q: Quantity) -> tuple[int, int]:
        """ "; 99,7% tàu cá có ... đã lắp đặt thiết bị": a share opening a clause, named after it."""
        before = text[s.start : q.start].rstrip()
        if before and before[-1] not in ",;:" and not before.lower().endswith((" và", " có")):
            return q.end, q.end
        if self.plan.match(text, q.end) or self.yoy.match(text, q.end):
            return q.end, q.end
        start = q.end
        while start < s.end and text[start] == " ":
            start += 1
        end = s.end
        for sep in (";", ". "):
            i = text.find(sep, start, s.end)
            if i >= 0:
                end = min(end, i)
        return start, end

    def _verb_led_name(self, text: str, s: Sentence, q: Quantity, phrase: str) -> str | None:
        """The name of a measure or sum led by its verb, or None (see ``_objects``)."""
        before = text[max(s.start, q.start - 120) : q.start]
        raised = _RAISED.search(before)
        if raised:
            name = _PLACE_TAIL.sub("", raised.group(1)).strip(" ,")
            if name and not _DIGIT.search(name):
                return name
        if len(phrase.split()) > 1 or _DIGIT.search(phrase):
            return None
        verb = self._verb_before(text, s, q)
        if not verb or self.object_reject.match(verb):
            return None
        return self._object_name(phrase, verb) if phrase else verb

    def _verb_before(self, text: str, s: Sentence, q: Quantity) -> str | None:
        """The verb right before a counted object ("đã cập nhật 3.412 ..." -> "cập nhật")."""
        window = text[max(s.start, q.start - 60) : q.start]
        window = self.qualifier_before.sub("", window.rstrip()).rstrip()
        # Shared-half compounds ("phòng, chống dịch") keep their comma: not a clause break.
        window = self.compound_comma.sub("\x00", window)
        window = _WHEN_THERE_IS.sub("khi_có", window)  # "kiểm tra khi có dấu hiệu": not "có"
        m = self.verb_marker_last.search(window)
        verb = (window[m.end() :] if m else window).replace("\x00", ",")
        verb = _OBJECT_LINK.sub("", verb.replace("khi_có", "khi có"))
        # The verb of this figure's own clause: "..., ngành và giảm 1.142 biên chế" -> "giảm".
        comma = verb.rfind(", ")
        while comma >= 0 and verb[:comma].rsplit(" ", 1)[-1] in self.comma_compounds:
            comma = verb.rfind(", ", 0, comma)  # "phòng, chống dịch" is one phrase
        cut = max(verb.rfind(" và "), verb.rfind(" rồi "), comma)
        if cut >= 0:
            verb = verb[cut + 1 :]
        verb = self.place_head.sub("", " ".join(verb.split()))
        if verb.lower() == "và" or verb.lower().startswith("và "):
            verb = verb[3:]
        words = verb.split()
        if (
            not words
            or len(words) > 8
            or any(w[0].isupper() or w[0].isdigit() for w in words)
            or words[-1] == "lên"  # "nâng tổng số ... lên": a level, named by its subject
        ):
            return None
        if verb.lower() in self.existential:
            return None
        return verb

    def _object_name(self, phrase: str, verb: str | None) -> str:
        """Name a counted object with its verb: "tàu cá" + "cập nhật" -> "tàu cá cập nhật vào ...";
        "đảng viên" + "thi hành kỷ luật" -> "đảng viên bị thi hành kỷ luật"."""
        if not verb:
            return phrase
        core, rest = phrase, ""
        prep = self.preposition.search(phrase)
        if prep and prep.start() > 0:
            core, rest = phrase[: prep.start()].rstrip(), phrase[prep.start() :]
        voice = ""
        if self.passive_bad.search(verb):
            voice = "bị "
        elif self.passive_good.fullmatch(verb.lower()) or _PASSIVE_WHEN.fullmatch(verb.lower()):
            voice = "được "
        return " ".join(x for x in (core, voice + verb, rest) if x)

    # -- figures ---------------------------------------------------------------------------
    def _read(self, text: str, item: _Item, figures: list[Quantity]) -> None:
        pos = item.head.end
        first_gap: str | None = None
        for q in figures:
            gap = text[pos : q.start]
            if first_gap is None:
                first_gap = text[item.head.end : q.start]
            rel_m = None
            for found in self.relation.finditer(gap):
                rel_m = found
            rel = rel_m.group(1).lower() if rel_m else ""
            end = q.end
            x = q.value
            if _FROM.search(gap) or (not rel and self.plan_before.search(gap[-24:])):
                # "giảm từ 8,5% xuống còn 6,2%": the level it started from;
                # "tăng 7,2% (kế hoạch 7%)": the target, not a result.
                item.figures.append(q)
                pos = end
                continue
            if q.unit == "lần":
                # "gấp 1,5 lần so với cùng kỳ" -> +50 %; other multiples are not read.
                yoy = self.yoy.match(text, q.end)
                if yoy and rel in self.increase and item.yoy_pct is None:
                    item.yoy_pct = (x - 1) * 100
                    end = yoy.end()
                else:
                    continue
            elif q.unit == "%":
                plan = self.plan.match(text, q.end)
                if not plan and rel_m is not None and self.plan_in_gap.search(gap, rel_m.end()):
                    plan = rel_m  # "vượt kế hoạch 2%"
                    plan_end = q.end
                else:
                    plan_end = plan.end() if plan else q.end
                yoy = self.yoy.match(text, q.end) if not plan else None
                if plan:
                    end = plan_end
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
        if item.qualifier is None and self.estimate_before.search(
            text, max(0, item.head.end - 12), item.head.end
        ):
            item.qualifier = "ước"  # "GRDP ước tăng 8,3%"
        # "kết nạp 156 đảng viên" -> "Kết nạp đảng viên"; "kết nạp mới 220 đảng viên" -> "... đảng viên mới"
        first = item.figures[0] if item.figures else None
        if (
            first is not None
            and first.kind == "count"
            and item.unit
            and item.value is not None
            and item.head.start != first.start  # not for a counted object named after it
        ):
            noun = " ".join(w for w in item.unit.split() if w not in _SCALES)
            gap = text[item.head.end : first.start].strip().lower()
            name = item.head.name
            if (
                noun
                and (not gap or gap in self.qualifiers or gap == "được")
                and noun not in name.lower()
                and len(name.split()) <= 3  # a bare verb ("kết nạp"), not a named indicator
            ):
                fresh = name.endswith(" mới")
                base = name[: -len(" mới")] if fresh else name
                item.head.name = f"{base} {noun}" + (" mới" if fresh else "")

    def _qualifier(self, gap: str) -> str | None:
        gap = gap[-40:]
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
        # Periods of the block so far: a paragraph and the bullet lines or the lines after a
        # colon that continue it ("9 tháng đầu năm 2020, ... Trong đó:\n- Nông nghiệp đạt ...").
        carried: list[dates.Period] = []
        lead_in: list[dates.Period] = []
        targets = False
        previous_heading = False
        previous_end_char = ""
        for line in doc.lines:
            line_sentences: list[Sentence] = []
            while si < len(sentences) and sentences[si].start < line.end:
                if sentences[si].start >= line.start:
                    line_sentences.append(sentences[si])
                si += 1
            bullet = text[line.start] in _BULLETS
            heading = _HEADING.match(text, line.start, line.end) is not None
            continuation = bullet or previous_end_char == ":"
            # A lead-in ("6 tháng đầu năm 2022, ... như sau:") sets the period of the numbered
            # sections under it: its headings ("2. Về văn hóa - xã hội"), their bullets and the
            # paragraph right under a heading.
            in_list = bullet or heading or previous_heading or previous_end_char == ":"
            if lead_in and not in_list:
                lead_in = []
            if not continuation:
                carried = list(lead_in)
            # A list of targets ("Năm 2024, huyện phấn đấu đạt các chỉ tiêu sau:", "Mục tiêu
            # năm 2024:") and its sections: targets, never indicators.
            if targets and not in_list:
                targets = False
            if (
                text[line.end - 1] == ":"
                and not bullet
                and _TARGET_LEAD.search(text, line.start, line.end)
            ):
                targets = True
            previous_heading = heading
            previous_end_char = text[line.end - 1]
            if targets:
                continue
            if not _DIGIT.search(text, line.start, line.end):
                continue
            line_periods: list[dates.Period] | None = None
            for s in line_sentences:
                if not _DIGIT.search(text, s.start, s.end):
                    continue
                figures = [
                    q
                    for q in find_quantities(text, s.start, s.end, with_unit=True)
                    if q.unit is not None
                    and (q.kind in ("percent", "money") or not self.not_units.match(text, q.end))
                ]
                if not figures:
                    continue
                if line_periods is None:
                    line_periods = dates.find_periods(doc, line.start, line.end)
                periods = [p for p in line_periods if s.start <= p.start < s.end]
                # Figures inside a period or date phrase ("6 tháng") are not figures.
                figures = [
                    q for q in figures if not any(p.start <= q.start < p.end for p in periods)
                ]
                if not figures:
                    continue
                heads = self._heads(text, s, figures, periods)
                items: list[_Item] = []
                for i, head in enumerate(heads):
                    limit = heads[i + 1].start if i + 1 < len(heads) else s.end
                    mine = [q for q in figures if head.end <= q.start < limit]
                    if not mine:
                        continue
                    item = _Item(head, head.end)
                    self._read(text, item, mine)
                    if item.value is None and item.pct_of_plan is None and item.yoy_pct is None:
                        continue
                    items.append(item)
                items.extend(self._objects(text, s, figures, items, heads))
                items.sort(key=lambda it: it.head.start)
                items = _merge_object_shares(text, items)
                for item in items:
                    head = item.head
                    first_figure = item.figures[0].start if item.figures else head.end
                    if self.target_before.search(text, s.start, first_figure):
                        continue  # "phấn đấu thu ngân sách đạt 500 tỷ đồng" is a target
                    period = self._period(text, head, periods, line_periods, s, carried)
                    a, b = doc.raw_span(head.start, item.end)
                    out.append(
                        {
                            "name": _raised_name(head.name),
                            "value": None if item.value is None else as_number(item.value),
                            "unit": item.unit,
                            "qualifier": item.qualifier,
                            "pct_of_plan": None
                            if item.pct_of_plan is None
                            else as_number(round(item.pct_of_plan, 4)),
                            "yoy_pct": None
                            if item.yoy_pct is None
                            else as_number(round(item.yoy_pct, 4)),
                            "period": period,
                            "span": [a, b],
                        }
                    )
            if line_periods is None:
                line_periods = dates.find_periods(doc, line.start, line.end)
            carried.extend(line_periods)
            if text[line.end - 1] == ":" and line_periods and not bullet:
                lead_in = list(line_periods)
        return out

    @staticmethod
    def _period(
        text: str,
        head: _Head,
        periods: list[dates.Period],
        line_periods: list[dates.Period],
        s: Sentence,
        carried: list[dates.Period],
    ) -> str | None:
        # A period after the name, in the same clause ("... ; tỷ lệ hộ nghèo cuối năm còn ..."
        # belongs to the later clause, not to the figure before the ";").
        after = [
            p for p in periods if p.start >= head.start and ";" not in text[head.start : p.start]
        ]
        # The nearest wins: a period right after the name ("tỷ lệ hộ nghèo cuối năm còn 8,4%")
        # over the one opening the sentence ("Năm 2020, ...").
        if after and after[0].start <= head.end + 12:
            return _lower_first(after[0].text)
        before = [p for p in periods if p.start < head.start]
        if before:
            return _lower_first(before[-1].text)
        if after:
            return _lower_first(after[0].text)
        earlier = [p for p in line_periods if p.end <= s.start]
        if earlier:
            return _lower_first(earlier[-1].text)
        if carried:
            return _lower_first(carried[-1].text)
        return None


def _merge_object_shares(text: str, items: list[_Item]) -> list[_Item]:
    """ "giải ngân 312 tỷ đồng vốn đầu tư công, đạt 92% kế hoạch": the share read under the noun
    right after the sum ("vốn đầu tư công") belongs to the sum, whose name the noun completes."""
    out: list[_Item] = []
    for item in items:
        prev = out[-1] if out else None
        if (
            prev is not None
            and item.value is None
            and prev.value is not None
            and prev.pct_of_plan is None
            and prev.yoy_pct is None
            and prev.figures
            and prev.figures[-1].kind == "money"
            and prev.end <= item.head.start
            and not text[prev.end : item.head.start].strip()
        ):
            prev.pct_of_plan, prev.yoy_pct = item.pct_of_plan, item.yoy_pct
            name = item.head.name
            prev.head.name = f"{prev.head.name} {name[:1].lower()}{name[1:]}"
            prev.figures.extend(item.figures)
            prev.end = max(prev.end, item.end)
            continue
        out.append(item)
    return out


_RAISED_NAME = re.compile(r"(?i:nâng)\s+(.+?)\s+(?i:lên)(?:\s+(?i:mức))?")


def _raised_name(name: str) -> str:
    """ "Nâng tổng số thôn đạt chuẩn lên" -> "Tổng số thôn đạt chuẩn" (the level reached)."""
    m = _RAISED_NAME.fullmatch(name)
    if m is None:
        return name
    inner = _PLACE_TAIL.sub("", m.group(1)).strip(" ,")
    return inner[:1].upper() + inner[1:] if inner else name


def _lower_first(phrase: str) -> str:
    return phrase[:1].lower() + phrase[1:]


@lru_cache(maxsize=1)
def default_recognizer() -> IndicatorRecognizer:
    return IndicatorRecognizer()


def recognize(doc: Doc) -> list[dict[str, Any]]:
    """Indicator facts of ``doc`` in text order (contract shape, spans into ``doc.raw``)."""
    return default_recognizer()(doc)
