"""Regression tests for the cases of real portal pages (the hard corpus): written for these tests,
not copied from any corpus text."""

from __future__ import annotations

from datetime import date
from typing import Any

from chidao.extraction.pipeline import extract


def _facts(text: str, publication_date: date | None = None) -> dict[str, Any]:
    return extract(text, publication_date=publication_date)


def _people(facts: dict[str, Any]) -> dict[str, list[str]]:
    return {p["name"]: p["positions"] for p in facts["people"]}


def _indicator(facts: dict[str, Any], value: float) -> dict[str, Any]:
    found = [i for i in facts["indicators"] if i["value"] == value]
    assert len(found) == 1, facts["indicators"]
    return found[0]


# -- 1. genre ---------------------------------------------------------------------------------

STORM = (
    "Lũ quét tàn phá hai xã vùng cao, tỉnh huy động lực lượng cứu hộ\n"
    "Báo Miền Núi - Đêm 3/9, mưa lớn kéo dài gây lũ quét và sạt lở đất tại hai xã Nậm "
    "Chà, Pa Ham.\n"
    "Lượng mưa đo được tại trạm Mường Tè đạt 310 mm; mực nước suối dâng cao 4 m trong hai "
    "giờ.\n"
    "Lũ làm 3 người bị thương, 45 ngôi nhà bị cuốn trôi hoặc tốc mái; khoảng 120 ha lúa "
    "bị ngập úng.\n"
    "Thiệt hại ban đầu ước tính trên 60 tỷ đồng.\n"
    "Sáng 4/9, Chủ tịch UBND tỉnh Lò Văn Pấng đã đến hiện trường, chỉ đạo lực lượng quân "
    "đội, công an khẩn trương tìm kiếm người mất tích; yêu cầu các địa phương bố trí chỗ "
    "ở tạm cho các hộ mất nhà.\n"
    "Theo Đài Khí tượng thủy văn tỉnh, mưa còn kéo dài đến hết ngày 6/9.\n"
)

FESTIVAL = (
    "Khai hội đền Mẫu Thượng năm 2024\n"
    "Sáng 12/2, tại xã Yên Hòa, UBND huyện tổ chức khai hội đền Mẫu Thượng. Đồng chí Cao "
    "Thị Lụa, Phó Chủ tịch UBND huyện đánh trống khai hội. Lễ hội năm nay có lễ rước "
    "kiệu, nghi lễ dâng hương và nhiều trò chơi dân gian; ban tổ chức dự kiến đón khoảng "
    "30 nghìn lượt du khách trong ba ngày lễ hội. Các nghi lễ được tổ chức trang nghiêm, "
    "du khách được hướng dẫn tham quan di tích.\n"
)

SHAREHOLDERS = (
    "Công ty cổ phần Thủy sản Bến Đầm họp đại hội đồng cổ đông thường niên\n"
    "Ngày 25/4, Công ty cổ phần Thủy sản Bến Đầm tổ chức đại hội đồng cổ đông thường niên "
    "năm 2024.\n"
    "Đại hội thông qua kế hoạch doanh thu 1.250 tỷ đồng, lợi nhuận sau thuế 48 tỷ đồng và "
    "mức cổ tức 12%. Hội đồng quản trị cho biết năm 2023 công ty đạt doanh thu 1.108 tỷ "
    "đồng. Đại diện UBND tỉnh đề nghị công ty tiếp tục mở rộng vùng nuôi, tạo việc làm "
    "cho lao động địa phương.\n"
)


def test_disaster_with_orders_on_site_is_other():
    facts = _facts(STORM)
    assert facts["genre"] == "other"
    assert facts["indicators"] == [] and facts["directions"] == []


def test_festival_and_shareholders_meeting_are_other():
    assert _facts(FESTIVAL)["genre"] == "other"
    assert _facts(SHAREHOLDERS)["genre"] == "other"


# -- 2. two-day session -------------------------------------------------------------------------

SESSION = (
    "Bế mạc kỳ họp thứ 11 HĐND huyện Mường Lát\n"
    "Trong 2 ngày 8 và 9/7/2024, HĐND huyện Mường Lát khóa XX tổ chức kỳ họp thứ 11. "
    "Chiều 9/7, kỳ họp đã bế mạc sau khi hoàn thành toàn bộ chương trình đề ra.\n"
    "Phát biểu bế mạc, Chủ tịch HĐND huyện Hà Văn Ních đề nghị UBND huyện khẩn trương "
    "triển khai các nghị quyết vừa được thông qua; tăng cường kiểm tra, giám sát việc "
    "thực hiện.\n"
)


