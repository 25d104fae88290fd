from datetime import date

import pytest

from chidao.extraction import dates
from chidao.extraction.normalize import make_doc


def _event(text: str, publication_date: date | None = None) -> str | None:
    return dates.event_date(make_doc(text, publication_date))


@pytest.mark.parametrize(
    ("text", "publication_date", "expected"),
    [
        ("Tiêu đề\n- Chiều 19/8/2021, Đoàn công tác làm việc với Huyện ủy.", None, "2021-08-19"),
        ("Ngày 19 tháng 8 năm 2021, Ban Thường vụ họp.", None, "2021-08-19"),
        (
            "Thứ bảy, 24/10/2020\nTiêu đề\nSáng nay (20/6), Ban Chấp hành họp hội nghị sơ kết, "
            "bàn nhiệm vụ 6 tháng cuối năm 2017.",
            None,
            "2017-06-20",
        ),
        ("Sáng nay (20/6), Ban Chấp hành Đảng bộ huyện họp.", date(2023, 6, 20), "2023-06-20"),
        # A day/month far after the publication date belongs to the year before.
        ("Chiều 28/12, Huyện ủy tổ chức hội nghị tổng kết.", date(2024, 1, 5), "2023-12-28"),
        # No year anywhere and no publication date: unknown, never the machine clock.
        ("Sáng nay (20/6), Ban Chấp hành Đảng bộ huyện họp.", None, None),
        # The dateline alone may give the year when the body has none.
        ("Thứ hai, 14/05/2019\nSáng 13/5, Đoàn công tác làm việc tại huyện.", None, "2019-05-13"),
        # The date of a cited document is not the event date.
        (
            "Thực hiện Quyết định số 12/QĐ-UBND ngày 3/4/2021 của UBND tỉnh, chiều 15/4/2021, "
            "đoàn kiểm tra làm việc với huyện.",
            None,
            "2021-04-15",
        ),
        ("Trong năm 2021, huyện phát triển kinh tế.", None, None),
        (
            "Sáng 10/1, Huyện ủy tổ chức hội nghị tổng kết công tác năm 2023. Năm 2023, huyện "
            "hoàn thành các chỉ tiêu; năm 2023 thu ngân sách tăng. Hội nghị triển khai nhiệm vụ năm 2024.",
            None,
            "2024-01-10",
        ),
        (
            "Sáng 28/12, Huyện ủy tổ chức hội nghị tổng kết công tác năm 2023. Năm 2023, huyện "
            "hoàn thành các chỉ tiêu. Hội nghị triển khai nhiệm vụ năm 2024.",
            None,
            "2023-12-28",
        ),
        ("Trong hai ngày 12 và 13/12/2022, HĐND tỉnh tổ chức kỳ họp thứ 11.", None, "2022-12-12"),
        ("Trong hai ngày 12-13/12/2022, HĐND tỉnh tổ chức kỳ họp.", None, "2022-12-12"),
        (
            "Kỳ họp thứ 8 HĐND tỉnh diễn ra từ ngày 6 đến 8/12/2017. Năm 2017, tỉnh phát triển.",
            None,
            "2017-12-06",
        ),
        (
            "Báo cáo năm 2017 cho thấy kinh tế tăng. Kỳ họp diễn ra từ ngày 6 đến ngày 8/12.",
            None,
            "2017-12-06",
        ),
        ("Ngày 6-4-2023, Đoàn công tác làm việc với tỉnh.", None, "2023-04-06"),
        (
            "Sáng 20-6, Ban Chấp hành Đảng bộ tỉnh họp hội nghị lần thứ 12.",
            date(2023, 6, 21),
            "2023-06-20",
        ),
        ("Trong 3-4 tháng tới, huyện tập trung giải ngân.", date(2023, 6, 21), None),
        (
            "Chiều qua (5/3), Thường trực Tỉnh ủy làm việc. Trong quý I năm 2024, ...",
            None,
            "2024-03-05",
        ),
        ("Ngày 15/7, Huyện ủy tổ chức hội nghị sơ kết 6 tháng đầu năm 2022.", None, "2022-07-15"),
        ("HĐND huyện tổ chức kỳ họp thứ 5 vào ngày 21/12/2021.", None, "2021-12-21"),
        (
            "Cập nhật: 10:30 20/06/2017\nSáng nay, Huyện ủy họp. Năm 2017 huyện phát triển.",
            None,
            None,
        ),
        (
            "(Nghệ An) - Trong tháng 11/2024, Đoàn kiểm tra liên ngành đã kiểm tra các địa phương. "
            "Đến ngày 31/10/2024, toàn tỉnh đã cập nhật 3.412 tàu cá.",
            None,
            "2024-11",
        ),
        (
            "Thực hiện Kế hoạch số 58-KH/TU ngày 10/01/2019 của Ban Thường vụ Tỉnh ủy, ngày 12/9/2019, "
            "đoàn giám sát làm việc với Huyện ủy.",
            None,
            "2019-09-12",
        ),
        ("", None, None),
    ],
)
def test_event_date(text, publication_date, expected):
    assert _event(text, publication_date) == expected


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        ("Trong 6 tháng đầu năm 2017, kinh tế phát triển", ["6 tháng đầu năm 2017"]),
        ("Tính đến trung tuần tháng 8/2021, thu ngân sách", ["đến trung tuần tháng 8/2021"]),
        ("trong 8 tháng năm 2021 kinh tế", ["8 tháng năm 2021"]),
        ("Quý I/2022 và quý II năm 2022", ["Quý I/2022", "quý II năm 2022"]),
        ("Năm 2021, huyện", ["Năm 2021"]),
        ("tăng 28% so với cùng kỳ năm 2020", []),
        ("Từ ngày 1/7 đến nay, xã", ["Từ ngày 1/7 đến nay"]),
        ("Đến ngày 31/7/2018, thu ngân sách", ["Đến ngày 31/7/2018"]),
        ("Diện tích gieo trồng vụ xuân năm 2019 đạt", ["vụ xuân năm 2019"]),
        ("sáu tháng đầu năm", ["sáu tháng đầu năm"]),
        ("từ đầu năm đến nay", ["từ đầu năm đến nay"]),
        ("giai đoạn 2021 - 2025", ["giai đoạn 2021 - 2025"]),
        ("tháng 13/2021", []),
    ],
)
def test_periods(text, periods):
    doc = make_doc(text)
    assert [p.text for p in dates.find_periods(doc)] == periods


