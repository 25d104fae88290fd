"""Two people editing one task at the same moment, on a real PostgreSQL server.

Each editor is a thread with its own database connection. Both read the task (version v),
wait for each other, then save with ``expected_version=v``: exactly one save wins, the
other gets ``core.errors.Conflict`` and writes nothing, so no change is lost silently.

Twenty-odd concurrent document-number reservations (distinct numbers, no gap) are tested
in ``tests/documents/test_numbering.py::test_concurrent_reservations_are_distinct_and_gapless``
(24 threads), not repeated here.
"""

from __future__ import annotations

import threading

import pytest

from chidao.core.errors import Conflict
from chidao.core.models import AuditEntry
from chidao.tasks import services
from chidao.tasks.models import Task

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def race(editors: list[tuple], task_pk: int) -> tuple[list[str], list[BaseException]]:
    """Run one edit per editor at the same moment; returns (winning titles, errors)."""
    from django.db import connection

    barrier = threading.Barrier(len(editors))
    won: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work(user, title):
        try:
            task = Task.objects.get(pk=task_pk)  # this thread's own connection
            version = task.version
            barrier.wait(timeout=30)
            services.do_update_task(user, task, expected_version=version, title=title)
            with lock:
                won.append(title)
        except BaseException as error:  # noqa: BLE001 - checked by the caller
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=editor) for editor in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return won, errors


def test_two_editors_one_wins_the_other_gets_a_conflict(office_user, orgs):
    from chidao.core.models import Role

    task = services.do_create_task(office_user, title="Nhiệm vụ gốc", lead_unit=orgs["cao_loc"])
    another = type(office_user).objects.create(
        username="chuyenvien2", role=Role.OFFICE, organization=orgs["office"]
    )
    for round_number in range(5):
        start = Task.objects.get(pk=task.pk)
        titles = [f"Sửa bởi người 1, lần {round_number}", f"Sửa bởi người 2, lần {round_number}"]
        won, errors = race([(office_user, titles[0]), (another, titles[1])], task.pk)
        assert len(won) == 1, (won, errors)
        assert len(errors) == 1 and isinstance(errors[0], Conflict), errors
        assert "người khác sửa" in errors[0].message
        after = Task.objects.get(pk=task.pk)
        assert after.title == won[0]
        assert after.version == start.version + 1
    # One audit entry per winning save, none for the refused ones.
    assert AuditEntry.objects.filter(action="task.update", object_id=str(task.pk)).count() == 5


def test_many_editors_exactly_one_wins(office_user, orgs):
    task = services.do_create_task(office_user, title="Nhiệm vụ", lead_unit=orgs["cao_loc"])
    editors = [(office_user, f"Bản sửa {i}") for i in range(8)]
    won, errors = race(editors, task.pk)
    assert len(won) == 1
    assert len(errors) == 7 and all(isinstance(e, Conflict) for e in errors), errors
    after = Task.objects.get(pk=task.pk)
    assert (after.title, after.version) == (won[0], task.version + 1)
