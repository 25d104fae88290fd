"""Hooks through which each domain app moves its open work when a body is succeeded.

The orgs app cannot import tasks or recommendations (they depend on it), so those apps
register a mover in their ``AppConfig.ready``: ``mover(predecessor, successor, actor) -> int``
moves the open records of ``predecessor`` to ``successor`` (audited) and returns how many.
"""

from __future__ import annotations

from collections.abc import Callable

OpenWorkMover = Callable[..., int]
_movers: dict[str, OpenWorkMover] = {}


def register_open_work_mover(name: str, mover: OpenWorkMover) -> None:
    _movers[name] = mover


def open_work_movers() -> dict[str, OpenWorkMover]:
    return dict(_movers)
