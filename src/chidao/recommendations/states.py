"""The life of a recommendation (kiến nghị) as data: statuses, actions, allowed moves.

received --forward--> forwarded --answer--> answered --resolve--> resolved
    any open status --decline--> declined

- "compile" (the office gathers the recommendations of a meeting) keeps the status and is
  allowed only while received;
- "forward" may be repeated (more sectors, a new due date), also after an answer that did
  not settle it;
- "answer" may come from several sectors, so answered -> answered is allowed;
- resolved and declined are final.

Pure Python: the services check every move here before writing anything.
"""

from __future__ import annotations

from enum import StrEnum

from chidao.core.errors import InvalidTransition


class RecStatus(StrEnum):
    RECEIVED = "received"
    FORWARDED = "forwarded"
    ANSWERED = "answered"
    RESOLVED = "resolved"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS: dict[RecStatus, str] = {
    RecStatus.RECEIVED: "Đã tiếp nhận",
    RecStatus.FORWARDED: "Đã chuyển xử lý",
    RecStatus.ANSWERED: "Đã trả lời",
    RecStatus.RESOLVED: "Đã giải quyết",
    RecStatus.DECLINED: "Không giải quyết",
}

STATUS_CHOICES: list[tuple[str, str]] = [(s.value, STATUS_LABELS[s]) for s in RecStatus]

CLOSED: frozenset[RecStatus] = frozenset({RecStatus.RESOLVED, RecStatus.DECLINED})
OPEN: frozenset[RecStatus] = frozenset(RecStatus) - CLOSED

# current status -> statuses it may move to
TRANSITIONS: dict[RecStatus, frozenset[RecStatus]] = {
    RecStatus.RECEIVED: frozenset({RecStatus.FORWARDED, RecStatus.DECLINED}),
    RecStatus.FORWARDED: frozenset({RecStatus.FORWARDED, RecStatus.ANSWERED, RecStatus.DECLINED}),
    RecStatus.ANSWERED: frozenset(
        {RecStatus.FORWARDED, RecStatus.ANSWERED, RecStatus.RESOLVED, RecStatus.DECLINED}
    ),
    RecStatus.RESOLVED: frozenset(),
    RecStatus.DECLINED: frozenset(),
}


class Action(StrEnum):
    COMPILE = "compile"
    FORWARD = "forward"
    ANSWER = "answer"
    RESOLVE = "resolve"
    DECLINE = "decline"


ACTION_LABELS: dict[Action, str] = {
    Action.COMPILE: "tổng hợp",
    Action.FORWARD: "chuyển xử lý",
    Action.ANSWER: "trả lời",
    Action.RESOLVE: "ghi nhận đã giải quyết",
    Action.DECLINE: "ghi nhận không giải quyết",
}

# action -> the status it leads to (None: the status stays)
ACTION_TARGET: dict[Action, RecStatus | None] = {
    Action.COMPILE: None,
    Action.FORWARD: RecStatus.FORWARDED,
    Action.ANSWER: RecStatus.ANSWERED,
    Action.RESOLVE: RecStatus.RESOLVED,
    Action.DECLINE: RecStatus.DECLINED,
}

# actions that keep the status, and the statuses they are allowed in
IN_PLACE_ALLOWED: dict[Action, frozenset[RecStatus]] = {
    Action.COMPILE: frozenset({RecStatus.RECEIVED}),
}


def can_move(current: str, target: str) -> bool:
    return RecStatus(target) in TRANSITIONS[RecStatus(current)]


def check_move(current: str, target: str) -> None:
    """Raise InvalidTransition naming both statuses unless ``current -> target`` is allowed."""
    if not can_move(current, target):
        raise InvalidTransition(
            f"Không thể chuyển kiến nghị từ '{STATUS_LABELS[RecStatus(current)]}' "
            f"sang '{STATUS_LABELS[RecStatus(target)]}'."
        )


def next_status(current: str, action: str) -> RecStatus:
    """The status after ``action``, or InvalidTransition when it is not allowed now."""
    act = Action(action)
    target = ACTION_TARGET[act]
    if target is None:
        if RecStatus(current) not in IN_PLACE_ALLOWED[act]:
            raise InvalidTransition(
                f"Không thể {ACTION_LABELS[act]} kiến nghị đang ở trạng thái "
                f"'{STATUS_LABELS[RecStatus(current)]}'."
            )
        return RecStatus(current)
    check_move(current, target)
    return target


def legal_moves() -> list[tuple[RecStatus, RecStatus]]:
    return [(src, dst) for src, dsts in TRANSITIONS.items() for dst in sorted(dsts)]


def illegal_moves() -> list[tuple[RecStatus, RecStatus]]:
    return [(src, dst) for src in RecStatus for dst in RecStatus if dst not in TRANSITIONS[src]]
