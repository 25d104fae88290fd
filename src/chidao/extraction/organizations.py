"""Bodies named in a text: Party committees, councils, governments, departments.

The body vocabulary lives in ``data/bodies.yaml``; place names come from a gazetteer built
once (about 0.1 s) from the ``vietnamadminunits`` database (legacy and 2025 units).  Matching
runs one compiled, case-sensitive trie regex of the vocabulary (with its case variants:
"Ban thường vụ huyện ủy") over the normalised text, so it is linear and skips quickly to the
capitals that can start a body.  Bodies that are part of a title ("Bí thư Tỉnh ủy", "Phó Bí
thư Thường trực Huyện ủy") are left out; a body inside a longer title is kept ("Ban Thường vụ
Tỉnh ủy" in "Ủy viên Ban Thường vụ Tỉnh ủy", "HĐND tỉnh" in "Chủ tịch HĐND tỉnh").

This module also holds the small matching helpers the other entity recognizers share
(``lowered``, ``trie_regex``, ``phrases_regex``, ``body_at``, ``match_place``, letter classes).
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
# A capitalised syllable of a personal name: "Đoàn", "Khoa", and the ethnic-minority forms with
# an apostrophe: "H'Liêm", "Y'Dơng", "K’Nhàn".
NAME_SYL = f"[{UPPER}](?:['’][{UPPER}])?[{LOWER}]*"
# A syllable of a place name: "Lộc", "HBông", "M'Đrắk", "12".
_PLACE_SYL = re.compile(f"(?:[{UPPER}][{LOWER}{UPPER}'’]*|\\d+)")

_lower_cache: tuple[str, str] = ("", "")


def lowered(text: str) -> str:
    """``text.lower()`` with the same length (cached for the last text seen)."""
    global _lower_cache
    cached_text, cached_low = _lower_cache  # one read: threads never mix text and result
    if cached_text is text:
        return cached_low
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


@lru_cache(maxsize=1)
def _tone_fold() -> tuple[re.Pattern[str], dict[str, str]]:
    """The normaliser's tone moves ("hoà" -> "hòa"), lower case, as one regex."""
    try:
        table = load_yaml("normalize.yaml")["tone_moves"]
        moves = {str(k).lower(): str(v).lower() for k, v in table.items()}
    except Exception:  # pragma: no cover - the table belongs to the normaliser
        moves = {}
    if not moves:
        return re.compile("(?!)"), moves
    alt = "|".join(map(re.escape, moves))
    return re.compile(rf"(?<![q])(?:{alt})(?!\w)"), moves


def lowered_name(name: str) -> str:
    """A place name as the gazetteer keys it: lower case, the normaliser's tone placement."""
    pattern, moves = _tone_fold()
    low = name.lower()
    return pattern.sub(lambda m: moves[m.group()], low) if moves else low


def _admin_db_rows() -> list[tuple[str | None, ...]]:
    """Short names from the ``vietnamadminunits`` database, read directly (fast: no parser import)."""
    import sqlite3
    from importlib.util import find_spec
    from pathlib import Path

    sql = (
        "SELECT DISTINCT provinceShort, wardShort, NULL FROM admin_units "
        "UNION SELECT DISTINCT provinceShort, districtShort, wardShort FROM admin_units_legacy"
    )
    spec = find_spec("vietnamadminunits")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for loc in locations:
        db = Path(loc) / "data" / "dataset.db"
        if db.is_file():
            conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
            try:
                return list(conn.execute(sql))
            finally:
                conn.close()
    from vietnamadminunits.database import query  # the package's own way, slower to import

    return [tuple(r.values()) for r in query(sql)]


@lru_cache(maxsize=1)
def gazetteer() -> frozenset[str]:
    """Lower-cased short names of provinces, districts and communes (legacy and 2025)."""
    names: set[str] = set()
    try:
        for row in _admin_db_rows():
            names.update(v for v in row if v)
    except Exception:  # pragma: no cover - the package is a dependency; degrade gracefully
        pass
    names.update(load_lines("places_extra.txt"))
    return frozenset(lowered_name(n) for n in names)


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


