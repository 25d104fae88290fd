"""Numbers and dates written the Vietnamese way: "1.234,5" and "31/12/2021" (pure Python).

The rule for a number written as text (every CSV cell, and an .xlsx cell typed as text):

- "," is the decimal mark, at most once; "." only groups thousands, in groups of exactly
  three digits: "1.234,5", "1234,5", "380", "376,4", "-2,5", "1.234.567" are accepted;
- anything else is refused rather than guessed: the English form "1,234.5", a dot used as
  a decimal mark "376.4" (it is not a group of three), "1.23,5", "1.234.5", "12 345",
  "100%", letters;
- a column of whole numbers (year, month, progress %) refuses a fraction: "1.234,5" is a
  valid number but not a valid year.

A real numeric cell of an .xlsx file is a number already and is taken as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

_VN_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$")
_VN_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class FormatError(ValueError):
    """A value not written as the rule asks; ``message`` is Vietnamese, for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def parse_vn_number(text: str) -> Decimal:
    """ "1.234,5" -> Decimal("1234.5"); FormatError for any other way of writing it."""
    raw = text.strip()
    if not _VN_NUMBER.match(raw):
        hint = ""
        if re.match(r"^[+-]?\d+\.\d+$", raw) and not re.match(r"^[+-]?\d{1,3}(\.\d{3})+$", raw):
            hint = f" (dấu phẩy là dấu thập phân: viết {raw.replace('.', ',')})"
        elif re.match(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$", raw):
            hint = " (viết theo kiểu Việt Nam: dấu chấm phân cách hàng nghìn, dấu phẩy thập phân)"
        raise FormatError(f"số '{raw}' không đúng cách viết 1.234,5{hint}")
    try:
        return Decimal(raw.replace(".", "").replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        raise FormatError(f"số '{raw}' không hợp lệ") from None


def format_vn_number(value, places: int | None = None, *, grouping: bool = True) -> str:
    """Decimal(1234.5) -> "1.234,5"; ``places`` fixes the decimals, else trailing zeros go."""
    if value is None:
        return ""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if places is not None:
        number = number.quantize(Decimal(10) ** -places)
        text = f"{number:f}"
    else:
        text = f"{number.normalize():f}" if number != 0 else "0"
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    whole, _, fraction = text.partition(".")
    if grouping:
        whole = f"{int(whole):,}".replace(",", ".")
    return sign + whole + ("," + fraction if fraction else "")


def format_vn_percent(value, places: int = 2, *, signed: bool = False) -> str:
    """Decimal("100.9566") -> "100,96%"; ``signed`` writes "+28,38%" / "-3,10%"."""
    if value is None:
        return ""
    text = format_vn_number(value, places)
    if signed and not text.startswith("-") and Decimal(str(value)) != 0:
        text = "+" + text
    return text + "%"


def parse_vn_date(text: str) -> dt.date:
    """ "31/12/2021" or "5/8/2021" -> a date; FormatError otherwise (also for "2021-12-31")."""
    raw = text.strip()
    match = _VN_DATE.match(raw)
    if not match:
        raise FormatError(f"ngày '{raw}' không hợp lệ (viết dd/mm/yyyy, ví dụ 31/12/2021)")
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise FormatError(f"ngày '{raw}' không hợp lệ") from None


def format_vn_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""
