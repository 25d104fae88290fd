"""Title, genre and event kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from chidao.extraction import classify
from chidao.extraction.normalize import make_doc

SHARED = Path(__file__).resolve().parents[3] / "shared"

WORKING = (
    "Bí thư Tỉnh ủy làm việc với Huyện ủy Bảo Lâm\n"
    "Chiều 5/3/2024, Đoàn công tác của Thường trực Tỉnh ủy do đồng chí Trần Hồng Minh, Bí thư Tỉnh ủy làm "
    "trưởng đoàn đã làm việc với Ban Thường vụ Huyện ủy Bảo Lâm. Báo cáo tại buổi làm việc, đồng chí Bí thư "
    "Huyện ủy cho biết huyện đã ban hành 12 nghị quyết. Kết luận buổi làm việc, đồng chí yêu cầu cấp ủy, "
    "chính quyền huyện tập trung chỉ đạo thực hiện các nhiệm vụ trọng tâm."
)
REVIEW = (
    "Thị ủy Quảng Yên sơ kết công tác 6 tháng đầu năm\n"
    "Sáng 10/7, Ban Chấp hành Đảng bộ thị xã tổ chức hội nghị sơ kết công tác lãnh đạo, chỉ đạo 6 tháng đầu "
    "năm 2019. Đồng chí Nguyễn Văn Hùng, Ủy viên Ban Thường vụ Tỉnh ủy dự và chỉ đạo hội nghị. Công tác xây "
    "dựng Đảng, xây dựng hệ thống chính trị được chú trọng; các cấp ủy đảng đã quán triệt nghị quyết."
)
COUNCIL = (
    "Khai mạc kỳ họp thứ 12 HĐND tỉnh khóa XVII\n"
    "Sáng 8/12/2022, HĐND tỉnh Hòa Bình khóa XVII, nhiệm kỳ 2021 - 2026 khai mạc kỳ họp thứ 12. Đồng chí "
    "Bùi Đức Hinh, Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh chủ trì kỳ họp. Các đại biểu sẽ xem xét, thông qua "
    "nhiều nghị quyết; phiên chất vấn tập trung vào đầu tư công."
)
INSPECTION = (
    "Đoàn giám sát của HĐND tỉnh làm việc tại huyện Kim Bôi\n"
    "Ngày 15/8, Đoàn giám sát của Thường trực HĐND tỉnh do đồng chí Đinh Công Sứ, Phó Chủ tịch HĐND tỉnh làm "
    "trưởng đoàn đã giám sát việc thực hiện chính sách hỗ trợ người có công tại UBND huyện Kim Bôi. Kết luận "
    "buổi giám sát, đồng chí đề nghị UBND huyện khẩn trương rà soát các hồ sơ tồn đọng."
)
FOOTBALL = (
    "Đội bóng xứ Thanh thắng ngược trên sân nhà\n"
    "Tối 14/4, trên sân vận động Thanh Hóa, đội chủ nhà lội ngược dòng trước đội khách với tỷ số 2-1 ở vòng 15 "
    "V-League. Các cầu thủ chủ nhà ghi bàn ở hiệp hai. Chủ tịch UBND tỉnh đã đến sân cổ vũ và trao thưởng cho "
    "đội bóng; huấn luyện viên trưởng cảm ơn người hâm mộ."
)
BUSINESS = (
    "Doanh nghiệp thép báo lãi quý III tăng mạnh\n"
    "Công ty cổ phần Thép Hòa Phát công bố doanh thu quý III đạt 35.000 tỷ đồng, lợi nhuận sau thuế đạt "
    "3.000 tỷ đồng, tăng 50% so với cùng kỳ. Cổ phiếu HPG tăng trần, kéo VN-Index đi lên; cổ đông kỳ vọng "
    "vào kế hoạch mở rộng sản xuất năm 2024."
)
CRIME = (
    "Bắt đối tượng lừa đảo chiếm đoạt tài sản qua mạng\n"
    "Cơ quan Cảnh sát điều tra Công an tỉnh Bắc Giang đã khởi tố vụ án, khởi tố bị can và ra lệnh tạm giam "
    "đối tượng Nguyễn Văn T. về hành vi lừa đảo chiếm đoạt tài sản. Nạn nhân bị chiếm đoạt hơn 2 tỷ đồng."
)
WEATHER = (
    "Miền Bắc đón không khí lạnh, nhiệt độ giảm sâu\n"
    "Theo Trung tâm Dự báo khí tượng thủy văn quốc gia, từ đêm nay không khí lạnh tràn về, nhiệt độ thấp nhất "
    "ở Hà Nội 12-14 độ C, vùng núi dưới 8 độ C. Dự báo thời tiết những ngày tới có mưa nhỏ rải rác."
)
SHOWBIZ = (
    "Ca sĩ Mỹ Tâm ra mắt MV mới\n"
    "Nữ ca sĩ vừa phát hành MV mới trước thềm liveshow cuối năm. Bộ phim ca nhạc thu hút đông đảo khán giả và "
    "người hâm mộ; đạo diễn cho biết album sẽ ra mắt tháng sau."
)


@pytest.mark.parametrize(
    ("text", "genre", "kind"),
    [
        (WORKING, "party_gov_meeting", "working_session"),
        (REVIEW, "party_gov_meeting", "review_conference"),
        (COUNCIL, "party_gov_meeting", "council_session"),
        (INSPECTION, "party_gov_meeting", "inspection"),
        (
            "Bí thư Tỉnh ủy kiểm tra công tác phòng, chống bão số 3\nChiều 7/9, đồng chí Nguyễn Văn An, "
            "Bí thư Tỉnh ủy cùng đoàn công tác đã đi kiểm tra công tác ứng phó bão tại huyện Kỳ Anh. "
            "Đồng chí yêu cầu các địa phương khẩn trương sơ tán người dân; UBND huyện chủ động phương án.",
            "party_gov_meeting",
            "inspection",
        ),
        (
            "Công an tỉnh tổng kết công tác năm 2023\nSáng 10/1/2024, Đảng ủy Công an tỉnh tổ chức hội nghị "
            "tổng kết công tác năm 2023. Đồng chí Nguyễn Văn An, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh dự và "
            "chỉ đạo hội nghị.\nNăm 2023, lực lượng công an đã bắt giữ 320 đối tượng, khởi tố 150 vụ án ma "
            "túy, triệt phá nhiều đường dây lừa đảo, bắt giữ nghi phạm truy nã. Tai nạn giao thông giảm 10%.\n"
            "Đồng chí Nguyễn Văn An yêu cầu Đảng ủy Công an tỉnh tiếp tục xây dựng lực lượng vững mạnh.",
            "party_gov_meeting",
            "review_conference",
        ),
        (FOOTBALL, "other", None),
        (BUSINESS, "other", None),
        (CRIME, "other", None),
        (WEATHER, "other", None),
        (SHOWBIZ, "other", None),
    ],
)
def test_genre_and_kind(text: str, genre: str, kind: str | None) -> None:
    result = classify.recognize(make_doc(text))
    assert (result["genre"], result["event_kind"]) == (genre, kind)
    assert result["title"] == text.split("\n", 1)[0]


def test_title_skips_dateline() -> None:
    text = "Thứ bảy,  24/10/2020\nBan Chấp hành Đảng bộ huyện Cao Lộc\n\nSơ kết công tác 6 tháng đầu năm\n"
    assert classify.recognize(make_doc(text))["title"] == "Ban Chấp hành Đảng bộ huyện Cao Lộc"


def test_empty_text() -> None:
    result = classify.recognize(make_doc(""))
    assert result == {"title": None, "genre": "other", "event_kind": None}


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="shared gold not present")
@pytest.mark.parametrize(
    "gold_path", sorted((SHARED / "gold").glob("*.json")), ids=lambda p: p.stem
)
def test_seed_against_gold(gold_path: Path) -> None:
    import json

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (SHARED / "seeds" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
    result = classify.recognize(make_doc(text))
    assert (result["genre"], result["event_kind"]) == (gold["genre"], gold["event_kind"])
