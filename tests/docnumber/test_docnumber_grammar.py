"""parse, format_number, validate, the builders and the type tables."""

from __future__ import annotations

import ast
import pathlib

import pytest

import chidao.docnumber
from chidao.docnumber import (
    DOCUMENT_TYPES,
    DocNumber,
    DocNumberError,
    DocumentType,
    UnknownDocumentType,
    format_number,
    issuer_name,
    make_party,
    make_state,
    next_number_string,
    parse,
    type_by_name,
    types_for_code,
)

# text, system, number, type_code, issuer, unit, year, symbol, type_names
EXAMPLES = [
    ("Số 10-CT/TW", "party", "10", "CT", "TW", None, None, "CT/TW", ("Chỉ thị",)),
    ("35-KH/HU", "party", "35", "KH", "HU", None, None, "KH/HU", ("Kế hoạch",)),
    ("09-HD/BTCTW", "party", "09", "HD", "BTCTW", None, None, "HD/BTCTW", ("Hướng dẫn",)),
    ("24-BS/UBKTTU", "party", "24", "BS", "UBKTTU", None, None, "BS/UBKTTU", ("Bản sao",)),
    (
        "147-CTHĐ/TU",
        "party",
        "147",
        "CTHĐ",
        "TU",
        None,
        None,
        "CTHĐ/TU",
        ("Chương trình hành động",),
    ),
    ("36-HD/VPTW", "party", "36", "HD", "VPTW", None, None, "HD/VPTW", ("Hướng dẫn",)),
    (
        "127-QĐ/TW",
        "party",
        "127",
        "QĐ",
        "TW",
        None,
        None,
        "QĐ/TW",
        ("Quyết định", "Quy định"),
    ),
    ("05-TB/BCĐTW", "party", "05", "TB", "BCĐTW", None, None, "TB/BCĐTW", ("Thông báo",)),
    ("57-NQ/TW", "party", "57", "NQ", "TW", None, None, "NQ/TW", ("Nghị quyết",)),
    ("Số: 123/QĐ-UBND", "state", "123", "QĐ", "UBND", None, None, "QĐ-UBND", ("Quyết định",)),
    ("09/2019/NĐ-CP", "state", "09", "NĐ", "CP", None, 2019, "NĐ-CP", ("Nghị định",)),
    ("42/2014/QĐ-TTg", "state", "42", "QĐ", "TTg", None, 2014, "QĐ-TTg", ("Quyết định",)),
    ("1270/BC-TCTTTg", "state", "1270", "BC", "TCTTTg", None, None, "BC-TCTTTg", ("Báo cáo",)),
    ("456/UBND-VP", "state", "456", None, "UBND", "VP", None, "UBND-VP", ("Công văn",)),
    ("202/2025/QH15", "state", "202", None, "QH15", None, 2025, "QH15", ("Nghị quyết",)),
    ("15/NQ-HĐND", "state", "15", "NQ", "HĐND", None, None, "NQ-HĐND", ("Nghị quyết",)),
    ("30/2020/NĐ-CP", "state", "30", "NĐ", "CP", None, 2020, "NĐ-CP", ("Nghị định",)),
    # Beyond the brief: a joint circular, a state number with a Party-only code,
    # state Quy định, a state sub-unit after a typed symbol, a joint Party issuer.
    (
        "01/2015/TTLT-BKHĐT-BNV",
        "state",
        "01",
        "TTLT",
        "BKHĐT",
        "BNV",
        2015,
        "TTLT-BKHĐT-BNV",
        ("Thông tư liên tịch",),
    ),
    ("12/KL-UBND", "state", "12", "KL", "UBND", None, None, "KL-UBND", ("Kết luận",)),
    ("07/QyĐ-UBND", "state", "07", "QyĐ", "UBND", None, None, "QyĐ-UBND", ("Quy định",)),
    ("88/KH-UBND-VX", "state", "88", "KH", "UBND", "VX", None, "KH-UBND-VX", ("Kế hoạch",)),
    (
        "02-HD/BTCTW-UBKTTW",
        "party",
        "02",
        "HD",
        "BTCTW-UBKTTW",
        None,
        None,
        "HD/BTCTW-UBKTTW",
        ("Hướng dẫn",),
    ),
]


@pytest.mark.parametrize(
    "text, system, number, type_code, issuer, unit, year, symbol, type_names", EXAMPLES
)
def test_parse_examples(text, system, number, type_code, issuer, unit, year, symbol, type_names):
    parsed = parse(text)
    assert parsed.system == system
    assert parsed.number == number
    assert parsed.type_code == type_code
    assert parsed.issuer == issuer
    assert parsed.unit == unit
    assert parsed.year == year
    assert parsed.symbol == symbol
    assert parsed.type_names == type_names


