"""Bytes -> text: decode what was read, refuse what is not text.

``decode(data, name)`` accepts UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM, or without
one when the NUL pattern is unmistakable) and the legacy Vietnamese encodings TCVN3 (ABC) and
VNI, converted with the charts in ``data/tcvn3.tsv`` and ``data/vni.tsv``.  Legacy text is
recognised both as raw bytes (not UTF-8) and as mojibake already stored in UTF-8.  Anything else
raises ``InputError`` with a one-line English reason.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from .resources import load_tsv

# Characters of Unicode Vietnamese that no legacy encoding produces when read as Latin-1.
_VIETNAMESE = re.compile(
    "[\u1ea0-\u1ef9\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0\u0128\u0129\u0168\u0169]"
)
_BEYOND_LATIN1 = re.compile("[^\u0000-\u00ff\u2010-\u2026\u20ac]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_WORD = re.compile(r"[^\s\d.,;:!?()\[\]\"'/-]+")


class InputError(ValueError):
    """The input is not text this tool can read; ``str(error)`` is ``"<name>: <reason>"``."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


@lru_cache(maxsize=1)
def _tcvn3() -> dict[str, str]:
    return {bytes([int(row[0], 16)]).decode("latin-1"): row[1] for row in load_tsv("tcvn3.tsv")}


@lru_cache(maxsize=1)
def _vni() -> tuple[dict[str, str], re.Pattern[str]]:
    table = {row[0]: row[1] for row in load_tsv("vni.tsv")}
    pattern = re.compile("|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)))
    return table, pattern


_TCVN3_MARKERS = re.compile("[\u00a1-\u00be\u00c6-\u00cb]")
_VNI_MARKERS = re.compile(
    "[aeouyAEOUY][\u00f9\u00f8\u00fb\u00f5\u00ef\u00e2\u00e1\u00e0\u00e5\u00e3\u00e4\u00ea\u00e9\u00e8\u00fa\u00fc\u00eb"
    "\u00d9\u00d8\u00db\u00d5\u00cf\u00c2\u00c1\u00c0\u00c5\u00c3\u00c4\u00ca\u00c9\u00c8\u00da\u00dc\u00cb]"
    "|[\u00f1\u00d1][aeiouyAEIOUY]"
)


def legacy_encoding(text: str) -> str | None:
    """``"TCVN3"`` or ``"VNI"`` when ``text`` (Latin-1 view of the bytes) looks like one; else ``None``."""
    if _VIETNAMESE.search(text):
        return None
    # Legacy bytes read as Latin-1 stay below U+0100 (bar typographic punctuation).
    if len(_BEYOND_LATIN1.findall(text)) > len(text) // 100:
        return None
    words = _WORD.findall(text)
    if not words:
        return None
    tcvn = sum(1 for w in words if _TCVN3_MARKERS.search(w) and re.search("[A-Za-z]", w))
    vni = sum(1 for w in words if _VNI_MARKERS.search(w))
    n = len(words)
    best, score = ("TCVN3", tcvn) if tcvn >= vni else ("VNI", vni)
    # TCVN3 symbols inside words are specific enough for a short text to count with one word.
    needed = 1 if best == "TCVN3" and n < 10 else 2
    if score >= needed and score >= 0.05 * n:
        return best
    return None


_LINE = re.compile(r"[^\n]+")


def convert_tcvn3(text: str) -> str:
    table = _tcvn3()
    out = "".join(table.get(ch, ch) for ch in text)

    # Capital toned letters share the small letters' codes (they were drawn by the capital
    # fonts): a line whose plain letters are all capitals is a capital line ("§¶NG Bé" -> "ĐẢNG BỘ").
    def caps(m: re.Match[str]) -> str:
        line = m.group()
        ascii_letters = [c for c in line if c.isascii() and c.isalpha()]
        if len(ascii_letters) >= 4 and all(c.isupper() for c in ascii_letters):
            return line.upper()
        return line

    return _LINE.sub(caps, out)


def convert_vni(text: str) -> str:
    table, pattern = _vni()
    return pattern.sub(lambda m: table[m.group()], text)


_DOUBLE_UTF8 = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


def fix_double_utf8(text: str) -> str | None:
    """UTF-8 read as Windows-1252 and saved again ("Viá»‡t Nam" -> "Việt Nam"); else ``None``."""
    if len(_DOUBLE_UTF8.findall(text)) < 2:
        return None
    out = bytearray()
    for ch in text:
        code = ord(ch)
        if code < 256:
            out.append(code)
        else:
            try:
                out += ch.encode("cp1252")
            except UnicodeEncodeError:
                return None
    try:
        fixed = out.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return fixed if _VIETNAMESE.search(fixed) else None


def _check_text(text: str, name: str) -> str:
    if not text.strip():
        raise InputError(name, "empty input")
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > len(text) // 100:
        raise InputError(name, "binary data, not text")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    pairs = len(data) // 2
    even_nul = data[0::2].count(0)
    odd_nul = data[1::2].count(0)
    if odd_nul >= 0.3 * pairs and even_nul <= 0.02 * pairs:
        codec = "utf-16-le"
    elif even_nul >= 0.3 * pairs and odd_nul <= 0.02 * pairs:
        codec = "utf-16-be"
    else:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


_LEGACY_NAMES = {"TCVN3": "TCVN3 (ABC)", "VNI": "VNI"}
# Latin-1 letters that Vietnamese text never contains: left over after a conversion, they mean
# the chart did not cover the file.
_NOT_VIETNAMESE = re.compile(
    "[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de-\u00df\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]"
)


def _legacy(text: str, name: str) -> str | None:
    encoding = legacy_encoding(text)
    if encoding is None:
        return None
    converted = convert_tcvn3(text) if encoding == "TCVN3" else convert_vni(text)
    letters = sum(1 for c in converted if c.isalpha())
    if len(_NOT_VIETNAMESE.findall(converted)) > max(2, letters // 200):
        raise InputError(
            name,
            f"file looks like {_LEGACY_NAMES[encoding]} legacy encoding; convert it to UTF-8",
        )
    return converted


def decode(data: bytes, name: str = "<input>") -> str:
    """The text of ``data``; ``InputError`` when it is empty, binary or not readable text."""
    if not data or not data.strip(b" \t\r\n\x0b\x0c"):
        raise InputError(name, "empty input")
    if data.startswith(codecs.BOM_UTF8):
        try:
            text = data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                name, f"invalid UTF-8 after the byte order mark (byte {exc.start})"
            ) from None
        return _check_text(_legacy(text, name) or text, name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        if data.startswith(codecs.BOM_UTF32_LE):
            raise InputError(name, "UTF-32 text is not supported; convert it to UTF-8")
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(name, "invalid UTF-16 text") from None
        return _check_text(text, name)
    if b"\x00" in data:
        text16 = _utf16_without_bom(data)
        if text16 is not None:
            return _check_text(text16, name)
        raise InputError(name, "binary data, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        latin = data.decode("latin-1")
        _check_text(latin, name)
        converted = _legacy(latin, name)
        if converted is not None:
            return converted
        raise InputError(
            name,
            "not UTF-8 text and no known Vietnamese legacy encoding (TCVN3, VNI); convert it to UTF-8",
        ) from None
    _check_text(text, name)
    # UTF-8 that carries legacy-encoded text (TCVN3/VNI bytes read as Latin-1 and saved again),
    # or UTF-8 decoded as Windows-1252 and encoded again.
    converted = fix_double_utf8(text)
    if converted is None:
        converted = _legacy(text, name)
    return converted if converted is not None else text
