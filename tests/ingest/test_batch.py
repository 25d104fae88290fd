"""Batch extraction: in-process, in processes and on a local Dask cluster; failures; resuming."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from chidao.ingest.batch import FileResult, _extract_chunk, extract_file, run_batch
from chidao.ingest.facts_out import JsonlFactsWriter
from chidao.ingest.journal import Journal, file_key

COMMUNES = [
    "Hùng Sơn",
    "Chi Lăng",
    "Kháng Chiến",
    "Quốc Khánh",
    "Tân Tiến",
    "Đề Thám",
    "Hoàng Văn Thụ",
    "Bình Độ",
    "Quốc Việt",
    "Đào Viên",
    "Kim Đồng",
    "Tri Phương",
]
LEADERS = ["Hoàng Minh Tâm", "Nông Thị Lụa", "Vi Văn Khải", "Lăng Đức Thuận"]


def article(index: int) -> str:
    """A short text in the genre, different for every index (written for these tests)."""
    commune = COMMUNES[index % len(COMMUNES)]
    leader = LEADERS[index % len(LEADERS)]
    plans, notices = 3 + index % 7, 2 + index % 5
    revenue = f"{12 + index},{index % 10}5"
    return textwrap.dedent(
        f"""\
        Đảng ủy xã {commune} sơ kết công tác 6 tháng đầu năm (số {index})
        Sáng {1 + index % 27}/7/2025, Đảng ủy xã {commune} tổ chức hội nghị sơ kết công tác
        6 tháng đầu năm 2025. Đồng chí {leader}, Bí thư Đảng ủy xã, chủ trì hội nghị.
        Trong 6 tháng, Đảng ủy xã ban hành {plans} kế hoạch và {notices} thông báo.
        Thu ngân sách trên địa bàn đạt {revenue} tỷ đồng, bằng {40 + index % 30}% dự toán,
        tăng {1 + index % 9}% so với cùng kỳ.
        Kết luận hội nghị, đồng chí {leader} yêu cầu các chi bộ tập trung hoàn thành
        kế hoạch thu ngân sách năm 2025.
        """
    )


def make_corpus(folder: Path, count: int, *, bad: bool = False) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"bai-{index:03d}.txt"
        path.write_text(article(index), encoding="utf-8")
        paths.append(path)
    if bad:
        broken = folder / "bai-hong.txt"
        broken.write_bytes(bytes(range(256)) * 8)
        paths.append(broken)
    return paths


def collect(paths, **options) -> tuple[list[FileResult], object]:
    results: list[FileResult] = []
    summary = run_batch(paths, on_result=results.append, progress=False, **options)
    return results, summary


def by_hash(results: list[FileResult]) -> list[dict]:
    return [r.facts for r in sorted(results, key=lambda r: r.sha256)]


def test_extract_file_never_raises_for_a_bad_file(tmp_path):
    binary = tmp_path / "anh.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    result = extract_file(str(binary), 1_000_000)
    assert result.status == "error"
    assert result.error == f"{binary}: binary data, not text"
    assert result.facts is None
    missing = extract_file(str(tmp_path / "khong-co.txt"), 1000)
    assert missing.status == "error" and "no such file" in missing.error


def test_extract_file_gives_facts_with_the_content_hash(tmp_path):
    (path,) = make_corpus(tmp_path, 1)
    result = extract_file(str(path), 1_000_000)
    assert result.status == "ok" and result.error is None
    assert result.facts["schema"] == "chidao.facts/1"
    assert result.facts["source"]["sha256"] == result.sha256
    assert result.facts["source"]["path"] == str(path)
    assert result.facts["source"]["kind"] == "txt"
    assert result.size == path.stat().st_size
    import pickle

    assert pickle.loads(pickle.dumps(result)) == result


def test_one_and_two_processes_give_equal_facts(tmp_path):
    make_corpus(tmp_path / "c", 24, bad=True)
    one, s1 = collect([tmp_path / "c"], jobs=1)
    two, s2 = collect([tmp_path / "c"], jobs=2, chunk_size=3)
    assert s1.texts == s2.texts == 24
    assert s1.errors == s2.errors == 1
    assert by_hash(one) == by_hash(two)
    assert "2 processes" in s2.mode


def test_a_failing_file_is_reported_and_the_rest_done(tmp_path):
    paths = make_corpus(tmp_path / "c", 6, bad=True)
    results, summary = collect([tmp_path / "c"], jobs=1)
    assert summary.files == 7
    assert summary.texts == 6
    assert summary.errors == 1
    assert summary.failures == [(str(paths[-1]), f"{paths[-1]}: binary data, not text")]
    assert all(r.status == "ok" for r in results)


def test_same_content_twice_and_known_hashes_are_duplicates(tmp_path):
    paths = make_corpus(tmp_path / "c", 4)
    (tmp_path / "c" / "ban-sao.txt").write_text(article(2), encoding="utf-8")
    results, summary = collect([tmp_path / "c"])
    assert summary.texts == 4 and summary.duplicates == 1
    known = extract_file(str(paths[0]), 10_000).sha256
    results, summary = collect([tmp_path / "c"], skip_hashes={known}, jobs=2)
    assert summary.texts == 3 and summary.duplicates == 2
    assert known not in {r.sha256 for r in results}


def test_journal_tolerates_a_torn_last_line(tmp_path):
    journal = Journal(tmp_path / "j.jsonl")
    journal.append([{"target": "t", "path": "/a", "size": 1, "mtime_ns": 2, "status": "ok"}])
    journal.close()
    with open(journal.path, "ab") as handle:
        handle.write(b'{"target": "t", "path": "/b", "si')  # killed mid-line
    assert set(Journal(journal.path).finished("t")) == {"/a"}
    again = Journal(journal.path)
    again.append([{"target": "t", "path": "/c", "size": 1, "mtime_ns": 2, "status": "error"}])
    again.close()
    lines = journal.path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and all(json.loads(line) for line in lines)
    assert again.done_keys("t") == {("/a", 1, 2)}  # errors are tried again
    again.reset("t")
    assert again.finished("t") == {}


def test_interrupted_run_resumes_without_rereading_or_duplicates(tmp_path):
    make_corpus(tmp_path / "c", 20, bad=True)
    out, journal_path = tmp_path / "facts.jsonl", tmp_path / "journal.jsonl"

    def run(stop_after: int | None):
        seen = []
        journal = Journal(journal_path)
        writer = JsonlFactsWriter(out)

        def deliver(result):
            if stop_after is not None and len(seen) == stop_after:
                raise KeyboardInterrupt
            seen.append(result.path)
            writer.write(result)

        try:
            return run_batch(
                [tmp_path / "c"],
                on_result=deliver,
                commit=writer.commit,
                commit_every=4,
                journal=journal,
                journal_target="t",
                skip_hashes=writer.existing_hashes(),
                progress=False,
            ), seen
        finally:
            writer.close()
            journal.close()

    with pytest.raises(KeyboardInterrupt):
        run(stop_after=7)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 7
    done = Journal(journal_path).done_keys("t")
    assert len(done) == 7  # committed at the interruption, then journaled
    summary, seen = run(stop_after=None)
    assert summary.skipped == 7  # not read again
    assert summary.texts == 13 and summary.errors == 1 and summary.duplicates == 0
    facts = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    hashes = [f["source"]["sha256"] for f in facts]
    assert len(hashes) == len(set(hashes)) == 20
    assert file_key(tmp_path / "c" / "bai-000.txt") in Journal(journal_path).done_keys("t")


KILLED_RUN = """
import sys, time
import chidao.extraction.pipeline as pipeline
real = pipeline.extract
def slow(*args, **kwargs):
    time.sleep(0.05)
    return real(*args, **kwargs)
