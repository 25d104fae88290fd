"""Server time of the main pages on a small and a large database: does it stay flat?

    .venv/bin/python bench/scale/measure.py                     # 0.001 vs 0.1, PostgreSQL + SQLite
    .venv/bin/python bench/scale/measure.py --full              # adds scale 1 (1,000,000 tasks)
    .venv/bin/python bench/scale/measure.py --scales 0.001,0.01 --engines sqlite --repeat 10
    .venv/bin/python bench/scale/measure.py --one --database-url postgres://.../chidao_bench

For every engine and scale it makes a fresh database (PostgreSQL: ``chidao_bench_<n>`` on
the server of ``--pg-url``, dropped afterwards unless ``--keep``; SQLite: a file in a
temporary folder), fills it with ``generate.py`` and times, in a separate process,
``--repeat`` requests of each page with Django's test client logged in as the office
user (the time is the server's: URL to rendered HTML in this process, no network):

- dashboard: ``/`` for the focus body and 2025;
- list: the focus body's tasks with a status filter, page 2 (``/nhiem-vu/?don_vi=..&
  trang_thai=..&trang=2``);
- search: ``/tim-kiem/?q=tuan tra`` (the search page; it matches the focus body's tasks);
- list search: ``/nhiem-vu/?q=tuan tra`` (the register's own search box);
- detail: one of the focus body's tasks.

Printed: median and p95 per page and scale, and the ratio of the largest scale to the
smallest (target: under 3x). Exit status 1 when a median ratio is over the target.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

TARGET_RATIO = 3.0
DEFAULT_PG = "postgres://chidao:chidao@127.0.0.1:5432/chidao"


def pages() -> list[tuple[str, str]]:
    from django.urls import reverse
    from generate import FOCUS_BODY, FOCUS_QUERY

    from chidao.orgs.models import Organization
    from chidao.tasks.models import Task

    focus = Organization.objects.get(name=FOCUS_BODY)
    # The status with the most of the focus body's tasks, so that page 2 exists.
    statuses = {}
    for status in Task.objects.filter(lead_unit=focus).values_list("status", flat=True):
        statuses[status] = statuses.get(status, 0) + 1
    status = max(statuses, key=statuses.get)
    task = Task.objects.filter(lead_unit=focus).order_by("id")[150]
    tasks = reverse("tasks:list")
    return [
        ("dashboard", f"{reverse('home')}?co_quan={focus.pk}&nam=2025"),
        ("list (body+status, p2)", f"{tasks}?don_vi={focus.pk}&trang_thai={status}&trang=2"),
        ("search page", f"{reverse('search')}?q={FOCUS_QUERY.replace(' ', '+')}"),
        ("list search ?q=", f"{tasks}?q={FOCUS_QUERY.replace(' ', '+')}"),
        ("task detail", reverse("tasks:detail", args=[task.pk])),
    ]


def narrow_body_selects() -> None:
    """Diagnosis only (``--narrow-selects``): the body drop-downs of the dashboard and of the
    task register list every body owning tasks (about 3,000 ``<option>``s at national size),
    found with a DISTINCT join over all tasks. This narrows them to the focus body, to show
    how much of a page's time is that drop-down rather than the data of the page."""
    from generate import FOCUS_BODY

    from chidao.orgs.models import Organization
    from chidao.tasks import forms as task_forms
    from chidao.web import forms as web_forms

    only = Organization.objects.filter(name=FOCUS_BODY)
    for form, field in (
        (task_forms.TaskFilterForm, "don_vi"),
        (web_forms.DashboardForm, "co_quan"),
    ):
        original = form.__init__

        def patched(self, *args, _original=original, _field=field, **kwargs):
            _original(self, *args, **kwargs)
            self.fields[_field].queryset = only

        form.__init__ = patched


def measure_one(database_url: str, repeat: int, narrow: bool = False) -> dict:
    """Time the pages against one generated database (in this process)."""
    from generate import BENCH_USER, setup

    setup(database_url)
    if narrow:
        narrow_body_selects()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from chidao.core.models import User
    from chidao.tasks.models import Task

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    client = Client()
    client.force_login(User.objects.get(username=BENCH_USER))
    result = {"tasks": Task.objects.count(), "vendor": connection.vendor, "pages": {}}
    for name, url in pages():
        for _ in range(2):  # warm-up: caches, the first query plans
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        result["pages"][name] = {
            "url": url,
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(p95, 1),
        }
    return result


