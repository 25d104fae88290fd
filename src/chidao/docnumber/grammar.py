"""The grammar of Vietnamese document numbers ("số, ký hiệu văn bản"), Party and state.

Party numbers (Quy định 66-QĐ/TW, Hướng dẫn 36-HD/VPTW)::

    Số 10-CT/TW          <number>-<TYPE>/<ISSUER>          no colon after "Số"

State numbers (Nghị định 30/2020/NĐ-CP)::

    Số: 123/QĐ-UBND      <number>/<TYPE>-<AGENCY>[-<UNIT>]
    Số: 456/UBND-VP      <number>/<AGENCY>-<UNIT>          công văn: no type code
    09/2019/NĐ-CP        <number>/<year>/<TYPE>-<AGENCY>   legal normative documents
    202/2025/QH15        <number>/<year>/<BODY+term>       laws and National Assembly
                                                           resolutions: no type code

The separator after the number tells the two systems apart: "-" is Party, "/" is state.
Document types and issuers are data (``types.yaml``, ``issuers.yaml``). Pure Python:
nothing here imports Django, so the extraction engine can use it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Final, Literal

import yaml

System = Literal["party", "state"]
PARTY: Final = "party"
STATE: Final = "state"
SYSTEMS: Final = (PARTY, STATE)

MAX_NUMBER_DIGITS: Final = 6
# State numbers restart every calendar year; the years we accept are those of
# the Democratic Republic and after, with room for the future.
MIN_YEAR: Final = 1945
MAX_YEAR: Final = 2100


class DocNumberError(ValueError):
    """A text is not a well-formed document number; the message says what is wrong."""


class UnknownDocumentType(DocNumberError, KeyError):
    """A document type name or abbreviation that is not in ``types.yaml``.

    Both a ``ValueError`` and a ``KeyError``, so callers of a look-up may catch either.
    """

    def __str__(self) -> str:
        # KeyError would quote the message like a key; keep it plain.
        return str(self.args[0]) if self.args else ""


# --------------------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class DocumentType:
    """One document type: its Vietnamese name and the abbreviations its numbers use."""

    name: str
    party_code: str | None  # None: not numbered with a type code in Party documents
    state_code: str | None  # None: not a state type, or numbered without a code (công văn)
    legal: bool = False  # a legal normative document: its state number carries the year
    # Other abbreviations read as this type in Party numbers ("QĐi" for Quy định).
    party_variants: tuple[str, ...] = ()

    def code(self, system: System) -> str | None:
        """The abbreviation this type is written with in ``system``'s numbers."""
        return self.party_code if system == PARTY else self.state_code

    def codes(self, system: System) -> tuple[str, ...]:
        """Every abbreviation read as this type in ``system``'s numbers."""
        main = self.code(system)
        variants = self.party_variants if system == PARTY else ()
        return ((main,) if main else ()) + variants


def _read_yaml(filename: str) -> Any:
    text = (
        resources.files(__package__ or "chidao.docnumber")
        .joinpath(filename)
        .read_text(encoding="utf-8")
    )
    return yaml.safe_load(text)


def _load_types() -> tuple[DocumentType, ...]:
    types = []
    for entry in _read_yaml("types.yaml"):
        party, state = entry.get("party"), entry.get("state")
        variants = entry.get("party_variants") or []
        # YAML 1.1 turns some bare words into booleans; codes must stay strings.
        for code in (party, state, *variants):
            if code is not None and not isinstance(code, str):
                raise TypeError(f"types.yaml: code {code!r} of {entry['name']} is not a string")
        types.append(
            DocumentType(
                name=_normalize(entry["name"]),
                party_code=_normalize(party) if party else None,
                state_code=_normalize(state) if state else None,
                legal=bool(entry.get("legal", False)),
                party_variants=tuple(_normalize(code) for code in variants),
            )
        )
    return tuple(types)


# --------------------------------------------------------------------------- text

