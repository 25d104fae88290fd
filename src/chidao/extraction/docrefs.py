"""References to official documents: "Chỉ thị số 10-CT/TW", "Nghị định 30/2020/NĐ-CP",
"Nghị quyết Trung ương 4 (khóa XII)", "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII",
"Luật Đất đai năm 2024".

Numbers are found by the shared grammar ``chidao.docnumber.find_all``; the type comes from the
type word written before the number when there is one ("Quy định số 08-QĐi/TW"), else from the
number's type code.  References without a number name the meeting that adopted them, or are
laws named by their title.  A bare generic word ("các nghị quyết, chỉ thị") and a draft
("dự thảo Quy định về ...") are not references.  Vocabulary in ``data/docrefs.yaml``.

Speed: the whole text is scanned only by fast patterns (a digit-led pre-scan for numbers, a
case-sensitive scan for capitalised type words); the detailed patterns run at those spots.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .doc import Doc
from .organizations import LOWER, UPPER, lowered, phrases_regex, trie_regex
from .resources import load_yaml

_ROMAN = r"[ivxlc]+"  # matched on the lower-cased text
Found = tuple[int, int, str, str | None, str | None, str | None]


class _Patterns:
    def __init__(self) -> None:
        data = load_yaml("docrefs.yaml")
        self.types: dict[str, str] = {str(k).lower(): str(v) for k, v in data["types"].items()}
        self.bare = frozenset(str(t).lower() for t in data["bare_number_types"])
        self.meeting_types = frozenset(str(t).lower() for t in data["meeting_types"])
        self.law_types = frozenset(str(t).lower() for t in data["law_types"])
        type_re = trie_regex(self.types)
        not_before = trie_regex(str(w).lower() for w in data["not_before"])
        # Candidates for a number: digits, a separator, a letter ("10-CT", "123/QĐ", "30/2020/NĐ").
        self.number_hint = re.compile(r"\d[-/](?:\d{4}/)?[^\W\d_]")
        # Type word (+ "số") right before a number (on the lower-cased text).
        self.before_number = re.compile(rf"(?<!\w)(?P<type>{type_re})(?: số:?| số)? ?$")
        self.draft = re.compile(rf"(?<!\w)(?:{not_before}) $")
        # A number the grammar does not know ("08-QĐi/TW"), after "số".
        self.loose_number = re.compile(
            r"số:? ?(?P<num>\d{1,6})(?P<sep>[-/])(?P<sym>(?:\d{4}/)?[^\W_]+(?:[-/][^\W_]+)*)"
        )
        # A capitalised type word: the start of a bare-number, meeting or law reference.
        self.type_word = re.compile(
            rf"(?:{phrases_regex(data['types'])}|{phrases_regex(data['law_types'])})(?!\w)"
        )
        self.bare_number = re.compile(
            r" (?:số:? )?(?P<num>\d{1,5})(?![\w,./-]*\w)"
            r"(?! (?:năm|tháng|ngày|tuần|giờ|%|người|lần|đồng|tỷ|triệu|nghìn|ha|km|xã|huyện)\b)"
        )
        place = r"(?: \w+){0,3}"
        unit = r"(?:tỉnh|huyện|thành phố|thị xã|quận|xã|phường|thị trấn)"
        term = rf"(?: ?\(khóa {_ROMAN}\)|,? khóa {_ROMAN})"
        self.meeting = re.compile(
            r" (?:"
            rf"(?:hội nghị )?(?:lần thứ \w+ )?(?:ban chấp hành )?trung ương (?:\d{{1,2}}|{_ROMAN}|lần thứ \w+)(?!\w){term}?"
            rf"|đại hội(?: đại biểu)?(?: toàn quốc)?(?: đảng bộ {unit}{place}| đảng bộ| đảng)?"
            rf"(?: lần thứ (?:{_ROMAN}|\w+)| {_ROMAN}(?!\w))(?: của đảng)?"
            r"(?:,? nhiệm kỳ \d{4} ?- ?\d{4})?"
            r")",
        )
        # A law by its title: a capitalised first word, then words up to a function word.
        stop = trie_regex(str(w).lower() for w in data["law_title_stop"])
        # Another capitalised type word starts another reference ("Luật Đất đai, Luật Nhà ở").
        types_cap = rf"(?:{trie_regex(data['types'])}|{trie_regex(data['law_types'])})(?!\w)"
        self.law = re.compile(
            r"(?: (?:sửa đổi, bổ sung một số điều của (?:Luật|Bộ luật) )?"
            rf"[{UPPER}][{LOWER}]*(?:,? (?!(?i:{stop})(?!\w))(?!{types_cap})[{UPPER}{LOWER}]+){{0,9}})?"
            r"(?: (?:năm|số) \d{2,4}(?:/\d{4}/QH\d+)?)?"
        )


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    return _Patterns()


def _cap(type_word: str, pat: _Patterns) -> str:
    return pat.types.get(type_word.lower(), type_word[:1].upper() + type_word[1:].lower())


def _numbers(text: str, pat: _Patterns) -> list[tuple[int, int, Any]]:
    """``find_all`` run on the windows around number-like spots only (same results, faster)."""
    from chidao.docnumber import find_all

    windows: list[list[int]] = []
    for m in pat.number_hint.finditer(text):
        s, e = max(0, m.start() - 8), min(len(text), m.end() + 40)
        if windows and s <= windows[-1][1]:
            windows[-1][1] = e
        else:
            windows.append([s, e])
    out: list[tuple[int, int, Any]] = []
    seen: set[int] = set()
    for ws, we in windows:
        # Extend the window to whole words so a number is never cut.
        while ws > 0 and not text[ws - 1].isspace():
            ws -= 1
        while we < len(text) and not text[we].isspace():
            we += 1
        for s, e, num in find_all(text[ws:we]):
            if ws + s not in seen:
                seen.add(ws + s)
                out.append((ws + s, ws + e, num))
    return out


def recognize(doc: Doc) -> list[dict[str, Any]]:
    """Document references in ``doc``: ``[{"raw", "type", "number", "symbol", "issuer", "span"}]``."""
    pat = _patterns()
    text = doc.text
    low = lowered(text)
    found: list[Found] = []
    covered = bytearray(len(text) + 1)

    def cover(s: int, e: int) -> None:
        covered[s:e] = b"\x01" * (e - s)

    def free(s: int, e: int) -> bool:
        return covered.find(1, s, e) < 0

    def is_draft(start: int) -> bool:
        return pat.draft.search(low, max(0, start - 30), start) is not None

    for s, e, num in _numbers(text, pat):
        number_text = text[s:e]
        if number_text.startswith(num.number):
            symbol = number_text[len(num.number) + 1 :]
        else:
            symbol = num.symbol
        m = pat.before_number.search(low, max(0, s - 30), s)
        if m:
            start = m.start()
            type_name = _cap(m.group("type"), pat)
        else:
            start = s
            if s >= 3 and low[s - 3 : s] == "số ":
                start = s - 3
            elif s >= 4 and low[s - 4 : s] == "số: ":
                start = s - 4
            names = num.type_names
            type_name = names[0] if names else "Văn bản"
        cover(start, e)
        if not is_draft(start):
            found.append((start, e, type_name, num.number, symbol, num.issuer))

    if "số" in low:
        for m in pat.loose_number.finditer(low):
            s, e = m.span()
            if not free(s, e) or (s > 0 and low[s - 1].isalnum()):
                continue
            t = pat.before_number.search(low, max(0, s - 30), s)
            if t is None:
                continue
            start = t.start()
            sym = text[m.start("sym") : m.end("sym")]
            issuer = sym.rsplit("/", 1)[-1] if "/" in sym else sym.split("-", 1)[-1]
            cover(start, e)
            if not is_draft(start):
                found.append((start, e, _cap(t.group("type"), pat), m.group("num"), sym, issuer))

    for m in pat.type_word.finditer(text):
        s, te = m.span()
        if (s > 0 and text[s - 1].isalnum()) or not free(s, te) or is_draft(s):
            continue
        word = m.group().lower()
        ref: Found | None = None
        if word in pat.meeting_types:
            mm = pat.meeting.match(low, te)
            if mm:
                ref = (s, mm.end(), _cap(word, pat), None, None, None)
        if ref is None and word in pat.bare:
            mb = pat.bare_number.match(low, te)
            if mb:
                ref = (s, mb.end(), _cap(word, pat), mb.group("num"), None, None)
        if ref is None and word in pat.law_types:
            ml = pat.law.match(text, te)
            if ml and ml.end() > te:
                end = ml.end()
                while end > te and text[end - 1] in " ,":
                    end -= 1
                ref = (s, end, m.group()[:1].upper() + m.group()[1:], None, None, None)
        if ref is not None:
            cover(ref[0], ref[1])
            found.append(ref)

    found.sort()
    # A short form ("Nghị quyết 18") of a document cited in full ("Nghị quyết số 18-NQ/TW") is
    # the same reference, not a new one.
    full = {(f[2], f[3]) for f in found if f[3] is not None and f[4]}
    out: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()
    for s, e, type_name, number, symbol_out, iss in found:
        if number is not None and not symbol_out and (type_name, number) in full:
            continue
        key: tuple[Any, ...] = (
            (type_name, number, symbol_out) if number is not None else ("", text[s:e].lower())
        )
        if key in seen:
            continue
        seen.add(key)
        rs, re_ = doc.raw_span(s, e)
        out.append(
            {
                "raw": doc.raw[rs:re_],
                "type": type_name,
                "number": number,
                "symbol": symbol_out,
                "issuer": iss,
                "span": [rs, re_],
            }
        )
    return out
