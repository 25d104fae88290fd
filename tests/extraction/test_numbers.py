import pytest

from chidao.extraction.numbers import as_number, find_quantities, parse_number, parse_words


@pytest.mark.parametrize(
    ("s", "value"),
    [
        ("380", 380),
        ("1.234,5", 1234.5),
        ("0,96", 0.96),
        ("55,95", 55.95),
        ("1.234", 1234),
        ("1.234.567", 1234567),
        ("1.234.567,89", 1234567.89),
        ("12.5", 12.5),
        ("1,234,567", 1234567),
        ("1,234.5", 1234.5),
        ("0.5", 0.5),
        ("abc", None),
        ("1..2", None),
        ("", None),
    ],
)
def test_parse_number(s, value):
    assert parse_number(s) == value


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("ba mươi", 30),
        ("mười lăm", 15),
        ("một trăm", 100),
        ("hai mươi mốt", 21),
        ("một trăm linh năm", 105),
        ("chín mươi chín", 99),
        ("ba nghìn", 3000),
        ("hai triệu", 2000000),
        ("năm", 5),
        ("mươi", None),
        ("ba con", None),
        ("", None),
    ],
)
def test_parse_words(words, value):
    assert parse_words(words) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("đạt trên 380 tỷ đồng", [(380, "tỷ đồng", "money")]),
        ("vượt 0,96% dự toán", [(0.96, "%", "percent")]),
        ("1.234,5 ha lúa", [(1234.5, "ha", "area")]),
        ("45 nghìn lao động", [(45, "nghìn lao động", "count")]),
        ("185,4 triệu USD", [(185.4, "triệu USD", "money")]),
        ("2 nghìn tỷ đồng", [(2, "nghìn tỷ đồng", "money")]),
        ("12 tỉ đồng", [(12, "tỷ đồng", "money")]),
        ("11.250 tấn", [(11250, "tấn", "mass")]),
        ("5 ngàn tấn", [(5, "nghìn tấn", "mass")]),
        ("120 km đường", [(120, "km", "length")]),
        ("3 triệu", [(3, "triệu", "number")]),
        ("35 kế hoạch", [(35, None, None)]),
        ("ngày 19/8/2021", []),
        ("Chỉ thị số 10-CT/TW", []),
        ("lúc 14:30", []),
    ],
)
def test_find_quantities(text, expected):
    got = [(as_number(q.value), q.unit, q.kind) for q in find_quantities(text)]
    assert got == expected


def test_as_number():
    assert as_number(380.0) == 380 and isinstance(as_number(380.0), int)
    assert as_number(100 + 0.96) == 100.96
