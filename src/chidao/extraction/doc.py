"""The document every recognizer reads: the untouched text, its normalised form, and the offset map.

Recognizers match against ``doc.text`` (normalised: NFC, NBSP -> space, "55, 95" -> "55,95", ...)
and report facts with spans converted back by ``doc.raw_span`` so that
``doc.raw[start:end]`` is the phrase exactly as read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence or line of the normalised text, ``doc.text[start:end]``."""

    start: int
    end: int


@dataclass(slots=True)
class Doc:
    raw: str
    text: str
    # offsets[i] is the raw offset of normalised character i; offsets[len(text)] == len(raw).
    offsets: list[int]
    publication_date: date | None = None
    sentences: list[Sentence] = field(default_factory=list)
    # Filled by the date component: the year the text is about, when it can be known.
    context_year: int | None = None

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of ``self.text`` to the matching span of ``self.raw``."""
        if start >= end:
            raw_start = self.offsets[start]
            return raw_start, raw_start
        # The end maps through the last character so that characters dropped by
        # normalisation after the phrase are not swallowed into it.
        return self.offsets[start], self.offsets[end - 1] + 1

    def sentence_at(self, position: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= position < sentence.end:
                return sentence
        return None