@pytest.mark.parametrize("text", [example[0] for example in EXAMPLES])
def test_format_round_trip(text):
    parsed = parse(text)
    assert parse(format_number(parsed)) == parsed
    assert parse(format_number(parsed, prefix=False)) == parsed
    assert parse(str(parsed)) == parsed


@pytest.mark.parametrize(
    "text, formatted, bare",
    [
        ("10-CT/TW", "Số 10-CT/TW", "10-CT/TW"),
        ("Số 09-HD/BTCTW", "Số 09-HD/BTCTW", "09-HD/BTCTW"),
        ("123/QĐ-UBND", "Số: 123/QĐ-UBND", "123/QĐ-UBND"),
        ("09/2019/NĐ-CP", "Số: 09/2019/NĐ-CP", "09/2019/NĐ-CP"),
        ("456/UBND-VP", "Số: 456/UBND-VP", "456/UBND-VP"),
        ("202/2025/QH15", "Số: 202/2025/QH15", "202/2025/QH15"),
    ],
)
def test_format_party_without_colon_state_with_colon(text, formatted, bare):
    parsed = parse(text)
    assert format_number(parsed) == formatted
    assert format_number(parsed, prefix=False) == bare


# --------------------------------------------------------------------------- leniency


@pytest.mark.parametrize(
    "text, canonical",
    [
        ("số 35-KH/HU", "35-KH/HU"),
        ("SỐ: 35-KH/HU", "35-KH/HU"),
        ("Số:123/QĐ-UBND", "123/QĐ-UBND"),
        ("Số10-CT/TW", "10-CT/TW"),
        ("  Số 10 - CT / TW  ", "10-CT/TW"),
        ("Số: 123 / QĐ - UBND", "123/QĐ-UBND"),
        ("09 / 2019 / NĐ - CP", "09/2019/NĐ-CP"),
        ("10\u00a0-\u00a0CT/TW", "10-CT/TW"),
        # "Đ" as the look-alike eth, as D + combining stroke, and lower/odd case.
        ("127-Q\u00d0/TW", "127-QĐ/TW"),
        ("127-QD\u0335/TW", "127-QĐ/TW"),
        ("05-TB/BC\u00d0TW", "05-TB/BCĐTW"),
        ("123/Q\u0189-UBND", "123/QĐ-UBND"),
        ("15/NQ-H\u00d0ND", "15/NQ-HĐND"),
        ("01-CTR/TU", "01-CTr/TU"),
        ("07/QYĐ-UBND", "07/QyĐ-UBND"),
        ("07/qyđ-UBND", "07/QyĐ-UBND"),
        # Decomposed Vietnamese in the prefix; dashes and slashes from word processors.
        ("So\u0302\u0301 10-CT/TW", "10-CT/TW"),
        ("10\u2013CT/TW", "10-CT/TW"),
        ("10\u2011CT\u2215TW", "10-CT/TW"),
        ("123\uff0fQĐ\u2212UBND", "123/QĐ-UBND"),
    ],
)
def test_parse_is_lenient_about_form(text, canonical):
    assert format_number(parse(text), prefix=False) == canonical


def test_parse_keeps_leading_zeros():
    assert parse("09-HD/BTCTW").number == "09"
    assert parse("007/UBND-VP").number == "007"


# --------------------------------------------------------------------------- QĐ


def test_party_qd_is_ambiguous_and_state_is_not():
    assert parse("127-QĐ/TW").type_names == ("Quyết định", "Quy định")
    assert parse("123/QĐ-UBND").type_names == ("Quyết định",)
    assert parse("07/QyĐ-UBND").type_names == ("Quy định",)
    assert [t.name for t in types_for_code("QĐ", "party")] == ["Quyết định", "Quy định"]
    assert [t.name for t in types_for_code("QĐ", "state")] == ["Quyết định"]
    assert [t.name for t in types_for_code("QyĐ", "state")] == ["Quy định"]
    assert types_for_code("QyĐ", "party") == ()


def test_central_committee_quy_dinh_is_written_qdi():
    assert parse("08-QĐi/TW").type_names == ("Quy định",)
    assert parse("37-QĐI/TW").type_code == "QĐi"
    assert [t.name for t in types_for_code("QĐi", "party")] == ["Quy định"]
    assert make_party(1, "Quy định", "TW").type_code == "QĐ"


