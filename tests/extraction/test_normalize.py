import unicodedata

import pytest

from chidao.extraction.doc import Doc
from chidao.extraction.normalize import make_doc, normalize


def _check_map(raw: str) -> Doc:
    doc = make_doc(raw)
    if doc.text:
        a, b = doc.raw_span(0, len(doc.text))
        assert a == 0 and b <= len(raw)
    for i in range(len(doc.text)):
        a, b = doc.raw_span(i, i + 1)
        assert 0 <= a < b <= len(raw)
    return doc


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("ước đạt 55, 95% dự toán", "ước đạt 55,95% dự toán"),
        ("đạt 1.234, 5 tỷ đồng", "đạt 1.234,5 tỷ đồng"),
        ("ban hành 3 chỉ thị, 35 kế hoạch", "ban hành 3 chỉ thị, 35 kế hoạch"),
        ("năm 2020, 35 tấn", "năm 2020, 35 tấn"),
        ("các xã 1, 2 và 3", "các xã 1, 2 và 3"),
        ("ngày 20/6, 30% hộ", "ngày 20/6, 30% hộ"),
        ("a\u00a0b\u2009c", "a b c"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("kinh tế \u2013 xã hội \u2014 x", "kinh tế - xã hội - x"),
        ("\u201cmục tiêu kép\u201d", '"mục tiêu kép"'),
        ("it\u2019s", "it's"),
        ("Thứ bảy,  24/10/2020", "Thứ bảy, 24/10/2020"),
        ("hoà bình, thuỷ lợi, khoẻ", "hòa bình, thủy lợi, khỏe"),
        ("HOÀ BÌNH", "HÒA BÌNH"),
        ("quý I, quỳ, hoàng, toán, khuyến", "quý I, quỳ, hoàng, toán, khuyến"),
        ("dòng 1\r\ndòng 2\rdòng 3", "dòng 1\ndòng 2\ndòng 3"),
    ],
)
def test_normalised_text(raw, text):
    assert normalize(raw)[0] == text
    _check_map(raw)


def test_nfc_composed_letters_map_to_both_raw_code_points():
    raw = unicodedata.normalize("NFD", "Tỉnh ủy Lạng Sơn")
    doc = _check_map(raw)
    assert doc.text == "Tỉnh ủy Lạng Sơn"
    start = doc.text.index("Lạng")
    a, b = doc.raw_span(start, start + 4)
    assert unicodedata.normalize("NFC", raw[a:b]) == "Lạng"
    # The composed "ạ" covers both raw code points (a + combining dot below).
    a1, b1 = doc.raw_span(start + 1, start + 2)
    assert b1 - a1 == 2


def test_span_after_removed_space_maps_back():
    raw = "Thu ngân sách ước đạt 55, 95% dự toán"
    doc = make_doc(raw)
    start = doc.text.index("55,95%")
    a, b = doc.raw_span(start, start + len("55,95%"))
    assert raw[a:b] == "55, 95%"


def test_empty_and_unchanged():
    assert make_doc("").text == ""
    doc = make_doc("Không đổi gì cả.")
    assert doc.text == doc.raw
    assert doc.raw_span(0, 5) == (0, 5)


def test_legacy_offset_list_still_accepted():
    doc = Doc(raw="ab  c", text="ab c", offsets=[0, 1, 2, 4, 5])
    assert doc.raw_span(3, 4) == (4, 5)
    assert doc.raw_span(0, 2) == (0, 2)


def test_make_doc_fills_sentences_and_year():
    doc = make_doc("Trong 6 tháng đầu năm 2017, huyện phát triển. Thu ngân sách đạt 50% dự toán.")
    assert len(doc.sentences) == 2
    assert doc.context_year == 2017


def test_offset_map_still_indexes_like_the_old_list():
    raw = "ước đạt 55, 95% dự toán"
    doc = make_doc(raw)
    offsets = doc.offset_map
    assert len(offsets) == len(doc.text) + 1
    assert offsets[len(doc.text)] == len(raw)
    assert offsets[-1] == len(raw)
    i = doc.text.index("95%")
    assert raw[offsets[i] : offsets[i] + 3] == "95%"
