"""The planner: pure unit tests, no database."""

from __future__ import annotations

import datetime as dt

import pytest

from chidao.reminders import planner
from chidao.reminders.planner import (
    Audience,
    RecommendationInfo,
    ReviewInfo,
    RuleBook,
    RuleValues,
    TaskInfo,
)

CAO_LOC, VAN_LANG, PROVINCE, FINANCE = 10, 11, 1, 20
CAO_LOC_USER, VAN_LANG_USER, OFFICE_USER, FINANCE_USER = 100, 101, 102, 103
AUDIENCE = Audience(
    users_by_org={CAO_LOC: [CAO_LOC_USER], VAN_LANG: [VAN_LANG_USER], FINANCE: [FINANCE_USER]},
    office_users=[OFFICE_USER],
)
RULES = RuleBook(parents={CAO_LOC: PROVINCE, VAN_LANG: PROVINCE, PROVINCE: None})
TASK = TaskInfo(
    id=42,
    title="Hoàn thành quy hoạch khu kinh tế cửa khẩu Đồng Đăng",
    deadline=dt.date(2021, 12, 31),
    lead_unit_id=CAO_LOC,
    lead_unit_name="Huyện ủy Cao Lộc",
)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def plan_tasks(today, tasks=(TASK,), rules=RULES):
    return planner.plan(today=today, rules=rules, audience=AUDIENCE, tasks=tasks)


@pytest.mark.parametrize(
    ("today", "kind", "key", "phrase"),
    [
        ("2021-12-27", None, None, None),
        ("2021-12-28", "task_before", "task:42:before:2021-12-28", "(còn 3 ngày)"),
        # a run a day late still sends the "before" reminder, with the same key
        ("2021-12-30", "task_before", "task:42:before:2021-12-28", "(còn 1 ngày)"),
        ("2021-12-31", "task_due", "task:42:due:2021-12-31", "đến hạn hôm nay, ngày 31/12/2021"),
        ("2022-01-01", "task_overdue", "task:42:overdue:2022-01-01", "đã quá hạn 1 ngày"),
        ("2022-01-07", "task_overdue", "task:42:overdue:2022-01-01", "đã quá hạn 7 ngày"),
        ("2022-01-08", "task_overdue", "task:42:overdue:2022-01-08", "đã quá hạn 8 ngày"),
        ("2022-01-14", "task_overdue", "task:42:overdue:2022-01-08", "(hạn 31/12/2021)"),
        ("2022-01-15", "task_overdue", "task:42:overdue:2022-01-15", "quá hạn 15 ngày"),
    ],
)
def test_task_reminders_by_day(today, kind, key, phrase):
    due = plan_tasks(d(today))
    if kind is None:
        assert due == []
        return
    assert len(due) == 1
    (item,) = due
    assert (item.recipient_id, item.kind, item.dedupe_key) == (CAO_LOC_USER, kind, key)
    assert phrase in item.body
    assert "“Hoàn thành quy hoạch khu kinh tế cửa khẩu Đồng Đăng”" in item.body
    assert "31/12/2021" in item.body
    assert (item.object_kind, item.object_id, item.due_on) == ("task", 42, d("2021-12-31"))


def test_before_message_wording():
    (item,) = plan_tasks(d("2021-12-28"))
    assert item.body.startswith(
        "Nhiệm vụ “Hoàn thành quy hoạch khu kinh tế cửa khẩu Đồng Đăng” đến hạn ngày "
        "31/12/2021 (còn 3 ngày)."
    )
    assert "Huyện ủy Cao Lộc" in item.body
    assert "31/12/2021" in item.subject


def test_overdue_wording():
    task = TaskInfo(id=7, title="Kiện toàn bộ máy", deadline=d("2021-06-30"), lead_unit_id=CAO_LOC)
    (item,) = plan_tasks(d("2021-07-14"), tasks=[task])
    assert item.body == "Nhiệm vụ “Kiện toàn bộ máy” đã quá hạn 14 ngày (hạn 30/06/2021)."