# Characters that look like the ones the grammar uses and arrive from Word, PDF
# extraction and web pages: the Icelandic eth "Ð" (U+00D0) for "Đ", dashes for
# the hyphen, slash look-alikes, and non-breaking spaces.
_LOOKALIKES: Final = str.maketrans(
    {
        "\u00d0": "Đ",  # Ð  LATIN CAPITAL LETTER ETH
        "\u0189": "Đ",  # Ɖ  LATIN CAPITAL LETTER AFRICAN D
        "\u00f0": "đ",  # ð  LATIN SMALL LETTER ETH
        "\u0256": "đ",  # ɖ  LATIN SMALL LETTER D WITH TAIL
        "\u2010": "-",  # HYPHEN
        "\u2011": "-",  # NON-BREAKING HYPHEN
        "\u2012": "-",  # FIGURE DASH
        "\u2013": "-",  # EN DASH
        "\u2212": "-",  # MINUS SIGN
        "\u2044": "/",  # FRACTION SLASH
        "\u2215": "/",  # DIVISION SLASH
        "\uff0f": "/",  # FULLWIDTH SOLIDUS
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
    }
)
# "Đ" has no canonical decomposition, so NFC cannot compose it; a D with a
# combining stroke overlay is what some keyboards and OCR produce instead.
_STROKED_D: Final = re.compile("([Dd])[\u0335\u0336]")


def _normalize(text: str) -> str:
    """NFC, look-alike characters mapped to the ones the grammar uses."""
    text = unicodedata.normalize("NFC", text)
    if "\u0335" in text or "\u0336" in text:
        text = _STROKED_D.sub(lambda m: "Đ" if m.group(1) == "D" else "đ", text)
    return text.translate(_LOOKALIKES)


# --------------------------------------------------------------------------- tables

DOCUMENT_TYPES: Final[tuple[DocumentType, ...]] = _load_types()
_TYPES_BY_NAME: Final = {t.name.casefold(): t for t in DOCUMENT_TYPES}


def _issuer_table(system: System) -> dict[str, str]:
    return {_normalize(k): _normalize(v) for k, v in _ISSUER_DATA[system].items()}


_ISSUER_DATA: Final = _read_yaml("issuers.yaml")
PARTY_ISSUERS: Final[dict[str, str]] = _issuer_table(PARTY)
STATE_ISSUERS: Final[dict[str, str]] = _issuer_table(STATE)
# Bodies that number their laws and resolutions without a type code: 202/2025/QH15.
NO_TYPE_CODE_BODIES: Final[frozenset[str]] = frozenset(_ISSUER_DATA["no_type_code"])


def _codes(system: System) -> dict[str, str]:
    """Upper-cased abbreviation -> its canonical spelling ("CTR" -> "CTr")."""
    return {code.upper(): code for t in DOCUMENT_TYPES for code in t.codes(system)}


_PARTY_CODES: Final = _codes(PARTY)
# A state number may use a code only the Party table has (12/KL-UBND, 5/CV-UBND):
# it still names a type. A state code wins when both tables know the letters
# (TT is Thông tư in a state number, Thông tri in a Party one).
_STATE_CODES: Final = {**_PARTY_CODES, **_codes(STATE)}
_KNOWN_SYMBOLS: Final = frozenset(
    [*_PARTY_CODES.values(), *_STATE_CODES.values(), *PARTY_ISSUERS, *STATE_ISSUERS]
)


def type_by_name(name: str) -> DocumentType:
    """The document type called ``name`` ("Chỉ thị"; case and Unicode form do not matter).

    Raises ``UnknownDocumentType`` (a ``ValueError`` and a ``KeyError``) for an unknown name.
    """
    found = _TYPES_BY_NAME.get(_normalize(name).strip().casefold())
    if found is None:
        raise UnknownDocumentType(f"unknown document type name {name!r}")
    return found