def test_tt_means_thong_tri_for_the_party_and_thong_tu_for_the_state():
    assert parse("03-TT/TW").type_names == ("Thông tri",)
    assert parse("01/2011/TT-BNV").type_names == ("Thông tư",)


def test_state_number_with_a_party_only_code_still_names_its_type():
    assert [t.name for t in types_for_code("KL", "state")] == ["Kết luận"]


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty document number"),
        ("   ", "empty document number"),
        ("Số", "empty document number"),
        ("abc", "number must be digits, got 'abc'"),
        ("10a-CT/TW", "number must be digits, got '10a'"),
        ("-CT/TW", "missing number before '-CT/TW'"),
        ("0-CT/TW", "number must be positive, got '0'"),
        ("00/QĐ-UBND", "number must be positive, got '00'"),
        ("1234567-CT/TW", "number '1234567' has more than 6 digits"),
        ("10", "missing symbol after the number '10'"),
        ("10 CT/TW", "unexpected space inside the number '10 CT/TW'"),
        # Party
        ("10-XX/TW", "unknown document type abbreviation 'XX'"),
        ("10-QyĐ/TW", "unknown document type abbreviation 'QyĐ'"),
        ("10-NĐ/TW", "unknown document type abbreviation 'NĐ'"),
        ("10-/TW", "missing document type abbreviation after '-'"),
        ("10-CT", "a Party number needs '/<issuer>' after the type: 'CT'"),
        ("10-CT/", "missing issuer after '/'"),
        ("10-CT/TW/HU", "unexpected '/' in the issuer 'TW/HU'"),
        ("10-CT/tw", "issuer 'tw' is not an abbreviation"),
        ("10-CT/Hà", "issuer 'Hà' is not an abbreviation"),
        ("10-CT/TW-", "empty part between '-' in issuer 'TW-'"),
        # State
        ("20/6", "a state number needs letters after '/', got '6'"),
        ("8/2021", "a state number needs letters after '/', got '2021'"),
        ("20/6/2021", "a state number needs letters after '/', got '6/2021'"),
        ("20/QĐ/UBND", "too many '/' in 'QĐ/UBND'"),
        ("10/", "missing symbol after the number '10'"),
        ("09/19/NĐ-CP", "year must have four digits, got '19'"),
        ("09/2019/", "a state number needs letters after '/', got '2019/'"),
        ("09/1800/NĐ-CP", "year 1800 is out of range 1945-2100"),
        ("09/2019/XX-CP", "unknown document type abbreviation 'XX'"),
        ("123/QĐ", "missing agency after the type: write QĐ-<agency>"),
        ("123/QĐ-", "empty part between '-' in symbol 'QĐ-'"),
        ("123/QĐ-ubnd", "agency 'ubnd' is not an abbreviation"),
        ("123/QĐ-UBND-vp", "unit 'vp' is not an abbreviation"),
        ("09/2019/CP", "missing document type abbreviation before 'CP'"),
        ("202/2025/QH15-VP", "unexpected 'VP' after 'QH15'"),
        ("5/Tiêu-VP", "agency 'Tiêu' is not an abbreviation"),
    ],
)
def test_parse_errors_say_what_is_wrong(text, message):
    with pytest.raises(DocNumberError) as caught:
        parse(text)
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_parse_rejects_a_non_string():
    with pytest.raises(DocNumberError, match="expected a string, got int"):
        parse(10)  # type: ignore[arg-type]


def test_unknown_type_abbreviation_lists_the_known_ones():
    with pytest.raises(UnknownDocumentType) as caught:
        parse("10-XX/TW")
    assert "known in Party numbers:" in str(caught.value)
    assert "CTHĐ" in str(caught.value)


# --------------------------------------------------------------------------- validate


def test_validate_returns_the_number():
    number = DocNumber("party", "10", "CT", "TW")
    assert number.validate() is number