@pytest.mark.parametrize(
    "task",
    [
        TaskInfo(
            id=1, title="Đã xong", deadline=d("2021-12-31"), lead_unit_id=CAO_LOC, completed=True
        ),
        TaskInfo(id=2, title="Không thời hạn", deadline=None, lead_unit_id=CAO_LOC),
    ],
)
@pytest.mark.parametrize("today", ["2021-12-28", "2021-12-31", "2022-02-01"])
def test_completed_or_undated_tasks_are_not_reminded(task, today):
    assert plan_tasks(d(today), tasks=[task]) == []


def test_only_the_lead_units_users_receive():
    tasks = [
        TASK,
        TaskInfo(id=43, title="Việc Văn Lãng", deadline=d("2021-12-31"), lead_unit_id=VAN_LANG),
    ]
    due = plan_tasks(d("2021-12-31"), tasks=tasks)
    by_user = {(i.recipient_id, i.object_id) for i in due}
    assert by_user == {(CAO_LOC_USER, 42), (VAN_LANG_USER, 43)}


def test_a_body_without_users_gets_nothing_and_nobody_else_is_told():
    task = TaskInfo(id=44, title="Việc tỉnh", deadline=d("2021-12-31"), lead_unit_id=PROVINCE)
    assert plan_tasks(d("2021-12-31"), tasks=[task]) == []


@pytest.mark.parametrize(
    ("rules", "today", "expected"),
    [
        # the body's own rule: 5 days before
        (
            RuleBook(by_body={CAO_LOC: RuleValues(days_before=5)}, parents=RULES.parents),
            "2021-12-26",
            ["task_before"],
        ),
        # a parent's rule applies to the bodies below without one
        (
            RuleBook(by_body={PROVINCE: RuleValues(days_before=5)}, parents=RULES.parents),
            "2021-12-26",
            ["task_before"],
        ),
        # the default rule when no body has one
        (
            RuleBook(default=RuleValues(days_before=5), parents=RULES.parents),
            "2021-12-26",
            ["task_before"],
        ),
        (RuleBook(default=RuleValues(days_before=0), parents=RULES.parents), "2021-12-30", []),
        (RuleBook(default=RuleValues(on_due_day=False), parents=RULES.parents), "2021-12-31", []),
        (RuleBook(default=RuleValues(overdue_every=0), parents=RULES.parents), "2022-01-01", []),
        (
            RuleBook(by_body={CAO_LOC: RuleValues(enabled=False)}, parents=RULES.parents),
            "2021-12-31",
            [],
        ),
        # a rule of another body does not touch Cao Lộc
        (
            RuleBook(by_body={VAN_LANG: RuleValues(enabled=False)}, parents=RULES.parents),
            "2021-12-31",
            ["task_due"],
        ),
    ],
)
def test_rules_per_body(rules, today, expected):
    assert [i.kind for i in plan_tasks(d(today), rules=rules)] == expected


def test_parent_cycle_does_not_hang():
    rules = RuleBook(parents={1: 2, 2: 1})
    assert rules.for_body(1) == rules.default


REC = RecommendationInfo(
    id=7,
    text="Đề nghị tỉnh hỗ trợ kinh phí nâng cấp tuyến đường vào cửa khẩu Cốc Nam",
    due_on=d("2021-10-31"),
    sector_ids=frozenset({FINANCE}),
)