@pytest.mark.parametrize(
    ("text", "year"),
    [
        (
            "Thứ bảy, 24/10/2020\nTrong 6 tháng đầu năm 2017, ... nhiệm vụ 6 tháng cuối năm 2017.",
            2017,
        ),
        ("Thứ bảy, 24/10/2020\nKhông có năm nào.", 2020),
        ("Thu ngân sách 8 tháng năm 2021 tăng 28% so với cùng kỳ năm 2020.", 2021),
        ("Phấn đấu đến năm 2030 trở thành tỉnh khá; năm 2022 đạt kết quả tốt.", 2022),
        ("Không có năm nào.", None),
    ],
)
def test_context_year(text, year):
    assert make_doc(text).context_year == year


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Chiều 19/8/2021, đoàn", [(19, 8, 2021, True)]),
        ("ngày 19 tháng 8 năm 2021", [(19, 8, 2021, True)]),
        ("Sáng nay (20/6), hội nghị", [(20, 6, None, True)]),
        ("đạt 3.5 tấn", []),
        ("32/13/2020 không phải ngày", []),
        ("văn bản số 10-CT/TW", []),
    ],
)
def test_find_dates(text, found):
    doc = make_doc(text)
    assert [(d.day, d.month, d.year, d.cued) for d in dates.find_dates(doc)] == found
