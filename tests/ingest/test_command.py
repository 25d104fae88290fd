"""``chidao ingest``: arguments, the database-free run, the summary and the exit status."""

from __future__ import annotations

import io
import json

import pytest

from chidao.ingest.command import main_ingest, parse_size
from tests.ingest.test_batch import article, make_corpus
from tests.ingest.test_readers import PARAGRAPHS, make_docx


def run(*argv: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main_ingest(list(argv), stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def corpus(tmp_path):
    make_corpus(tmp_path / "kho", 5)
    (tmp_path / "kho" / "word").mkdir()
    make_docx(tmp_path / "kho" / "word" / "bao-cao.docx", PARAGRAPHS, title="Báo cáo quý III")
    return tmp_path / "kho"


def test_facts_out_jsonl_run_and_rerun(tmp_path, corpus):
    out, journal = tmp_path / "facts.jsonl", tmp_path / "journal.jsonl"
    code, stdout, stderr = run(str(corpus), "--facts-out", str(out), "--journal", str(journal))
    assert code == 0, stderr
    assert stdout.startswith("ingest: 6 files, 6 texts, 0 errors, 0 duplicates skipped")
    assert "texts/s" in stdout
    facts = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(facts) == 6
    assert {f["source"]["kind"] for f in facts} == {"txt", "docx"}

    code, stdout, _ = run(str(corpus), "--facts-out", str(out), "--journal", str(journal))
    assert code == 0
    assert "6 files, 0 texts" in stdout and "6 already done" in stdout
    assert len(out.read_text(encoding="utf-8").splitlines()) == 6

    out.unlink()  # output deleted: the journal is reset and everything is done again
    code, stdout, _ = run(str(corpus), "--facts-out", str(out), "--journal", str(journal))
    assert code == 0 and "6 texts" in stdout
    assert len(out.read_text(encoding="utf-8").splitlines()) == 6


def test_failed_files_are_listed_and_exit_1(tmp_path, corpus):
    (corpus / "anh.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "lon.txt").write_text(article(99) * 400, encoding="utf-8")
    out = tmp_path / "facts.jsonl"
    code, stdout, stderr = run(
        str(corpus),
        "--facts-out",
        str(out),
        "--max-bytes",
        "100k",
        "--journal",
        str(tmp_path / "j.jsonl"),
        "--jobs",
        "2",
    )
    assert code == 1
    assert "8 files, 6 texts, 2 errors" in stdout
    assert "2 file(s) failed:" in stderr
    assert f"{corpus / 'anh.txt'}: binary data, not text" in stderr
    assert f"{corpus / 'lon.txt'}: file is" in stderr and "over the limit of 102400 bytes" in stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 6


def test_facts_out_parquet(tmp_path, corpus):
    import pyarrow.parquet as pq

    out = tmp_path / "facts.parquet"
    code, _, stderr = run(
        str(corpus),
        "--facts-out",
        str(out),
        "--journal",
        str(tmp_path / "j.jsonl"),
        "--publication-date",
        "2025-07-20",
    )
    assert code == 0, stderr
    table = pq.read_table(out)
    assert table.num_rows == 6
    assert set(table.column("kind").to_pylist()) == {"txt", "docx"}


def test_without_facts_out_and_no_database_writer_exit_2(corpus, monkeypatch):
    from chidao.ingest import command

    monkeypatch.setattr(command, "database_writer", lambda: None)
    code, _, stderr = run(str(corpus))
    assert code == 2
    assert "no database writer available" in stderr


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--jobs", "0"], "--jobs"),
        (["--scheduler", "localhost:8786"], "expected tcp://HOST:PORT"),
        (["--scheduler", "tcp://h:8786", "--cluster", "local"], "not allowed with argument"),
        (["--cluster", "remote"], "invalid choice"),
        (["--facts-out", "facts.csv"], "unknown facts-out format '.csv'"),
        (["--max-bytes", "nhieu"], "invalid size"),
        (["--publication-date", "20/07/2025"], "expected YYYY-MM-DD"),
    ],
)
def test_bad_arguments_exit_2(corpus, argv, message):
    code, _, stderr = run(str(corpus), *argv)
    assert code == 2
    assert message in stderr


def test_missing_path_and_no_path_exit_2(tmp_path):
    code, _, stderr = run(str(tmp_path / "khong-co"), "--facts-out", str(tmp_path / "f.jsonl"))
    assert code == 2 and "no such file or folder" in stderr
    code, _, stderr = run()
    assert code == 2 and "required" in stderr


def test_bulk_loader_loads_in_batches_at_commits(tmp_path):
    from chidao.ingest.batch import run_batch
    from chidao.ingest.command import BulkLoader

    make_corpus(tmp_path / "c", 7)
    batches = []
    loader = BulkLoader(lambda results: batches.append([r.sha256 for r in results]))
    summary = run_batch(
        [tmp_path / "c"],
        on_result=loader.write,
        commit=loader.commit,
        commit_every=3,
        progress=False,
        keep_text=True,
    )
    loader.close()
    assert summary.texts == 7
    assert [len(b) for b in batches] == [3, 3, 1]
    assert loader.loaded == 7


def test_parse_size():
    assert parse_size("5000") == 5000
    assert parse_size("500k") == 512_000
    assert parse_size("20M") == 20 * 1024 * 1024
    assert parse_size("1GiB") == 1024**3
