"""Directions a leader gives, one short phrase each, with the person who gave them.

"đồng chí Bí thư Tỉnh ủy yêu cầu: A; B." and "Đồng chí yêu cầu huyện Lộc Bình cần A; B; C."
give A, B (and C).  A trigger verb (yêu cầu, đề nghị, chỉ đạo, lưu ý, giao ...) counts when a
person speaks in its sentence: a named person, a title ("đồng chí Bí thư Tỉnh ủy", resolved to
the person holding it) or "Đồng chí"/"ông"/"bà" alone (the person last named).  After a colon
the directions run to the end of the paragraph, else to the end of the sentence; items split on
";" and sentence ends, with the addressee and modal ("huyện cần") stripped.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from .doc import Doc
from .organizations import lowered
from .recommendations import (
    Spans,
    is_upper_addressee,
    list_extent,
    patterns,
    speaker_before,
    split_items,
    strip_lead,
)


class _Speakers:
    """Who holds which position, and the people named, for resolving "by" (built once a doc)."""

    def __init__(self, people: list[dict[str, Any]]) -> None:
        self.holders: dict[str, str] = {}
        self.display: dict[str, str] = {}
        for person in people:
            name = str(person["name"])
            self.display[" ".join(name.split())] = name
            for pos in person.get("positions") or []:
                self.holders.setdefault(" ".join(pos.split()).lower(), name)

    def name(self, name: str) -> str:
        return self.display.get(" ".join(name.split()), name)

    def holder(self, title: str) -> str | None:
        title = " ".join(title.split()).lower()
        if title in self.holders:
            return self.holders[title]
        for held, who in self.holders.items():
            if held.endswith(title) or title.endswith(held):
                return who
        return None


def _resolve_by(
    mentions: list[tuple[int, int, str | None, list[tuple[int, int]]]],
    text: str,
    speakers: _Speakers,
    sent_start: int,
    trigger: int,
) -> str | None:
    """Who speaks before ``trigger``: the last mention in the sentence, or the last named before."""
    k = bisect_right(mentions, trigger - 1, key=lambda t: t[0])
    if k > 0 and mentions[k - 1][0] >= sent_start:
        s, e, name, positions = mentions[k - 1]
        if name is not None:
            return speakers.name(name)
        for ps, pe in positions:
            who = speakers.holder(text[ps:pe])
            if who is not None:
                return who
        return None
    # A title alone ("Thủ tướng yêu cầu ..."): the person who holds it.
    from .people import _patterns as people_patterns
    from .people import _positions_after

    last_title: tuple[int, int] | None = None
    for m in people_patterns().title.finditer(text, max(sent_start, trigger - 120), trigger):
        last_title = m.span()
    if last_title is not None:
        chain, _ = _positions_after(text, lowered(text), last_title[0])
        for ps, pe in chain or [last_title]:
            who = speakers.holder(text[ps:pe])
            if who is not None:
                return who
    while k > 0:
        name = mentions[k - 1][2]
        if name is not None:
            return speakers.name(name)
        k -= 1
    return None


_MODAL_LEAD_WORDS = 12  # "thời gian tới, cấp ủy, chính quyền huyện Lộc Bình cần ..."


def _instruction_modal(low: str, start: int, end: int, pat: Any) -> bool:
    """Whether a modal after ``start`` gives an instruction: a short lead (an addressee, a time)
    before it, not a statement ("kỳ họp được triệu tập ..., nhiều nội dung cần quyết định")."""
    m = pat.modal.search(low, start, min(end, start + 160))
    if m is None:
        return False
    lead = low[start : m.start()].strip(" :,")
    words = lead.split()
    return len(words) <= _MODAL_LEAD_WORDS and not {"được", "sẽ", "đã", "đang"} & set(words)


def recognize(doc: Doc, people: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """``[{"text", "by", "span"}]`` for every direction in ``doc``."""
    from .people import analyse

    pat = patterns()
    text = doc.text
    low = lowered(text)
    if pat.dir_trigger.search(low) is None:
        return []
    found_people, _, mentions = analyse(doc)
    if people is None:
        people = found_people
    spans = Spans(doc)
    speakers = _Speakers(people)
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    done_until = -1
    for m in pat.dir_trigger.finditer(low):
        t0, t1 = m.span()
        if t0 < done_until or (t0 > 0 and low[t0 - 1].isalnum()):
            continue
        if m.group() == "giao" and not pat.assign.match(text, t1):
            continue  # "giao thông", "bàn giao": not an assignment
        if pat.noun_before.search(low, max(0, t0 - 20), t0) or pat.noun_after_direction.match(
            low, t1
        ):
            continue
        sent = spans.sentence(t0)
        # A person must speak in this sentence, right before the verb.
        if not speaker_before(text, low, mentions, sent[0], t0):
            continue
        trig = m.group()
        if (
            trig.startswith("đề nghị")
            and t1 < len(low)
            and low[t1] == " "
            and is_upper_addressee(low, t1 + 1, doc, t0) > 0
        ):
            continue  # a request to the level above ("tỉnh", "Trung ương"): a recommendation
        start, end, colon = list_extent(doc, spans, t1)
        if not colon:
            # "... yêu cầu huyện tập trung A; B. Đồng thời, chú trọng C.": the next sentences
            # that carry on with a connector belong to the same directions.
            line_end = spans.line(t1)[1]
            while end < line_end:
                nxt = spans.sentence(end + 1 if text[end : end + 1] == " " else end)
                if nxt[0] <= end - 1 or not pat.continuation.match(low, nxt[0]):
                    break
                end = nxt[1]
        if trig in pat.needs_modal and not _instruction_modal(low, t1, end, pat):
            continue
        if not colon:
            while start < end and text[start] == " ":
                start += 1
        items = split_items(text, start, end)
        if not items:
            continue
        done_until = end
        by = _resolve_by(mentions, text, speakers, sent[0], t0)
        for i, (s, e) in enumerate(items):
            s = strip_lead(text, s, e, pat, addressee=True, modal=i == 0 or colon)
            if e - s < 8 or len(text[s:e].split()) < 3:
                continue
            key = text[s:e].lower()
            if key in seen:
                continue
            seen.add(key)
            rs, re_ = doc.raw_span(s, e)
            out.append({"text": doc.raw[rs:re_], "by": by, "span": [rs, re_]})
    return out