def types_for_code(code: str, system: System | None = None) -> tuple[DocumentType, ...]:
    """The types an abbreviation names, in table order; empty when it names none.

    Party "QĐ" names both Quyết định and Quy định; state "QĐ" only Quyết định.
    With ``system=None`` both tables are searched.
    """
    wanted = _normalize(code).strip().upper()
    if system is None:
        return tuple(t for t in DOCUMENT_TYPES if wanted in _upper_codes(t))
    _check_system(system)
    own = tuple(t for t in DOCUMENT_TYPES if wanted in {c.upper() for c in t.codes(system)})
    if own or system == PARTY:
        return own
    # A state number written with a Party-only code (12/KL-UBND).
    return types_for_code(code, PARTY)


def _upper_codes(document_type: DocumentType) -> set[str]:
    return {c.upper() for system in SYSTEMS for c in document_type.codes(system)}


def issuer_name(symbol: str, system: System | None = None) -> str | None:
    """The body a symbol names ("BTCTW" -> "Ban Tổ chức Trung ương"), or None if unknown.

    A term number written after a legislature's symbol is read off: "QH15" -> "Quốc hội".
    """
    symbol = _normalize(symbol).strip()
    tables = [PARTY_ISSUERS, STATE_ISSUERS] if system is None else [_issuer_table_for(system)]
    for candidate in (symbol, symbol.rstrip("0123456789")):
        for table in tables:
            if candidate in table:
                return table[candidate]
    return None


def _issuer_table_for(system: System) -> dict[str, str]:
    _check_system(system)
    return PARTY_ISSUERS if system == PARTY else STATE_ISSUERS


def _check_system(system: object) -> None:
    if system not in SYSTEMS:
        raise DocNumberError(f"system must be 'party' or 'state', got {system!r}")


# --------------------------------------------------------------------------- the value


@dataclass(frozen=True, slots=True)
class DocNumber:
    """A document number, Party or state, in its canonical spelling.

    ``number`` is a string so that written zeros survive ("09"). ``issuer`` is the
    Party issuer (everything after "/", "BTCTW") or the state agency ("UBND", "CP",
    "QH15"); ``unit`` is the state sub-unit ("VP" in 456/UBND-VP). ``type_code`` is
    None for a state công văn and for 202/2025/QH15-style numbers.
    """

    system: System
    number: str
    type_code: str | None
    issuer: str
    unit: str | None = None
    year: int | None = None

    @property
    def symbol(self) -> str:
        """The part after the number: "CT/TW", "QĐ-UBND", "NĐ-CP", "UBND-VP", "QH15"."""
        if self.system == PARTY:
            return f"{self.type_code}/{self.issuer}"
        return "-".join(part for part in (self.type_code, self.issuer, self.unit) if part)

    @property
    def document_types(self) -> tuple[DocumentType, ...]:
        if self.type_code is not None:
            return types_for_code(self.type_code, self.system)
        if self.system == STATE:
            # No type code: a công văn, or, with a year, a law-level number that
            # reads as a Nghị quyết by convention (a Luật looks the same).
            return (type_by_name("Nghị quyết" if self.year else "Công văn"),)
        return ()

    @property
    def type_names(self) -> tuple[str, ...]:
        """("Chỉ thị",); Party "QĐ" gives ("Quyết định", "Quy định")."""
        return tuple(t.name for t in self.document_types)

    @property
    def issuer_name(self) -> str | None:
        return issuer_name(self.issuer, self.system)

    def validate(self) -> DocNumber:
        """Raise ``DocNumberError`` if this is not a well-formed number; return self."""
        _check_system(self.system)
        _check_number(self.number)
        if self.system == PARTY:
            self._validate_party()
        else:
            self._validate_state()
        return self

    def _validate_party(self) -> None:
        if self.type_code is None:
            raise DocNumberError("a Party number needs a document type abbreviation")
        if _PARTY_CODES.get(self.type_code.upper()) != self.type_code:
            raise _unknown_code(self.type_code, PARTY)
        if self.unit is not None:
            raise DocNumberError("a Party number has no unit: joint issuers go in the issuer")
        if self.year is not None:
            raise DocNumberError("a Party number carries no year")
        for part in _split_parts(self.issuer, "issuer"):
            _check_abbreviation(part, "issuer")

    def _validate_state(self) -> None:
        if self.year is not None and not (
            isinstance(self.year, int) and MIN_YEAR <= self.year <= MAX_YEAR
        ):
            raise DocNumberError(f"year {self.year!r} is out of range {MIN_YEAR}-{MAX_YEAR}")
        if self.type_code is not None and _STATE_CODES.get(self.type_code.upper()) != (
            self.type_code
        ):
            raise _unknown_code(self.type_code, STATE)
        if "-" in self.issuer:
            raise DocNumberError(f"agency {self.issuer!r} must be one abbreviation; use unit")
        _check_abbreviation(self.issuer, "agency")
        if self.unit is not None:
            for part in _split_parts(self.unit, "unit"):
                _check_abbreviation(part, "unit")
        if self.type_code is not None:
            return
        if self.issuer.upper() in _STATE_CODES:
            # 5/CT-VP reads as a Chỉ thị of agency VP, never as a công văn of "CT".
            raise DocNumberError(
                f"agency {self.issuer!r} would read as a document type abbreviation"
            )
        if self.year is not None:
            if self.issuer.rstrip("0123456789") not in NO_TYPE_CODE_BODIES:
                raise DocNumberError(
                    f"missing document type abbreviation before {self.issuer!r}: only "
                    f"{', '.join(sorted(NO_TYPE_CODE_BODIES))} write a year and no type"
                )
            if self.unit is not None:
                raise DocNumberError(f"unexpected {self.unit!r} after {self.issuer!r}")

    def __str__(self) -> str:
        return format_number(self, prefix=False)


