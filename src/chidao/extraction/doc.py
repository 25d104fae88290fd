"""The document every recognizer reads: the untouched text, its normalised form, and the offset map.

Recognizers match against ``doc.text`` (normalised: NFC, NBSP -> space, "55, 95" -> "55,95", ...)
and report facts with spans converted back by ``doc.raw_span`` so that
``doc.raw[start:end]`` is the phrase exactly as read.

The offset map is compact: a sorted list of segments, each either *identity* (normalised
characters copied one for one from the raw text) or *replacement* (a run of normalised
characters standing for a raw region, e.g. an NFC-composed letter made of two raw code
points).  Each normalised character therefore has a raw start **and** a raw end, and a text
with no normalisation at all costs one segment, whatever its length.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence or line of the normalised text, ``doc.text[start:end]``."""

    start: int
    end: int


class OffsetMap:
    """Maps positions of a normalised text to the raw text it was made from."""

    __slots__ = ("_norm", "_raw", "_raw_end", "_ident", "length", "raw_length")

    def __init__(self, length: int, raw_length: int) -> None:
        self._norm: list[int] = []  # normalised start of each segment
        self._raw: list[int] = []  # raw start of each segment
        self._raw_end: list[int] = []  # raw end of each segment
        self._ident: list[bool] = []  # identity (one for one) or replacement
        self.length = length
        self.raw_length = raw_length

    # -- construction -------------------------------------------------------------------
    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        omap = cls(length, length)
        if length:
            omap.add_identity(0, 0, length)
        return omap

    @classmethod
    def from_starts(cls, starts: Sequence[int], raw_length: int | None = None) -> OffsetMap:
        """Build from an explicit list ``starts[i]`` = raw offset of character ``i``.

        ``starts`` may carry one extra trailing element (the raw length).
        """
        n = len(starts)
        if raw_length is None:
            raw_length = starts[-1] if n else 0
            n -= 1
        omap = cls(max(n, 0), raw_length)
        for i in range(max(n, 0)):
            nxt = starts[i + 1] if i + 1 < len(starts) else raw_length
            s = starts[i]
            e = max(nxt, s + 1) if nxt > s else s + 1
            e = min(e, raw_length)
            if e - s == 1:
                omap.add_identity(i, s, 1)
            else:
                omap.add_replacement(i, s, e, 1)
        return omap

    def add_identity(self, norm_start: int, raw_start: int, count: int) -> None:
        if count <= 0:
            return
        if self._ident and self._ident[-1]:
            last = len(self._norm) - 1
            seg_len = self._raw_end[last] - self._raw[last]
            if self._norm[last] + seg_len == norm_start and self._raw_end[last] == raw_start:
                self._raw_end[last] = raw_start + count
                return
        self._norm.append(norm_start)
        self._raw.append(raw_start)
        self._raw_end.append(raw_start + count)
        self._ident.append(True)

    def add_replacement(self, norm_start: int, raw_start: int, raw_end: int, count: int) -> None:
        if count <= 0:
            return
        self._norm.append(norm_start)
        self._raw.append(raw_start)
        self._raw_end.append(raw_end)
        self._ident.append(False)

    # -- queries ------------------------------------------------------------------------
    def _segment(self, position: int) -> int:
        return bisect_right(self._norm, position) - 1

    def start(self, position: int) -> int:
        """Raw offset where normalised character ``position`` starts (``raw_length`` at the end)."""
        if position >= self.length:
            return self.raw_length
        k = self._segment(position)
        if k < 0:
            return 0
        if self._ident[k]:
            return self._raw[k] + position - self._norm[k]
        return self._raw[k]

    def end(self, position: int) -> int:
        """Raw offset just after normalised character ``position``."""
        if position >= self.length:
            return self.raw_length
        k = self._segment(position)
        if k < 0:
            return 0
        if self._ident[k]:
            return self._raw[k] + position - self._norm[k] + 1
        return self._raw_end[k]

    # The old list interface: ``offsets[i]`` is the raw start of character ``i``,
    # ``offsets[len(text)]`` the raw length.
    def __getitem__(self, position: int) -> int:
        if position < 0:
            position += self.length + 1
        if not 0 <= position <= self.length:
            raise IndexError(position)
        return self.start(position)

    def __len__(self) -> int:
        return self.length + 1

    def segments(self) -> list[tuple[int, int, int, bool]]:
        return list(zip(self._norm, self._raw, self._raw_end, self._ident, strict=True))

    def copy_range(self, builder: OffsetMap, a: int, b: int, norm_start: int) -> None:
        """Append to ``builder`` the mapping of this map's positions ``[a, b)``, placed at ``norm_start``."""
        if a >= b:
            return
        k = max(self._segment(a), 0)
        n = len(self._norm)
        pos = a
        while pos < b and k < n:
            seg_norm = self._norm[k]
            seg_next = self._norm[k + 1] if k + 1 < n else self.length
            lo = max(pos, seg_norm)
            hi = min(b, seg_next)
            if lo < hi:
                out = norm_start + (lo - a)
                if self._ident[k]:
                    builder.add_identity(out, self._raw[k] + lo - seg_norm, hi - lo)
                else:
                    builder.add_replacement(out, self._raw[k], self._raw_end[k], hi - lo)
                pos = hi
            k += 1


