"""Records for the web tests and the page bench: the demo dataset when it is installed
(``chidao.demo.dataset.load_demo_dataset``), else a small Cao Lộc sample with the same
figures, made through the services.

Cao Lộc 2021: 3 chỉ thị, 35 kế hoạch, 26 nghị quyết, 6 hướng dẫn, 24 thông báo; ten key
tasks in five groups (as of 19/8/2021: 1 completed, 8 on track, 1 behind); budget revenue
380 tỷ đồng against an estimate of 376,4 (100,96 %) and 296 a year before (+28,38 %);
three recommendations routed to sectors; two meetings.
"""

from __future__ import annotations

import datetime as dt
import importlib.util

AS_OF = dt.date(2021, 8, 19)
DOCUMENT_COUNTS = {"Chỉ thị": 3, "Kế hoạch": 35, "Nghị quyết": 26, "Hướng dẫn": 6, "Thông báo": 24}
GROUPS = [
    (
        "Phát triển kinh tế cửa khẩu, thương mại, dịch vụ",
        [
            (
                "Nâng cao năng lực thông quan hàng hóa tại cửa khẩu Hữu Nghị và Tân Thanh",
                "2021-12-31",
                70,
                None,
            ),
            (
                "Thu hút đầu tư vào dịch vụ logistics trong Khu kinh tế cửa khẩu",
                "2021-12-31",
                60,
                None,
            ),
        ],
    ),
    (
        "Nông nghiệp và xây dựng nông thôn mới",
        [
            ("Đưa thêm hai xã đạt chuẩn nông thôn mới", "2021-12-31", 65, None),
            ("Chuyển đổi 200 ha cây trồng kém hiệu quả sang cây ăn quả", "2021-06-30", 45, None),
        ],
    ),
    (
        "Quản lý đất đai và giải phóng mặt bằng",
        [
            (
                "Giải phóng mặt bằng tuyến cao tốc Đồng Đăng - Trà Lĩnh đoạn qua huyện",
                "2021-12-31",
                55,
                None,
            ),
            ("Hoàn thành cấp giấy chứng nhận quyền sử dụng đất lần đầu", "2021-12-31", 75, None),
        ],
    ),
    (
        "Văn hóa - xã hội",
        [
            ("Giảm tỷ lệ hộ nghèo theo kế hoạch năm", "2021-12-31", 60, None),
            ("Tu bổ di tích lịch sử cấp tỉnh trên địa bàn", "2021-12-31", 50, None),
        ],
    ),
    (
        "Xây dựng Đảng và hệ thống chính trị",
        [
            (
                "Kiện toàn tổ chức cơ sở đảng sau đại hội nhiệm kỳ 2020-2025",
                "2021-06-30",
                100,
                "2021-06-25",
            ),
            (
                "Triển khai phần mềm quản lý văn bản thống nhất đến các chi bộ",
                "2021-12-31",
                40,
                None,
            ),
        ],
    ),
]


def demo_available() -> bool:
    return importlib.util.find_spec("chidao.demo.dataset") is not None


def load_reference(actor) -> None:
    from chidao.documents.services import load_document_types
    from chidao.orgs.models import Organization
    from chidao.orgs.refload import load_reference_data

    if not Organization.objects.filter(name="Huyện ủy Cao Lộc").exists():
        load_reference_data(actor)
    load_document_types(actor)


def load(actor) -> str:
    """Reference data, then the demo dataset (or the sample). Returns which was loaded."""
    load_reference(actor)
    if demo_available():
        from chidao.demo.dataset import load_demo_dataset

        load_demo_dataset(actor)
        return "demo"
    load_sample(actor)
    return "sample"