def test_two_day_session_dated_by_the_closing():
    assert _facts(SESSION)["event_date"] == "2024-07-09"


# -- 3. names ---------------------------------------------------------------------------------

NAMES = (
    "Tỉnh ủy làm việc với huyện Ia Grai\n"
    "Sáng 5/3/2023, Ban Thường vụ Tỉnh ủy làm việc với huyện Ia Grai. Dự buổi làm việc có "
    "các đồng chí: "
    "Nay Phi Long, Đinh Văn Thưởng, Rcom Hờ - Phó Chủ tịch UBND tỉnh; đồng chí Ksor "
    "H'Bla, Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh và đồng chí Siu Y'Thoan, Bí thư Huyện "
    "ủy Ia Grai.\n"
)


def test_names_sharing_one_title_and_apostrophe_names():
    people = _people(_facts(NAMES))
    for name in ("Nay Phi Long", "Đinh Văn Thưởng", "Rcom Hờ"):
        assert people[name] == ["Phó Chủ tịch UBND tỉnh"]
    assert people["Ksor H'Bla"] == ["Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"]
    assert "Siu Y'Thoan" in people


def test_standing_deputy_chair_of_the_inspection_committee_is_whole():
    text = (
        "Chiều 2/6/2024, đoàn kiểm tra do đồng chí Vi Văn Hưng, Phó Chủ nhiệm Thường trực Ủy ban "
        "Kiểm tra Tỉnh ủy làm trưởng đoàn đã kiểm tra Đảng ủy xã Tân Lập.\n"
    )
    assert _people(_facts(text))["Vi Văn Hưng"] == [
        "Phó Chủ nhiệm Thường trực Ủy ban Kiểm tra Tỉnh ủy"
    ]


# -- 4. bylines ---------------------------------------------------------------------------------

BODY = (
    "Sáng 14/10/2022, Ban Thường vụ Huyện ủy Sơn Động làm việc với Đảng ủy xã An Lạc về công tác "
    "xây dựng Đảng. Đồng chí Hoàng Văn Tuyên, Bí thư Huyện ủy yêu cầu xã tập trung phát triển "
    "kinh tế rừng, nâng cao chất lượng sinh hoạt chi bộ.\n"
)


def test_byline_followed_by_related_links():
    text = BODY + "MINH KHUÊ - HẢI YẾN\nTin liên quan\nSơn Động trồng mới rừng gỗ lớn\n"
    assert _facts(text)["authors"] == ["MINH KHUÊ", "HẢI YẾN"]


def test_byline_with_source_followed_by_comments():
    text = BODY + "NGỌC ÁNH (Báo Bắc Giang)\nÝ kiến ()\n"
    assert _facts(text)["authors"] == ["NGỌC ÁNH"]


# -- 5. numbered directions ---------------------------------------------------------------------


def test_numbered_directions_on_separate_lines():
    text = (
        "Chiều 20/12/2023, Huyện ủy Bảo Lạc tổ chức hội nghị tổng kết công tác năm 2023.\n"
        "Kết luận hội nghị, đồng chí Nông Văn Chiến, Bí thư Huyện ủy đề nghị các cấp ủy tập trung "
        "thực hiện các nhiệm vụ sau:\n"
        "Một là, rà soát các chỉ tiêu chưa đạt để có giải pháp khắc phục ngay từ đầu năm.\n"
        "Hai là, phát triển vùng chè Shan tuyết gắn với du lịch cộng đồng.\n"
        "Ba là, chuẩn bị chu đáo đại hội chi bộ nhiệm kỳ mới.\n"
    )
    directions = [d["text"] for d in _facts(text)["directions"]]
    assert directions == [
        "rà soát các chỉ tiêu chưa đạt để có giải pháp khắc phục ngay từ đầu năm",
        "phát triển vùng chè Shan tuyết gắn với du lịch cộng đồng",
        "chuẩn bị chu đáo đại hội chi bộ nhiệm kỳ mới",
    ]