# -- the body regex ----------------------------------------------------------------------------


def _is_abbreviation(word: str) -> bool:
    return sum(c.isupper() for c in word) > 1


def case_variants(phrase: str) -> set[str]:
    """A capitalised phrase as texts write it: as given, with the later words in lower case
    ("Ban thường vụ Tỉnh ủy" -> "Ban thường vụ tỉnh ủy") and in title case ("Ban Thường Vụ").
    Abbreviations (HĐND, UBND) keep their capitals."""
    words = phrase.split(" ")
    lower_tail = [words[0]] + [
        w if _is_abbreviation(w) else w[:1].lower() + w[1:] for w in words[1:]
    ]
    title = [w[:1].upper() + w[1:] for w in words]
    return {phrase, " ".join(lower_tail), " ".join(title)}


def phrases_regex(phrases: Any) -> str:
    """A case-sensitive trie regex of capitalised ``phrases`` and their case variants.

    Matching capitalised words case-sensitively lets the regex engine skip every position that
    does not hold a capital, which keeps a whole-text scan fast.
    """
    out: set[str] = set()
    for phrase in phrases:
        out |= case_variants(str(phrase))
    return trie_regex(out)


class _Vocab:
    def __init__(self) -> None:
        data = load_yaml("bodies.yaml")

        def words(key: str) -> list[str]:
            return [str(x) for x in data.get(key) or []]

        committees = words("committees")
        # Every head phrase -> its kind; a phrase in two lists keeps the first kind below.
        kinds: dict[str, str] = {}
        self.organ_of: dict[str, str] = {}

        def put(phrase: str, kind: str) -> None:
            kinds.setdefault(phrase.lower(), kind)

        for organ in words("committee_organs"):
            for committee in committees:
                put(f"{organ} {committee}", "organ")
                self.organ_of.setdefault(f"{organ} {committee}".lower(), organ.lower())
        for phrase in words("central"):
            put(phrase, "central")
        for phrase in words("local"):
            put(phrase, "local")
        for organ in words("council_organs"):
            for council in words("councils"):
                put(f"{organ} {council}", "local")
        for phrase in words("requires_unit"):
            put(phrase, "req")
        for prefix in words("department_prefixes"):
            for name in words("department_names"):
                put(f"{prefix} {name}", "dept")
        for phrase in committees:
            put(phrase, "committee")
        self.kinds = kinds
        heads = (
            words("central")
            + words("local")
            + words("requires_unit")
            + committees
            + [f"{o} {c}" for o in words("committee_organs") for c in committees]
            + [f"{o} {c}" for o in words("council_organs") for c in words("councils")]
            + [f"{p} {n}" for p in words("department_prefixes") for n in words("department_names")]
        )
        units = [u.lower() for u in words("units")]
        # One case-sensitive trie and no look-behind at the start: the engine then skips to
        # the capitals that can start a body, which keeps the whole-text scan fast.
        self.regex = re.compile(
            rf"(?P<head>{phrases_regex(heads)})(?!\w)"
            rf"(?: (?P<unit>(?i:{trie_regex(units)}))(?!\w))?"
        )
        titles = load_yaml("titles.yaml")
        heads_t = {s.lower() for s in titles["standalone"]} | {
            s.lower() for s in titles["with_body"]
        }
        self.title_before = re.compile(rf"(?<!\w)(?:{trie_regex(heads_t)}) $")


@lru_cache(maxsize=1)
def vocab() -> _Vocab:
    return _Vocab()


# A lower-case common noun before a bare body, or a bare body coordinated after one: the body
# is a kind ("văn phòng HĐND và UBND", "hợp nhất văn phòng cấp ủy với văn phòng UBND").
_GENERIC_BEFORE = re.compile(r"(?<![\w])văn phòng (?:[A-ZĐ]\w* và )?$")
_BARE_ORGAN_IN_TITLE = re.compile(r"(?<![\w])Ủy viên (Ban Thường vụ)(?=,| -|;|\))")
_GENERIC_AFTER = re.compile(r" (?:các )?cấp(?!\w)")


