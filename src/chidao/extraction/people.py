"""People named in a text, with the positions the text gives them, and the byline's authors.

A person is found from a cue ("đồng chí X", "ông/bà X"), from a name followed by positions
("X, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy") or from positions followed by a name ("Phó Thủ
tướng Trần Hồng Hà").  A position is a title (``data/titles.yaml``) with an optional body after
it (organizations.py's vocabulary): "Bí thư" + "Tỉnh ủy".  Names are 2-4 capitalised
syllables; without a cue the first must be a family name (``data/family_names.txt``).
The byline (a last line in capitals, "Tin, ảnh: ...") gives ``authors``, never people.
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from functools import lru_cache
from typing import Any

from .doc import Doc
from .organizations import NAME_SYL, body_at, family_names, lowered, phrases_regex
from .resources import load_yaml


class _Patterns:
    def __init__(self) -> None:
        data = load_yaml("titles.yaml")
        standalone = [s.lower() for s in data["standalone"]]
        with_body = [s.lower() for s in data["with_body"]]
        self.with_body_only = frozenset(with_body) - frozenset(standalone)
        self.titles = frozenset(standalone) | frozenset(with_body)
        # Case-sensitive, without a leading look-behind, so that a scan skips to capitals;
        # the word boundary before a match is checked by the caller.
        self.title = re.compile(
            rf"(?:{phrases_regex(data['standalone'] + data['with_body'])})(?!\w)"
        )
        ranks = phrases_regex(data.get("ranks") or [])
        self.cue = re.compile(
            rf"(?<![\w-])(?:(?:[Đđ]ồng chí|[Ôô]ng|[Bb]à)(?: (?:{ranks}))?|(?:{ranks})) "
        )
        self.name = re.compile(rf"{NAME_SYL}(?: {NAME_SYL}){{1,4}}(?![\w])")
        # First syllables that start a title or a body, never a name.
        stop = set(data.get("not_names") or [])
        for phrase in data["standalone"] + data["with_body"]:
            stop.add(phrase.split()[0])
        self.not_first = frozenset(stop)
        self.not_people = frozenset(str(n) for n in data.get("not_people") or [])
        self.byline_label = re.compile(
            r"^\s*(?:tin|bài|ảnh|tin và ảnh|tin, ảnh|bài, ảnh|bài và ảnh|tin/ảnh|bài/ảnh|"
            r"nhóm phóng viên|phóng viên|pv|ảnh và tin|video)\s*:\s*(.+?)\s*$",
            re.IGNORECASE,
        )
        self.author_split = re.compile(r"\s*(?:[-,;/]|\bvà\b)\s*")
        self.signature = re.compile(
            r"\s*(?:T/M|TM\.|K/T|KT\.|Q\.|TUQ\.|NƠI NHẬN|Nơi nhận|BÍ THƯ|PHÓ BÍ THƯ|CHỦ TỊCH|"
            r"PHÓ CHỦ TỊCH|GIÁM ĐỐC|PHÓ GIÁM ĐỐC|TRƯỞNG BAN|PHÓ TRƯỞNG BAN|CHÁNH VĂN PHÒNG|"
            r"NGƯỜI KÝ|THỦ TRƯỞNG)\b"
        )
        self.source = re.compile(r"\s*\(?\s*(?:theo|nguồn)\b", re.IGNORECASE)
        self.trailer = re.compile(
            r"^\s*(?:ý kiến|bình luận|chia sẻ|in bài|tags?|từ khóa|xem thêm|bài liên quan)\b",
            re.IGNORECASE,
        )
        # A list of links after the article ("Tin liên quan" and the link titles under it).
        self.related = re.compile(
            r"^\s*(?:tin liên quan|bài liên quan|bài viết liên quan|tin cùng chuyên mục|"
            r"tin khác|các tin khác|tin mới|đọc thêm|xem thêm|có thể bạn quan tâm)\b",
            re.IGNORECASE,
        )


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    return _Patterns()


# -- byline -----------------------------------------------------------------------------------


def _is_caps_line(line: str) -> bool:
    # A trailing source in parentheses may be in lower case: "THANH TÂM (Báo Quảng Trị)".
    paren = line.find("(")
    if paren > 0 and line.rstrip().endswith(")"):
        line = line[:paren]
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 3 or any(c.islower() for c in letters):
        return False
    words = line.replace("-", " ").split()
    return 1 <= len(words) <= 12


def find_byline(doc: Doc) -> tuple[int, list[tuple[int, int]]]:
    """The start of the byline in ``doc.text`` (len(text) if none) and its author spans."""
    pat = _patterns()
    text = doc.text
    # The last few non-blank lines, read backwards (never the whole text).
    lines: list[tuple[int, int]] = []
    end = len(text)
    while end > 0 and len(lines) < 25:
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip():
            lines.append((start, end))
        end = start - 1
    lines.reverse()
    # Drop a block of related links at the end ("Tin liên quan" and the titles under it).
    for i in range(len(lines) - 1, -1, -1):
        if pat.related.match(text[lines[i][0] : lines[i][1]]):
            lines = lines[:i]
            break
    lines = lines[-6:]
    # A signature block ("T/M BAN THƯỜNG VỤ", "BÍ THƯ", then the signer) is not a byline.
    if any(pat.signature.match(text, ls, le) for ls, le in lines[-4:]):
        return len(text), []
    checked = 0
    for ls, le in reversed(lines):
        line = text[ls:le]
        if pat.trailer.match(line) or pat.source.match(line):
            continue  # page chrome, or the source ("Theo Báo Lạng Sơn"): not an author
        checked += 1
        if checked > 2:
            break
        lab = pat.byline_label.match(line)
        if lab:
            found = _split_authors(text, ls + lab.start(1), ls + lab.end(1))
            if found and all(_looks_like_author(text[a:b]) for a, b in found):
                return ls, found
            break  # a caption ("Ảnh: Đồng chí ... phát biểu"), not a byline
        if _is_caps_line(line):
            return ls, _split_authors(text, ls, le)
        # A short last line that is only names ("Minh Anh", "Hoài Thu - Đức Anh").
        stripped = line.strip()
        if checked == 1 and re.fullmatch(
            rf"{NAME_SYL}(?: {NAME_SYL}){{1,3}}(?:\s*[-,]\s*{NAME_SYL}(?: {NAME_SYL}){{1,3}})*"
            r"(?:\s*\([^)]*\))?",
            stripped,
        ):
            return ls, _split_authors(text, ls, le)
        break
    return len(text), []


def _split_authors(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pat = _patterns()
    out: list[tuple[int, int]] = []
    pos = start
    seg = text[start:end]
    # Drop a trailing source in parentheses: "MINH ANH (TTXVN)".
    paren = seg.find("(")
    if paren > 0:
        end = start + paren
    for m in pat.author_split.finditer(text, start, end):
        _add_author(out, text, pos, m.start())
        pos = m.end()
    _add_author(out, text, pos, end)
    return out


def _looks_like_author(name: str) -> bool:
    """A pen name: one to six words, each capitalised ("MINH ANH", "Thu Hà", "PV")."""
    words = name.split()
    return 1 <= len(words) <= 6 and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def _add_author(out: list[tuple[int, int]], text: str, s: int, e: int) -> None:
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not text[e - 1].isalnum():
        e -= 1
    if e > s and any(c.isalpha() for c in text[s:e]):
        out.append((s, e))


# -- positions and names ----------------------------------------------------------------------


def _position_at(text: str, low: str, pos: int) -> int:
    """End of the position starting at ``text[pos]``, or -1.

    The longest title that a body follows wins ("Trưởng" + "Ban Dân vận Tỉnh ủy" rather than
    the title "Trưởng ban" alone); else the longest title complete by itself.
    """
    pat = _patterns()
    m = pat.title.match(text, pos)
    if m is None:
        return -1
    cands = [m.end()]
    title = m.group().lower()
    cut = title.rfind(" ")
    while cut > 0:
        prefix = title[:cut]
        if prefix in pat.titles:
            cands.append(pos + cut)
        cut = prefix.rfind(" ")
    for end in cands:
        if end < len(text) and text[end] == " ":
            b = body_at(text, end + 1)
            if b > 0:
                return b
    for end in cands:
        if low[pos:end] not in pat.with_body_only:
            return end
    return -1


_MAX_CHAIN = 8  # positions given to one person in a row; bounds the work on odd input


def _positions_after(text: str, low: str, pos: int) -> tuple[list[tuple[int, int]], int]:
    """Positions in a chain starting at ``text[pos]`` (", " / " kiêm " separated)."""
    out: list[tuple[int, int]] = []
    p = pos
    while len(out) < _MAX_CHAIN:
        e = _position_at(text, low, p)
        if e < 0:
            break
        out.append((p, e))
        for sep in (", ", " kiêm ", " - ", " và "):
            if text.startswith(sep, e):
                p = e + len(sep)
                break
        else:
            break
    return out, (out[-1][1] if out else pos)


def _name_at(text: str, pos: int, need_family: bool) -> int:
    pat = _patterns()
    m = pat.name.match(text, pos)
    if m is None:
        return -1
    parts = m.group().split(" ")
    if parts[0] in pat.not_first:
        return -1
    if need_family and not _is_family(parts[0]):
        return -1
    # Stop a name before a title or body that follows without a comma.
    end = m.end()
    acc = pos
    for i, part in enumerate(parts):
        if (
            i >= 2
            and part in pat.not_first
            and (body_at(text, acc) > 0 or _position_at(text, lowered(text), acc) > 0)
        ):
            end = acc - 1
            break
        acc += len(part) + 1
    return end


def _glued(text: str, pos: int) -> bool:
    """Whether ``text[pos]`` continues a word (no word boundary before it)."""
    return pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "/-")


_PLACE_BEFORE = re.compile(
    r"(?<!\w)(?:tỉnh|huyện|xã|phường|thị trấn|thị xã|thành phố|quận|thôn|bản|làng|buôn|"
    r"tổ dân phố|khu phố|tại|ở) $"
)
_SEP = re.compile(r", | - | \(")


def recognize(doc: Doc) -> tuple[list[dict[str, Any]], list[str]]:
    """``(people, authors)`` of ``doc`` (see the module docstring)."""
    people, authors, _ = analyse(doc)
    return people, authors


Mention = tuple[int, int, str | None, list[tuple[int, int]]]


# The last doc analysed and its result, as one tuple so that threads never mix the two.
_analysis_cache: tuple[Any, Any] = (None, None)


def analyse(doc: Doc) -> tuple[list[dict[str, Any]], list[str], list[Mention]]:
    """People, authors and mentions of ``doc`` (cached for the last doc seen; see ``_analyse``)."""
    global _analysis_cache
    cached_doc, cached = _analysis_cache
    if cached_doc is doc:
        result: tuple[list[dict[str, Any]], list[str], list[Mention]] = cached
        return result
    result = _analyse(doc)
    _analysis_cache = (doc, result)
    return result


def _analyse(doc: Doc) -> tuple[list[dict[str, Any]], list[str], list[Mention]]:
    """People, authors and every mention ``(start, end, name or None, position spans)``.

    Mentions are in text order, spans in ``doc.text`` offsets.

    A mention without a name is a title used alone ("đồng chí Bí thư Tỉnh ủy").
    """
    pat = _patterns()
    text = doc.text
    low = lowered(text)
    body_end, author_spans = find_byline(doc)
    authors = []
    for s, e in author_spans:
        rs, re_ = doc.raw_span(s, e)
        authors.append(doc.raw[rs:re_])

    by_start: dict[int, Mention] = {}
    titled: list[Mention] = []

    starts: list[int] = []  # sorted starts of the names found, for overlap checks

    def add(name_s: int, name_e: int, positions: list[tuple[int, int]]) -> None:
        if text[name_s:name_e] in pat.not_people:
            return
        k = bisect_right(starts, name_s)
        for j in (k - 1, k):
            if 0 <= j < len(starts):
                mention = by_start[starts[j]]
                if mention[0] < name_e and name_s < mention[1]:  # overlaps a name found
                    if mention[0] == name_s:
                        mention[3].extend(p for p in positions if p not in mention[3])
                    return
        insort(starts, name_s)
        by_start[name_s] = (name_s, name_e, text[name_s:name_e], list(positions))

    # 1. Cues: "đồng chí X", "ông X" and "đồng chí <title>".
    for m in pat.cue.finditer(text, 0, body_end):
        if _glued(text, m.start()):
            continue
        p = m.end()
        ne = _name_at(text, p, need_family=False)
        if ne > 0:
            after: list[tuple[int, int]] = []
            sep = _SEP.match(text, ne)
            if sep:
                after, _ = _positions_after(text, low, sep.end())
            add(p, ne, after)
            continue
        chain, ce = _positions_after(text, low, p)
        if chain:
            if ce < len(text) and text[ce] == " ":
                ne = _name_at(text, ce + 1, need_family=False)
                if ne > 0:
                    add(ce + 1, ne, chain)
                    continue
            titled.append((p, ce, None, chain))

    # 2. Positions next to a name: "X, <title>..." and "<title> X".
    chain_end = -1
    for m in pat.title.finditer(text, 0, body_end):
        s = m.start()
        if _glued(text, s) or s < chain_end:
            continue  # inside a chain already read
        chain, ce = _positions_after(text, low, s)
        if not chain:
            continue
        chain_end = ce
        # Name before: "..., Nguyễn Văn A, Bí thư ..."
        gap = 2 if text[max(0, s - 2) : s] == ", " else 3 if text[max(0, s - 3) : s] == " - " else 0
        if gap:
            ns = _name_ending_at(text, s - gap)
            if ns >= 0 and _PLACE_BEFORE.search(text, max(0, ns - 16), ns):
                ns = -1  # "Tại huyện A Lưới, Bí thư ...": a place, not a person
            if ns >= 0:
                add(ns, s - gap, chain)
                if gap == 3:
                    _shared_title(text, ns, chain, add)
                continue
        if ce < len(text) and text[ce] == " ":
            ne = _name_at(text, ce + 1, need_family=True)
            if ne > 0:
                add(ce + 1, ne, chain)

    mentions = sorted([*by_start.values(), *titled], key=lambda t: t[0])
    people: dict[str, dict[str, Any]] = {}
    for s, e, name, positions in mentions:
        if name is None:
            continue
        entry = people.get(name)
        rs, re_ = doc.raw_span(s, e)
        if entry is None:
            entry = people[name] = {
                "name": doc.raw[rs:re_],
                "positions": [],
                "spans": [],
                "_keys": set(),
            }
        entry["spans"].append([rs, re_])
        for ps, pe in positions:
            key = text[ps:pe]
            if key not in entry["_keys"]:
                entry["_keys"].add(key)
                prs, pre = doc.raw_span(ps, pe)
                entry["positions"].append(doc.raw[prs:pre])
    out = []
    for entry in people.values():
        entry.pop("_keys")
        out.append(entry)
    return out, authors, mentions


def _shared_title(text: str, start: int, chain: list[tuple[int, int]], add: Any) -> None:
    """Names listed before the one at ``start`` that share its " - <title>".

    "các đồng chí: A, B, C - Phó Chủ tịch UBND tỉnh": A and B get C's positions.  Each name
    must be a whole list item (family-name-led, led by ", " and preceded by ", " or ": ").
    """
    p = start
    for _ in range(_MAX_CHAIN):
        if text[max(0, p - 2) : p] != ", ":
            return
        ns = _name_ending_at(text, p - 2)
        if ns < 0 or text[max(0, ns - 2) : ns] not in (", ", ": "):
            return
        add(ns, p - 2, chain)
        p = ns


def _is_family(word: str, fams: frozenset[str] | None = None) -> bool:
    """A family name, or an ethnic-minority syllable with a prefix ("H'Hen", "Y'Dơng")."""
    fams = family_names() if fams is None else fams
    return word in fams or (len(word) > 2 and word[1] in "'’" and word[:1] + "'" in fams)


def _name_ending_at(text: str, end: int) -> int:
    """Start of a family-name-led name ending at ``end``, or -1."""
    pat = _patterns()
    fams = family_names()
    # Walk back over up to four capitalised syllables.
    starts: list[int] = []
    p = end
    for _ in range(5):
        q = p
        while q > 0 and (
            text[q - 1].isalpha()
            or (text[q - 1] in "'’" and q >= 2 and text[q - 2].isupper() and text[q].isupper())
        ):
            q -= 1
        if q == p or not text[q].isupper():
            break
        starts.append(q)
        if q >= 1 and text[q - 1] == " ":
            p = q - 1
        else:
            break
    # Prefer the longest name that starts with a family name.
    for q in reversed(starts):
        if q == starts[0]:
            break
        word = text[q : text.find(" ", q)]
        if (
            _is_family(word, fams)
            and word not in pat.not_first
            and pat.name.fullmatch(text, q, end)
        ):
            return q
    return -1