_DIGITS: Final = re.compile(r"[0-9]+")


def _check_number(number: object) -> None:
    if not isinstance(number, str) or not _DIGITS.fullmatch(number):
        raise DocNumberError(f"number must be digits, got {number!r}")
    if len(number) > MAX_NUMBER_DIGITS:
        raise DocNumberError(f"number {number!r} has more than {MAX_NUMBER_DIGITS} digits")
    if int(number) == 0:
        raise DocNumberError(f"number must be positive, got {number!r}")


# An abbreviation: a capital first, then capitals and digits, with at most one
# lowercase letter as real symbols have ("TTg", "CTr", "QyĐ", "TrS").
_ABBREVIATION: Final = re.compile(r"[A-ZĐ][A-ZĐ0-9]*(?:[a-zđ][A-ZĐ0-9]*)?")


def _is_abbreviation(token: str) -> bool:
    if not _ABBREVIATION.fullmatch(token):
        return False
    # One capital alone ("Tg", "Hà") is a word, unless the tables know it ("L").
    return sum(ch.isupper() for ch in token) >= 2 or token in _KNOWN_SYMBOLS


def _check_abbreviation(token: str, role: str) -> None:
    if not _is_abbreviation(token):
        raise DocNumberError(
            f"{role} {token!r} is not an abbreviation "
            "(capital letters and digits, at most one lowercase letter: 'TW', 'UBND', 'TTg')"
        )


def _split_parts(text: str, role: str) -> list[str]:
    parts = text.split("-")
    if not all(parts):
        raise DocNumberError(f"empty part between '-' in {role} {text!r}")
    return parts


def _unknown_code(code: str, system: System) -> UnknownDocumentType:
    known = ", ".join(sorted(set((_PARTY_CODES if system == PARTY else _STATE_CODES).values())))
    label = "Party" if system == PARTY else "state"
    return UnknownDocumentType(
        f"unknown document type abbreviation {code!r} (known in {label} numbers: {known})"
    )


# --------------------------------------------------------------------------- parse

# "Số", "số:", "SỐ :", "So" before the number.
_PREFIX: Final = re.compile(r"(?:số|so)(?![^\W\d_])\s*:?\s*", re.IGNORECASE)
_SPACES_AROUND_SEPARATOR: Final = re.compile(r"\s*([-/])\s*")
_SPACE: Final = re.compile(r"\s")
_NUMBER_HEAD: Final = re.compile(r"[^-/]*")
_LETTER: Final = re.compile(r"[^\W\d_]")


