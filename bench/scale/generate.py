"""A national-size synthetic dataset, written with bulk inserts, for the scale benches.

    .venv/bin/python bench/scale/generate.py --scale 0.001 \\
        --database-url postgres://chidao:chidao@127.0.0.1:5432/chidao_bench
    .venv/bin/python bench/scale/generate.py --scale 0.1 --database-url sqlite:////tmp/b/chidao.sqlite3

At ``--scale 1``: 3,400 bodies (34 provinces, each with its Party committee, office,
People's Committee, 12 departments and 85 communes, in a tree), 200,000 documents,
1,000,000 key tasks in groups of 10 (a fifth with a co-operating unit, a quarter with an
accepted progress report), 1,000,000 indicator observations, 100,000 recommendations and
the search-index entries of all of them. ``--scale`` multiplies the rows (0.001 gives
1,000 tasks); the 3,400 bodies stay.

One body, the *focus* body (``FOCUS_BODY``), gets the same workload at every scale
(300 tasks over 5 years, 200 documents, 300 observations against targets, 50
recommendations), so the page times of ``measure.py`` compare like with like: what grows
with the scale is everything around it, i.e. the effect of the table sizes alone.

This is synthetic bench data and bypasses the service functions on purpose (bulk
inserts: COPY on PostgreSQL, executemany in large transactions on SQLite). No audit
entries are written (the audit log is not read by the measured pages except a record's
own history, which is indexed by record). The database is migrated first; it must be
empty of records (a fresh database).
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import json
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

FULL = {
    "documents": 200_000,
    "tasks": 1_000_000,
    "observations": 1_000_000,
    "recommendations": 100_000,
}
PROVINCES = 34
DEPARTMENTS = 12
COMMUNES = 85  # 1 committee + 1 office + 1 People's Committee + 12 + 85 = 100 per province
TASKS_PER_GROUP = 10
YEARS = [2021, 2022, 2023, 2024, 2025]
FOCUS_BODY = "Tỉnh ủy Tỉnh 01"
FOCUS_OFFICE = "Văn phòng Tỉnh ủy Tỉnh 01"
# Only the focus body's tasks mention this road: the search ("tuần tra", every word as a
# prefix) matches the same 300 rows at every scale.
FOCUS_PLACE = "đường tuần tra biên giới Khau Mò"
FOCUS_QUERY = "tuan tra"
BENCH_USER = "bench-office"
BENCH_PASSWORD = "bench-office-mat-khau"

TOPICS = [
    "xây dựng nông thôn mới",
    "chuyển đổi số",
    "thu ngân sách nhà nước",
    "phòng chống thiên tai",
    "cải cách hành chính",
    "giải phóng mặt bằng",
    "phát triển du lịch",
    "bảo vệ rừng",
    "giảm nghèo bền vững",
    "xây dựng Đảng",
    "công tác kiểm tra, giám sát",
    "phòng, chống tham nhũng",
    "an ninh biên giới",
    "y tế cơ sở",
    "giáo dục phổ thông",
    "kinh tế cửa khẩu",
    "chương trình mục tiêu quốc gia",
    "sắp xếp đơn vị hành chính",
    "đầu tư công",
    "văn hóa cơ sở",
]
VERBS = ["Triển khai", "Hoàn thành", "Đẩy mạnh", "Tổ chức thực hiện", "Rà soát", "Kiểm tra"]


def setup(database_url: str) -> None:
    """Point the settings at ``database_url`` (postgres://... or sqlite:////path) and
    start Django. Call before importing anything of chidao's models."""
    url = urlparse(database_url)
    if url.scheme.startswith("sqlite"):
        path = Path(url.path).resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        os.environ["CHIDAO_DATA_DIR"] = str(path.parent)
        os.environ.pop("CHIDAO_DATABASE_URL", None)
    else:
        path = None
        os.environ["CHIDAO_DATABASE_URL"] = database_url
        os.environ.setdefault("CHIDAO_DATA_DIR", "/tmp/chidao-bench")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chidao.settings")
    import django

    django.setup()
    if path is not None:
        from django.conf import settings

        settings.DATABASES["default"]["NAME"] = str(path)


class Writer:
    """Bulk rows into one table: COPY on PostgreSQL, executemany on SQLite."""

    CHUNK = 50_000

    def __init__(self):
        from django.db import connection

        connection.ensure_connection()
        self.vendor = connection.vendor
        self.raw = connection.connection

    @staticmethod
    def _sqlite_value(value):
        if isinstance(value, dt.datetime):
            return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, decimal.Decimal):
            return str(value)
        return value

    def write(self, table: str, columns: list[str], rows) -> int:
        count = 0
        quoted = ", ".join(f'"{c}"' for c in columns)
        if self.vendor == "postgresql":
            with self.raw.cursor() as cursor:
                sql = f"COPY {table} ({quoted}) FROM STDIN"
                with cursor.copy(sql) as copy:
                    for row in rows:
                        copy.write_row(row)
                        count += 1
            return count
        sql = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(columns))})"
        conv = self._sqlite_value
        batch: list[tuple] = []
        self.raw.execute("BEGIN")
        for row in rows:
            batch.append(tuple(conv(v) for v in row))
            if len(batch) >= self.CHUNK:
                self.raw.executemany(sql, batch)
                count += len(batch)
                batch.clear()
        if batch:
            self.raw.executemany(sql, batch)
            count += len(batch)
        self.raw.execute("COMMIT")
        return count

    def execute(self, sql: str) -> None:
        if self.vendor == "postgresql":
            with self.raw.cursor() as cursor:
                cursor.execute(sql)
        else:
            self.raw.execute(sql)


