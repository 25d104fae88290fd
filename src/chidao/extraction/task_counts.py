"""Key-task status counts: "Trong 10 nhiệm vụ thuộc 5 nhóm nhiệm vụ trọng tâm ..., có 1 nhiệm
vụ hoàn thành kế hoạch năm, 8 nhiệm vụ cơ bản hoàn thành đạt tiến độ".

Within one sentence: the total is a task count after "Trong/Tổng số/Đối với ...", the groups a
count of "nhóm", and every other count is classed by the status wording after it
(``data/task_counts.yaml``).  A field the text does not give stays ``None``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Any

from .doc import Doc
from .documents_issued import count_pattern, count_value
from .organizations import lowered, trie_regex
from .resources import load_yaml

_STATUS_GAP = 40  # characters between a count and its status word at most
FIELDS = ("completed", "on_track", "behind")


class _Patterns:
    def __init__(self) -> None:
        data = load_yaml("task_counts.yaml")
        tasks = {str(x).lower() for x in data["task_nouns"]}
        groups = {str(x).lower() for x in data["group_nouns"]}
        self.groups = frozenset(groups)
        self.statuses: dict[str, str] = {
            str(k).lower(): str(v) for k, v in data["statuses"].items()
        }
        status = trie_regex(self.statuses)
        self.count = re.compile(
            rf"(?<![\w.,/%])(?P<num>{count_pattern()})(?:/(?P<of>\d{{1,4}}))?(?![\w%/]|[.,]\d)"
            rf"(?: (?P<noun>{trie_regex(tasks | groups)})(?!\w)| (?=(?:{status})(?!\w)))"
        )
        self.status = re.compile(rf"(?<!\w)(?:{status})(?!\w)")
        self.status_before = re.compile(rf"(?<!\w)(?:{status})(?: (?:được|là|có|với|gồm))* ?$")
        self.total_cue = re.compile(
            rf"(?<!\w)(?:{trie_regex(str(x).lower() for x in data['total_cues'])}) $"
        )
        self.task_word = re.compile(rf"(?:{trie_regex(tasks)})(?!\w)")


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    return _Patterns()


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    if doc.sentences:
        return [(s.start, s.end) for s in doc.sentences]
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", doc.text)]


def recognize(doc: Doc) -> dict[str, Any] | None:
    """``{"total", "groups", "completed", "on_track", "behind", "span"}`` or ``None``."""
    pat = _patterns()
    text = doc.text
    low = lowered(text)
    sentences = _sentences(doc)
    starts = [s for s, _ in sentences]
    done = -1
    for hit in pat.task_word.finditer(low):
        k = bisect_right(starts, hit.start()) - 1
        if k < 0 or k == done:
            continue
        done = k
        s0, e0 = sentences[k]
        counts = list(pat.count.finditer(low, s0, e0))
        if not counts:
            continue
        result: dict[str, Any] = {
            "total": None,
            "groups": None,
            "completed": None,
            "on_track": None,
            "behind": None,
        }
        span_start = span_end = -1
        found_status = False
        saw_task = False
        for i, m in enumerate(counts):
            value = count_value(m.group("num"))
            if value is None:
                continue
            if m.group("of") is not None and result["total"] is None:
                result["total"] = int(m.group("of"))  # "5/7 nhiệm vụ hoàn thành"
            noun = m.group("noun")
            if noun in pat.groups:
                if result["groups"] is None:
                    result["groups"] = value
                continue
            if noun is None and not saw_task:
                continue  # a bare number before any task noun: not ours
            saw_task = saw_task or noun is not None
            limit = counts[i + 1].start() if i + 1 < len(counts) else e0
            seg_end = min(limit, m.end() + 90)
            for stop in (",", ";", ".", ":", "("):
                k = low.find(stop, m.end(), seg_end)
                if k >= 0:
                    seg_end = k
            # The status follows the count closely ("8 nhiệm vụ cơ bản hoàn thành").
            st = pat.status.search(low, m.end(), min(seg_end, m.end() + _STATUS_GAP))
            if st is None and noun is not None:
                # "đã hoàn thành đúng hạn 15 nhiệm vụ": the status before the count.
                prev_end = counts[i - 1].end() if i else s0
                b = pat.status_before.search(low, max(prev_end, m.start() - 50), m.start())
                if b is not None:
                    st = pat.status.match(low, b.start())
            is_total = (
                result["total"] is None
                and not found_status
                and (
                    pat.total_cue.search(low, max(s0, m.start() - 20), m.start()) is not None
                    or st is None
                )
            )
            if st is not None and not is_total:
                field = pat.statuses[st.group()]
                result[field] = (result[field] or 0) + value
                found_status = True
                span_end = max(span_end, st.end(), m.end())
                if span_start < 0:
                    span_start = m.start()
            elif is_total and noun is not None:
                result["total"] = value
                span_start = m.start()
        if found_status:
            rs, re_ = doc.raw_span(span_start, span_end)
            result["span"] = [rs, re_]
            return result
    return None