def parse(text: str) -> DocNumber:
    """Read one document number: "Số 10-CT/TW", "35-KH/HU", "Số: 123/QĐ-UBND", "09/2019/NĐ-CP".

    Lenient about the form (prefix "Số" with or without colon, spaces around "-" and
    "/", look-alike characters, decomposed Unicode) and strict about the content.
    Raises ``DocNumberError`` saying what is wrong.
    """
    if not isinstance(text, str):
        raise DocNumberError(f"expected a string, got {type(text).__name__}")
    cleaned = _normalize(text).strip()
    if prefix := _PREFIX.match(cleaned):
        cleaned = cleaned[prefix.end() :]
    if _SPACE.search(cleaned):
        cleaned = _SPACES_AROUND_SEPARATOR.sub(lambda m: m.group(1), cleaned)
        if _SPACE.search(cleaned):
            raise DocNumberError(f"unexpected space inside the number {cleaned!r}")
    if not cleaned:
        raise DocNumberError(f"empty document number: {text!r}")

    head = _NUMBER_HEAD.match(cleaned)
    assert head is not None  # the pattern matches the empty string
    number = cleaned[: head.end()]
    separator = cleaned[head.end() : head.end() + 1]
    rest = cleaned[head.end() + 1 :]
    if not number:
        raise DocNumberError(f"missing number before {cleaned!r}")
    _check_number(number)
    if not separator:
        raise DocNumberError(f"missing symbol after the number {number!r}")
    if separator == "-":
        return _parse_party(number, rest)
    return _parse_state(number, rest)


def _parse_party(number: str, rest: str) -> DocNumber:
    code, slash, issuer = rest.partition("/")
    if not code:
        raise DocNumberError("missing document type abbreviation after '-'")
    if not slash:
        raise DocNumberError(f"a Party number needs '/<issuer>' after the type: {rest!r}")
    if not issuer:
        raise DocNumberError("missing issuer after '/'")
    if "/" in issuer:
        raise DocNumberError(f"unexpected '/' in the issuer {issuer!r}")
    canonical = _PARTY_CODES.get(code.upper())
    if canonical is None:
        raise _unknown_code(code, PARTY)
    return DocNumber(PARTY, number, canonical, issuer).validate()


def _parse_state(number: str, rest: str) -> DocNumber:
    if not rest:
        raise DocNumberError(f"missing symbol after the number {number!r}")
    if not _LETTER.search(rest):
        # 20/6, 8/2021, 20/6/2021, 1/3: a date or a fraction, not a document number.
        raise DocNumberError(f"a state number needs letters after '/', got {rest!r}")
    parts = rest.split("/")
    year: int | None = None
    if len(parts) == 2 and _DIGITS.fullmatch(parts[0]):
        if len(parts[0]) != 4:
            raise DocNumberError(f"year must have four digits, got {parts[0]!r}")
        year = int(parts[0])
        parts = parts[1:]
    if len(parts) != 1:
        raise DocNumberError(f"too many '/' in {rest!r}")
    symbol = parts[0]

    first, *others = _split_parts(symbol, "symbol")
    code = _STATE_CODES.get(first.upper())
    if code is not None:
        if not others:
            raise DocNumberError(f"missing agency after the type: write {code}-<agency>")
        unit = "-".join(others[1:]) or None
        return DocNumber(STATE, number, code, others[0], unit, year).validate()
    if year is not None and others and first.rstrip("0123456789") not in NO_TYPE_CODE_BODIES:
        raise _unknown_code(first, STATE)
    # No type code: a công văn (456/UBND-VP) or, with a year, 202/2025/QH15.
    return DocNumber(STATE, number, None, first, "-".join(others) or None, year).validate()


# --------------------------------------------------------------------------- format


