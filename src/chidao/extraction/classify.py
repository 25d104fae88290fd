"""Title, genre and event kind of a text, from weighted cue vocabularies (``data/classify.yaml``).

The genre is ``party_gov_meeting`` only when the Party/government cues clearly outweigh the
cues of other news (sport, weather, business, crime, entertainment): a football report that
mentions a provincial chairman stays ``other``.  Cues in the title and the lead count more.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from .doc import Doc
from .organizations import lowered, trie_regex
from .resources import load_yaml


class _Cues:
    def __init__(self) -> None:
        data = load_yaml("classify.yaml")
        self.max_hits = int(data["max_hits"])
        self.lead_factor = float(data["lead_factor"])
        self.lead_chars = int(data["lead_chars"])
        self.party_min = float(data["party_min"])
        self.party_ratio = float(data["party_ratio"])
        self.party_strong = float(data.get("party_strong") or 1e9)
        self.kind_min = float(data["kind_min"])
        self.no_meeting_other_min = float(data.get("no_meeting_other_min") or 1e9)
        self.weights: dict[str, dict[str, float]] = {
            "party": {str(k).lower(): float(v) for k, v in data["party"].items()},
            "other": {str(k).lower(): float(v) for k, v in data["other"].items()},
        }
        for kind, cues in data["kinds"].items():
            self.weights[str(kind)] = {str(k).lower(): float(v) for k, v in cues.items()}
        phrases: set[str] = set()
        for table in self.weights.values():
            phrases.update(table)
        self.regex = re.compile(rf"(?:{trie_regex(phrases)})(?![\w-])")
        self.scan_chars = int(data.get("scan_chars") or 0)
        self.not_title = re.compile(str(data["not_title"]), re.IGNORECASE)
        self.kinds = [str(k) for k in data["kinds"]]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    return _Cues()


def _title(doc: Doc) -> tuple[str | None, int]:
    """The first line that is not a dateline, as written, and where the lead ends."""
    cues = _cues()
    text = doc.text
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        if not line.strip() or cues.not_title.match(line):
            continue
        rs, re_ = doc.raw_span(m.start(), m.end())
        return doc.raw[rs:re_].strip(), m.end()
    return None, 0


def scores(doc: Doc, title_end: int | None = None) -> dict[str, float]:
    """Cue score per table (party, other and each event kind)."""
    cues = _cues()
    low = lowered(doc.text)
    if title_end is None:
        _, title_end = _title(doc)
    lead_end = max(title_end, min(len(low), title_end + cues.lead_chars))
    result = {name: 0.0 for name in cues.weights}
    end = len(low) if not cues.scan_chars else min(len(low), lead_end + cues.scan_chars)
    # Counted in C (findall + Counter): the first ``max_hits`` hits of a cue count, those in the
    # lead ``lead_factor`` times.  (No left word boundary: the cues are whole words that do not
    # end other words.)
    lead_hits = Counter(cues.regex.findall(low, 0, lead_end))
    rest_hits = Counter(cues.regex.findall(low, lead_end, end))
    for phrase in lead_hits.keys() | rest_hits.keys():
        n_lead = min(lead_hits.get(phrase, 0), cues.max_hits)
        n_rest = min(rest_hits.get(phrase, 0), cues.max_hits - n_lead)
        weight = n_lead * cues.lead_factor + n_rest
        for name, table in cues.weights.items():
            w = table.get(phrase)
            if w:
                result[name] += w * weight
    return result


def recognize(doc: Doc) -> dict[str, Any]:
    """``{"title", "genre", "event_kind"}`` of ``doc``."""
    cues = _cues()
    title, title_end = _title(doc)
    s = scores(doc, title_end)
    # A meeting's own wording (sơ kết, kỳ họp, làm việc với ...) is evidence for the genre too:
    # a Party conference on crime prevention stays a Party text.
    party = s["party"] + max(s[k] for k in cues.kinds)
    other = s["other"]
    # No meeting reported (no event-kind cue) and a weak Party score beside a clear topical one
    # (a storm report where the chairman gives orders on site, a festival opened by officials):
    # the text is news of that topic, not a meeting.
    no_meeting = max(s[k] for k in cues.kinds) < cues.kind_min
    if no_meeting and party < cues.party_strong and other >= cues.no_meeting_other_min:
        genre = "other"
        event_kind = None
    elif party >= cues.party_min and (
        party >= cues.party_ratio * other or (party >= cues.party_strong and party > other)
    ):
        genre = "party_gov_meeting"
        best = max(cues.kinds, key=lambda k: (s[k], -cues.kinds.index(k)))
        event_kind = best if s[best] >= cues.kind_min else "other"
    else:
        genre = "other"
        event_kind = None
    return {"title": title, "genre": genre, "event_kind": event_kind}
