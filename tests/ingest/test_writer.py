"""The database writer of ``chidao ingest``: bulk loading, idempotence, kill and resume."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from chidao.ingest import services
from chidao.ingest.batch import FileResult
from chidao.ingest.models import Fact, Source

from .conftest import span_of

PARAGRAPH = (
    "Chiều {day}/8/2021, Đoàn công tác của Thường trực Tỉnh ủy do đồng chí Nguyễn Quốc Đoàn, "
    "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy làm trưởng đoàn làm việc với Huyện ủy Cao Lộc. "
    "Thu ngân sách trên địa bàn đạt trên {n} tỷ đồng, vượt 0,96% dự toán tỉnh giao và tăng "
    "28,38% so với cùng kỳ. Huyện đã ban hành 3 chỉ thị, {n} kế hoạch; triển khai Chỉ thị số "
    "10-CT/TW. Huyện kiến nghị đầu tư hạ tầng khu vực biên giới, cửa khẩu. Đồng chí Bí thư "
    "Tỉnh ủy yêu cầu tăng cường công tác phòng, chống dịch bệnh.\n"
)


def write_corpus(folder: Path, count: int = 30) -> None:
    folder.mkdir()
    for i in range(count):
        body = "".join(PARAGRAPH.format(day=1 + i % 28, n=100 + i * 7 + k) for k in range(12))
        (folder / f"bao-cao-{i:03d}.txt").write_text(f"Báo cáo số {i}\n{body}", encoding="utf-8")


def test_load_results_annotates_and_isolates_a_bad_object(orgs, seed_text, facts_json):
    other = seed_text + "\nThêm một đoạn."
    bad = dict(facts_json, source={"chars": 5})
    results = [
        FileResult(path="a.txt", facts=facts_json, text=seed_text),
        FileResult(path="b.txt", facts=bad, text=other),
        FileResult(path="c.txt", status="duplicate"),
    ]
    counts = services.load_results(results)
    assert counts == {"sources": 2, "facts": 5, "existing": 0, "skipped": 1, "errors": 1}
    good = Source.objects.get(name="a.txt")
    assert good.status == "extracted"
    failed = Source.objects.get(name="b.txt")
    assert failed.status == "failed"
    from chidao.core import audit

    register, record = audit.history(good).order_by("id")
    assert (register.action, register.after["sha256"]) == ("source.register", good.sha256)
    assert (record.action, record.before["status"], record.after["status"]) == (
        "source.record_facts",
        "new",
        "extracted",
    )
    assert record.note.startswith("5 dữ liệu trích xuất")
    assert "ký tự" in audit.history(failed).first().note
    body = good.facts.get(kind="organization", data__name="Huyện ủy Cao Lộc")
    assert body.data["match"]["id"] == orgs["cao_loc"].pk
    assert body.quote == "Huyện ủy Cao Lộc"
    person = good.facts.get(kind="people")
    assert person.quote == seed_text[slice(*span_of(seed_text, "Nguyễn Quốc Đoàn"))]
    # Loaded again: nothing is added.
    again = services.load_results(results[:2])
    assert again["sources"] == 0 and again["existing"] == 2
    assert Fact.objects.count() == 5


def test_database_writer_is_the_bulk_loader(db):
    from chidao.ingest.command import database_writer

    writer = database_writer()
    assert writer.existing_hashes() == set()
    assert writer.batch_size >= 1


def _database_env(tmp_path: Path) -> dict[str, str]:
    from django.conf import settings

    env = dict(os.environ)
    env["CHIDAO_DATA_DIR"] = str(tmp_path / "data")
    env["CHIDAO_INGEST_WRITE_BATCH"] = "1"
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        env["CHIDAO_DATABASE_URL"] = (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        )
    else:
        env.pop("CHIDAO_DATABASE_URL", None)
    return env


def _chidao(*argv):
    return [sys.executable, "-m", "chidao.cli", *argv]


@pytest.mark.django_db(transaction=True)
def test_killed_ingest_resumes_without_duplicates(tmp_path):
    from django.conf import settings

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 30)
    env = _database_env(tmp_path)
    on_sqlite = "CHIDAO_DATABASE_URL" not in env
    if on_sqlite:  # a database of its own, made by the command itself
        (tmp_path / "data").mkdir()
        subprocess.run(_chidao("migrate", "-v0"), env=env, check=True, timeout=300)
        path = tmp_path / "data" / "chidao.sqlite3"

        def count(table):
            with sqlite3.connect(path, timeout=20) as conn:
                return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    else:
        assert settings.DATABASES["default"]["NAME"].startswith("test_")
        from django.db import connection

        def count(table):
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")
                return cursor.fetchone()[0]

    journal = tmp_path / "journal.jsonl"
    argv = _chidao("ingest", str(corpus), "--no-progress", "--journal", str(journal))
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    loaded = 0
    while time.monotonic() < deadline and process.poll() is None:
        try:
            loaded = count("ingest_source")
        except sqlite3.OperationalError:
            loaded = 0
        if loaded >= 3:
            break
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    process.stdout.close()
    process.stderr.close()
    partial = count("ingest_source")
    assert 3 <= partial < 30, "the run must be killed in the middle"

    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert count("ingest_source") == 30
    facts = count("ingest_fact")
    per_source = facts / 30
    assert per_source == int(per_source) and per_source > 3  # every text's facts once

    again = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert (count("ingest_source"), count("ingest_fact")) == (30, facts)