@dataclass(slots=True)
class Doc:
    raw: str
    text: str
    # The offset map.  An explicit list (``offsets[i]`` = raw offset of normalised character
    # ``i``, optionally with a trailing ``len(raw)``) is accepted and converted; ``None`` means
    # the text is the raw text unchanged.
    offsets: OffsetMap | Sequence[int] | None = None
    publication_date: date | None = None
    sentences: list[Sentence] = field(default_factory=list)
    # Filled by the date component: the year the text is about, when it can be known.
    context_year: int | None = None
    # Lines (paragraphs) of the normalised text, each ``text[start:end]`` without its newline.
    lines: list[Sentence] = field(default_factory=list)
    _map: OffsetMap = field(init=False, repr=False)
    _sentence_starts: list[int] = field(init=False, repr=False, default_factory=list)
    _lower: str | None = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        if isinstance(self.offsets, OffsetMap):
            self._map = self.offsets
        elif self.offsets is None:
            self._map = OffsetMap.identity(len(self.text))
            self._map.raw_length = len(self.raw)
        else:
            self._map = OffsetMap.from_starts(self.offsets, None)
            self._map.length = len(self.text)
            self._map.raw_length = len(self.raw)
        self.offsets = self._map

    @property
    def lower(self) -> str:
        """``text`` in lower case, position for position (characters whose lower case is
        longer than one character are left as they are), for case-blind matching."""
        if self._lower is None:
            low = self.text.lower()
            if len(low) != len(self.text):
                low = "".join(c if len(lc := c.lower()) != 1 else lc for c in self.text)
            self._lower = low
        return self._lower

    @property
    def offset_map(self) -> OffsetMap:
        return self._map

    def raw_start(self, position: int) -> int:
        return self._map.start(position)

    def raw_end(self, position: int) -> int:
        """Raw offset just after normalised character ``position``."""
        return self._map.end(position)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of ``self.text`` to the matching span of ``self.raw``."""
        if start >= end:
            raw_start = self._map.start(start)
            return raw_start, raw_start
        # The end maps through the last character so that characters dropped by
        # normalisation after the phrase are not swallowed into it.
        return self._map.start(start), self._map.end(end - 1)

    def raw_text(self, start: int, end: int) -> str:
        """The raw phrase behind ``text[start:end]``."""
        a, b = self.raw_span(start, end)
        return self.raw[a:b]

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start : sentence.end]

    def sentence_at(self, position: int) -> Sentence | None:
        if len(self._sentence_starts) != len(self.sentences):
            self._sentence_starts = [s.start for s in self.sentences]
        k = bisect_right(self._sentence_starts, position) - 1
        if k >= 0:
            sentence = self.sentences[k]
            if sentence.start <= position < sentence.end:
                return sentence
        return None

    def line_at(self, position: int) -> Sentence | None:
        for line in self.lines:
            if line.start <= position < line.end:
                return line
        return None
