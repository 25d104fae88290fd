"""The recommendation state machine as data (pure)."""

from __future__ import annotations

import pytest

from chidao.core.errors import InvalidTransition
from chidao.recommendations.states import (
    STATUS_LABELS,
    Action,
    RecStatus,
    check_move,
    illegal_moves,
    legal_moves,
    next_status,
)


def test_labels():
    assert [STATUS_LABELS[s] for s in RecStatus] == [
        "Đã tiếp nhận",
        "Đã chuyển xử lý",
        "Đã trả lời",
        "Đã giải quyết",
        "Không giải quyết",
    ]


@pytest.mark.parametrize(("src", "dst"), legal_moves())
def test_legal_moves_pass(src, dst):
    check_move(src, dst)


@pytest.mark.parametrize(("src", "dst"), illegal_moves())
def test_illegal_moves_name_both_states(src, dst):
    with pytest.raises(InvalidTransition) as caught:
        check_move(src, dst)
    assert f"'{src.label}'" in caught.value.message
    assert f"'{dst.label}'" in caught.value.message


def test_the_example_message():
    with pytest.raises(InvalidTransition) as caught:
        next_status(RecStatus.RECEIVED, Action.RESOLVE)
    assert caught.value.message == (
        "Không thể chuyển kiến nghị từ 'Đã tiếp nhận' sang 'Đã giải quyết'."
    )


def test_closed_states_are_final():
    assert not [m for m in legal_moves() if m[0] in (RecStatus.RESOLVED, RecStatus.DECLINED)]


@pytest.mark.parametrize(
    ("status", "allowed"),
    [(s, s == RecStatus.RECEIVED) for s in RecStatus],
)
def test_compile_only_while_received(status, allowed):
    if allowed:
        assert next_status(status, Action.COMPILE) is status
    else:
        with pytest.raises(InvalidTransition):
            next_status(status, Action.COMPILE)
