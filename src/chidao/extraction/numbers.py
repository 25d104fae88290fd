"""Vietnamese numbers, number words, units and quantities.

"." groups thousands and "," is the decimal mark ("1.234,5" -> 1234.5).  A figure is kept in the
unit the text uses: "380 tỷ đồng" -> value 380, unit "tỷ đồng".  Units live in
``data/units.tsv``, number words and scales in ``data/numbers.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .resources import load_tsv, load_yaml, trie_pattern

# A number as written: "1.234.567", "1.234,5", "55,95", "380", "0.5".
NUMBER = (
    r"(?<![\w.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\w])|(?<![\w.,])\d+(?:[.,]\d+)?(?![\w]|[.,]\d)"
)


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    value: float
    unit: str | None  # canonical unit ("tỷ đồng", "%", "ha") or None for a bare number
    kind: str | None  # money, percent, area, mass, count, ...
    number_end: int  # end of the number itself (before the unit)


def parse_number(s: str) -> float | None:
    """Parse a Vietnamese-written number; ``None`` when it is not one.

    >>> parse_number("1.234,5")
    1234.5
    """
    s = s.strip().replace(" ", "")
    if not s or not re.fullmatch(r"[\d.,]+", s) or not s[0].isdigit() or not s[-1].isdigit():
        return None
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        if s.rfind(",") > s.rfind("."):
            int_part, _, frac = s.rpartition(",")
            int_part = int_part.replace(".", "")
        else:  # English style "1,234.5"
            int_part, _, frac = s.rpartition(".")
            int_part = int_part.replace(",", "")
        if not re.fullmatch(r"\d+", int_part):
            return None
        return float(f"{int_part}.{frac}")
    if commas:
        if commas > 1:
            return float(s.replace(",", "")) if _grouped(s, ",") else None
        return float(s.replace(",", "."))
    if dots:
        if dots > 1:
            return float(s.replace(".", "")) if _grouped(s, ".") else None
        head, _, tail = s.partition(".")
        if len(tail) == 3 and head != "0":
            return float(head + tail)  # "1.234" groups thousands
        return float(s)
    return float(s)


def _grouped(s: str, sep: str) -> bool:
    parts = s.split(sep)
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])


def as_number(value: float) -> int | float:
    """380.0 -> 380, 55.95 -> 55.95 (rounded to remove float noise)."""
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded


_SCALE_NAMES = {"ngàn": "nghìn", "tỉ": "tỷ"}


class _Words:
    def __init__(self) -> None:
        data: dict[str, Any] = load_yaml("numbers.yaml")
        self.digits: dict[str, int] = data["digits"]
        self.ten = set(data["ten"])
        self.tens = set(data["tens"])
        self.hundred = set(data["hundred"])
        self.zero = set(data["zero_filler"])
        self.scales: dict[str, int] = data["scales"]
        vocab = (
            set(self.digits) | self.ten | self.tens | self.hundred | self.zero | set(self.scales)
        )
        alt = "|".join(sorted(map(re.escape, vocab), key=len, reverse=True))
        self.pattern = re.compile(
            r"(?<!\w)(?:" + alt + r")(?:\s+(?:" + alt + r"))*(?!\w)", re.IGNORECASE
        )


@lru_cache(maxsize=1)
def _words() -> _Words:
    return _Words()


def parse_words(phrase: str) -> int | None:
    """Value of a number written in words: "ba mươi" -> 30, "mười lăm" -> 15, "một trăm" -> 100.

    ``None`` when the words do not form a number.
    """
    w = _words()
    tokens = phrase.lower().split()
    if not tokens:
        return None
    total = 0  # completed groups (thousands, millions ...)
    group = 0  # value below the current scale
    current: int | None = None  # pending digit
    seen = False
    for tok in tokens:
        if tok in w.digits:
            if current is not None:
                return None
            current = w.digits[tok]
            seen = True
        elif tok in w.ten:
            group += 10 + 0
            if current is not None:
                return None
            seen = True
            # "mười lăm": the next digit adds to ten
        elif tok in w.tens:
            if current is None:
                return None
            group += current * 10
            current = None
        elif tok in w.hundred:
            group += (current if current is not None else 1) * 100
            current = None
            seen = True
        elif tok in w.zero:
            continue
        elif tok in w.scales:
            scale = w.scales[tok]
            value = group + (current or 0)
            if value == 0 and not seen:
                return None
            total = (
                (total + (value or 1)) * scale
                if total and total < scale
                else total + (value or 1) * scale
            )
            group = 0
            current = None
        else:
            return None
    if not seen:
        return None
    return total + group + (current or 0)


class _Units:
    def __init__(self) -> None:
        rows = load_tsv("units.tsv")
        self.table: dict[str, tuple[str, str]] = {r[0].lower(): (r[1], r[2]) for r in rows}
        alt = "|".join(sorted(map(re.escape, self.table), key=len, reverse=True))
        scales = "|".join(sorted(map(re.escape, _words().scales), key=len, reverse=True))
        words = _words()
        number_words = trie_pattern(set(words.digits) | words.ten | words.tens | words.hundred)
        first = "".join(sorted({w[0] for w in words.digits} | {"m", "t"}))
        first += first.upper()
        self.quantity = re.compile(
            r"(?=[\d" + first + r"])"
            r"(?P<num>"
            + NUMBER
            + r"|(?<!\w)"
            + number_words
            + r"(?:\s+"
            + number_words
            + r")*(?=\s))"
            r"(?:\s?(?P<unit>(?P<scale>(?:(?:"
            + scales
            + r")\s+){0,2})(?P<base>"
            + alt
            + r"))(?![\w²³])"
            r"|\s(?P<bare>" + scales + r")(?!\w))?",
            re.IGNORECASE,
        )


@lru_cache(maxsize=1)
def units() -> _Units:
    return _Units()


def find_quantities(
    text: str, start: int = 0, end: int | None = None, *, with_unit: bool = False
) -> list[Quantity]:
    """Numbers with their unit in ``text[start:end]`` (dates and document numbers excluded).

    ``with_unit=True`` keeps only numbers followed by a unit or scale word.
    """
    u = units()
    end = len(text) if end is None else end
    out: list[Quantity] = []
    for m in u.quantity.finditer(text, start, end):
        if with_unit and not (m.group("unit") or m.group("bare")):
            continue
        ns, ne = m.span("num")
        # Dates ("19/8/2021"), document numbers ("10-CT/TW") and times are not figures.
        if text[ne : ne + 1] in ("/", "-", ":", "h") and text[ne + 1 : ne + 2].isalnum():
            continue
        if ns > 0 and text[ns - 1] in "/-:":
            continue
        num = m.group("num")
        if num[0].isdigit():
            value = parse_number(num)
        elif not m.group("unit"):
            continue  # a number in words counts only with its unit ("mười lăm xã")
        else:
            words_value = parse_words(num)
            value = None if words_value is None else float(words_value)
        if value is None:
            continue
        unit: str | None = None
        kind: str | None = None
        if m.group("unit"):
            unit_text = m.group("unit").lower()
            if unit_text in u.table:
                unit, kind = u.table[unit_text]
            else:
                base, kind = u.table[m.group("base").lower()]
                unit = " ".join(
                    [*(_SCALE_NAMES.get(w, w) for w in m.group("scale").lower().split()), base]
                )
        elif m.group("bare"):
            unit, kind = (
                _SCALE_NAMES.get(m.group("bare").lower(), m.group("bare").lower()),
                "number",
            )
        out.append(Quantity(ns, m.end(), value, unit, kind, ne))
    return out
