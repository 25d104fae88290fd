"""Directions given by a leader, with who gave them."""

from __future__ import annotations

import pytest

from chidao.extraction import directions, people
from chidao.extraction.normalize import make_doc


def dirs(text: str) -> list[tuple[str, str | None]]:
    doc = make_doc(text)
    found_people, _ = people.recognize(doc)
    found = directions.recognize(doc, found_people)
    for item in found:
        s, e = item["span"]
        assert text[s:e] == item["text"], (text[s:e], item)
    return [(d["text"], d["by"]) for d in found]


SEED_LIKE = (
    "Chiều 19/8, đoàn do đồng chí Nguyễn Quốc Đoàn, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy làm trưởng đoàn.\n"
    "Phát biểu tại buổi làm việc, đồng chí Bí thư Tỉnh ủy yêu cầu: Là huyện biên giới, trong thời gian tới, "
    "huyện Cao Lộc cần tiếp tục tăng cường công tác phòng, chống dịch bệnh. Cùng với đó, huyện tiếp tục quan "
    "tâm công tác xây dựng Đảng; đề cao vai trò nêu gương của người đứng đầu.\n"
    "Lãnh đạo huyện đề nghị tỉnh quan tâm hỗ trợ kinh phí làm đường."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            SEED_LIKE,
            [
                ("tiếp tục tăng cường công tác phòng, chống dịch bệnh", "Nguyễn Quốc Đoàn"),
                ("tiếp tục quan tâm công tác xây dựng Đảng", "Nguyễn Quốc Đoàn"),
                ("đề cao vai trò nêu gương của người đứng đầu", "Nguyễn Quốc Đoàn"),
            ],
        ),
        (
            "Kết luận buổi làm việc, đồng chí Lương Thế Dũng ghi nhận sự cố gắng của huyện. Đồng chí yêu cầu "
            "thời gian tới, huyện Lộc Bình cần tập trung các giải pháp chống thất thu; đẩy nhanh tiến độ giải "
            "phóng mặt bằng các dự án trọng điểm.",
            [
                ("tập trung các giải pháp chống thất thu", "Lương Thế Dũng"),
                ("đẩy nhanh tiến độ giải phóng mặt bằng các dự án trọng điểm", "Lương Thế Dũng"),
            ],
        ),
        (
            "Phát biểu bế mạc, đồng chí Cầm Ngọc Hân, Chủ tịch HĐND tỉnh yêu cầu UBND tỉnh chỉ đạo triển khai "
            "ngay các nghị quyết đã được thông qua; khắc phục tình trạng chậm giải ngân vốn đầu tư công.",
            [
                ("chỉ đạo triển khai ngay các nghị quyết đã được thông qua", "Cầm Ngọc Hân"),
                ("khắc phục tình trạng chậm giải ngân vốn đầu tư công", "Cầm Ngọc Hân"),
            ],
        ),
        (
            "Bộ trưởng Bộ Nội vụ Phạm Thị Thanh Trà chỉ đạo: các địa phương khẩn trương rà soát đội ngũ cán bộ "
            "cấp xã sau sắp xếp; bảo đảm chi trả chế độ đúng hạn.",
            [
                ("khẩn trương rà soát đội ngũ cán bộ cấp xã sau sắp xếp", "Phạm Thị Thanh Trà"),
                ("bảo đảm chi trả chế độ đúng hạn", "Phạm Thị Thanh Trà"),
            ],
        ),
        (
            "Phát biểu tại hội nghị, đồng chí Đoàn Thu Hà đề nghị Đảng ủy, UBND phường tiếp tục rà soát, "
            "hoàn thiện quy chế làm việc; tăng cường ứng dụng công nghệ thông tin.",
            [
                ("tiếp tục rà soát, hoàn thiện quy chế làm việc", "Đoàn Thu Hà"),
                ("tăng cường ứng dụng công nghệ thông tin", "Đoàn Thu Hà"),
            ],
        ),
        (
            "Kết luận, đồng chí Nguyễn Khắc Hưởng yêu cầu các cấp ủy, tổ chức đảng tập trung tháo gỡ vướng "
            "mắc về đất đai; đẩy nhanh xây dựng các khu công nghiệp.",
            [
                ("tập trung tháo gỡ vướng mắc về đất đai", "Nguyễn Khắc Hưởng"),
                ("đẩy nhanh xây dựng các khu công nghiệp", "Nguyễn Khắc Hưởng"),
            ],
        ),
        (
            "Kết luận buổi làm việc, đồng chí Hoàng Minh Khang ghi nhận những cố gắng của tỉnh, đồng thời "
            "lưu ý tỉnh cần rà soát kỹ việc bố trí cán bộ sau sắp xếp.",
            [("rà soát kỹ việc bố trí cán bộ sau sắp xếp", "Hoàng Minh Khang")],
        ),
        (
            "Kết luận hội nghị, đồng chí Hoàng Văn Nghiệm đề nghị, thời gian tới, các cấp ủy tập trung "
            "thực hiện tốt một số nhiệm vụ sau:\n- Một là, tiếp tục đẩy mạnh công tác xây dựng Đảng;\n"
            "- Hai là, chuẩn bị tốt các điều kiện tổ chức đại hội.\nHội nghị bế mạc.",
            [
                ("tiếp tục đẩy mạnh công tác xây dựng Đảng", "Hoàng Văn Nghiệm"),
                ("chuẩn bị tốt các điều kiện tổ chức đại hội", "Hoàng Văn Nghiệm"),
            ],
        ),
        (
            "Dự có Thủ tướng Phạm Minh Chính và đồng chí Nguyễn Văn Long, Bí thư Tỉnh ủy. Báo cáo do đồng "
            "chí Lê Văn Hà, Chủ tịch UBND tỉnh trình bày. Thủ tướng yêu cầu tỉnh tập trung phát triển hạ "
            "tầng giao thông; đẩy mạnh cải cách hành chính.",
            [
                ("tập trung phát triển hạ tầng giao thông", "Phạm Minh Chính"),
                ("đẩy mạnh cải cách hành chính", "Phạm Minh Chính"),
            ],
        ),
        (
            "Kết luận, đồng chí Nguyễn Văn An yêu cầu huyện tập trung phát triển du lịch; đẩy mạnh chuyển "
            "đổi số. Đồng thời, chú trọng công tác cán bộ. Hội nghị đã thông qua nghị quyết.",
            [
                ("tập trung phát triển du lịch", "Nguyễn Văn An"),
                ("đẩy mạnh chuyển đổi số", "Nguyễn Văn An"),
                ("chú trọng công tác cán bộ", "Nguyễn Văn An"),
            ],
        ),
        ("Đồng chí Bí thư kiểm tra tuyến đường giao thông liên xã.", []),
        # A report, not a direction; a noun "chỉ đạo"; a recommendation upwards.
        (
            "Đồng chí Ma Văn Quyết, Bí thư Huyện ủy báo cáo: Ban Thường vụ đã ban hành 1 chỉ thị; chỉ đạo học "
            "tập, quán triệt Nghị quyết Đại hội XII của Đảng.",
            [],
        ),
        ("Đồng chí Tô Hùng Khoa dự và phát biểu chỉ đạo tại hội nghị.", []),
        ("Công tác lãnh đạo, chỉ đạo thực hiện nhiệm vụ được tăng cường.", []),
        (
            "Đồng chí Nông Thị Hạnh, Bí thư Huyện ủy đề nghị tỉnh hỗ trợ kinh phí làm đường biên giới.",
            [],
        ),
    ],
)
def test_directions(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert dirs(text) == expected


def test_title_resolves_to_holder() -> None:
    text = (
        "Dự có đồng chí Vi Đức Toàn, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh.\n"
        "Đồng chí Hoàng Văn Nam, Bí thư Đảng ủy xã báo cáo.\n"
        "Kết luận, đồng chí Chủ tịch UBND tỉnh yêu cầu xã tiếp tục rà soát quy chế làm việc."
    )
    assert dirs(text) == [("tiếp tục rà soát quy chế làm việc", "Vi Đức Toàn")]
