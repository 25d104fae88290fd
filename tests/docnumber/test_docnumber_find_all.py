"""find_all over running prose: precise spans, no dates, ratios or percentages."""

from __future__ import annotations

import time

import pytest

from chidao.docnumber import find_all, format_number, parse


def found_texts(text: str) -> list[str]:
    return [text[start:end] for start, end, _ in find_all(text)]


def test_span_is_the_number_itself():
    text = "Chỉ thị số 10-CT/TW của Ban Bí thư về nâng cao chất lượng sinh hoạt chi bộ."
    [(start, end, number)] = find_all(text)
    assert text[start:end] == "10-CT/TW"
    assert (start, end) == (text.index("10-CT/TW"), text.index("10-CT/TW") + 8)
    assert number == parse("Số 10-CT/TW")


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Tại hội nghị, đánh giá kết quả 10 năm thực hiện Chỉ thị số 10-CT/TW của Ban Bí thư; "
            "Hướng dẫn số 09-HD/BTCTW của Ban Tổ chức Trung ương về nội dung sinh hoạt chi bộ.",
            ["10-CT/TW", "09-HD/BTCTW"],
        ),
        (
            "Năm 2021, Huyện ủy ban hành 3 chỉ thị, 35 kế hoạch, trong đó Kế hoạch số 35-KH/HU "
            "ngày 20/6/2021 triển khai Nghị quyết 57-NQ/TW; tỷ lệ đạt 55,95%, tăng 28,38% so "
            "với cùng kỳ, đến trung tuần tháng 8/2021.",
            ["35-KH/HU", "57-NQ/TW"],
        ),
        (
            "Thực hiện Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ và Quyết định "
            "số 42/2014/QĐ-TTg, UBND tỉnh ban hành Quyết định số 123/QĐ-UBND và Công văn số "
            "456/UBND-VP ngày 8/2021 hướng dẫn.",
            ["30/2020/NĐ-CP", "42/2014/QĐ-TTg", "123/QĐ-UBND", "456/UBND-VP"],
        ),
        (
            "Quốc hội thông qua Nghị quyết 202/2025/QH15 ngày 12/6/2025; cả nước còn 34 tỉnh, "
            "thành phố; Báo cáo 1270/BC-TCTTTg của Tổ công tác.",
            ["202/2025/QH15", "1270/BC-TCTTTg"],
        ),
        (
            "Theo Hướng dẫn 36-HD/VPTW (2018) và Quy định 127-QĐ/TW, Thông báo 05-TB/BCĐTW, "
            "Bản sao 24-BS/UBKTTU, Chương trình hành động 147-CTHĐ/TU; HĐND tỉnh ban hành "
            "Nghị quyết 15/NQ-HĐND.",
            [
                "36-HD/VPTW",
                "127-QĐ/TW",
                "05-TB/BCĐTW",
                "24-BS/UBKTTU",
                "147-CTHĐ/TU",
                "15/NQ-HĐND",
            ],
        ),
        # At the very start and end of the text, and before punctuation.
        ("10-CT/TW", ["10-CT/TW"]),
        ("(Số: 123/QĐ-UBND)", ["123/QĐ-UBND"]),
        ("xem 57-NQ/TW, 09-HD/BTCTW; 35-KH/HU.", ["57-NQ/TW", "09-HD/BTCTW", "35-KH/HU"]),
        # The space after "số" lost in typing.
        ("Chỉ thị số10-CT/TW", ["10-CT/TW"]),
        # Look-alike characters stay in the span as written.
        ("Quyết định 127-Q\u00d0/TW", ["127-Q\u00d0/TW"]),
        ("Quyết định 127-QD\u0335/TW", ["127-QD\u0335/TW"]),
        ("Kế hoạch 35\u2013KH/HU", ["35\u2013KH/HU"]),
    ],
)
def test_numbers_in_prose(text, expected):
    assert found_texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Sáng nay (20/6), đoàn công tác làm việc tại huyện.",
        "Đến trung tuần tháng 8/2021, thu ngân sách đạt trên 380 tỷ đồng.",
        "Ngày 20/6/2021 và 05/3/2020, các ngày 1-2/7.",
        "Tỷ lệ 1/3 số hộ; 2/3 đại biểu; tỷ số 3-1/2; 24/7.",
        "Vượt 0,96% dự toán, tăng 28,38% so với cùng kỳ, đạt 55, 95% kế hoạch.",
        "Khu kinh tế cửa khẩu Đồng Đăng – Lạng Sơn; quốc phòng – an ninh.",
        "Phòng, chống dịch COVID-19/2021; F0-F1; mã 1234567-CT/TW.",
        "Quận 3/TP.HCM; Điều 5/Chương II; 1,5/KH; 12.5/KH.",
        "Kế hoạch số 35 - KH/HU (viết có dấu cách) không được tính.",
        "Số 20/QĐ chưa đủ ký hiệu; 09/2019/CP thiếu loại; 10-XX/TW không có loại XX.",
        "Nhiệm vụ 10-Cũng/Được, 5-năm/Hà, 7/Tiêu-chí.",
    ],
)
def test_not_document_numbers(text):
    assert find_all(text) == []