def format_number(number: DocNumber, prefix: bool = True) -> str:
    """ "Số 10-CT/TW" (Party: no colon), "Số: 123/QĐ-UBND" (state: colon); bare with prefix=False."""
    if number.system == PARTY:
        bare = f"{number.number}-{number.symbol}"
        return f"Số {bare}" if prefix else bare
    year = f"/{number.year}" if number.year is not None else ""
    bare = f"{number.number}{year}/{number.symbol}"
    return f"Số: {bare}" if prefix else bare


# --------------------------------------------------------------------------- build


def _number_text(number: int | str) -> str:
    """A number as written: at least two digits ("09").

    Both Party and state numbering start at 01 (Hướng dẫn 36-HD/VPTW; Nghị định
    30/2020/NĐ-CP, Phụ lục I).
    """
    if isinstance(number, bool) or not isinstance(number, int | str):
        raise DocNumberError(f"number must be digits, got {number!r}")
    text = str(number).strip() if isinstance(number, str) else str(number)
    if isinstance(number, int) and number < 1:
        raise DocNumberError(f"number must be positive, got {number!r}")
    _check_number(text)
    return text.zfill(2)


def _type_for(type_name: str, system: System) -> DocumentType:
    """A type by name, or by its abbreviation in ``system`` ("CT")."""
    try:
        return type_by_name(type_name)
    except UnknownDocumentType:
        found = types_for_code(type_name, system)
        if found:
            return found[0]
        raise


def make_party(number: int | str, type_name: str, issuer: str) -> DocNumber:
    """A Party number: make_party(9, "Hướng dẫn", "BTCTW") is 09-HD/BTCTW."""
    document_type = _type_for(type_name, PARTY)
    if document_type.party_code is None:
        raise DocNumberError(f"{document_type.name} has no Party abbreviation")
    issuer = _normalize(issuer).strip()
    return DocNumber(PARTY, _number_text(number), document_type.party_code, issuer).validate()


# The types a legislature numbers without a code: 202/2025/QH15.
_TYPELESS_LAW_NAMES: Final = frozenset({"Nghị quyết", "Luật", "Pháp lệnh"})


def make_state(
    number: int | str,
    type_name: str,
    agency: str,
    year: int | None = None,
    unit: str | None = None,
) -> DocNumber:
    """A state number: make_state(123, "Quyết định", "UBND") is 123/QĐ-UBND.

    "Công văn" gives <number>/<agency>-<unit>; a Nghị quyết, Luật or Pháp lệnh of a
    body in ``NO_TYPE_CODE_BODIES`` with a year gives 202/2025/QH15.
    """
    document_type = _type_for(type_name, STATE)
    agency = _normalize(agency).strip()
    if unit is not None:
        unit = _normalize(unit).strip() or None
    typeless_body = agency.rstrip("0123456789") in NO_TYPE_CODE_BODIES
    if document_type.name == "Công văn" or (
        typeless_body and year is not None and document_type.name in _TYPELESS_LAW_NAMES
    ):
        code = None
    else:
        code = document_type.state_code or _party_code_readable_in_state(document_type)
        if code is None:
            raise DocNumberError(f"{document_type.name} has no state abbreviation")
    return DocNumber(STATE, _number_text(number), code, agency, unit, year).validate()


def _party_code_readable_in_state(document_type: DocumentType) -> str | None:
    """The Party code, if a state number written with it reads back as this type.

    Kết luận may be written 12/KL-UBND; Thông tri may not: state TT is Thông tư.
    """
    code = document_type.party_code
    if code and types_for_code(code, STATE) == (document_type,):
        return code
    return None


def next_number_string(last: int | None, system: System) -> str:
    """The number after ``last`` in a sequence (None: the first), with two digits at least."""
    _check_system(system)
    if last is None:
        last = 0
    if isinstance(last, bool) or not isinstance(last, int) or last < 0:
        raise DocNumberError(f"last number must be a non-negative integer or None, got {last!r}")
    return f"{last + 1:02d}"


# --------------------------------------------------------------------------- find_all