def _pg_admin(pg_url: str, sql: str) -> None:
    import psycopg

    url = urlparse(pg_url)
    with psycopg.connect(
        host=url.hostname,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(sql)


def _with_db(pg_url: str, name: str) -> str:
    return urlunparse(urlparse(pg_url)._replace(path=f"/{name}"))


def run(
    engine: str, scale: float, repeat: int, pg_url: str, keep: bool, log, narrow: bool = False
) -> dict:
    python = sys.executable
    tag = str(scale).replace(".", "_")
    folder = None
    if engine == "postgresql":
        name = f"chidao_bench_{tag}"
        _pg_admin(pg_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        _pg_admin(pg_url, f"CREATE DATABASE {name}")
        url = _with_db(pg_url, name)
    else:
        folder = tempfile.mkdtemp(prefix=f"chidao-bench-{tag}-")
        url = f"sqlite:///{folder}/chidao.sqlite3"
    env = dict(os.environ, CHIDAO_DATA_DIR=folder or tempfile.gettempdir())
    try:
        t0 = time.perf_counter()
        subprocess.run(
            [python, str(HERE / "generate.py"), "--scale", str(scale), "--database-url", url],
            check=True,
            env=env,
            stdout=sys.stderr if log else subprocess.DEVNULL,
        )
        generated = time.perf_counter() - t0
        done = subprocess.run(
            [
                python,
                str(HERE / "measure.py"),
                "--one",
                "--database-url",
                url,
                "--repeat",
                str(repeat),
                *(["--narrow-selects"] if narrow else []),
            ],
            check=True,
            env=env,
            capture_output=True,
            text=True,
        )
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result.update(engine=engine, scale=scale, generate_s=round(generated, 1))
        if keep:
            result["kept"] = url
        return result
    finally:
        if not keep:
            if engine == "postgresql":
                _pg_admin(pg_url, f"DROP DATABASE IF EXISTS chidao_bench_{tag} WITH (FORCE)")
            elif folder:
                shutil.rmtree(folder, ignore_errors=True)


def report(results: list[dict]) -> bool:
    ok = True
    for engine in dict.fromkeys(r["engine"] for r in results):
        rows = sorted((r for r in results if r["engine"] == engine), key=lambda r: r["scale"])
        small, large = rows[0], rows[-1]
        print(f"\n== {engine}")
        head = "".join(f" | {r['tasks']:>9,} tasks med / p95" for r in rows)
        print(f"{'page':<24}{head} | ratio (median)")
        for page in small["pages"]:
            cells = "".join(
                f" | {r['pages'][page]['median_ms']:>9.1f} / {r['pages'][page]['p95_ms']:>7.1f} ms"
                for r in rows
            )
            ratio = large["pages"][page]["median_ms"] / max(small["pages"][page]["median_ms"], 0.1)
            flag = "" if ratio < TARGET_RATIO else "  OVER TARGET"
            ok = ok and ratio < TARGET_RATIO
            print(f"{page:<24}{cells} | {ratio:5.2f}x{flag}")
        print("generation: " + ", ".join(f"{r['tasks']:,} tasks {r['generate_s']} s" for r in rows))
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="0.001,0.1", help="comma-separated scales")
    parser.add_argument("--full", action="store_true", help="add scale 1 (1,000,000 tasks)")
    parser.add_argument("--engines", default="postgresql,sqlite")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pg-url", default=os.environ.get("CHIDAO_BENCH_PG_URL", DEFAULT_PG))
    parser.add_argument("--keep", action="store_true", help="keep the bench databases")
    parser.add_argument("--quiet", action="store_true", help="hide the generator's output")
    parser.add_argument("--one", action="store_true", help="measure --database-url only (JSON)")
    parser.add_argument("--database-url")
    parser.add_argument(
        "--narrow-selects",
        action="store_true",
        help="diagnosis: narrow the body drop-downs to one body (see narrow_body_selects)",
    )
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure_one(args.database_url, args.repeat, args.narrow_selects)))
        return 0
    scales = [float(s) for s in args.scales.split(",")]
    if args.full and 1.0 not in scales:
        scales.append(1.0)
    results = []
    for engine in args.engines.split(","):
        for scale in scales:
            print(f"-- {engine}, scale {scale}", file=sys.stderr, flush=True)
            results.append(
                run(
                    engine,
                    scale,
                    args.repeat,
                    args.pg_url,
                    args.keep,
                    not args.quiet,
                    args.narrow_selects,
                )
            )
    narrowed = " [body drop-downs narrowed: --narrow-selects]" if args.narrow_selects else ""
    print(f"\nserver time, {args.repeat} requests per page (after 2 warm-up requests){narrowed}")
    ok = report(results)
    print(json.dumps(results), file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