def next_id(model) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def generate(scale: float, seed: int = 2026, log=print) -> dict[str, int]:
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection
    from django.utils import timezone

    from chidao.core.actors import system_actor
    from chidao.core.models import SearchEntry, User
    from chidao.core.search import fold
    from chidao.documents.models import Document, DocumentType
    from chidao.documents.services import load_document_types
    from chidao.indicators.models import Indicator, Observation, Target
    from chidao.orgs.models import Organization, fold_name
    from chidao.recommendations.models import Recommendation
    from chidao.recommendations.states import RecStatus
    from chidao.tasks.models import ProgressUpdate, Task, TaskGroup
    from chidao.tasks.status import derive_status

    rng = random.Random(seed)
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    if Organization.objects.exists() or Task.objects.exists():
        raise SystemExit("the bench database already holds records: use a fresh database")
    load_document_types(system_actor())
    writer = Writer()
    now = timezone.now()
    today = timezone.localdate()
    counts: dict[str, int] = {}

    def timed(name: str, table: str, columns: list[str], rows) -> None:
        t0 = time.perf_counter()
        counts[name] = writer.write(table, columns, rows)
        log(f"  {name:<22} {counts[name]:>10,} rows  {time.perf_counter() - t0:6.1f} s")

    stamp = ["created_at", "updated_at", "version"]

    # ------------------------------------------------------------------ bodies
    org_id = next_id(Organization)
    orgs: list[tuple] = []
    committees: list[int] = []  # Party committees (province and commune): own the key tasks
    communes: list[int] = []
    departments: list[int] = []
    parents: dict[int, int | None] = {}
    names: dict[int, str] = {}

    def add_org(name, kind, system, parent, symbol):
        nonlocal org_id
        pk = org_id
        org_id += 1
        orgs.append(
            (
                pk,
                name,
                "",
                kind,
                system,
                parent,
                symbol,
                None,
                dt.date(2020, 10, 1),
                None,
                fold_name(name),
                now,
                now,
                1,
            )
        )
        parents[pk] = parent
        names[pk] = name
        return pk

    for p in range(1, PROVINCES + 1):
        province = f"Tỉnh {p:02d}"
        committee = add_org(f"Tỉnh ủy {province}", "party_committee", "party", None, "TU")
        committees.append(committee)
        add_org(f"Văn phòng Tỉnh ủy {province}", "party_board", "party", committee, "VPTU")
        people = add_org(f"UBND {province}", "peoples_committee", "state", None, "UBND")
        for d in range(1, DEPARTMENTS + 1):
            departments.append(
                add_org(f"Sở {d:02d} {province}", "department", "state", people, f"S{d:02d}")
            )
        for c in range(1, COMMUNES + 1):
            pk = add_org(
                f"Đảng ủy xã {c:02d} {province}", "party_committee", "party", committee, "ĐU"
            )
            committees.append(pk)
            communes.append(pk)
    timed(
        "organizations",
        Organization._meta.db_table,
        [
            "id",
            "name",
            "short_name",
            "kind",
            "system",
            "parent_id",
            "symbol",
            "admin_unit_id",
            "valid_from",
            "valid_to",
            "name_folded",
            *stamp,
        ],
        orgs,
    )
    focus = committees[0]
    office = focus + 1
    assert names[focus] == FOCUS_BODY and names[office] == FOCUS_OFFICE
    others = committees[1:]

    user = User.objects.create(
        username=BENCH_USER,
        role="office",
        organization_id=office,
        first_name="Chuyên viên bench",
        password=make_password(BENCH_PASSWORD),
    )

    search_rows: list[tuple] = []  # (kind, object_id, title, text)

    # ------------------------------------------------------------------ documents
    types = list(DocumentType.objects.values_list("pk", "name", "party_code", "state_code"))
    party_types = [t for t in types if t[2]]
    state_types = [t for t in types if t[3]]
    n_docs = max(round(FULL["documents"] * scale), 200)
    doc_id = next_id(Document)

    def documents():
        nonlocal doc_id
        for i in range(n_docs):
            if i < 200:
                issuer = focus
                year = YEARS[i % 5]
            else:
                issuer = rng.choice(others) if rng.random() < 0.8 else rng.choice(departments)
                year = rng.choice(YEARS)
            party = names[issuer].startswith(("Tỉnh ủy", "Đảng ủy"))
            pk_type, type_name, party_code, state_code = rng.choice(
                party_types if party else state_types
            )
            issued = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
            number = str(i + 1)
            symbol = f"{party_code}/TU" if party else f"{state_code}-UBND"
            excerpt = f"{type_name} về {rng.choice(TOPICS)}"
            classification = 1 if rng.random() < 0.03 else 0
            pk = doc_id
            doc_id += 1
            title = f"{type_name} số {number}{'-' if party else '/'}{symbol}"
            search_rows.append(
                ("document", pk, title, fold(f"{title} {excerpt} {names[issuer]} {year}"))
            )
            yield (
                pk,
                pk_type,
                "party" if party else "state",
                number,
                symbol,
                issuer,
                issued,
                None,
                year,
                excerpt,
                None,
                "",
                classification,
                None,
                now,
                now,
                1,
            )

    timed(
        "documents",
        Document._meta.db_table,
        [
            "id",
            "doc_type_id",
            "system",
            "number",
            "symbol",
            "issuer_id",
            "issued_on",
            "term_id",
            "year",
            "excerpt",
            "signer_id",
            "signer_title",
            "classification",
            "file",
            *stamp,
        ],
        documents(),
    )

    # ------------------------------------------------------------------ tasks
    n_tasks = max(round(FULL["tasks"] * scale), 300)
    group_rows: list[tuple] = []
    task_id = next_id(Task)
    group_id = next_id(TaskGroup)
    co_rows: list[tuple] = []
    update_rows: list[tuple] = []

    # The groups first (the tasks refer to them), ten tasks each.
    planned = 0
    while planned < n_tasks:
        if planned < 300:
            owner, year = focus, YEARS[(planned // 60) % 5]
            order = (planned % 60) // TASKS_PER_GROUP + 1
        else:
            owner, year, order = rng.choice(others), rng.choice(YEARS), len(group_rows) % 6 + 1
        topic = rng.choice(TOPICS)
        size = min(TASKS_PER_GROUP, n_tasks - planned)
        group_rows.append(
            (
                group_id + len(group_rows),
                f"Nhóm {order}: {topic}",
                parents.get(owner) or owner,
                owner,
                year,
                order,
                now,
                now,
                1,
                size,
                topic,
            )
        )
        planned += size
    timed(
        "task groups",
        TaskGroup._meta.db_table,
        ["id", "name", "approving_body_id", "owner_id", "year", "order", *stamp],
        (row[:9] for row in group_rows),
    )

    def tasks():
        nonlocal task_id
        for gid, _name, _approving, owner, year, _order, *_rest, size, topic in group_rows:
            for _ in range(size):
                pk = task_id
                task_id += 1
                place = FOCUS_PLACE if owner == focus else names[owner]
                title = f"{rng.choice(VERBS)} {topic} tại {place}"
                deadline = (
                    None
                    if rng.random() < 0.1
                    else dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(30, 365))
                )
                progress = rng.choice([0, 0, 20, 50, 80, 100, 100])
                completed = None
                if progress == 100:
                    base = deadline or dt.date(year, 12, 31)
                    completed = min(base + dt.timedelta(days=rng.randrange(-60, 30)), today)
                started = dt.date(year, 1, 15)
                if completed and completed < started:
                    completed = started
                status = derive_status(progress, deadline, completed, today).value
                if rng.random() < 0.2:
                    co_rows.append((pk, rng.choice(departments)))
                if owner == focus or rng.random() < 0.25:
                    at = timezone.make_aware(
                        dt.datetime(year, 1, 1, 9) + dt.timedelta(days=rng.randrange(300))
                    )
                    update_rows.append(
                        (
                            pk,
                            user.pk,
                            at,
                            progress,
                            "Báo cáo tiến độ",
                            None,
                            "accepted",
                            user.pk,
                            at,
                            "",
                            now,
                            now,
                            1,
                        )
                    )
                search_rows.append(("task", pk, title, fold(f"{title} {names[owner]}")))
                yield (
                    pk,
                    gid,
                    title,
                    f"Nội dung: {topic}.",
                    None,
                    None,
                    parents.get(owner) or owner,
                    owner,
                    deadline,
                    "1.00",
                    progress,
                    started,
                    completed,
                    status,
                    now,
                    now,
                    1,
                )

    timed(
        "tasks",
        Task._meta.db_table,
        [
            "id",
            "group_id",
            "title",
            "description",
            "origin_document_id",
            "origin_direction_id",
            "approving_body_id",
            "lead_unit_id",
            "deadline",
            "weight",
            "progress",
            "started_on",
            "completed_on",
            "status",
            *stamp,
        ],
        tasks(),
    )
    timed(
        "task co-units",
        Task.co_units.through._meta.db_table,
        ["task_id", "organization_id"],
        co_rows,
    )
    timed(
        "progress updates",
        ProgressUpdate._meta.db_table,
        [
            "task_id",
            "submitted_by_id",
            "submitted_at",
            "progress",
            "note",
            "evidence",
            "state",
            "reviewed_by_id",
            "reviewed_at",
            "return_reason",
            *stamp,
        ],
        update_rows,
    )
    for done in (group_rows, co_rows, update_rows):
        done.clear()  # free the memory

    # ------------------------------------------------------------------ indicators
    indicator_rows = []
    ind_id = next_id(Indicator)
    for i, topic in enumerate(TOPICS * 2):
        code = f"chi_tieu_{i + 1:02d}"
        indicator_rows.append(
            (ind_id + i, code, f"Chỉ tiêu {i + 1:02d}: {topic}", "tỷ đồng", True, now, now, 1)
        )
        search_rows.append(("indicator", ind_id + i, indicator_rows[-1][2], fold(code)))
    timed(
        "indicators",
        Indicator._meta.db_table,
        ["id", "code", "name", "unit", "higher_is_better", *stamp],
        indicator_rows,
    )
    indicator_ids = [row[0] for row in indicator_rows]
    target_rows = []
    target_id = next_id(Target)
    focus_targets = {}
    for ind in indicator_ids[:5]:
        for year in YEARS:
            focus_targets[(ind, year)] = target_id
            target_rows.append(
                (target_id, ind, focus, year, "1200.0000", "estimate", "", now, now, 1)
            )
            target_id += 1
    timed(
        "targets",
        Target._meta.db_table,
        ["id", "indicator_id", "body_id", "year", "value", "kind", "note", *stamp],
        target_rows,
    )
    n_obs = max(round(FULL["observations"] * scale), 300)
    all_bodies = others + departments  # not the focus body: its figures are fixed above

    def observations():
        for i in range(n_obs):
            if i < 300:
                body, ind = focus, indicator_ids[i // 60]
                year, month = YEARS[(i % 60) // 12], i % 12 + 1
                target = focus_targets[(ind, year)]
            else:
                body, ind = rng.choice(all_bodies), rng.choice(indicator_ids)
                year, month, target = rng.choice(YEARS), rng.randrange(1, 13), None
            end = dt.date(year, month, 28)
            value = decimal.Decimal(rng.randrange(10_000, 2_000_000)) / 100
            pct = (value / 1200 * 100).quantize(decimal.Decimal("0.0001")) if target else None
            flagged = rng.random() < 0.02
            yield (
                ind,
                body,
                "month",
                year,
                month,
                end,
                "",
                value,
                "tỷ đồng",
                "",
                "",
                target,
                None,
                None,
                pct,
                None,
                '["pct_of_plan"]' if flagged else "[]",
                flagged,
                "",
                now,
                now,
                1,
            )

    timed(
        "observations",
        Observation._meta.db_table,
        [
            "indicator_id",
            "body_id",
            "period_kind",
            "year",
            "period_number",
            "period_end",
            "period_label",
            "value",
            "unit",
            "qualifier",
            "target_kind",
            "target_id",
            "stated_pct_of_plan",
            "stated_yoy_pct",
            "computed_pct_of_plan",
            "computed_yoy_pct",
            "flags",
            "is_flagged",
            "note",
            *stamp,
        ],
        observations(),
    )

    # ------------------------------------------------------------------ recommendations
    n_recs = max(round(FULL["recommendations"] * scale), 50)
    rec_id = next_id(Recommendation)
    statuses = [s.value for s in RecStatus]

    def recommendations():
        for i in range(n_recs):
            # The focus body raises its 50 to its province's People's Committee; the others
            # are raised by communes to their province's committee, except in the focus
            # body's province (to the People's Committee there), so that what the focus
            # body raised or received stays the same at every scale.
            raised = focus if i < 50 else rng.choice(communes)
            addressed = parents[raised] if raised != focus else None
            if addressed is None or addressed == focus:
                addressed = focus + 2
            year = YEARS[i % 5] if i < 50 else rng.choice(YEARS)
            received = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
            status = rng.choice(statuses)
            due = received + dt.timedelta(days=30) if status != "received" else None
            closed = (
                received + dt.timedelta(days=40) if status in ("resolved", "declined") else None
            )
            text = f"Kiến nghị về {rng.choice(TOPICS)} của {names[raised]}"
            pk = rec_id + i
            search_rows.append(("recommendation", pk, text, fold(text)))
            yield (
                pk,
                text,
                raised,
                None,
                addressed,
                received,
                status,
                due,
                closed,
                "",
                now,
                now,
                1,
            )

    timed(
        "recommendations",
        Recommendation._meta.db_table,
        [
            "id",
            "text",
            "raised_by_id",
            "meeting_id",
            "addressed_to_id",
            "received_on",
            "status",
            "due_on",
            "closed_on",
            "closing_note",
            *stamp,
        ],
        recommendations(),
    )

    # ------------------------------------------------------------------ search index
    for pk, name in names.items():
        search_rows.append(("organization", pk, name, fold(name)))
    entry_table = SearchEntry._meta.db_table
    if writer.vendor == "postgresql":
        writer.execute("DROP INDEX IF EXISTS core_search_tsv")
        timed("search entries", entry_table, ["kind", "object_id", "title", "text"], search_rows)
        t0 = time.perf_counter()
        writer.execute("SET maintenance_work_mem = '256MB'")
        writer.execute(
            "CREATE INDEX core_search_tsv ON core_searchentry USING GIN "
            "(to_tsvector('simple', chidao_unaccent(text)))"
        )
        log(f"  {'search GIN index':<22} {'':>10}       {time.perf_counter() - t0:6.1f} s")
    else:
        for trigger in ("core_search_ai", "core_search_ad", "core_search_au"):
            writer.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        timed("search entries", entry_table, ["kind", "object_id", "title", "text"], search_rows)
        t0 = time.perf_counter()
        writer.execute("INSERT INTO core_search_fts(core_search_fts) VALUES ('rebuild')")
        from importlib import import_module

        for sql in import_module("chidao.core.migrations.0002_search").SQLITE_FORWARD[1:]:
            writer.execute(sql)
        log(f"  {'search FTS5 rebuild':<22} {'':>10}       {time.perf_counter() - t0:6.1f} s")
    search_rows.clear()

    # ------------------------------------------------------------------ finish
    models = [
        Organization,
        Document,
        TaskGroup,
        Task,
        ProgressUpdate,
        Indicator,
        Target,
        Observation,
        Recommendation,
        SearchEntry,
        Task.co_units.through,
    ]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
        if connection.vendor == "postgresql":
            t0 = time.perf_counter()
            cursor.execute("ANALYZE")
            log(f"  {'ANALYZE':<22} {'':>10}       {time.perf_counter() - t0:6.1f} s")
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=0.001, help="1 = national size")
    parser.add_argument(
        "--database-url",
        required=True,
        help="postgres://user:pass@host:port/db (an empty database) or sqlite:////path/file",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", action="store_true", help="print the counts as JSON at the end")
    args = parser.parse_args(argv)
    setup(args.database_url)
    print(f"generating scale {args.scale} into {urlparse(args.database_url).path}")
    counts = generate(args.scale, args.seed)
    print(f"done in {counts['seconds']} s")
    if args.json:
        print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
