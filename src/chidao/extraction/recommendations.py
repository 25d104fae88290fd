"""Recommendations (kiến nghị, đề xuất) a body raises to the level above, one short phrase each.

"đề xuất, kiến nghị với đoàn công tác một số vấn đề liên quan đến các nội dung: A; B; C…" and
"Huyện đề nghị tỉnh quan tâm A; B; C." give A, B and C.  The list runs from the colon (or from
the end of the addressee: "tỉnh", "Ban Thường vụ Tỉnh ủy", ...) to the end of the sentence, or
over the bullet lines after a colon that ends its line; items split on ";" and "…".  A
"đề nghị" spoken by a leader to a lower body is a direction (directions.py), not one of these.
This module also holds the item splitting and cleaning shared with directions.py.
Vocabulary in ``data/recommendations.yaml``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Any

from .doc import Doc
from .organizations import UPPER, body_at, lowered, match_place, trie_regex
from .resources import load_yaml


def _words(data: dict[str, Any], key: str) -> list[str]:
    return [str(x).lower() for x in data.get(key) or []]


class Patterns:
    def __init__(self) -> None:
        data = load_yaml("recommendations.yaml")
        b = r"(?!\w)"
        self.rec_trigger = re.compile(
            rf"(?<!\w)(?:{trie_regex(_words(data, 'recommendation_triggers'))}){b}"
        )
        self.dir_trigger = re.compile(
            rf"(?<!\w)(?:{trie_regex(_words(data, 'direction_triggers'))}){b}"
        )
        self.upper = re.compile(rf"(?:với )?(?:{trie_regex(_words(data, 'upper_addressees'))}){b}")
        self.addressee = re.compile(rf"(?:{trie_regex(_words(data, 'addressees'))}){b},? ?")
        self.after_addressee = re.compile(
            rf"(?:{trie_regex(_words(data, 'after_addressee'))}){b}(?: các nội dung| nội dung)?:? ?"
        )
        self.modal = re.compile(rf"(?<!\w)(?:{trie_regex(_words(data, 'modals'))}) ")
        self.connector = re.compile(rf"(?:{trie_regex(_words(data, 'connectors'))}){b},? ?")
        self.noun_before = re.compile(rf"(?<!\w)(?:{trie_regex(_words(data, 'noun_before'))}) $")
        # A noun use that still opens a list: "các kiến nghị sau:", "kiến nghị, đề xuất về:".
        self.list_intro = re.compile(r"[^.;:\n]{0,45}:")
        self.noun_after = re.compile(r" (?:của|này|đó|trên|nêu|được|đã|sẽ)(?!\w)|[.,;)]")
        # "giao" assigns only when a body or addressee follows: "giao Văn phòng Tỉnh ủy ...".
        self.assign = re.compile(rf" (?:cho |nhiệm vụ |các |[{UPPER}])")
        self.coordinated = re.compile(r"(?:,? đồng thời|,? và|, sau đó|,? cũng) $")
        self.addressee_start = re.compile(rf"(?:{trie_regex(_words(data, 'addressee_starts'))}){b}")
        self.verb = re.compile(rf"(?<!\w)(?:{trie_regex(_words(data, 'direction_verbs'))}){b}")
        self.verb_window = int(data.get("verb_window") or 70)
        self.body_sep = re.compile(r",? (?:và |cùng |với )?|, ")
        # For a leader's verb a comma may follow: "đồng chí đề nghị, thời gian tới, huyện cần ...".
        self.noun_after_direction = re.compile(r" (?:của|này|đó|trên|nêu|được|đã|sẽ)(?!\w)|[.;)]")
        self.needs_modal = frozenset(_words(data, "needs_modal"))
        self.not_after = re.compile(rf" (?:{trie_regex(_words(data, 'not_after'))}){b}")
        self.continuation = re.compile(
            r"(?:đồng thời|cùng với đó|cùng đó|bên cạnh đó|ngoài ra|mặt khác|trong đó|"
            r"đặc biệt|nhất là|song song với đó)(?!\w)"
        )
        self.person_cue = re.compile(r"(?<!\w)(?:đồng chí|ông|bà)(?!\w)")
        self.time_lead = re.compile(
            r"(?:trong )?(?:năm \d{4}|thời gian tới|giai đoạn tới)(?:,| )\s*"
        )
        # A list item's mark: "-", "1.", "a)", and the numbered words "Một là,", "Thứ hai,".
        self.bullet = re.compile(
            r"\s*(?:[-+•*–]|\d{1,2}[.)/]|\(\d{1,2}\)|[a-zđ][.)]"
            r"|(?i:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+là\s*[,:]"
            r"|(?i:thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười))\s*[,:])\s+"
        )


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    return Patterns()


class Spans:
    """Sentence and line look-ups for one doc (bisect, so linear overall)."""

    def __init__(self, doc: Doc) -> None:
        text = doc.text
        if doc.sentences:
            self.sentences = [(s.start, s.end) for s in doc.sentences]
        else:
            self.sentences = [m.span() for m in re.finditer(r"[^\n]+", text)]
        if doc.lines:
            self.lines = [(s.start, s.end) for s in doc.lines]
        else:
            self.lines = [m.span() for m in re.finditer(r"[^\n]+", text)]
        self._s = [s for s, _ in self.sentences]
        self._l = [s for s, _ in self.lines]

    def sentence(self, pos: int) -> tuple[int, int]:
        k = bisect_right(self._s, pos) - 1
        if k >= 0 and self.sentences[k][0] <= pos < self.sentences[k][1]:
            return self.sentences[k]
        return self.line(pos)

    def line(self, pos: int) -> tuple[int, int]:
        k = bisect_right(self._l, pos) - 1
        if k >= 0 and self.lines[k][0] <= pos <= self.lines[k][1]:
            return self.lines[k]
        return (pos, pos)

    def next_line(self, pos: int) -> tuple[int, int] | None:
        k = bisect_right(self._l, pos)
        return self.lines[k] if k < len(self.lines) else None


_SPLIT = re.compile(r";|…|\.\.\.|\.(?=\s+[^\W\d_])|\n")


def split_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Pieces of ``text[start:end]`` between ";", "…" and sentence ends, trimmed."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in _SPLIT.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    trimmed = []
    for s, e in out:
        while s < e and (text[s].isspace() or text[s] in "-+•*:,"):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ".,:;…!\"'"):
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


def strip_lead(text: str, s: int, e: int, pat: Patterns, *, addressee: bool, modal: bool) -> int:
    """Start of an item after its connectors, addressee and modal ("huyện cần ...")."""
    low = lowered(text)
    for _ in range(4):
        before = s
        m = pat.connector.match(low, s, e)
        if m and m.end() < e:
            s = m.end()
        m = pat.bullet.match(low, s, e)
        if m and m.end() < e:
            s = m.end()
        if before == s:
            break
    if modal:
        m = pat.modal.search(low, s, min(e, s + 110))
        if m and m.end() < e:
            # Only a short lead before the modal: "huyện Lộc Bình cần", "thời gian tới, huyện cần".
            return _strip_connectors(low, m.end(), e, pat)
    if addressee:
        cut = _cut_at_verb(text, low, s, e, pat)
        if cut > 0:
            return cut
        for _ in range(3):
            before = s
            m = pat.time_lead.match(low, s, e)
            if m and m.end() < e:
                s = m.end()
            b = body_at(text, s) if s < len(text) and text[s].isupper() else -1
            if b > 0 and b < e:
                sep = pat.body_sep.match(low, b, e)
                if sep:
                    s = sep.end()
            m = pat.addressee.match(low, s, e)
            if m and m.end() < e:
                s = m.end()
                if s < len(text) and text[s].isupper():
                    p = match_place(text, s, True)
                    if p > 0 and p < e:
                        s = p + 1 if text[p] == " " else p + 2
            elif s < len(text) and text[s].isupper():
                p = match_place(text, s, False)
                if p > 0 and p < e and text[p] == " ":
                    s = p + 1
            if before == s:
                break
    return _strip_connectors(low, s, e, pat)


def _cut_at_verb(text: str, low: str, s: int, e: int, pat: Patterns) -> int:
    """The start of the first verb of "các cấp ủy, tổ chức đảng tập trung ...", or -1."""
    if not pat.addressee_start.match(low, s):
        return -1
    v = pat.verb.search(low, s + 1, min(e, s + pat.verb_window))
    if v is None or e - v.start() <= 8:
        return -1
    if low.startswith(("cần ", "phải "), v.start()):
        return _strip_connectors(low, v.end() + 1, e, pat)
    return v.start()


def _strip_connectors(low: str, s: int, e: int, pat: Patterns) -> int:
    for _ in range(3):
        m = pat.connector.match(low, s, e)
        if not (m and m.end() < e):
            break
        s = m.end()
    while s < e and low[s] in " ,:":
        s += 1
    return s


def mentions_of(doc: Doc) -> list[tuple[int, int, str | None, list[tuple[int, int]]]]:
    from .people import analyse

    return analyse(doc)[2]


def is_upper_addressee(low: str, pos: int, doc: Doc | None = None, trigger: int = -1) -> int:
    """End of an addressee of the level above right at ``pos`` ("tỉnh", "với Trung ương"), or -1.

    With ``doc`` and ``trigger``: a province is not the level above a central leader
    ("Phó Trưởng Ban Tổ chức Trung ương ... đề nghị tỉnh tiếp tục ..." is a direction).
    """
    m = patterns().upper.match(low, pos)
    if m is None:
        return -1
    if (
        doc is not None
        and _PROVINCIAL.fullmatch(m.group().strip())
        and _central_speaker(doc, trigger)
    ):
        return -1
    return m.end()


# Addressees of the provincial level, and the titles of central leaders (once the membership of
# the Central Committee, which provincial secretaries hold too, is taken out).
_PROVINCIAL = re.compile(r"(?:với )?(?:tỉnh|các sở, (?:ban, )?ngành (?:của )?tỉnh)")
_CENTRAL_MEMBER = re.compile(
    r"ủy viên (?:dự khuyết )?(?:ban chấp hành )?trung ương đảng|ủy viên trung ương"
)
_CENTRAL_TITLE = re.compile(
    r"trung ương|bộ chính trị|ban bí thư|chính phủ|thủ tướng|quốc hội|bộ trưởng|thứ trưởng"
    r"|chủ tịch nước|(?<!\w)bộ (?!phận)"
)


def _central_speaker(doc: Doc, trigger: int) -> bool:
    """Whether the person speaking right before ``trigger`` holds a central title."""
    mentions = mentions_of(doc)
    k = bisect_right(mentions, trigger - 1, key=lambda t: t[0])
    while k > 0 and mentions[k - 1][2] is None and not mentions[k - 1][3]:
        k -= 1
    if k == 0:
        return False
    text = doc.text
    _, _, name, positions = mentions[k - 1]
    spans = list(positions)
    if name is not None:
        spans = [p for m in mentions if m[2] == name for p in m[3]]
    titles = " ".join(lowered(text[a:b]) for a, b in spans)
    return _CENTRAL_TITLE.search(_CENTRAL_MEMBER.sub(" ", titles)) is not None


_GAP_MAX = 40


def speaker_before(
    text: str,
    low: str,
    mentions: list[tuple[int, int, str | None, list[tuple[int, int]]]],
    sent_start: int,
    trigger: int,
) -> bool:
    """Whether a person (name, title or "đồng chí") ends shortly before ``trigger``.

    The gap may hold a few words ("cũng", "đã", "tiếp tục") but no ":" or ";" ("X báo cáo: ...;
    chỉ đạo học tập ..." is a report, not a direction).
    """
    from .people import _patterns as people_patterns
    from .people import _positions_after

    # "X ghi nhận ..., đồng thời lưu ý ...": a second verb of the same speaker.
    coordinated = patterns().coordinated.search(low, max(0, trigger - 16), trigger) is not None
    gap_max = 220 if coordinated else _GAP_MAX

    def close(e: int) -> bool:
        if e <= trigger and trigger - e <= gap_max:
            gap = text[e:trigger]
            if ";" in gap or ":" in gap or "." in gap:
                return False
            return coordinated or "," not in gap or gap.startswith(", ") and gap.count(",") == 1
        return False

    # Mentions are in text order: only those starting in [trigger - 200, trigger) can be close.
    lo = max(sent_start, trigger - 300)
    k = bisect_right(mentions, trigger, key=lambda t: t[0])
    while k > 0 and mentions[k - 1][0] >= lo:
        s, e, _name, positions = mentions[k - 1]
        if close(max([e] + [pe for _, pe in positions])):
            return True
        k -= 1
    pat = patterns()
    for m in pat.person_cue.finditer(low, max(sent_start, trigger - 60), trigger):
        if close(m.end()):
            return True
    for m in people_patterns().title.finditer(text, max(sent_start, trigger - 80), trigger):
        if m.start() == 0 or not text[m.start() - 1].isalnum():
            _, ce = _positions_after(text, low, m.start())
            if close(max(ce, m.end())):
                return True
    return False


# "kiến nghị thu hồi 1,25 tỷ đồng", "kiến nghị xử lý tài chính 300 triệu đồng": a finding.
_FINDING = re.compile(
    r" (?:thu hồi|xử lý tài chính|xuất toán|giảm trừ)(?: về)?(?: cho)?(?: ngân sách(?: nhà nước)?)?"
    r"(?: số tiền)?(?: (?:trên|gần|khoảng|hơn))? \d"
)
# The visiting delegation (or its members) speaking: its "đề nghị" goes down to the body visited.
_DELEGATION_BEFORE = re.compile(
    r"(?:đoàn (?:giám sát|kiểm tra|công tác|khảo sát)|thành viên (?:của |trong )?đoàn)"
    r"[^.;:]{0,30}$"
)
_LOWER_ADDRESSEE = re.compile(
    r" (?:ubnd |ủy ban nhân dân |các )?(?:huyện|xã|thị xã|phường|thị trấn|địa phương|đơn vị)"
    r"(?!\w)"
)


def list_extent(doc: Doc, spans: Spans, pos: int) -> tuple[int, int, bool]:
    """Where the listed items after ``pos`` lie: ``(start, end, colon)``.

    After a colon the items run to the end of the line, or over the bullet lines below when the
    colon ends its line; without a colon, to the end of the sentence.
    """
    text = doc.text
    sent = spans.sentence(pos)
    line = spans.line(pos)
    colon = text.find(":", pos, min(sent[1], pos + 200))
    if colon < 0:
        return pos, sent[1], False
    after = colon + 1
    if text[after : line[1]].strip():
        return after, line[1], True
    # Bullet lines below.
    end = after
    nxt = spans.next_line(line[1])
    pat = patterns()
    while nxt is not None and pat.bullet.match(text, nxt[0], nxt[1]):
        end = nxt[1]
        nxt = spans.next_line(nxt[1])
    return after, end, True


def cut_at_ellipsis(text: str, start: int, end: int) -> int:
    """A list ends at "…" ("đào tạo nghề cho lao động nông thôn… Cùng đó, ...")."""
    for mark in ("…", "..."):
        k = text.find(mark, start, end)
        if k >= 0:
            end = k
    return end


def recognize(doc: Doc) -> list[dict[str, Any]]:
    """``[{"text": phrase as written, "span": [s, e]}]`` for every recommendation."""
    pat = patterns()
    text = doc.text
    low = lowered(text)
    if pat.rec_trigger.search(low) is None:
        return []
    spans = Spans(doc)
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    done_until = -1
    for m in pat.rec_trigger.finditer(low):
        t0, t1 = m.span()
        if t0 < done_until or (t0 > 0 and low[t0 - 1].isalnum()):
            continue
        intro = pat.list_intro.match(low, t1)
        if not intro and (
            pat.noun_before.search(low, max(0, t0 - 20), t0)
            or pat.noun_after.match(low, t1)
            or pat.not_after.match(low, t1)
        ):
            continue
        sent = spans.sentence(t0)
        up = is_upper_addressee(low, t1 + 1, doc, t0) if t1 < len(low) and low[t1] == " " else -1
        trig = m.group()
        if (
            trig.startswith("đề nghị")
            and "kiến nghị" not in trig
            and "đề xuất" not in trig
            and up < 0
            and speaker_before(text, low, mentions_of(doc), sent[0], t0)
        ):
            continue  # a leader's "đề nghị": a direction
        if _FINDING.match(low, t1):
            continue  # "kiến nghị thu hồi 1,25 tỷ đồng": an inspection finding (an indicator)
        if up < 0 and (
            _DELEGATION_BEFORE.search(low, max(sent[0], t0 - 60), t0)
            or (trig == "đề nghị" and _LOWER_ADDRESSEE.match(low, t1))
        ):
            # A request down to the body visited ("đoàn giám sát đề nghị huyện làm rõ ...",
            # "đại diện Sở Tài chính đề nghị huyện rà soát ..."): not a proposal.
            continue
        start, end, colon = list_extent(doc, spans, t1)
        if not colon:
            p = t1
            if up > 0:
                p = up
            else:
                while p < end and text[p] == " ":
                    p += 1
                if low.startswith("với ", p):
                    p += 4
                b = body_at(text, p) if p < end and text[p].isupper() else -1
                if b > 0:
                    p = b
            while p < end and text[p] == " ":
                p += 1
            a = pat.after_addressee.match(low, p, end)
            if a:
                p = a.end()
            start = p
        end = cut_at_ellipsis(text, start, end)
        items = split_items(text, start, end)
        if not items:
            continue
        done_until = end
        for s, e in items:
            s = strip_lead(text, s, e, pat, addressee=False, modal=False)
            if e - s < 8 or len(text[s:e].split()) < 2:
                continue
            key = text[s:e].lower()
            if key in seen:
                continue
            seen.add(key)
            rs, re_ = doc.raw_span(s, e)
            out.append({"text": doc.raw[rs:re_], "span": [rs, re_]})
    return out