def load_sample(actor) -> None:
    from chidao.documents.services import do_create_document
    from chidao.indicators.services import do_create_indicator, do_record_observation, do_set_target
    from chidao.meetings.services import do_add_direction, do_create_meeting
    from chidao.orgs.models import Organization
    from chidao.orgs.services import do_assign_position, do_create_person
    from chidao.recommendations.services import (
        do_answer_recommendation,
        do_forward_recommendation,
        do_receive_recommendation,
    )
    from chidao.tasks.models import TaskGroup
    from chidao.tasks.services import do_create_task, do_create_task_group

    org = {o.name: o for o in Organization.objects.all()}
    cao_loc = org["Huyện ủy Cao Lộc"]
    province = org["Tỉnh ủy Lạng Sơn"]
    if TaskGroup.objects.filter(owner=cao_loc, year=2021).exists():
        return
    standing = org["Ban Thường vụ Tỉnh ủy Lạng Sơn"]

    day = dt.date(2021, 1, 4)
    for type_name, count in DOCUMENT_COUNTS.items():
        code = {
            "Chỉ thị": "CT",
            "Kế hoạch": "KH",
            "Nghị quyết": "NQ",
            "Hướng dẫn": "HD",
            "Thông báo": "TB",
        }[type_name]
        for n in range(1, count + 1):
            do_create_document(
                actor,
                raw_number=f"{n:02d}-{code}/HU",
                doc_type=type_name,
                issuer=cao_loc,
                issued_on=day,
                excerpt=f"{type_name} số {n} của Huyện ủy Cao Lộc năm 2021",
            )
            day = min(day + dt.timedelta(days=2), dt.date(2021, 8, 16))
    central = org.get("Ban Bí thư")
    if central is not None:
        do_create_document(
            actor,
            raw_number="10-CT/TW",
            doc_type="Chỉ thị",
            issuer=central,
            issued_on=dt.date(2007, 3, 30),
            excerpt="Nâng cao chất lượng sinh hoạt chi bộ",
        )

    for order, (name, tasks) in enumerate(GROUPS, start=1):
        group = do_create_task_group(
            actor, name=name, owner=cao_loc, year=2021, approving_body=standing, order=order
        )
        for title, deadline, progress, completed in tasks:
            do_create_task(
                actor,
                title=title,
                lead_unit=cao_loc,
                group=group,
                deadline=dt.date.fromisoformat(deadline),
                progress=progress,
                started_on=dt.date(2021, 1, 15),
                completed_on=dt.date.fromisoformat(completed) if completed else None,
                today=AS_OF,
            )

    revenue = do_create_indicator(
        actor, code="thu_ngan_sach", name="Thu ngân sách trên địa bàn", unit="tỷ đồng"
    )
    do_set_target(actor, revenue, body=cao_loc, year=2021, value="376.4", kind="estimate")
    do_record_observation(
        actor,
        revenue,
        body=cao_loc,
        period_kind="to_date",
        year=2020,
        period_number=8,
        period_end=dt.date(2020, 8, 15),
        period_label="đến trung tuần tháng 8/2020",
        value="296",
    )
    do_record_observation(
        actor,
        revenue,
        body=cao_loc,
        period_kind="to_date",
        year=2021,
        period_number=8,
        period_end=dt.date(2021, 8, 15),
        period_label="đến trung tuần tháng 8/2021",
        value="380",
        qualifier="trên",
        stated_pct_of_plan="100.96",
        stated_yoy_pct="28.38",
    )

    secretary = do_create_person(actor, full_name="Nguyễn Quốc Đoàn")
    do_assign_position(actor, secretary, title="Bí thư Tỉnh ủy", organization=province)
    do_create_meeting(
        actor,
        kind="review_conference",
        held_on=dt.date(2017, 6, 20),
        host=cao_loc,
        title="Hội nghị Ban Chấp hành Đảng bộ huyện Cao Lộc sơ kết công tác 6 tháng đầu năm 2017",
    )
    session = do_create_meeting(
        actor,
        kind="working_session",
        held_on=AS_OF,
        host=cao_loc,
        chair=secretary,
        title="Đoàn công tác Thường trực Tỉnh ủy làm việc với Huyện ủy Cao Lộc",
        visiting_bodies=[org["Thường trực Tỉnh ủy Lạng Sơn"]],
    )
    do_add_direction(
        actor,
        session,
        given_by=secretary,
        addressed_to=cao_loc,
        text="Đẩy mạnh cải cách hành chính và chuyển đổi số ở khu vực cửa khẩu",
        deadline=dt.date(2022, 12, 31),
    )
    recs = [
        (
            "Đầu tư hạ tầng khu vực biên giới, cửa khẩu",
            ["Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn", "Sở Xây dựng tỉnh Lạng Sơn"],
        ),
        ("Hỗ trợ kinh phí làm đường giao thông nông thôn", ["Sở Tài chính tỉnh Lạng Sơn"]),
        ("Đào tạo nghề cho lao động nông thôn", ["Sở Nội vụ tỉnh Lạng Sơn"]),
    ]
    for i, (text, sectors) in enumerate(recs):
        rec = do_receive_recommendation(
            actor,
            text=text,
            raised_by=cao_loc,
            addressed_to=province,
            received_on=AS_OF,
            meeting=session,
        )
        do_forward_recommendation(
            actor,
            rec,
            sectors=[org[s] for s in sectors],
            due_on=dt.date(2021, 10, 31),
            at=dt.date(2021, 8, 27),
        )
        if i == 1:
            do_answer_recommendation(
                actor,
                rec,
                text="Sẽ cân đối trong dự toán năm 2022.",
                from_body=org[sectors[0]],
                answered_on=dt.date(2021, 11, 5),
            )
