"""``chidao backup`` / ``chidao restore``: every table comes back as it was.

The database holds every kind of record: reference bodies and units, document types, the
demo dataset (documents, meetings, tasks with progress reports, recommendations,
indicators, the audit log of all of it), a reminder notification and an API token.
SQLite: back up the test database file, damage it, restore it over itself and compare
every row of every table. PostgreSQL: restore into a separate database made by the test
and compare the row count and a hash of the rows of every table.
"""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from chidao.core import backup as bk
from tests.conftest import on_postgres


def build_everything():
    from chidao.api.services import do_issue_token
    from chidao.core.actors import system_actor
    from chidao.core.models import User
    from chidao.demo.dataset import load_demo_dataset
    from chidao.documents.services import load_document_types
    from chidao.orgs.refload import load_reference_data
    from chidao.reminders.models import Kind, Notification

    actor = system_actor()
    load_document_types(actor)
    load_reference_data(actor)
    assert load_demo_dataset(actor) is True
    user = User.objects.create(username="chuyenvien-sao-luu", role="office")
    do_issue_token(actor, user=user, name="sao lưu")
    Notification.objects.create(
        recipient=user,
        kind=Kind.TASK_OVERDUE,
        subject="Nhiệm vụ quá hạn",
        body="Một nhiệm vụ đã quá hạn.",
        dedupe_key="backup-test",
    )


def sqlite_rows(path) -> dict[str, list]:
    """Every row of every table of a SQLite file, sorted (FTS shadow tables included)."""
    conn = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: sorted((repr(row) for row in conn.execute(f'SELECT * FROM "{name}"')), key=str)
            for name in names
        }
    finally:
        conn.close()


sqlite_only = pytest.mark.skipif(on_postgres(), reason="the SQLite file backup")


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_sqlite_backup_and_restore_bring_back_every_row(tmp_path):
    build_everything()
    db_path = Path(connection.settings_dict["NAME"])
    connection.close()
    before = sqlite_rows(db_path)
    assert len(before["core_auditentry"]) > 100
    assert before["api_apitoken"] and before["reminders_notification"]

    out = tmp_path / "sao-luu.sqlite3"
    call_command("backup", "--out", str(out), stdout=io.StringIO())
    manifest = json.loads(bk.manifest_path_for(out).read_text())
    assert manifest["format"] == bk.FORMAT and manifest["engine"] == "sqlite"
    assert manifest["tables"]["core_auditentry"] == len(before["core_auditentry"])
    assert manifest["migrations"]["core"].startswith("0")
    assert sqlite_rows(out) == before

    # Damage the database: the audit log and the tasks lose rows, a title changes.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry")
        cursor.execute("UPDATE tasks_task SET title = 'sửa sai'")
        cursor.execute("DELETE FROM reminders_notification")
    connection.close()
    assert sqlite_rows(db_path) != before

    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(out))
    call_command("restore", str(out), "--force", stdout=io.StringIO())
    assert sqlite_rows(db_path) == before
    assert not Path(f"{db_path}-wal").exists() or Path(f"{db_path}-wal").stat().st_size == 0

    # The app goes on with the restored file: reads, writes and the search index work.
    from chidao.core.search import search
    from chidao.tasks.models import Task

    assert Task.objects.exclude(title="sửa sai").count() == Task.objects.count() > 0
    assert search("cao loc")


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_sqlite_backup_is_consistent_while_a_writer_is_busy(tmp_path, orgs):
    """A transaction open in another connection is not in the backup, and does not block it."""
    db_path = connection.settings_dict["NAME"]
    connection.close()
    writer = sqlite3.connect(db_path, isolation_level=None, timeout=5)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(
            "INSERT INTO orgs_organization (name, short_name, kind, system, symbol, "
            "name_folded, created_at, updated_at, version) VALUES "
            "('Chưa lưu', '', 'other', 'other', '', 'chua luu', '2026-01-01', '2026-01-01', 1)"
        )
        result = bk.backup(tmp_path / "giua-chung.sqlite3")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert result.manifest["tables"]["orgs_organization"] == len(orgs)


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_changed_file_or_a_missing_manifest(tmp_path, orgs):
    out = tmp_path / "b.sqlite3"
    bk.backup(out)
    with open(out, "r+b") as handle:
        handle.seek(200)
        handle.write(b"\x00\x01")
    with pytest.raises(bk.BackupError, match="mã băm"):
        bk.restore(out, force=True)
    bk.manifest_path_for(out).unlink()
    with pytest.raises(bk.BackupError, match="manifest missing"):
        bk.restore(out, force=True)
    other = tmp_path / "c.sqlite3"
    bk.backup(other)
    manifest = json.loads(bk.manifest_path_for(other).read_text())
    manifest["engine"] = "postgresql"
    bk.manifest_path_for(other).write_text(json.dumps(manifest))
    with pytest.raises(bk.BackupError, match="không khôi phục được"):
        bk.restore(other, force=True)


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_restore_into_an_empty_database_needs_no_force(tmp_path, orgs):
    out = tmp_path / "b.sqlite3"
    bk.backup(out)
    target = dict(connection.settings_dict, NAME=str(tmp_path / "moi.sqlite3"))
    bk.restore(out, db=target)
    assert sqlite_rows(target["NAME"])["orgs_organization"] == sqlite_rows(out)["orgs_organization"]
    with pytest.raises(bk.BackupError, match="--force"):
        bk.restore(out, db=target)


# --------------------------------------------------------------------------- PostgreSQL


def pg_fingerprint(db: dict) -> dict[str, tuple[int, str]]:
    """(row count, md5 of the sorted rows) of every table of the public schema."""
    with bk._pg_connect(db) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        names = sorted(r[0] for r in cursor.fetchall())
        found = {}
        for name in names:
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), "
                f"'')) FROM public.\"{name}\" t"
            )
            found[name] = tuple(cursor.fetchone())
        return found


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_postgres_backup_and_restore_into_another_database(tmp_path):
    from psycopg import sql

    build_everything()
    source = dict(connection.settings_dict)
    before = pg_fingerprint(source)
    assert before["core_auditentry"][0] > 100

    out = tmp_path / "sao-luu.pgdump"
    result = bk.backup(out)
    assert result.manifest["engine"] == "postgresql"
    assert result.manifest["tables"] == {name: n for name, (n, _) in before.items()}

    # Not over a database holding records without --force.
    with pytest.raises(bk.BackupError, match="--force"):
        bk.restore(out)

    target = dict(source, NAME=f"{source['NAME']}_restore")
    admin = dict(source, NAME="postgres")
    with bk._pg_connect(admin) as conn:
        conn.autocommit = True
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(target["NAME"])))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(target["NAME"])))
    try:
        bk.restore(out, db=target)
        assert pg_fingerprint(target) == before
        # Restoring again over it (now holding records) needs force, and changes nothing.
        with pytest.raises(bk.BackupError, match="--force"):
            bk.restore(out, db=target)
        bk.restore(out, db=target, force=True)
        assert pg_fingerprint(target) == before
    finally:
        with bk._pg_connect(admin) as conn:
            conn.autocommit = True
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(target["NAME"])
                )
            )


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_postgres_tools_missing_give_a_clear_error(tmp_path, monkeypatch, orgs):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CHIDAO_PG_BIN", raising=False)
    with pytest.raises(bk.BackupError, match="pg_dump.*postgresql-client"):
        bk.backup(tmp_path / "x.pgdump")