def _resolve(m: re.Match[str], text: str, low: str, voc: _Vocab) -> tuple[int, int, str] | None:
    s = m.start()
    if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "/-"):
        return None
    key = m.group("head").lower()
    head_kind = voc.kinds.get(key, "local")
    head_end = m.end("head")
    if head_kind == "central":
        return (s, head_end, "body")
    kind = "body"
    if head_kind == "committee":
        kind = "committee"
        if low.startswith(" viên", head_end):  # "Tỉnh ủy viên" is a title
            return None
    end = head_end
    unit = m.group("unit")
    if unit is not None:
        end = m.end("unit")
    place_end = -1
    if end < len(text) and text[end] == " ":
        place_end = match_place(text, end + 1, unit is not None)
    if place_end > 0:
        end = place_end
    elif unit is not None and unit.lower().startswith("tp"):
        end = head_end
    if head_kind == "req" and unit is None and place_end < 0:
        return None
    if (
        unit is None
        and place_end < 0
        and (_GENERIC_BEFORE.search(text, max(0, s - 24), s) or _GENERIC_AFTER.match(text, end))
    ):
        # "văn phòng HĐND và UBND ở một số huyện", "chủ tịch UBND cấp xã", "HĐND các cấp":
        # a kind of body, none named.
        return None
    if voc.title_before.search(low, max(0, s - 60), s):
        if kind == "committee" or voc.organ_of.get(key) == "thường trực":
            # "Bí thư Tỉnh ủy", "Phó Bí thư Thường trực Tỉnh ủy": the body is part of a title.
            kind = "titled"
        elif low.startswith("thường trực ", s):
            # "Phó Chủ tịch Thường trực HĐND tỉnh": the body is "HĐND tỉnh".
            s += len("thường trực ")
    return (s, end, kind)


def find_bodies(doc: Doc) -> list[tuple[int, int, str]]:
    """Every body in ``doc.text`` as ``(start, end, kind)`` in normalised offsets.

    ``kind`` is "committee" for a bare committee ("Tỉnh ủy", "Huyện ủy Cao Lộc"), "titled" for
    a committee that is part of a title ("Bí thư Tỉnh ủy"), else "body".  The organization
    list leaves out "titled" ones; people.py reads positions with ``body_at``.
    """
    text = doc.text
    low = lowered(text)
    voc = vocab()
    out: list[tuple[int, int, str]] = []
    for m in voc.regex.finditer(text):
        r = _resolve(m, text, low, voc)
        if r is not None:
            out.append(r)
    return out


def body_at(text: str, pos: int) -> int:
    """End of the body that starts exactly at ``text[pos]``, or -1 (no title rule applied)."""
    voc = vocab()
    m = voc.regex.match(text, pos)
    if m is None:
        return -1
    key = m.group("head").lower()
    head_kind = voc.kinds.get(key, "local")
    head_end = m.end("head")
    if head_kind == "central":
        return head_end
    if head_kind == "committee" and text.startswith(" viên", head_end):
        return -1
    end = head_end
    unit = m.group("unit")
    if unit is not None:
        end = m.end("unit")
    place_end = -1
    if end < len(text) and text[end] == " ":
        place_end = match_place(text, end + 1, unit is not None)
    if place_end > 0:
        return place_end
    if unit is not None and unit.lower().startswith("tp"):
        return head_end
    if head_kind == "req" and unit is None:
        return -1
    return end


def recognize(doc: Doc) -> list[dict[str, Any]]:
    """Organizations named in ``doc``: ``[{"name": as written, "spans": [[s, e], ...]}]``."""
    by_key: dict[str, dict[str, Any]] = {}
    bodies = find_bodies(doc)
    # A bare organ in a title, as written: "Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Tỉnh ủy".
    for m in _BARE_ORGAN_IN_TITLE.finditer(doc.text):
        bodies.append((m.start(1), m.end(1), "body"))
    bodies.sort()
    for s, e, kind in bodies:
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