def test_a_cong_van_without_unit_needs_a_known_agency_in_prose():
    assert found_texts("Công văn số 05/UBND và 3/TP, 7/STCX.") == ["05/UBND"]


def test_a_trailing_word_glued_with_a_dash_is_left_out():
    assert found_texts("Công văn 456/UBND-VP-Hà gửi các xã.") == ["456/UBND-VP"]


def test_a_number_inside_a_longer_token_is_not_taken():
    assert found_texts("mã AB10-CT/TW và 2021/10-CT/TW và 5-10-CT/TW") == []


def test_found_numbers_format_back():
    text = "Chỉ thị số 10-CT/TW và Quyết định số 123/QĐ-UBND."
    assert [format_number(n) for _, _, n in find_all(text)] == [
        "Số 10-CT/TW",
        "Số: 123/QĐ-UBND",
    ]


@pytest.mark.parametrize("junk", [None, 42, b"10-CT/TW"])
def test_never_raises_on_a_non_string(junk):
    assert find_all(junk) == []  # type: ignore[arg-type]


def test_throughput_over_megabytes_of_prose():
    """find_all must keep up with a corpus: >= 5 MB/s on ordinary prose.

    The bound here is loose (shared CI machines); bench numbers are in the docs.
    """
    paragraph = (
        "Chỉ thị số 10-CT/TW của Ban Bí thư; ngày 20/6/2021 thu ngân sách đạt 55,95% dự toán, "
        "tăng 28,38% so với cùng kỳ; Quyết định số 123/QĐ-UBND, 1/3 số hộ, 8/2021. "
        "Đồng chí Bí thư Tỉnh ủy chỉ đạo đẩy mạnh cải cách hành chính, chuyển đổi số ở khu vực "
        "cửa khẩu, góp phần nâng cao năng lực cạnh tranh, cải thiện môi trường đầu tư. "
    )
    text = paragraph * (2_000_000 // len(paragraph))
    started = time.perf_counter()
    found = find_all(text)
    seconds = time.perf_counter() - started
    assert len(found) == 2 * (2_000_000 // len(paragraph))
    megabytes = len(text.encode("utf-8")) / 1e6
    assert megabytes / seconds > 2.5, f"{megabytes / seconds:.1f} MB/s"


@pytest.mark.parametrize(
    "text",
    [
        "1-A/" + "A-" * 200_000,
        "1-CT/" + "AB-" * 200_000,
        "9/A-A-A-A-A-A-A-A-A-A-a" * 40_000,
        "1/2/3-4-5/" * 100_000,
        "1-CT/" + "A" * 1_000_000,
        "0" * 1_000_000 + "-CT/TW",
    ],
)
def test_no_catastrophic_backtracking(text):
    started = time.perf_counter()
    find_all(text)
    assert time.perf_counter() - started < 2.0