# find_all scans raw prose, so its pattern sees characters before _normalize:
# the dash and slash classes hold the look-alikes, and a symbol may hold
# combining marks (a decomposed "Đ"). Possessive quantifiers keep the scan
# linear: a symbol is taken whole or not at all, never re-tried shorter.
_DASH: Final = "[-\u2010-\u2013\u2212]"
_SLASH: Final = "[/\u2044\u2215\uff0f]"
_TOKEN: Final = r"[^\W\d_](?:[^\W_]|[\u0300-\u036f])*+"
# Real symbols have a handful of parts (TTLT-BKHĐT-BNV-BTC); a longer chain is
# not a number, and bounding it keeps the retries in find_all constant.
MAX_SYMBOL_PARTS: Final = 6
_SYMBOL: Final = rf"{_TOKEN}(?:{_DASH}{_TOKEN}){{0,{MAX_SYMBOL_PARTS - 1}}}+(?!{_DASH}[^\W\d_])"
_CANDIDATE: Final = re.compile(
    # The pattern starts with a digit so that the engine skips ahead to digits;
    # the checks on what precedes it look back past that first digit. Not
    # inside a longer word or number, nor the tail of another number or a
    # decimal ("1,5/..."); "số10-CT/TW" with the space lost still counts.
    r"[0-9]"
    r"(?:(?<=[sS][ốỐ][0-9])"
    r"|(?<![\w/\u2044\u2215\uff0f\-\u2010-\u2013\u2212][0-9])(?<![0-9][.,][0-9]))"
    rf"[0-9]{{0,{MAX_NUMBER_DIGITS - 1}}}"
    rf"(?:{_DASH}{_TOKEN}{_SLASH}(?P<issuer>{_SYMBOL})"  # Party: 10-CT/TW
    rf"|{_SLASH}(?:[0-9]{{4}}{_SLASH})?(?P<symbol>{_SYMBOL}))"  # state: 123/QĐ-UBND
)
_DASH_CHARS: Final = re.compile(_DASH)


@lru_cache(maxsize=8192)
def _parse_or_none(candidate: str) -> DocNumber | None:
    # Archives cite the same numbers over and over; DocNumber is immutable, so
    # a parsed candidate (or the verdict that it is none) can be shared.
    try:
        return parse(candidate)
    except DocNumberError:
        return None


def _plausible_in_prose(number: DocNumber) -> bool:
    """A công văn is written <number>/<agency>-<unit>. An agency alone ("Số: 05/STC") is
    a valid number when typed into a form, but in prose it is taken only when the agency
    is known, or every "Quận 3/TP.HCM" would become a công văn."""
    if number.system == STATE and number.type_code is None and number.year is None:
        return number.unit is not None or issuer_name(number.issuer, STATE) is not None
    return True


def find_all(text: str) -> list[tuple[int, int, DocNumber]]:
    """Every document number in running prose, as ``(start, end, number)``.

    ``text[start:end]`` is the number itself ("10-CT/TW" in "Chỉ thị số 10-CT/TW của Ban
    Bí thư") and parses back to ``number``. Dates (20/6, 8/2021), fractions and
    percentages are not numbers: a number needs its letter part, written without
    spaces. Never raises; linear in the length of the text.
    """
    found: list[tuple[int, int, DocNumber]] = []
    if not isinstance(text, str):
        return found
    for match in _CANDIDATE.finditer(text):
        start, end = match.span()
        number = _parse_or_none(text[start:end])
        if number is None:
            # A trailing "-word" may be prose glued to the number ("456/UBND-VP-Hà"):
            # retry without it, once per "-" in the symbol (a bounded number).
            group = "issuer" if match.group("issuer") is not None else "symbol"
            dashes = list(_DASH_CHARS.finditer(text, match.start(group), end))
            for dash in reversed(dashes):
                end = dash.start()
                number = _parse_or_none(text[start:end])
                if number is not None:
                    break
        if number is not None and _plausible_in_prose(number):
            found.append((start, end, number))
    return found
