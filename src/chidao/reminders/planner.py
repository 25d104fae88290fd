"""Which reminders are due on a day, for whom: a pure function of records, rules and "today".

No Django import: the runner (:mod:`chidao.reminders.services`) reads the records into the
small dataclasses below, calls :func:`plan` and stores what it returns.

Rules (values per body; a body without a rule takes its parent's, then the default):

- a task with a deadline, not completed: its lead unit's users are reminded once in the
  ``days_before`` days before the deadline, on the deadline day (``on_due_day``), and once
  in every ``overdue_every`` days while it is overdue (from the day after the deadline);
- a recommendation forwarded to sectors, with an answer date: the users of each sector
  that has not answered yet are reminded once in the ``recommendation_days_before`` days
  before the date, and once in every ``overdue_every`` days after it;
- a progress report waiting for review: the office users are reminded once it has waited
  more than ``review_wait_days`` days, then once in every ``overdue_every`` days.

Each reminder has a dedupe key naming the object, the kind and the first day of its
window ("task:42:before:2021-12-28"): a run that comes a day late still sends it, and a
run that comes again the same day or the next one finds the key and sends nothing.

Who receives: the users whose organization *is* the lead unit (or the sector); never a
unit user of another body. Review waits go to the office (role "office") users.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

TITLE_LIMIT = 160


@dataclass(frozen=True)
class RuleValues:
    days_before: int = 3
    on_due_day: bool = True
    overdue_every: int = 7
    recommendation_days_before: int = 3
    review_wait_days: int = 2
    enabled: bool = True

    @classmethod
    def from_mapping(cls, data: Mapping) -> RuleValues:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


@dataclass(frozen=True)
class RuleBook:
    """The rules by body id, the parent of each body, and the default rule."""

    default: RuleValues = field(default_factory=RuleValues)
    by_body: Mapping[int, RuleValues] = field(default_factory=dict)
    parents: Mapping[int, int | None] = field(default_factory=dict)

    def for_body(self, body_id: int | None) -> RuleValues:
        seen: set[int] = set()
        current = body_id
        while current is not None and current not in seen:
            if current in self.by_body:
                return self.by_body[current]
            seen.add(current)
            current = self.parents.get(current)
        return self.default


@dataclass(frozen=True)
class TaskInfo:
    id: int
    title: str
    deadline: dt.date | None
    lead_unit_id: int
    lead_unit_name: str = ""
    completed: bool = False


@dataclass(frozen=True)
class RecommendationInfo:
    id: int
    text: str
    due_on: dt.date | None
    sector_ids: frozenset[int]
    answered_by_ids: frozenset[int] = frozenset()
    awaiting_answer: bool = True


@dataclass(frozen=True)
class ReviewInfo:
    id: int
    task_id: int
    task_title: str
    task_deadline: dt.date | None
    lead_unit_id: int
    lead_unit_name: str
    submitted_on: dt.date
    progress: int = 0


@dataclass(frozen=True)
class Audience:
    """Who may be reminded: unit users by their organization, and the office users."""

    users_by_org: Mapping[int, Sequence[int]] = field(default_factory=dict)
    office_users: Sequence[int] = ()


@dataclass(frozen=True)
class DueReminder:
    recipient_id: int
    kind: str
    dedupe_key: str
    subject: str
    body: str
    object_kind: str  # "task" or "recommendation"
    object_id: int
    due_on: dt.date | None


def fmt(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def short(text: str, limit: int = TITLE_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def overdue_slot(first_day: dt.date, every: int, today: dt.date) -> dt.date | None:
    """The first day of the current repeat window, from ``first_day`` every ``every`` days."""
    if today < first_day or every <= 0:
        return None
    elapsed = (today - first_day).days
    return first_day + dt.timedelta(days=(elapsed // every) * every)


def _task_reminders(task: TaskInfo, rule: RuleValues, today: dt.date) -> list[tuple]:
    """(kind, key suffix, subject, body) for one task on ``today``."""
    if task.completed or task.deadline is None:
        return []
    deadline = task.deadline
    title = short(task.title)
    unit = f" Đơn vị chủ trì: {task.lead_unit_name}." if task.lead_unit_name else ""
    out = []
    left = (deadline - today).days
    if rule.days_before > 0 and 0 < left <= rule.days_before:
        start = deadline - dt.timedelta(days=rule.days_before)
        out.append(
            (
                "task_before",
                f"before:{start.isoformat()}",
                f"Nhiệm vụ sắp đến hạn ({fmt(deadline)}): {title}",
                f"Nhiệm vụ “{title}” đến hạn ngày {fmt(deadline)} (còn {left} ngày).{unit}",
            )
        )
    if left == 0 and rule.on_due_day:
        out.append(
            (
                "task_due",
                f"due:{deadline.isoformat()}",
                f"Nhiệm vụ đến hạn hôm nay ({fmt(deadline)}): {title}",
                f"Nhiệm vụ “{title}” đến hạn hôm nay, ngày {fmt(deadline)}.{unit}",
            )
        )
    slot = overdue_slot(deadline + dt.timedelta(days=1), rule.overdue_every, today)
    if slot is not None:
        late = (today - deadline).days
        out.append(
            (
                "task_overdue",
                f"overdue:{slot.isoformat()}",
                f"Nhiệm vụ quá hạn {late} ngày: {title}",
                f"Nhiệm vụ “{title}” đã quá hạn {late} ngày (hạn {fmt(deadline)}).{unit}",
            )
        )
    return out


def _recommendation_reminders(rec: RecommendationInfo, rule: RuleValues, today: dt.date):
    if not rec.awaiting_answer or rec.due_on is None:
        return []
    due = rec.due_on
    text = short(rec.text)
    left = (due - today).days
    out = []
    if rule.recommendation_days_before > 0 and 0 <= left <= rule.recommendation_days_before:
        start = due - dt.timedelta(days=rule.recommendation_days_before)
        tail = f" (còn {left} ngày)" if left else " (hôm nay là hạn)"
        out.append(
            (
                "recommendation_before",
                f"before:{start.isoformat()}",
                f"Kiến nghị cần trả lời trước ngày {fmt(due)}: {text}",
                f"Kiến nghị “{text}” cần trả lời trước ngày {fmt(due)}{tail}.",
            )
        )
    slot = overdue_slot(due + dt.timedelta(days=1), rule.overdue_every, today)
    if slot is not None:
        late = (today - due).days
        out.append(
            (
                "recommendation_overdue",
                f"overdue:{slot.isoformat()}",
                f"Kiến nghị quá hạn trả lời {late} ngày: {text}",
                f"Kiến nghị “{text}” đã quá hạn trả lời {late} ngày (hạn {fmt(due)}).",
            )
        )
    return out


def _review_reminder(review: ReviewInfo, rule: RuleValues, today: dt.date):
    first = review.submitted_on + dt.timedelta(days=rule.review_wait_days + 1)
    every = rule.overdue_every
    if today < first:
        return None
    # With no repeat (overdue_every 0) the one reminder keeps the key of its first day.
    slot = overdue_slot(first, every, today) if every > 0 else first
    if slot is None:
        return None
    waited = (today - review.submitted_on).days
    title = short(review.task_title)
    deadline = f", hạn {fmt(review.task_deadline)}" if review.task_deadline else ""
    return (
        "review_wait",
        f"wait:{slot.isoformat()}",
        f"Báo cáo tiến độ chờ duyệt {waited} ngày: {title}",
        f"Báo cáo tiến độ của {review.lead_unit_name} chờ duyệt đã {waited} ngày "
        f"(gửi ngày {fmt(review.submitted_on)}, tiến độ {review.progress}%) — "
        f"nhiệm vụ “{title}”{deadline}.",
    )


def plan(
    *,
    today: dt.date,
    rules: RuleBook,
    audience: Audience,
    tasks: Iterable[TaskInfo] = (),
    recommendations: Iterable[RecommendationInfo] = (),
    reviews: Iterable[ReviewInfo] = (),
) -> list[DueReminder]:
    """Every reminder due on ``today``, one per recipient, each with its dedupe key."""
    due: list[DueReminder] = []
    for task in tasks:
        rule = rules.for_body(task.lead_unit_id)
        if not rule.enabled:
            continue
        for kind, suffix, subject, body in _task_reminders(task, rule, today):
            for user_id in audience.users_by_org.get(task.lead_unit_id, ()):
                due.append(
                    DueReminder(
                        user_id,
                        kind,
                        f"task:{task.id}:{suffix}",
                        subject,
                        body,
                        "task",
                        task.id,
                        task.deadline,
                    )
                )
    for rec in recommendations:
        for sector_id in sorted(rec.sector_ids - rec.answered_by_ids):
            rule = rules.for_body(sector_id)
            if not rule.enabled:
                continue
            for kind, suffix, subject, body in _recommendation_reminders(rec, rule, today):
                for user_id in audience.users_by_org.get(sector_id, ()):
                    due.append(
                        DueReminder(
                            user_id,
                            kind,
                            f"rec:{rec.id}:{suffix}",
                            subject,
                            body,
                            "recommendation",
                            rec.id,
                            rec.due_on,
                        )
                    )
    for review in reviews:
        rule = rules.for_body(review.lead_unit_id)
        if not rule.enabled:
            continue
        found = _review_reminder(review, rule, today)
        if found is None:
            continue
        kind, suffix, subject, body = found
        for user_id in audience.office_users:
            due.append(
                DueReminder(
                    user_id,
                    kind,
                    f"progress:{review.id}:{suffix}",
                    subject,
                    body,
                    "task",
                    review.task_id,
                    review.task_deadline,
                )
            )
    # One per (recipient, key): a user in two audiences gets the reminder once.
    unique: dict[tuple[int, str], DueReminder] = {}
    for item in due:
        unique.setdefault((item.recipient_id, item.dedupe_key), item)
    return list(unique.values())