def test_a_statement_with_can_is_not_a_direction():
    text = (
        "Sáng 9/8/2021, HĐND tỉnh khai mạc kỳ họp chuyên đề. Phát biểu khai mạc, đồng chí "
        "Trần Văn Lâm, Chủ tịch HĐND tỉnh nhấn mạnh: kỳ họp được tổ chức trong bối cảnh mưa lũ "
        "gây nhiều thiệt hại, nhiều việc cần giải quyết ngay cho người dân. Kỳ họp sẽ xem xét "
        "6 tờ trình. Đồng chí đề nghị các đại biểu tập trung thảo luận, góp ý vào các dự thảo "
        "nghị quyết.\n"
    )
    directions = [d["text"] for d in _facts(text)["directions"]]
    assert directions == ["tập trung thảo luận, góp ý vào các dự thảo nghị quyết"]


# -- 6. figures led by their verb -------------------------------------------------------------


def _figures(sentence: str) -> list[dict[str, Any]]:
    text = "Chiều 3/11/2020, Ban Thường vụ Huyện ủy Phú Riềng họp sơ kết công tác.\n" + sentence
    return _facts(text)["indicators"]


def test_several_figures_led_by_verbs():
    inds = _figures(
        "Đến hết tháng 10/2020, các nông trường đã bàn giao 1.250 ha đất, huyện đã đo đạc "
        "980 ha và cấp 412 giấy chứng nhận cho hộ dân.\n"
    )
    assert [i["value"] for i in inds] == [1250, 980, 412]
    assert all(i["period"] == "đến hết tháng 10/2020" for i in inds)
    assert inds[2]["unit"] == "giấy chứng nhận"


def test_cuts_and_what_remains():
    inds = _figures(
        "Từ năm 2019 đến tháng 9/2020, huyện đã giảm 12 đầu mối và giảm 86 biên chế. Sau sắp "
        "xếp, huyện còn 64 thôn, 9 cơ quan chuyên môn và 40 đơn vị sự nghiệp.\n"
    )
    assert [i["value"] for i in inds] == [12, 86, 64, 9, 40]
    assert inds[0]["period"] == "từ năm 2019 đến tháng 9/2020"


def test_sums_named_by_their_verb():
    spent = _figures("Ngân sách huyện đã chi hỗ trợ phòng, chống dịch khoảng 14 tỷ đồng.\n")
    assert [(i["name"], i["value"], i["qualifier"]) for i in spent] == [
        ("Chi hỗ trợ phòng, chống dịch", 14, "khoảng")
    ]
    planted = _figures("Năm 2020, huyện trồng mới 230 ha rừng, đạt 110% kế hoạch.\n")
    assert [(i["value"], i["pct_of_plan"]) for i in planted] == [(230, 110)]


def test_a_level_raised_to():
    inds = _figures(
        "Năm 2020, diện tích cao su trồng mới đạt 300 ha, nâng tổng diện tích cao su toàn huyện "
        "lên trên 5.100 ha.\n"
    )
    raised = _indicator({"indicators": inds}, 5100)
    assert raised["name"] == "Tổng diện tích cao su" and raised["qualifier"] == "trên"


def test_former_units_and_inspection_findings():
    inds = _figures(
        "Năm 2020, xã Phú Trung được thành lập trên cơ sở sáp nhập hai xã cũ. Qua kiểm tra, Ủy "
        "ban Kiểm tra Huyện ủy đã kiến nghị thu hồi 320 triệu đồng.\n"
    )
    assert [(i["name"], i["value"]) for i in inds] == [("Kiến nghị thu hồi", 320)]


def test_inspection_finding_is_not_a_recommendation():
    text = (
        "Ngày 4/5/2024, đoàn kiểm tra của Ủy ban Kiểm tra Tỉnh ủy làm việc với Đảng ủy xã Đồng "
        "Tâm. Năm 2023, Ủy ban Kiểm tra Đảng ủy xã đã kiến nghị thu hồi 85 triệu đồng.\n"
    )
    assert _facts(text)["recommendations"] == []


# -- 7. changes as ratios and multiples -------------------------------------------------------


def test_yoy_from_ratio_and_multiple():
    inds = _figures(
        "Năm 2021, kim ngạch xuất khẩu ước đạt 54 triệu USD, bằng 96,5% so với năm 2020. Sản "
        "lượng hạt điều ước đạt 21 nghìn tấn, tăng 1,2 lần so với cùng kỳ.\n"
    )
    assert _indicator({"indicators": inds}, 54)["yoy_pct"] == -3.5
    assert _indicator({"indicators": inds}, 21)["yoy_pct"] == 20


def test_visitors_with_growth_are_one_indicator():
    inds = _figures("Năm 2022, huyện đón khoảng 2,4 triệu lượt khách, tăng 35% so với năm 2021.\n")
    assert len(inds) == 1
    ind = inds[0]
    assert (ind["value"], ind["yoy_pct"], ind["qualifier"]) == (2.4, 35, "khoảng")
    assert not ind["name"].lower().startswith("triệu")


