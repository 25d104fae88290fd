"""Vietnamese document numbers, Party ("Số 10-CT/TW") and state ("Số: 123/QĐ-UBND").

One grammar for the whole project: parse, validate, format, build and find numbers
in prose. Pure Python, no Django. See docs/document-numbers.md.
"""

from chidao.docnumber.grammar import (
    DOCUMENT_TYPES,
    NO_TYPE_CODE_BODIES,
    PARTY,
    PARTY_ISSUERS,
    STATE,
    STATE_ISSUERS,
    SYSTEMS,
    DocNumber,
    DocNumberError,
    DocumentType,
    System,
    UnknownDocumentType,
    find_all,
    format_number,
    issuer_name,
    make_party,
    make_state,
    next_number_string,
    parse,
    type_by_name,
    types_for_code,
)

__all__ = [
    "DOCUMENT_TYPES",
    "NO_TYPE_CODE_BODIES",
    "PARTY",
    "PARTY_ISSUERS",
    "STATE",
    "STATE_ISSUERS",
    "SYSTEMS",
    "DocNumber",
    "DocNumberError",
    "DocumentType",
    "System",
    "UnknownDocumentType",
    "find_all",
    "format_number",
    "issuer_name",
    "make_party",
    "make_state",
    "next_number_string",
    "parse",
    "type_by_name",
    "types_for_code",
]
