"""Split the normalised text of a ``Doc`` into lines and sentences.

A sentence ends at ".", "!", "?" or "…" followed by white space and a capital letter, digit,
quote or dash -- unless the word before the period is an abbreviation (``data/abbreviations.txt``:
"TP.", "Q.", "ThS." ...) or a single capital initial.  Numbers such as "1.234,5" never split
because a period inside a number is not followed by white space.  Lines are never joined.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .doc import Doc, Sentence
from .resources import load_lines

_LINE = re.compile(r"[^\n]+")
# A run of end punctuation is tried once, from its first character (the lookbehind), and
# consumed possessively: a text of a million dots stays linear.
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"')\]]*+[ ]++(?=[\"'(\[-]?\s*[^\W_])")
_WORD_BEFORE = re.compile(r"([^\s(\[\"']+)$")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(load_lines("abbreviations.txt"))


def _is_abbreviation(chunk: str) -> bool:
    m = _WORD_BEFORE.search(chunk[-40:])
    if not m:
        return False
    word = m.group(1).rstrip(".")
    if word in _abbreviations():
        return True
    # A single capital letter: an initial ("Hồ Chí M. ...", "Q. 1").
    return len(word) == 1 and word.isupper()


def split_line(text: str, start: int, end: int) -> list[Sentence]:
    """Sentences of ``text[start:end]`` (one line), trimmed of surrounding spaces."""
    out: list[Sentence] = []
    pos = start
    for m in _BOUNDARY.finditer(text, start, end):
        nxt = text[m.end() : m.end() + 2].lstrip("\"'([- ")
        if not nxt:
            continue
        first = nxt[0]
        if not (first.isupper() or first.isdigit()):
            continue
        punct = m.group()
        if (
            punct.startswith(".")
            and not punct.startswith("..")
            and _is_abbreviation(text[max(pos, m.start() - 40) : m.start()])
        ):
            continue
        cut = m.end()
        _append(out, text, pos, cut)
        pos = cut
    _append(out, text, pos, end)
    return out


def _append(out: list[Sentence], text: str, a: int, b: int) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a < b:
        out.append(Sentence(a, b))


def segment(doc: Doc) -> Doc:
    """Fill ``doc.lines`` and ``doc.sentences`` (in text order) and return the doc."""
    text = doc.text
    lines: list[Sentence] = []
    sentences: list[Sentence] = []
    for m in _LINE.finditer(text):
        a, b = m.span()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a >= b:
            continue
        lines.append(Sentence(a, b))
        sentences.extend(split_line(text, a, b))
    doc.lines = lines
    doc.sentences = sentences
    return doc


def split(text: str) -> list[str]:
    """Convenience: the sentences of a plain string."""
    out: list[str] = []
    for m in _LINE.finditer(text):
        out.extend(text[s.start : s.end] for s in split_line(text, m.start(), m.end()))
    return out