# -- 8. period carried through numbered sections ------------------------------------------------


def test_period_of_a_lead_in_carries_across_section_headings():
    text = (
        "Sáng 12/7/2021, Huyện ủy Đồng Hỷ tổ chức hội nghị sơ kết công tác 6 tháng đầu năm.\n"
        "Theo báo cáo, 6 tháng đầu năm 2021, huyện đạt được một số kết quả như sau:\n"
        "1. Về kinh tế\n"
        "- Thu ngân sách nhà nước trên địa bàn đạt 95 tỷ đồng.\n"
        "2. Về văn hóa - xã hội\n"
        "+ Giải quyết việc làm mới cho 1.320 lao động.\n"
        "3. Về xây dựng Đảng\n"
        "Toàn Đảng bộ kết nạp 88 đảng viên.\n"
    )
    periods = {i["value"]: i["period"] for i in _facts(text)["indicators"]}
    assert periods == {
        95: "6 tháng đầu năm 2021",
        1320: "6 tháng đầu năm 2021",
        88: "6 tháng đầu năm 2021",
    }


def test_a_later_clause_keeps_its_own_period():
    inds = _figures(
        "Năm 2020, huyện tạo việc làm cho 900 lao động; tỷ lệ hộ nghèo cuối năm còn 8,4%.\n"
    )
    assert _indicator({"indicators": inds}, 900)["period"] == "năm 2020"
    assert _indicator({"indicators": inds}, 8.4)["period"] == "cuối năm"


# -- 9. short forms of references ---------------------------------------------------------------


def test_short_form_of_a_cited_document_is_not_a_new_reference():
    text = (
        "Sáng 2/4/2024, Tỉnh ủy sơ kết 5 năm thực hiện Nghị quyết số 39-NQ/TW của Bộ Chính trị. "
        "Cùng với Nghị quyết 39, tỉnh đã thực hiện Kết luận 28-KL/TW.\n"
    )
    refs = [(r["type"], r["number"], r["symbol"]) for r in _facts(text)["document_refs"]]
    assert refs == [("Nghị quyết", "39", "NQ/TW"), ("Kết luận", "28", "KL/TW")]


# -- 10. organisations --------------------------------------------------------------------------


def test_kinds_of_bodies_are_not_bodies():
    text = (
        "Sáng 6/6/2024, Ban Thường vụ Tỉnh ủy làm việc với Huyện ủy Cam Lộ. Việc hợp nhất văn "
        "phòng cấp ủy với văn phòng HĐND và UBND được thực hiện; tỷ lệ bí thư đồng thời là chủ "
        "tịch UBND cấp xã đạt 40%.\n"
    )
    names = [o["name"] for o in _facts(text)["organizations"]]
    assert "UBND" not in names and "HĐND" not in names


def test_bare_organ_in_a_title_is_listed():
    text = (
        "Sáng 8/5/2024, đồng chí Lò Thị Mai, Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Tỉnh ủy "
        "làm việc với Huyện ủy Quỳnh Nhai.\n"
    )
    names = [o["name"] for o in _facts(text)["organizations"]]
    assert "Ban Thường vụ" in names and "Ban Dân vận Tỉnh ủy" in names


# -- more figures -----------------------------------------------------------------------------


def test_share_after_the_noun_of_a_sum_belongs_to_the_sum():
    inds = _figures("Năm 2020, huyện đã giải ngân 86 tỷ đồng vốn đầu tư công, đạt 91% kế hoạch.\n")
    assert [(i["name"], i["value"], i["pct_of_plan"]) for i in inds] == [
        ("Giải ngân vốn đầu tư công", 86, 91)
    ]


def test_total_raised_to_a_count():
    inds = _figures(
        "Năm 2020, xã có thêm 3 thôn đạt chuẩn nông thôn mới, nâng tổng số thôn đạt chuẩn lên "
        "14 thôn.\n"
    )
    assert _indicator({"indicators": inds}, 14)["name"] == "Tổng số thôn đạt chuẩn"


# -- who asks whom ------------------------------------------------------------------------------


