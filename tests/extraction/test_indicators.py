import pytest

from chidao.extraction import indicators
from chidao.extraction.normalize import make_doc

KEYS = ("name", "value", "unit", "qualifier", "pct_of_plan", "yoy_pct", "period")


def _facts(text):
    doc = make_doc(text)
    out = indicators.recognize(doc)
    for fact in out:
        a, b = fact["span"]
        assert 0 <= a < b <= len(text)
        assert text[a:b].strip() == text[a:b]
    return [tuple(f[k] for k in KEYS) for f in out]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tính đến trung tuần tháng 8/2021, thu ngân sách trên địa bàn huyện đạt trên 380 tỷ đồng, "
            "vượt 0,96% dự toán tỉnh giao và tăng 28,38% so với cùng kỳ năm 2020.",
            [
                (
                    "Thu ngân sách trên địa bàn",
                    380,
                    "tỷ đồng",
                    "trên",
                    100.96,
                    28.38,
                    "đến trung tuần tháng 8/2021",
                )
            ],
        ),
        (
            "Trong 6 tháng đầu năm 2017, kinh tế phát triển. Thu ngân sách trên địa bàn ước đạt 55, 95% "
            "dự toán, chi ngân sách đạt 53,02% dự toán tỉnh giao.",
            [
                (
                    "Thu ngân sách trên địa bàn",
                    None,
                    None,
                    "ước",
                    55.95,
                    None,
                    "6 tháng đầu năm 2017",
                ),
                ("Chi ngân sách", None, None, None, 53.02, None, "6 tháng đầu năm 2017"),
            ],
        ),
        (
            "Quý I/2022, giá trị sản xuất công nghiệp đạt 1.234,5 tỷ đồng, bằng 102% kế hoạch, "
            "tăng 12,3% so với cùng kỳ; tổng mức bán lẻ hàng hóa đạt 560 tỷ đồng, giảm 3%.",
            [
                ("Giá trị sản xuất công nghiệp", 1234.5, "tỷ đồng", None, 102, 12.3, "quý I/2022"),
                ("Tổng mức bán lẻ hàng hóa", 560, "tỷ đồng", None, None, -3, "quý I/2022"),
            ],
        ),
        (
            "Năm 2021, tổng vốn đầu tư toàn xã hội đạt gần 2.000 tỷ đồng, đạt 105% so với cùng kỳ.",
            [("Tổng vốn đầu tư toàn xã hội", 2000, "tỷ đồng", "gần", None, 5, "năm 2021")],
        ),
        (
            "Tỷ lệ hộ nghèo giảm còn 3,2%.",
            [("Tỷ lệ hộ nghèo", 3.2, "%", None, None, None, None)],
        ),
        (
            "Diện tích gieo trồng ước đạt 12.500 ha, vượt kế hoạch 2%.",
            [("Diện tích gieo trồng", 12500, "ha", "ước", 102, None, None)],
        ),
        (
            "Sản lượng thóc 8 tháng năm 2021 đạt khoảng 45.000 tấn.",
            [("Sản lượng thóc", 45000, "tấn", "khoảng", None, None, "8 tháng năm 2021")],
        ),
        (
            "Tổng sản phẩm trên địa bàn (GRDP) ước tăng 8,3%.",
            [("Tổng sản phẩm trên địa bàn (GRDP)", None, None, "ước", None, 8.3, None)],
        ),
        (
            "Năm 2022 toàn tỉnh giải quyết việc làm cho 45 nghìn lao động.",
            [("Giải quyết việc làm", 45, "nghìn lao động", None, None, None, "năm 2022")],
        ),
        (
            "Toàn Đảng bộ kết nạp 156 đảng viên, bằng 104% chỉ tiêu.",
            [("Kết nạp đảng viên", 156, "đảng viên", None, 104, None, None)],
        ),
        (
            "Toàn xã có khoảng 1.320 ha rừng trồng mới và hơn 60 cơ sở lưu trú du lịch cộng đồng.",
            [
                ("Rừng trồng mới", 1320, "ha", "khoảng", None, None, None),
                ("Cơ sở lưu trú du lịch cộng đồng", 60, "cơ sở", "trên", None, None, None),
            ],
        ),
        (
            "Kim ngạch xuất nhập khẩu qua cửa khẩu Chi Ma trong 4 tháng đầu năm 2019 ước đạt "
            "185,4 triệu USD, giảm 3% so với cùng kỳ.",
            [
                (
                    "Kim ngạch xuất nhập khẩu qua cửa khẩu Chi Ma",
                    185.4,
                    "triệu USD",
                    "ước",
                    None,
                    -3,
                    "4 tháng đầu năm 2019",
                )
            ],
        ),
        (
            "Thu ngân sách nhà nước trên địa bàn 6 tháng ước thực hiện 1.520 tỷ đồng, đạt 52% dự toán "
            "HĐND tỉnh giao, bằng 110% so với cùng kỳ.",
            [("Thu ngân sách nhà nước trên địa bàn", 1520, "tỷ đồng", "ước", 52, 10, "6 tháng")],
        ),
        (
            "Tỷ lệ hộ nghèo giảm từ 8,5% xuống còn 6,2%.",
            [("Tỷ lệ hộ nghèo", 6.2, "%", None, None, None, None)],
        ),
        (
            "Thu nhập bình quân đầu người đạt 45,2 triệu đồng/năm, tăng 3,5 triệu đồng so với năm 2021.",
            [("Thu nhập bình quân đầu người", 45.2, "triệu đồng", None, None, None, None)],
        ),
        (
            "Số đảng viên kết nạp mới trong quý I năm 2023 là 418 đồng chí, bằng 24,6% chỉ tiêu năm.",
            [("Số đảng viên kết nạp mới", 418, "đồng chí", None, 24.6, None, "quý I năm 2023")],
        ),
        (
            "Năm 2023, tỷ lệ thôn, tổ dân phố có chi bộ độc lập đạt 92,4%.",
            [("Tỷ lệ thôn, tổ dân phố có chi bộ độc lập", 92.4, "%", None, None, None, "năm 2023")],
        ),
        (
            "Năm 2021, toàn tỉnh có thêm mười lăm xã đạt chuẩn nông thôn mới.",
            [("Xã đạt chuẩn nông thôn mới", 15, "xã", None, None, None, "năm 2021")],
        ),
        (
            "Đến ngày 31/10/2024, toàn tỉnh đã cập nhật 3.412 tàu cá vào cơ sở dữ liệu nghề cá quốc gia; "
            "99,7% tàu cá có chiều dài từ 15 m trở lên đã lắp đặt thiết bị giám sát hành trình.",
            [
                (
                    "Tàu cá cập nhật vào cơ sở dữ liệu nghề cá quốc gia",
                    3412,
                    "tàu cá",
                    None,
                    None,
                    None,
                    "đến ngày 31/10/2024",
                ),
                (
                    "Tàu cá có chiều dài từ 15 m trở lên đã lắp đặt thiết bị giám sát hành trình",
                    99.7,
                    "%",
                    None,
                    None,
                    None,
                    "đến ngày 31/10/2024",
                ),
            ],
        ),
        (
            "Các cấp ủy đã kiểm tra 97 tổ chức đảng, bằng 104,3% kế hoạch năm; thi hành kỷ luật "
            "23 đảng viên, tăng 9,5% so với cùng kỳ.",
            [
                ("Tổ chức đảng được kiểm tra", 97, "tổ chức đảng", None, 104.3, None, None),
                ("Đảng viên bị thi hành kỷ luật", 23, "đảng viên", None, None, 9.5, None),
            ],
        ),
        (
            "Năm 2025, tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng trên địa bàn phường "
            "ước đạt 9.874,3 tỷ đồng.",
            [
                (
                    "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng trên địa bàn",
                    9874.3,
                    "tỷ đồng",
                    "ước",
                    None,
                    None,
                    "năm 2025",
                )
            ],
        ),
        (
            "Năm 2022, tỷ lệ người dân tham gia bảo hiểm y tế đạt tỷ lệ 92,5%, vượt 1,5% kế hoạch.",
            [
                (
                    "Tỷ lệ người dân tham gia bảo hiểm y tế",
                    92.5,
                    "%",
                    None,
                    101.5,
                    None,
                    "năm 2022",
                )
            ],
        ),
        (
            "Cơ cấu kinh tế: nông, lâm nghiệp chiếm 25,3%; công nghiệp - xây dựng chiếm 30,1%.",
            [
                ("Nông, lâm nghiệp", 25.3, "%", None, None, None, None),
                ("Công nghiệp - xây dựng", 30.1, "%", None, None, None, None),
            ],
        ),
        (
            "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng giảm còn 12,5%.",
            [("Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng", 12.5, "%", None, None, None, None)],
        ),
        ("GRDP tăng 7,2% (kế hoạch 7%).", [("GRDP", None, None, None, None, 7.2, None)]),
        (
            "Thu ngân sách Nhà nước 6 tháng đầu năm thực hiện 2.345,67 tỷ đồng, đạt 56,2% dự toán.",
            [("Thu ngân sách Nhà nước", 2345.67, "tỷ đồng", None, 56.2, None, "6 tháng đầu năm")],
        ),
        (
            "Doanh thu du lịch ước đạt 450 tỷ đồng, gấp 1,5 lần so với cùng kỳ.",
            [("Doanh thu du lịch", 450, "tỷ đồng", "ước", None, 50, None)],
        ),
        (
            "Giá trị sản xuất công nghiệp (theo giá so sánh 2010) đạt 3.456 tỷ đồng, tăng 8,9%.",
            [("Giá trị sản xuất công nghiệp", 3456, "tỷ đồng", None, None, 8.9, None)],
        ),
        # A target is not a result.
        ("Đồng chí yêu cầu phấn đấu thu ngân sách năm 2024 đạt trên 500 tỷ đồng.", []),
        # Counts of documents and tasks belong to other facts.
        ("Ban hành 3 chỉ thị, 35 kế hoạch, 26 nghị quyết.", []),
        ("Trong 10 nhiệm vụ thuộc 5 nhóm nhiệm vụ trọng tâm, có 1 nhiệm vụ hoàn thành.", []),
        # No figure, no indicator.
        ("Sản xuất nông nghiệp cơ bản đạt kế hoạch đề ra.", []),
        ("Chiều 19/8/2021, Đoàn công tác làm việc với Huyện ủy.", []),
    ],
)
def test_recognize(text, expected):
    assert _facts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Đồng chí yêu cầu huyện giải ngân 100% vốn đầu tư công trước ngày 31/12.",
        "Đồng chí đề nghị tỉnh hỗ trợ 50 tỷ đồng để xây dựng trường học.",
        "Huyện có 15 xã, 2 thị trấn.",
        "Hội nghị có 200 đại biểu tham dự.",
        "Đồng chí Nguyễn Văn A, sinh năm 1975, quê ở xã Tân Lập.",
        "Quyết định số 1234/QĐ-UBND ngày 15/3/2021 của UBND tỉnh.",
        "Lúc 14h30 ngày 20/6, đoàn đến xã.",
    ],
)
def test_no_indicator(text):
    assert _facts(text) == []
