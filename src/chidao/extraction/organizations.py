"""Bodies named in a text: Party committees, councils, governments, departments.

The body vocabulary lives in ``data/bodies.yaml``; place names come from a gazetteer built
once from the ``vietnamadminunits`` package (legacy and 2025 units).  Matching runs one
compiled regex (a trie of the vocabulary) over a lower-cased copy of the normalised text, so
it is linear in the input; the first letter of every body must be a capital in the text.

This module also holds the small matching helpers the other entity recognizers share
(``lowered``, ``trie_regex``, ``match_place``, the letter classes).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .doc import Doc
from .resources import load_lines, load_yaml

# -- shared helpers ---------------------------------------------------------------------------

_LETTERS = [chr(c) for c in (*range(0xC0, 0x250), *range(0x1EA0, 0x1F00)) if chr(c).isalpha()]
UPPER = "A-Z" + "".join(c for c in _LETTERS if c.isupper())
LOWER = "a-z" + "".join(c for c in _LETTERS if c.islower())
# A capitalised syllable of a personal name: "Đoàn", "Khoa".
NAME_SYL = f"[{UPPER}][{LOWER}]*"
# A syllable of a place name: "Lộc", "HBông", "M'Đrắk", "12".
_PLACE_SYL = re.compile(f"(?:[{UPPER}][{LOWER}{UPPER}'’]*|\\d+)")

_lower_cache: tuple[str, str] = ("", "")


def lowered(text: str) -> str:
    """``text.lower()`` with the same length (cached for the last text seen)."""
    global _lower_cache
    if _lower_cache[0] is text:
        return _lower_cache[1]
    low = text.lower()
    if len(low) != len(text):  # a rare character that lower-cases to two
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    _lower_cache = (text, low)
    return low


def trie_regex(phrases: Any) -> str:
    """A regex source matching any of ``phrases`` (longest first), factored as a trie."""
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        optional = "" in node
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        if len(alts) == 1 and not optional:
            return alts[0]
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if optional else body

    return emit(trie) if trie else "(?!)"


def _fold(name: str, moves: dict[str, str]) -> str:
    low = name.lower()
    for old, new in moves.items():
        if old in low:
            low = re.sub(re.escape(old) + r"(?!\w)", new, low)
    return low


@lru_cache(maxsize=1)
def _tone_moves() -> dict[str, str]:
    try:
        table = load_yaml("normalize.yaml")["tone_moves"]
    except Exception:  # pragma: no cover - the table belongs to the normaliser
        return {}
    return {str(k): str(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def gazetteer() -> frozenset[str]:
    """Lower-cased short names of provinces, districts and communes (legacy and 2025)."""
    names: set[str] = set()
    try:
        from vietnamadminunits.database import query

        for row in query("SELECT DISTINCT provinceShort, wardShort FROM admin_units"):
            names.update(v for v in row.values() if v)
        for row in query(
            "SELECT DISTINCT provinceShort, districtShort, wardShort FROM admin_units_legacy"
        ):
            names.update(v for v in row.values() if v)
    except Exception:  # pragma: no cover - the package is a dependency; degrade gracefully
        pass
    names.update(load_lines("places_extra.txt"))
    moves = _tone_moves()
    return frozenset(_fold(n, moves) for n in names)


@lru_cache(maxsize=1)
def family_names() -> frozenset[str]:
    return frozenset(load_lines("family_names.txt"))


def match_place(text: str, pos: int, after_unit: bool) -> int:
    """End of the place name starting at ``text[pos]`` (a gazetteer name), or -1.

    Without a unit word before it, a place must have two syllables or more, and a place that
    looks like the start of a personal name followed by more capitalised syllables is refused
    ("Bí thư Tỉnh ủy Lê Minh Xuân ..." is a person, not the commune Lê Minh Xuân).
    """
    syls: list[tuple[int, int]] = []
    p = pos
    n = len(text)
    while len(syls) < 5:
        m = _PLACE_SYL.match(text, p)
        if not m:
            break
        syls.append(m.span())
        if m.end() < n and text[m.end()] == " ":
            p = m.end() + 1
        else:
            break
    if not syls:
        return -1
    gaz = gazetteer()
    fams = family_names()
    for k in range(min(len(syls), 4), 0, -1):
        end = syls[k - 1][1]
        if not after_unit and k < 2:
            continue
        if text[pos:end].isdigit() and not after_unit:
            continue
        name = text[pos:end]
        if lowered_name(name) in gaz:
            first = text[syls[0][0] : syls[0][1]]
            if not after_unit and first in fams and k < len(syls):
                return -1
            return end
    if after_unit and text[syls[0][0] : syls[0][1]].isdigit():
        return syls[0][1]
    return -1


def lowered_name(name: str) -> str:
    return _fold(name, _tone_moves())


# -- the body regex ----------------------------------------------------------------------------


class _Vocab:
    def __init__(self) -> None:
        data = load_yaml("bodies.yaml")
        committees = [s.lower() for s in data["committees"]]
        organs = [s.lower() for s in data["committee_organs"]]
        central = [s.lower() for s in data["central"]]
        local = [s.lower() for s in data["local"]]
        req = [s.lower() for s in data["requires_unit"]]
        units = [s.lower() for s in data["units"]]
        prefixes = [s.lower() for s in data["department_prefixes"]]
        depts = [s.lower() for s in data["department_names"]]
        b = r"(?!\w)"
        self.regex = re.compile(
            r"(?<!\w)(?:"
            rf"(?P<organ>{trie_regex(organs)}) (?P<c1>{trie_regex(committees)}){b}"
            rf"|(?P<central>{trie_regex(central)}){b}"
            rf"|(?P<local>{trie_regex(local)}){b}"
            rf"|(?P<req>{trie_regex(req)}){b}"
            rf"|(?P<dept>(?:{trie_regex(prefixes)}) {trie_regex(depts)}){b}"
            rf"|(?P<c2>{trie_regex(committees)}){b}"
            rf")(?: (?P<unit>{trie_regex(units)})(?!\w))?"
        )
        titles = load_yaml("titles.yaml")
        heads = {s.lower() for s in titles["standalone"]} | {s.lower() for s in titles["with_body"]}
        self.title_before = re.compile(rf"(?<!\w)(?:{trie_regex(heads)}) $")


@lru_cache(maxsize=1)
def vocab() -> _Vocab:
    return _Vocab()


def find_bodies(doc: Doc) -> list[tuple[int, int, str]]:
    """Every body in ``doc.text`` as ``(start, end, kind)`` in normalised offsets.

    ``kind`` is "committee" for a bare committee ("Tỉnh ủy", "Huyện ủy Cao Lộc"), else "body".
    Bodies inside a title ("Bí thư Tỉnh ủy") are included here with kind "titled"; the
    organization list leaves them out, people.py uses them to read positions.
    """
    text = doc.text
    low = lowered(text)
    voc = vocab()
    out: list[tuple[int, int, str]] = []
    for m in voc.regex.finditer(low):
        s = m.start()
        if not text[s].isupper():
            continue
        kind = "body"
        if m.group("central") is not None:
            out.append((s, m.end("central"), kind))
            continue
        if m.group("c2") is not None:
            kind = "committee"
            head_end = m.end("c2")
            if low.startswith(" viên", head_end):  # "Tỉnh ủy viên" is a title
                continue
        else:
            head_end = m.end()
            for g in ("c1", "local", "req", "dept"):
                if m.group(g) is not None:
                    head_end = m.end(g)
                    break
        end = head_end
        unit = m.group("unit")
        if unit is not None:
            end = m.end("unit")
        place_end = -1
        if end < len(text) and text[end] == " ":
            place_end = match_place(text, end + 1, unit is not None)
        if place_end > 0:
            end = place_end
        elif unit is not None and unit.startswith("tp"):
            end = head_end
        if m.group("req") is not None and unit is None and place_end < 0:
            continue
        window = low[max(0, s - 60) : s]
        if voc.title_before.search(window):
            if kind == "committee":
                kind = "titled"
            elif m.group("organ") is not None and m.group("organ") == "thường trực":
                # "Phó Bí thư Thường trực Tỉnh ủy": "Thường trực" belongs to the title.
                kind = "titled"
            elif low.startswith("thường trực ", s):
                # "Phó Chủ tịch Thường trực HĐND tỉnh": the body is "HĐND tỉnh".
                s += len("thường trực ")
        out.append((s, end, kind))
    return out


def recognize(doc: Doc) -> list[dict[str, Any]]:
    """Organizations named in ``doc``: ``[{"name": as written, "spans": [[s, e], ...]}]``."""
    by_key: dict[str, dict[str, Any]] = {}
    for s, e, kind in find_bodies(doc):
        if kind == "titled":
            continue
        rs, re_ = doc.raw_span(s, e)
        key = doc.text[s:e]
        entry = by_key.get(key)
        if entry is None:
            by_key[key] = {"name": doc.raw[rs:re_], "spans": [[rs, re_]]}
        else:
            entry["spans"].append([rs, re_])
    return list(by_key.values())
