"""Backups of the whole database and their restore (``chidao backup``, ``chidao restore``).

A backup is one file and a manifest beside it (``<file>.manifest.json``):

- SQLite: a copy made with SQLite's online backup API (``sqlite3.Connection.backup``), in
  one step, so it is a consistent snapshot even while the app is writing (WAL readers do
  not block writers). Restore copies the backup into a temporary file next to the
  database, checks it (``PRAGMA integrity_check`` and the row counts of the manifest),
  folds and removes the old write-ahead log, then renames the file over the database
  (an atomic rename: the database is either the old one or the restored one).
- PostgreSQL: ``pg_dump --format=custom`` run in a snapshot exported by a transaction
  that counts the rows of every table, so the counts are those of the dump; restore runs
  ``pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error``
  (all or nothing) and checks the counts afterwards. The connection comes from the
  settings; the password goes to the tools in ``PGPASSWORD``, never on the command line.

The manifest holds the format, the database engine, the chidao version, the time of the
backup, the SHA-256 of the file, the last migration of every app and the number of rows
of every table. Restore refuses a backup whose file does not match it, a backup of the
other engine, and, without ``force``, a target database that already holds records.
Uploaded files (``CHIDAO_DATA_DIR/uploads``) are not in the backup: copy that folder too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections

from chidao.core.errors import ServiceError

FORMAT = "chidao.backup/1"
MANIFEST_SUFFIX = ".manifest.json"

# Tables a freshly migrated, empty database already fills: rows here are not "data".
BOOKKEEPING_TABLES = {"django_migrations", "django_content_type", "auth_permission"}


class BackupError(ServiceError):
    """A backup or a restore that cannot be done; the message says why."""


@dataclass
class Result:
    path: Path
    manifest_path: Path
    manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(self.manifest.get("tables", {}).values())


# --------------------------------------------------------------------------- helpers


def chidao_version() -> str:
    try:
        from importlib.metadata import version

        return version("chidao")
    except Exception:  # noqa: BLE001 - not installed (a source checkout)
        return "unknown"


def engine_of(db: dict[str, Any]) -> str:
    engine = db["ENGINE"]
    if "sqlite" in engine:
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine}.")


def database_settings(using: str = "default") -> dict[str, Any]:
    return dict(settings.DATABASES[using])


def manifest_path_for(path: Path | str) -> Path:
    return Path(f"{path}{MANIFEST_SUFFIX}")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def default_output(engine: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    suffix = "sqlite3" if engine == "sqlite" else "pgdump"
    return Path(settings.DATA_DIR) / "backups" / f"chidao-{stamp}.{suffix}"


def _write_manifest(path: Path, manifest: dict[str, Any]) -> Path:
    target = manifest_path_for(path)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    os.replace(tmp, target)
    return target


def read_manifest(path: Path | str) -> dict[str, Any]:
    target = manifest_path_for(path)
    if not target.exists():
        raise BackupError(
            f"Không thấy tệp mô tả bản sao lưu {target.name} bên cạnh {Path(path).name} "
            "(manifest missing)."
        )
    try:
        manifest = json.loads(target.read_text())
    except ValueError as error:
        raise BackupError(f"Tệp mô tả {target.name} hỏng: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"Định dạng bản sao lưu không được hỗ trợ: {manifest.get('format')!r} (cần {FORMAT})."
        )
    return manifest


def _manifest(engine: str, path: Path, tables: dict[str, int], migrations: dict[str, str]):
    return {
        "format": FORMAT,
        "engine": engine,
        "chidao_version": chidao_version(),
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "file": path.name,
        "size": path.stat().st_size,
        "sha256": sha256_of(path),
        "migrations": migrations,
        "tables": tables,
    }


def _check_counts(expected: dict[str, int], found: dict[str, int]) -> None:
    wrong = [
        f"{name}: {expected[name]} → {found.get(name)}"
        for name in sorted(expected)
        if found.get(name) != expected[name]
    ]
    if wrong:
        raise BackupError(
            "Số bản ghi sau khi khôi phục khác với bản sao lưu: " + "; ".join(wrong[:10])
        )


def _latest_migrations(rows) -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in rows:
        if name > latest.get(app, ""):
            latest[app] = name
    return latest


# --------------------------------------------------------------------------- SQLite


def _sqlite_tables(conn: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def _sqlite_migrations(conn: sqlite3.Connection) -> dict[str, str]:
    try:
        return _latest_migrations(conn.execute("SELECT app, name FROM django_migrations"))
    except sqlite3.DatabaseError:
        return {}


def _has_data(tables: dict[str, int]) -> bool:
    return any(n for name, n in tables.items() if name not in BOOKKEEPING_TABLES)


def _sqlite_integrity(conn: sqlite3.Connection) -> None:
    result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    if result != ["ok"]:
        raise BackupError("Tệp cơ sở dữ liệu hỏng (integrity_check): " + "; ".join(result[:5]))


def _sqlite_backup(db: dict[str, Any], out: Path) -> Result:
    source_path = Path(db["NAME"])
    if not source_path.exists():
        raise BackupError(f"Không thấy cơ sở dữ liệu {source_path}.")
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    source = sqlite3.connect(source_path, timeout=60)
    try:
        dest = sqlite3.connect(tmp)
        try:
            # pages=-1: the whole database in one step, under one read transaction.
            source.backup(dest, pages=-1)
            dest.execute("PRAGMA journal_mode=DELETE").fetchall()
            _sqlite_integrity(dest)
            tables = _sqlite_tables(dest)
            migrations = _sqlite_migrations(dest)
        finally:
            dest.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, out)
    _fsync_dir(out.parent)
    manifest = _manifest("sqlite", out, tables, migrations)
    return Result(out, _write_manifest(out, manifest), manifest)


def _sqlite_restore(db: dict[str, Any], path: Path, manifest: dict[str, Any], force: bool):
    target = Path(db["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and not force:
        conn = sqlite3.connect(target, timeout=60)
        try:
            has_data = _has_data(_sqlite_tables(conn))
        finally:
            conn.close()
        if has_data:
            raise BackupError(
                f"Cơ sở dữ liệu {target} đang có dữ liệu; thêm --force để ghi đè "
                "(target has data: use --force)."
            )
    tmp = target.with_name(f".{target.name}.restore-{os.getpid()}.tmp")
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        dest = sqlite3.connect(tmp)
        try:
            source.backup(dest, pages=-1)
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path.name} không phải bản sao lưu SQLite: {error}") from error
        finally:
            source.close()
        try:
            _sqlite_integrity(dest)
            _check_counts(manifest["tables"], _sqlite_tables(dest))
            # The app opens the database in WAL mode: make the file so before it goes live.
            # (closing the last connection folds and removes the new, empty log).
            dest.execute("PRAGMA journal_mode=WAL").fetchall()
        finally:
            dest.close()
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        Path(f"{tmp}-wal").unlink(missing_ok=True)
        Path(f"{tmp}-shm").unlink(missing_ok=True)
        # Fold the old write-ahead log into the old file, so no stale log page can be
        # applied to the restored file; then swap the files in one rename.
        if target.exists():
            old = sqlite3.connect(target, timeout=60)
            try:
                old.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            finally:
                old.close()
        os.replace(tmp, target)
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        _fsync_dir(target.parent)
    finally:
        for name in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal")):
            Path(name).unlink(missing_ok=True)


# --------------------------------------------------------------------------- PostgreSQL


def _pg_env(db: dict[str, Any]) -> dict[str, str]:
    """libpq environment for the tools: the password never appears on a command line."""
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[var] = str(db[key])
    env["PGDATABASE"] = db["NAME"]
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    sslmode = (db.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    return env


def _pg_tool(name: str) -> str:
    folder = os.environ.get("CHIDAO_PG_BIN")
    if folder and (Path(folder) / name).exists():
        return str(Path(folder) / name)
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"Không tìm thấy chương trình {name} (PostgreSQL client tools): cài gói "
            f"postgresql-client cùng phiên bản với máy chủ, hoặc đặt CHIDAO_PG_BIN là thư mục "
            f"chứa {name}."
        )
    return found


def _pg_connect(db: dict[str, Any]):
    import psycopg

    kwargs = {
        "dbname": db["NAME"],
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
    }
    return psycopg.connect(**{k: v for k, v in kwargs.items() if v})


def _pg_tables(cursor) -> dict[str, int]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    names = [row[0] for row in cursor.fetchall()]
    counts = {}
    for name in names:
        cursor.execute(f'SELECT count(*) FROM public."{name}"')
        counts[name] = cursor.fetchone()[0]
    return counts


def _pg_migrations(cursor) -> dict[str, str]:
    cursor.execute("SELECT to_regclass('public.django_migrations')")
    if cursor.fetchone()[0] is None:
        return {}
    cursor.execute("SELECT app, name FROM django_migrations")
    return _latest_migrations(cursor.fetchall())


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise BackupError(f"{what} thất bại (mã {done.returncode}): " + " | ".join(message))


def _pg_backup(db: dict[str, Any], out: Path) -> Result:
    pg_dump = _pg_tool("pg_dump")
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    import psycopg

    with _pg_connect(db) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        with conn.cursor() as cursor:
            # One snapshot for the counts and for pg_dump: the manifest matches the dump.
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tables = _pg_tables(cursor)
            migrations = _pg_migrations(cursor)
            try:
                _run(
                    [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={tmp}"],
                    _pg_env(db),
                    "pg_dump",
                )
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
        conn.rollback()
    os.replace(tmp, out)
    _fsync_dir(out.parent)
    manifest = _manifest("postgresql", out, tables, migrations)
    return Result(out, _write_manifest(out, manifest), manifest)


def _pg_restore(db: dict[str, Any], path: Path, manifest: dict[str, Any], force: bool):
    pg_restore = _pg_tool("pg_restore")
    env = _pg_env(db)
    if not force:
        with _pg_connect(db) as conn, conn.cursor() as cursor:
            has_data = _has_data(_pg_tables(cursor))
        if has_data:
            raise BackupError(
                f"Cơ sở dữ liệu {db['NAME']} đang có dữ liệu; thêm --force để ghi đè "
                "(target has data: use --force)."
            )
    # The archive must be readable before anything is dropped.
    _run([pg_restore, "--list", str(path)], env, "pg_restore --list")
    _run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={db['NAME']}",
            str(path),
        ],
        env,
        "pg_restore",
    )
    with _pg_connect(db) as conn, conn.cursor() as cursor:
        _check_counts(manifest["tables"], _pg_tables(cursor))


# --------------------------------------------------------------------------- public


def backup(out: Path | str | None = None, *, db: dict[str, Any] | None = None) -> Result:
    """Back up the database (the default connection unless ``db`` is a settings dict)."""
    db = db or database_settings()
    engine = engine_of(db)
    out = Path(out) if out else default_output(engine)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    if engine == "sqlite":
        return _sqlite_backup(db, out)
    return _pg_backup(db, out)


def restore(
    path: Path | str, *, force: bool = False, db: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Replace the database with the backup ``path``; returns the manifest it matched."""
    path = Path(path).resolve()
    if not path.exists():
        raise BackupError(f"Không thấy tệp sao lưu {path}.")
    manifest = read_manifest(path)
    db = db or database_settings()
    engine = engine_of(db)
    if manifest.get("engine") != engine:
        raise BackupError(
            f"Bản sao lưu của {manifest.get('engine')} không khôi phục được vào {engine}."
        )
    if manifest.get("sha256") != sha256_of(path):
        raise BackupError(f"Tệp {path.name} không khớp mã băm ghi trong tệp mô tả (bị sửa, hỏng).")
    # Nothing of this process may hold the old database open while it is replaced.
    for conn in connections.all(initialized_only=True):
        conn.close()
    if engine == "sqlite":
        _sqlite_restore(db, path, manifest, force)
    else:
        _pg_restore(db, path, manifest, force)
    for conn in connections.all(initialized_only=True):
        conn.close()
    return manifest
