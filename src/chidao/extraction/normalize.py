"""Raw text -> ``Doc``: Unicode NFC, unified spaces, dashes and quotes, tone placement, number repair.

Every rewrite is a pass ``(pattern, replacement)`` over the current text; each pass composes
its changes into the offset map, so ``doc.raw_span`` always lands on the untouched raw text.
The tables live in ``data/normalize.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from functools import lru_cache

from .doc import Doc, OffsetMap
from .resources import load_yaml, trie_pattern

Replacement = Callable[[re.Match[str]], str]

_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"


def rewrite(
    text: str, omap: OffsetMap, pattern: re.Pattern[str], repl: Replacement
) -> tuple[str, OffsetMap]:
    """Apply one pass: replace every match of ``pattern`` by ``repl(match)``, composing the map."""
    pieces: list[str] = []
    new = OffsetMap(0, omap.raw_length)
    pos = 0
    out = 0
    changed = False
    for m in pattern.finditer(text):
        s, e = m.span()
        r = repl(m)
        if r == m.group():
            continue
        changed = True
        if s > pos:
            omap.copy_range(new, pos, s, out)
            pieces.append(text[pos:s])
            out += s - pos
        if len(r) == e - s:
            # Same length: each character keeps its own raw position.
            omap.copy_range(new, s, e, out)
        elif r:
            raw_s = omap.start(s) if e > s else omap.start(s)
            raw_e = omap.end(e - 1) if e > s else raw_s
            new.add_replacement(out, raw_s, raw_e, len(r))
        pieces.append(r)
        out += len(r)
        pos = e
    if not changed:
        return text, omap
    if pos < len(text):
        omap.copy_range(new, pos, len(text), out)
        pieces.append(text[pos:])
        out += len(text) - pos
    new.length = out
    return "".join(pieces), new


class Normalizer:
    """The ordered passes that turn raw text into the normalised text recognizers read."""

    def __init__(self) -> None:
        table = load_yaml("normalize.yaml")
        char_map: dict[str, str] = {}
        for ch in table["spaces"]:
            char_map[ch] = " "
        for ch in table["dashes"]:
            char_map[ch] = "-"
        for ch in table["double_quotes"]:
            char_map[ch] = '"'
        for ch in table["single_quotes"]:
            char_map[ch] = "'"
        for ch in table["invisible"]:
            char_map[ch] = ""
        self._char_map = char_map
        self._chars = re.compile("[" + re.escape("".join(char_map)) + "]")
        moves: dict[str, str] = {}
        for old, new in table["tone_moves"].items():
            old_n = unicodedata.normalize("NFC", old)
            new_n = unicodedata.normalize("NFC", new)
            moves[old_n] = new_n
            moves[old_n.upper()] = new_n.upper()
            moves[old_n[0].upper() + old_n[1:]] = new_n[0].upper() + new_n[1:]
        self._moves = moves
        # The cluster must end the syllable (no letter after) and "u" must not follow "q".
        self._tone = re.compile(r"(?<![qQ])" + trie_pattern(moves) + r"(?!\w)")
        followers = "|".join(
            re.escape(f) if f == "%" else re.escape(f) + r"\b"
            for f in table["decimal_space_followers"]
        )
        self._decimal_space = re.compile(r"(?<=\d,) +(?=\d{1,3} ?(?:" + followers + "))")
        self._decimal_head = re.compile(r"(?<![\d.,/])\d{1,3}(?:\.\d{3})*,$")
        self._combining = re.compile("(?s).[" + _COMBINING + "]+")
        self._newline = re.compile(r"\r\n?")
        self._multi_space = re.compile(r" (?= )")

    def __call__(self, raw: str) -> tuple[str, OffsetMap]:
        text = raw
        omap = OffsetMap.identity(len(raw))
        if "\r" in text:
            text, omap = rewrite(text, omap, self._newline, lambda m: "\n")
        if not unicodedata.is_normalized("NFC", text):
            text, omap = rewrite(
                text, omap, self._combining, lambda m: unicodedata.normalize("NFC", m.group())
            )
            if not unicodedata.is_normalized("NFC", text):
                # Rare characters NFC changes on their own (singletons): rewrite line by line.
                text, omap = rewrite(
                    text,
                    omap,
                    re.compile(r"[^\n]+"),
                    lambda m: unicodedata.normalize("NFC", m.group()),
                )
        if self._chars.search(text):
            cmap = self._char_map
            text, omap = rewrite(text, omap, self._chars, lambda m: cmap[m.group()])
        if "  " in text:
            text, omap = rewrite(text, omap, self._multi_space, lambda m: "")
        if self._tone.search(text):
            moves = self._moves
            text, omap = rewrite(text, omap, self._tone, lambda m: moves[m.group()])
        if ", " in text:
            head = self._decimal_head
            src = text

            def fix_decimal(m: re.Match[str]) -> str:
                # Only a real number before the comma: "55, 95%", not "2020, 35 tấn".
                before = src[max(0, m.start() - 16) : m.start()]
                return "" if head.search(before) else m.group()

            text, omap = rewrite(text, omap, self._decimal_space, fix_decimal)
        return text, omap


@lru_cache(maxsize=1)
def default_normalizer() -> Normalizer:
    return Normalizer()


def normalize(raw: str) -> tuple[str, OffsetMap]:
    """The normalised text of ``raw`` and its offset map."""
    return default_normalizer()(raw)


def make_doc(raw: str, publication_date: date | None = None) -> Doc:
    """Normalise ``raw`` and split it into lines and sentences; set the context year."""
    from . import dates, sentences

    text, omap = normalize(raw)
    doc = Doc(raw=raw, text=text, offsets=omap, publication_date=publication_date)
    sentences.segment(doc)
    doc.context_year = dates.context_year(doc)
    return doc