pipeline.extract = slow
from chidao.ingest.command import main_ingest
sys.exit(main_ingest(sys.argv[1:]))
"""


def test_run_killed_with_sigkill_then_resumed_finishes_without_duplicates(tmp_path):
    make_corpus(tmp_path / "c", 40)
    out, journal = tmp_path / "facts.jsonl", tmp_path / "journal.jsonl"
    args = [
        str(tmp_path / "c"),
        "--facts-out",
        str(out),
        "--journal",
        str(journal),
        "--no-progress",
    ]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_RUN, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 8:
            break
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    written = out.read_bytes().count(b"\n")
    assert 8 <= written < 40

    import io

    from chidao.ingest.command import main_ingest

    stdout, stderr = io.StringIO(), io.StringIO()
    assert main_ingest(args, stdout, stderr) == 0, stderr.getvalue()
    facts = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    hashes = [f["source"]["sha256"] for f in facts]
    assert len(hashes) == len(set(hashes)) == 40
    assert {Path(f["source"]["path"]).name for f in facts} == {
        f"bai-{i:03d}.txt" for i in range(40)
    }


def test_dask_local_cluster_equals_single_process(tmp_path):
    """Deselect with ``-k 'not dask'``; runs in the default suite (2 local workers, loopback)."""
    pytest.importorskip("dask.distributed")
    make_corpus(tmp_path / "c", 16, bad=True)
    one, s1 = collect([tmp_path / "c"], jobs=1)
    cluster, s2 = collect([tmp_path / "c"], jobs=2, cluster="local")
    assert "dask local cluster" in s2.mode
    assert s2.texts == 16 and s2.errors == 1
    assert by_hash(cluster) == by_hash(one)


def test_existing_dask_scheduler_by_address(tmp_path):
    """``scheduler="tcp://host:port"``: here a small in-process cluster on the loopback."""
    distributed = pytest.importorskip("dask.distributed")
    make_corpus(tmp_path / "c", 6)
    one, _ = collect([tmp_path / "c"])
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        dashboard_address=None,
        host="127.0.0.1",
        protocol="tcp",
    ) as cluster:
        remote, summary = collect([tmp_path / "c"], scheduler=cluster.scheduler_address)
    assert summary.mode.startswith("dask tcp://127.0.0.1:")
    assert by_hash(remote) == by_hash(one)


def dying_chunk(paths, *args):
    """A worker function that kills its process on a file named ``chet*`` (as a crash would)."""
    if any(Path(p).name.startswith("chet") for p in paths):
        os._exit(3)
    return _extract_chunk(paths, *args)


def raising_chunk(paths, *args):
    """A worker function whose task fails on a file named ``loi*``."""
    if any(Path(p).name.startswith("loi") for p in paths):
        raise MemoryError("không đủ bộ nhớ")
    return _extract_chunk(paths, *args)


def test_a_worker_process_that_dies_fails_only_its_file(tmp_path):
    make_corpus(tmp_path / "c", 12)
    (tmp_path / "c" / "chet.txt").write_text(article(50), encoding="utf-8")
    results, summary = collect([tmp_path / "c"], jobs=2, chunk_size=4, extract_chunk=dying_chunk)
    assert summary.texts == 12
    assert summary.errors == 1
    (path, reason) = summary.failures[0]
    assert path.endswith("chet.txt") and "worker process died" in reason


def test_dask_task_failure_fails_only_its_file(tmp_path):
    pytest.importorskip("dask.distributed")
    make_corpus(tmp_path / "c", 8)
    (tmp_path / "c" / "loi.txt").write_text(article(51), encoding="utf-8")
    results, summary = collect(
        [tmp_path / "c"], jobs=1, cluster="local", chunk_size=3, extract_chunk=raising_chunk
    )
    assert summary.texts == 8 and summary.errors == 1
    (path, reason) = summary.failures[0]
    assert path.endswith("loi.txt") and "MemoryError" in reason