@pytest.mark.parametrize(
    "number, message",
    [
        (DocNumber("church", "10", "CT", "TW"), "system must be 'party' or 'state'"),  # type: ignore[arg-type]
        (DocNumber("party", "1o", "CT", "TW"), "number must be digits, got '1o'"),
        (DocNumber("party", "10", None, "TW"), "a Party number needs a document type"),
        (DocNumber("party", "10", "Ct", "TW"), "unknown document type abbreviation 'Ct'"),
        (DocNumber("party", "10", "CT", "TW", unit="VP"), "a Party number has no unit"),
        (DocNumber("party", "10", "CT", "TW", year=2020), "a Party number carries no year"),
        (DocNumber("state", "10", "QĐ", "UBND-VP"), "agency 'UBND-VP' must be one abbreviation"),
        (DocNumber("state", "10", "XX", "UBND"), "unknown document type abbreviation 'XX'"),
        (DocNumber("state", "10", None, "CT", "VP"), "agency 'CT' would read as a document type"),
        (DocNumber("state", "10", "NĐ", "CP", year=3000), "year 3000 is out of range"),
    ],
)
def test_validate_errors(number, message):
    with pytest.raises(DocNumberError, match=message):
        number.validate()


# --------------------------------------------------------------------------- builders


def test_make_party_pads_to_two_digits():
    number = make_party(9, "Hướng dẫn", "BTCTW")
    assert number == parse("09-HD/BTCTW")
    assert make_party("5", "Chỉ thị", "TW").number == "05"
    assert make_party(147, "Chương trình hành động", "TU").number == "147"


def test_make_party_quy_dinh_writes_qd():
    assert make_party(66, "Quy định", "TW") == parse("66-QĐ/TW")


def test_make_party_accepts_a_code_for_the_type():
    assert make_party(10, "CT", "TW") == parse("10-CT/TW")


def test_make_state_forms():
    assert make_state(123, "Quyết định", "UBND") == parse("123/QĐ-UBND")
    assert make_state(7, "Quy định", "UBND") == parse("07/QyĐ-UBND")
    assert make_state(9, "Nghị định", "CP", year=2019) == parse("09/2019/NĐ-CP")
    assert make_state(456, "Công văn", "UBND", unit="VP") == parse("456/UBND-VP")
    assert make_state(202, "Nghị quyết", "QH15", year=2025) == parse("202/2025/QH15")
    assert make_state(15, "Nghị quyết", "HĐND") == parse("15/NQ-HĐND")
    assert make_state(12, "Kết luận", "UBND") == parse("12/KL-UBND")
    # A công văn without its drafting unit is still a number (find_all is stricter).
    assert make_state(5, "Công văn", "STCX") == parse("05/STCX")


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: make_party(0, "Chỉ thị", "TW"), "number must be positive, got 0"),
        (lambda: make_party(-3, "Chỉ thị", "TW"), "number must be positive, got -3"),
        (lambda: make_party("x1", "Chỉ thị", "TW"), "number must be digits, got 'x1'"),
        (lambda: make_party(True, "Chỉ thị", "TW"), "number must be digits, got True"),
        (lambda: make_party(1, "Chỉ thị", "tw"), "issuer 'tw' is not an abbreviation"),
        (lambda: make_party(1, "Nghị định", "TW"), "Nghị định has no Party abbreviation"),
        (lambda: make_party(1, "Sắc lệnh", "TW"), "unknown document type name 'Sắc lệnh'"),
        (lambda: make_state(1, "Thông tri", "UBND"), "Thông tri has no state abbreviation"),
        (lambda: make_state(1, "Công văn", "Xy"), "agency 'Xy' is not an abbreviation"),
        (lambda: make_state(1, "Nghị định", "CP", year=1900), "year 1900 is out of range"),
    ],
)
def test_builder_errors(call, message):
    with pytest.raises(DocNumberError, match=message):
        call()


@pytest.mark.parametrize(
    "last, system, expected",
    [
        (None, "party", "01"),
        (None, "state", "01"),
        (0, "party", "01"),
        (8, "party", "09"),
        (9, "state", "10"),
        (146, "party", "147"),
        (1269, "state", "1270"),
    ],
)
def test_next_number_string(last, system, expected):
    assert next_number_string(last, system) == expected


@pytest.mark.parametrize(
    "last, system, message",
    [
        (-1, "party", "last number must be a non-negative integer or None"),
        ("3", "party", "last number must be a non-negative integer or None"),
        (3, "church", "system must be 'party' or 'state'"),
    ],
)
def test_next_number_string_errors(last, system, message):
    with pytest.raises(DocNumberError, match=message):
        next_number_string(last, system)


# --------------------------------------------------------------------------- tables


