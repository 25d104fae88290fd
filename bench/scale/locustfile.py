"""Locust users for ``load.py``: an office user reading the dashboard, a register, a task
and the search. ``load.py`` logs the sessions in beforehand (``CHIDAO_BENCH_SESSIONS``,
comma-separated session ids) so the run measures pages, not password hashing, and passes
the focus body and its tasks in ``CHIDAO_BENCH_*``."""

from __future__ import annotations

import itertools
import os
import random

from locust import HttpUser, between, task

SESSIONS = itertools.cycle(os.environ.get("CHIDAO_BENCH_SESSIONS", "").split(","))
BODY = os.environ.get("CHIDAO_BENCH_BODY", "1")
STATUS = os.environ.get("CHIDAO_BENCH_STATUS", "overdue")
TASKS = [int(t) for t in os.environ.get("CHIDAO_BENCH_TASKS", "1").split(",")]
QUERY = os.environ.get("CHIDAO_BENCH_QUERY", "tuan+tra")


class OfficeUser(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.client.cookies.set("sessionid", next(SESSIONS))

    @task(3)
    def dashboard(self):
        self.client.get(f"/?co_quan={BODY}&nam=2025", name="dashboard")

    @task(3)
    def task_list(self):
        self.client.get(
            f"/nhiem-vu/?don_vi={BODY}&trang_thai={STATUS}&trang=2", name="list (body+status, p2)"
        )

    @task(4)
    def task_detail(self):
        self.client.get(f"/nhiem-vu/{random.choice(TASKS)}/", name="task detail")

    @task(2)
    def search(self):
        self.client.get(f"/tim-kiem/?q={QUERY}", name="search")
