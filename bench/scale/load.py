"""Load test: gunicorn with several workers on PostgreSQL, 50 locust users, bounded time.

    .venv/bin/python bench/scale/load.py --database-url postgres://chidao:chidao@127.0.0.1:5432/chidao_bench
    .venv/bin/python bench/scale/load.py --scale 0.01      # makes (and drops) chidao_bench_load

The database must have been filled by ``generate.py`` (or is made here with ``--scale``).
Starts ``gunicorn chidao.wsgi`` with ``--workers`` (4) on 127.0.0.1 and a free port
(settings from the environment: ``CHIDAO_DATABASE_URL``, ``CHIDAO_ALLOWED_HOSTS=127.0.0.1``,
a fixed ``CHIDAO_SECRET_KEY``), logs ``--users`` sessions in beforehand (the run measures
pages, not password hashing), runs locust headless for ``--duration`` seconds over the
dashboard, a filtered register page, task detail pages and the search, prints requests per
second, p50/p95/p99 and the errors, then stops gunicorn (always, also on failure).
Exit status 1 when a request failed.
"""

from __future__ import annotations

import argparse
import csv
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(database_url: str, users: int) -> dict[str, str]:
    """Sessions of the bench office user, and the focus body's ids for the locustfile."""
    from generate import BENCH_USER, FOCUS_BODY, FOCUS_QUERY, setup

    setup(database_url)
    from django.conf import settings
    from django.test import Client

    from chidao.core.models import User
    from chidao.orgs.models import Organization
    from chidao.tasks.models import Task

    settings.ALLOWED_HOSTS = ["testserver"]
    user = User.objects.get(username=BENCH_USER)
    sessions = []
    for _ in range(users):
        client = Client()
        client.force_login(user)
        sessions.append(client.cookies["sessionid"].value)
    focus = Organization.objects.get(name=FOCUS_BODY)
    tasks = list(Task.objects.filter(lead_unit=focus).values_list("pk", "status"))
    statuses: dict[str, int] = {}
    for _, status in tasks:
        statuses[status] = statuses.get(status, 0) + 1
    return {
        "CHIDAO_BENCH_SESSIONS": ",".join(sessions),
        "CHIDAO_BENCH_BODY": str(focus.pk),
        "CHIDAO_BENCH_STATUS": max(statuses, key=statuses.get),
        "CHIDAO_BENCH_TASKS": ",".join(str(pk) for pk, _ in tasks),
        "CHIDAO_BENCH_QUERY": FOCUS_QUERY.replace(" ", "+"),
    }


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer at {url} within {timeout:.0f} s")


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)  # gunicorn's graceful stop: the master ends its workers
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def read_stats(prefix: str) -> list[dict[str, str]]:
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def report(rows: list[dict[str, str]], duration: int, users: int, workers: int) -> int:
    print(f"\n{users} users, {duration} s, gunicorn {workers} workers (times in ms)")
    print(f"{'page':<26}{'requests':>9}{'errors':>8}{'req/s':>8}{'p50':>7}{'p95':>7}{'p99':>7}")
    errors = 0
    for row in rows:
        name = row["Name"] or "total"
        if row["Name"] == "Aggregated":
            name = "total"
            errors = int(row["Failure Count"])
        print(
            f"{name:<26}{int(row['Request Count']):>9}{int(row['Failure Count']):>8}"
            f"{float(row['Requests/s']):>8.1f}{row['50%']:>7}{row['95%']:>7}{row['99%']:>7}"
        )
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", help="a PostgreSQL database filled by generate.py")
    parser.add_argument("--scale", type=float, help="make a fresh chidao_bench_load first")
    parser.add_argument("--pg-url", default="postgres://chidao:chidao@127.0.0.1:5432/chidao")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--narrow-selects",
        action="store_true",
        help="diagnosis: serve narrow_wsgi (body drop-downs narrowed, see measure.py)",
    )
    args = parser.parse_args(argv)
    if not args.database_url and args.scale is None:
        parser.error("give --database-url or --scale")

    made = None
    if args.scale is not None:
        from measure import _pg_admin, _with_db

        made = "chidao_bench_load"
        _pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {made} WITH (FORCE)")
        _pg_admin(args.pg_url, f"CREATE DATABASE {made}")
        args.database_url = _with_db(args.pg_url, made)
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "--scale",
                str(args.scale),
                "--database-url",
                args.database_url,
            ],
            check=True,
        )
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("the load test runs on PostgreSQL (several processes)")

    scratch = tempfile.mkdtemp(prefix="chidao-load-")
    env = dict(
        os.environ,
        CHIDAO_DATABASE_URL=args.database_url,
        CHIDAO_ALLOWED_HOSTS="127.0.0.1",
        CHIDAO_SECRET_KEY=secrets.token_urlsafe(40),
        CHIDAO_DEBUG="0",
        CHIDAO_DATA_DIR=scratch,
        DJANGO_SETTINGS_MODULE="chidao.settings",
    )
    os.environ.update({k: env[k] for k in ("CHIDAO_SECRET_KEY", "CHIDAO_DATA_DIR")})
    env.update(prepare(args.database_url, args.users))

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = None
    try:
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "narrow_wsgi:application" if args.narrow_selects else "chidao.wsgi:application",
                "--pythonpath",
                str(HERE),
                "--workers",
                str(args.workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "60",
                "--graceful-timeout",
                "10",
                "--log-level",
                "warning",
            ],
            env=env,
            start_new_session=True,
        )
        wait_until_up(f"{base}/dang-nhap/")
        print(f"gunicorn pid {server.pid} on {base}, locust for {args.duration} s ...", flush=True)
        prefix = str(Path(scratch) / "locust")
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(HERE / "locustfile.py"),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.spawn_rate),
                "--run-time",
                f"{args.duration}s",
                "--host",
                base,
                "--csv",
                prefix,
                "--only-summary",
                "--stop-timeout",
                "5",
                "--loglevel",
                "WARNING",
            ],
            env=env,
            check=False,
            timeout=args.duration + 120,
            stdout=subprocess.DEVNULL,
            stderr=open(f"{prefix}.log", "w"),  # noqa: SIM115 - closed with the process
        )
        errors = report(read_stats(prefix), args.duration, args.users, args.workers)
        failures = Path(f"{prefix}_failures.csv")
        if errors and failures.exists():
            print(failures.read_text()[:2000])
            print(Path(f"{prefix}.log").read_text()[-2000:])
    finally:
        stop(server)
        if made:
            from measure import _pg_admin

            _pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {made} WITH (FORCE)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