def test_every_type_named_in_the_vocabulary_is_in_the_table():
    names = {t.name for t in DOCUMENT_TYPES}
    vocabulary = {
        "Cương lĩnh chính trị", "Điều lệ", "Chiến lược", "Nghị quyết", "Quyết định",
        "Chỉ thị", "Kết luận", "Quy chế", "Quy định", "Thông tri", "Hướng dẫn",
        "Thông báo", "Thông cáo", "Tuyên bố", "Lời kêu gọi", "Báo cáo", "Kế hoạch",
        "Quy hoạch", "Chương trình", "Đề án", "Tờ trình", "Công văn", "Biên bản",
        "Phương án", "Dự án", "Giấy mời", "Phiếu chuyển", "Thư công", "Bản sao",
        "Chương trình hành động", "Hợp đồng", "Công điện", "Nghị định", "Thông tư",
    }  # fmt: skip
    assert vocabulary <= names


@pytest.mark.parametrize(
    "name, party, state",
    [
        ("Quyết định", "QĐ", "QĐ"),
        ("Quy định", "QĐ", "QyĐ"),
        ("Chỉ thị", "CT", "CT"),
        ("Kết luận", "KL", None),
        ("Nghị quyết", "NQ", "NQ"),
        ("Quy chế", "QC", "QC"),
        ("Kế hoạch", "KH", "KH"),
        ("Hướng dẫn", "HD", "HD"),
        ("Thông báo", "TB", "TB"),
        ("Thông tri", "TT", None),
        ("Báo cáo", "BC", "BC"),
        ("Chương trình", "CTr", "CTr"),
        ("Đề án", "ĐA", "ĐA"),
        ("Dự án", "DA", "DA"),
        ("Phương án", "PA", "PA"),
        ("Tờ trình", "TTr", "TTr"),
        ("Công văn", "CV", None),
        ("Biên bản", "BB", "BB"),
        ("Bản sao", "BS", None),
        ("Chương trình hành động", "CTHĐ", None),
        ("Hợp đồng", None, "HĐ"),
        ("Công điện", None, "CĐ"),
        ("Giấy mời", "GM", "GM"),
        ("Nghị định", None, "NĐ"),
        ("Thông tư", None, "TT"),
    ],
)
def test_type_table(name, party, state):
    document_type = type_by_name(name)
    assert isinstance(document_type, DocumentType)
    assert (document_type.party_code, document_type.state_code) == (party, state)


def test_type_by_name_ignores_case_and_unicode_form():
    import unicodedata

    assert type_by_name("chỉ thị").name == "Chỉ thị"
    assert type_by_name(unicodedata.normalize("NFD", "Quyết định")).name == "Quyết định"


def test_type_by_name_unknown_is_both_value_and_key_error():
    with pytest.raises(KeyError):
        type_by_name("Sắc lệnh")
    with pytest.raises(ValueError, match="^unknown document type name 'Sắc lệnh'$"):
        type_by_name("Sắc lệnh")


def test_types_for_code_unknown_is_empty():
    assert types_for_code("XX") == ()
    assert types_for_code("XX", "state") == ()


def test_type_names_are_unique_and_nfc():
    import unicodedata

    names = [t.name for t in DOCUMENT_TYPES]
    assert len(names) == len(set(names))
    assert all(unicodedata.is_normalized("NFC", name) for name in names)


@pytest.mark.parametrize(
    "symbol, system, name",
    [
        ("TW", "party", "Ban Chấp hành Trung ương"),
        ("BTCTW", None, "Ban Tổ chức Trung ương"),
        ("TU", "party", "Tỉnh ủy"),
        ("HU", "party", "Huyện ủy"),
        ("ĐU", "party", "Đảng ủy"),
        ("UBND", "state", "Ủy ban nhân dân"),
        ("CP", "state", "Chính phủ"),
        ("TTg", "state", "Thủ tướng Chính phủ"),
        ("QH15", "state", "Quốc hội"),
        ("\u00d0U", "party", "Đảng ủy"),
        ("XYZ", None, None),
        ("TW", "state", None),
    ],
)
def test_issuer_name(symbol, system, name):
    assert issuer_name(symbol, system) == name


def test_docnumber_issuer_name():
    assert parse("09-HD/BTCTW").issuer_name == "Ban Tổ chức Trung ương"
    assert parse("42/2014/QĐ-TTg").issuer_name == "Thủ tướng Chính phủ"


def test_docnumber_is_hashable_and_immutable():
    number = parse("10-CT/TW")
    assert {number: 1}[parse("Số 10-CT/TW")] == 1
    with pytest.raises(AttributeError):
        number.number = "11"  # type: ignore[misc]


def test_the_package_imports_no_django():
    package = pathlib.Path(chidao.docnumber.__file__).parent
    for source in package.glob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            assert not any(m.split(".")[0] == "django" for m in modules), source