def test_a_central_leader_asking_the_province_gives_directions():
    text = (
        "Sáng 11/9/2024, đoàn công tác của Ban Dân vận Trung ương làm việc với Tỉnh ủy Hà "
        "Giang. Kết luận buổi làm việc, đồng chí Mai Văn Chính, Ủy viên Trung ương Đảng, Phó "
        "Trưởng Ban Dân vận Trung ương đề nghị tỉnh tiếp tục đổi mới phương thức vận động quần "
        "chúng; quan tâm xây dựng đội ngũ cán bộ làm công tác dân vận ở cơ sở.\n"
    )
    facts = _facts(text)
    assert facts["recommendations"] == []
    assert [d["text"] for d in facts["directions"]] == [
        "tiếp tục đổi mới phương thức vận động quần chúng",
        "quan tâm xây dựng đội ngũ cán bộ làm công tác dân vận ở cơ sở",
    ]


def test_a_provincial_leader_asking_the_centre_makes_a_proposal():
    text = (
        "Sáng 11/9/2024, đoàn công tác của Ban Dân vận Trung ương làm việc với Tỉnh ủy Hà "
        "Giang. Phát biểu tại buổi làm việc, đồng chí Đặng Quốc Khánh, Ủy viên Trung ương Đảng, "
        "Bí thư Tỉnh ủy đề nghị Trung ương sớm ban hành hướng dẫn về tổ chức bộ máy cấp xã.\n"
    )
    assert [r["text"] for r in _facts(text)["recommendations"]] == [
        "sớm ban hành hướng dẫn về tổ chức bộ máy cấp xã"
    ]


def test_a_request_down_to_the_body_visited_is_not_a_proposal():
    text = (
        "Ngày 20/10/2022, đoàn giám sát của HĐND tỉnh làm việc với UBND huyện Lộc Ninh. Các "
        "thành viên trong đoàn đề nghị huyện làm rõ nguyên nhân chậm giải ngân. Đại diện Sở "
        "Tài chính đề nghị huyện rà soát lại các khoản chi thường xuyên.\n"
    )
    assert _facts(text)["recommendations"] == []


def test_objects_of_an_inspection_and_cases_handled():
    inds = _figures(
        "Năm 2020, Ủy ban Kiểm tra Huyện ủy đã kiểm tra khi có dấu hiệu vi phạm đối với 4 tổ "
        "chức đảng và 11 đảng viên; công an huyện đã xử lý 57 vụ vi phạm.\n"
    )
    assert [(i["name"], i["value"]) for i in inds] == [
        ("Tổ chức đảng được kiểm tra khi có dấu hiệu vi phạm", 4),
        ("Đảng viên được kiểm tra khi có dấu hiệu vi phạm", 11),
        ("Vụ vi phạm bị xử lý", 57),
    ]


def test_subject_is_not_part_of_the_verb_and_a_level_is_not_a_place():
    inds = _figures(
        "Năm 2020, huyện thu hút 650 nghìn lượt khách; tỷ lệ trưởng thôn đồng thời là chi hội "
        "trưởng cấp xã đạt 70%.\n"
    )
    assert [i["name"] for i in inds] == [
        "Lượt khách thu hút",
        "Tỷ lệ trưởng thôn đồng thời là chi hội trưởng cấp xã",
    ]


def test_ethnic_minority_names_after_a_title_and_places_before_one():
    text = (
        "Sáng 7/4/2023, Phó Chủ tịch UBND tỉnh A Pớt và Giám đốc Sở Y tế H'Hen Niê làm việc "
        "tại huyện A Lưới. Tại xã Hà Lang, Bí thư Đảng ủy xã Hoàng Văn Tú báo cáo.\n"
    )
    people = _people(_facts(text))
    assert people == {
        "A Pớt": ["Phó Chủ tịch UBND tỉnh"],
        "H'Hen Niê": ["Giám đốc Sở Y tế"],
        "Hoàng Văn Tú": ["Bí thư Đảng ủy xã"],
    }


def test_a_list_of_targets_gives_no_indicators():
    text = (
        "Sáng 22/12/2023, Huyện ủy Yên Minh tổ chức hội nghị tổng kết công tác năm 2023.\n"
        "Năm 2023, thu ngân sách trên địa bàn đạt 84 tỷ đồng.\n"
        "Năm 2024, huyện phấn đấu đạt các chỉ tiêu sau:\n"
        "1. Về kinh tế\n"
        "- Thu ngân sách trên địa bàn đạt 90 tỷ đồng.\n"
        "- Tỷ lệ hộ nghèo giảm còn 18%.\n"
    )
    assert [i["value"] for i in _facts(text)["indicators"]] == [84]