@pytest.mark.parametrize(
    ("today", "kind", "key", "phrase"),
    [
        ("2021-10-27", None, None, None),
        (
            "2021-10-28",
            "recommendation_before",
            "rec:7:before:2021-10-28",
            "cần trả lời trước ngày 31/10/2021 (còn 3 ngày)",
        ),
        ("2021-10-31", "recommendation_before", "rec:7:before:2021-10-28", "(hôm nay là hạn)"),
        (
            "2021-11-01",
            "recommendation_overdue",
            "rec:7:overdue:2021-11-01",
            "đã quá hạn trả lời 1 ngày",
        ),
        ("2021-11-08", "recommendation_overdue", "rec:7:overdue:2021-11-08", "(hạn 31/10/2021)"),
    ],
)
def test_recommendation_reminders_go_to_the_sector(today, kind, key, phrase):
    due = planner.plan(today=d(today), rules=RULES, audience=AUDIENCE, recommendations=[REC])
    if kind is None:
        assert due == []
        return
    (item,) = due
    assert (item.recipient_id, item.kind, item.dedupe_key) == (FINANCE_USER, kind, key)
    assert phrase in item.body
    assert item.body.startswith("Kiến nghị “Đề nghị tỉnh hỗ trợ kinh phí")
    assert (item.object_kind, item.object_id) == ("recommendation", 7)


def test_a_sector_that_answered_is_not_reminded():
    rec = RecommendationInfo(
        id=8,
        text="Kiến nghị",
        due_on=d("2021-10-31"),
        sector_ids=frozenset({FINANCE, CAO_LOC}),
        answered_by_ids=frozenset({FINANCE}),
    )
    due = planner.plan(today=d("2021-10-29"), rules=RULES, audience=AUDIENCE, recommendations=[rec])
    assert [i.recipient_id for i in due] == [CAO_LOC_USER]


REVIEW = ReviewInfo(
    id=15,
    task_id=42,
    task_title=TASK.title,
    task_deadline=TASK.deadline,
    lead_unit_id=CAO_LOC,
    lead_unit_name="Huyện ủy Cao Lộc",
    submitted_on=d("2021-12-20"),
    progress=60,
)


@pytest.mark.parametrize(
    ("today", "key", "waited"),
    [
        ("2021-12-21", None, None),
        ("2021-12-22", None, None),  # 2 days: not more than K = 2 yet
        ("2021-12-23", "progress:15:wait:2021-12-23", 3),
        ("2021-12-29", "progress:15:wait:2021-12-23", 9),
        ("2021-12-30", "progress:15:wait:2021-12-30", 10),
    ],
)
def test_review_waits_go_to_the_office(today, key, waited):
    due = planner.plan(today=d(today), rules=RULES, audience=AUDIENCE, reviews=[REVIEW])
    if key is None:
        assert due == []
        return
    (item,) = due
    assert (item.recipient_id, item.kind, item.dedupe_key) == (OFFICE_USER, "review_wait", key)
    assert f"Báo cáo tiến độ của Huyện ủy Cao Lộc chờ duyệt đã {waited} ngày" in item.body
    assert "hạn 31/12/2021" in item.body
    assert (item.object_kind, item.object_id) == ("task", 42)


def test_review_wait_without_repeat_keeps_one_key():
    rules = RuleBook(default=RuleValues(overdue_every=0))
    keys = {
        i.dedupe_key
        for day in ("2021-12-23", "2021-12-24", "2022-01-30")
        for i in planner.plan(today=d(day), rules=rules, audience=AUDIENCE, reviews=[REVIEW])
    }
    assert keys == {"progress:15:wait:2021-12-23"}


def test_one_reminder_per_recipient_and_key():
    due = plan_tasks(d("2021-12-31"), tasks=[TASK, TASK])
    assert len(due) == 1


def test_long_titles_are_shortened():
    task = TaskInfo(id=9, title="Nhiệm vụ " * 100, deadline=d("2021-12-31"), lead_unit_id=CAO_LOC)
    (item,) = plan_tasks(d("2021-12-31"), tasks=[task])
    assert len(item.subject) < 250
    assert "…" in item.body


def test_rule_values_from_yaml_mapping_ignores_unknown_keys():
    values = RuleValues.from_mapping({"days_before": 5, "unknown": 1})
    assert values.days_before == 5 and values.overdue_every == 7


def test_planner_does_not_import_django():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(planner))
    imported = {
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not any(name.startswith(("django", "chidao")) for name in imported)
