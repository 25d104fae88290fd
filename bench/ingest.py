"""Benchmark of batch ingestion: texts per second with 1 and 2 processes and a local Dask cluster.

    .venv/bin/python bench/ingest.py                 # 10,000 generated texts
    .venv/bin/python bench/ingest.py --texts 2000    # smaller
    .venv/bin/python bench/ingest.py --corpus DIR    # reuse (or fill, when empty) a folder

The corpus is generated with a fixed seed from Vietnamese sentence templates in the genre the
extractor reads (working sessions and review conferences with figures, document counts,
people and titles). Each run writes its facts to a JSON Lines file (the database-free path)
through ``run_batch`` with a journal, as ``chidao ingest --facts-out`` does, and the facts of
the three runs are checked to be equal. Printed: texts/s per mode, the speed-up of 2 processes
over 1 (target: at least 1.7x), and the peak RSS of the writer process (this one) and of the
largest worker. On a shared machine, ``--repeat 3`` interleaves the modes and keeps the best
rate of each; the CPU time per text (writer, workers) is printed as well, as it does not
depend on the load of the machine.

``--database`` adds a run through the database writer (``chidao ingest`` without
``--facts-out``) into a fresh SQLite file, in a process of its own (2 worker processes): it
prints the texts per second into the database, the rows written and the writer's peak RSS.
``--database-only`` runs only that.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from chidao.ingest.batch import run_batch  # noqa: E402
from chidao.ingest.facts_out import JsonlFactsWriter  # noqa: E402
from chidao.ingest.journal import Journal  # noqa: E402

DISTRICTS = [
    "Bình Gia",
    "Tràng Định",
    "Lộc Bình",
    "Đình Lập",
    "Hữu Lũng",
    "Chi Lăng",
    "Bắc Sơn",
    "Văn Quan",
    "Na Dương",
    "Thất Khê",
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Lương", "Hà"]
MIDDLES = ["Văn", "Thị", "Đức", "Minh", "Quang", "Thu", "Hữu", "Ngọc"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dung",
    "Giang",
    "Hải",
    "Hương",
    "Khánh",
    "Long",
    "Mai",
    "Nam",
    "Phúc",
    "Quân",
    "Sơn",
    "Thảo",
    "Tuấn",
    "Vinh",
    "Yến",
]
TITLES = [
    "Phó Bí thư Thường trực Tỉnh ủy",
    "Trưởng Ban Tổ chức Tỉnh ủy",
    "Chủ tịch Ủy ban nhân dân tỉnh",
    "Phó Chủ tịch Hội đồng nhân dân tỉnh",
    "Trưởng Ban Tuyên giáo Tỉnh ủy",
    "Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy",
]
LOCAL_TITLES = [
    "Bí thư Huyện ủy",
    "Chủ tịch Ủy ban nhân dân huyện",
    "Phó Bí thư Huyện ủy",
    "Chủ tịch Hội đồng nhân dân huyện",
]
INDICATORS = [
    ("thu ngân sách trên địa bàn", "tỷ đồng"),
    ("tổng giá trị sản xuất", "tỷ đồng"),
    ("diện tích gieo trồng cây hằng năm", "ha"),
    ("giá trị sản xuất công nghiệp", "tỷ đồng"),
    ("tổng vốn đầu tư công đã giải ngân", "tỷ đồng"),
    ("số lượt khách du lịch", "lượt"),
]
DOC_TYPES = ["chỉ thị", "kế hoạch", "nghị quyết", "hướng dẫn", "thông báo", "quyết định"]
DIRECTIONS = [
    "tập trung cao độ cho công tác phòng, chống thiên tai và dịch bệnh",
    "đẩy nhanh tiến độ giải ngân vốn đầu tư công, nhất là các công trình trọng điểm",
    "làm tốt công tác chuẩn bị đại hội đảng bộ các cấp",
    "rà soát, sắp xếp tổ chức bộ máy theo hướng tinh gọn, hiệu lực, hiệu quả",
    "chăm lo đời sống của nhân dân vùng biên giới, vùng đồng bào dân tộc thiểu số",
    "tăng cường kiểm tra, giám sát việc thực hiện các nghị quyết của cấp ủy",
]
PROPOSALS = [
    "hỗ trợ kinh phí nâng cấp tuyến đường liên xã",
    "bố trí vốn xây dựng trường học bán trú",
    "bổ sung biên chế cho lực lượng y tế cơ sở",
    "đầu tư hạ tầng khu vực cửa khẩu",
]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"


def _number(rng: random.Random, low: int, high: int) -> str:
    whole = rng.randint(low, high)
    return f"{whole:,}".replace(",", ".") + (
        f",{rng.randint(1, 99):02d}" if rng.random() < 0.5 else ""
    )


def make_text(rng: random.Random, index: int) -> str:
    """One article in the genre, 1.5-3 KB."""
    district = rng.choice(DISTRICTS)
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2019, 2025)
    leader, local = _person(rng), _person(rng)
    title = rng.choice(TITLES)
    working = rng.random() < 0.5
    if working:
        heading = f"Đoàn công tác của Tỉnh ủy làm việc với Huyện ủy {district} (bài số {index})"
        opening = (
            f"Ngày {day}/{month}/{year}, đồng chí {leader}, {title}, trưởng đoàn công tác "
            f"của Tỉnh ủy đã có buổi làm việc với Ban Thường vụ Huyện ủy {district} về "
            f"tình hình thực hiện nhiệm vụ chính trị {rng.choice(['6 tháng đầu năm', '9 tháng', 'năm'])} {year}."
        )
    else:
        heading = f"Huyện ủy {district} tổ chức hội nghị sơ kết (bài số {index})"
        opening = (
            f"Ngày {day}/{month}/{year}, Ban Chấp hành Đảng bộ huyện {district} tổ chức hội nghị "
            f"sơ kết công tác 6 tháng đầu năm {year}. Đồng chí {leader}, {title} dự và chỉ đạo hội nghị."
        )
    lines = [heading, opening]
    lines.append(
        f"Theo báo cáo do đồng chí {local}, {rng.choice(LOCAL_TITLES)} trình bày, trong kỳ "
        f"Huyện ủy đã ban hành "
        + ", ".join(f"{rng.randint(1, 40)} {t}" for t in rng.sample(DOC_TYPES, rng.randint(2, 4)))
        + "."
    )
    for name, unit in rng.sample(INDICATORS, rng.randint(2, 4)):
        share = _number(rng, 30, 120)
        change = _number(rng, 1, 40)
        verb = rng.choice(["tăng", "giảm"])
        lines.append(
            f"Ước thực hiện {name} đạt {_number(rng, 10, 5000)} {unit}, bằng {share}% kế hoạch, "
            f"{verb} {change}% so với cùng kỳ năm trước."
        )
    total = rng.randint(6, 14)
    done = rng.randint(0, total // 3)
    lines.append(
        f"Huyện triển khai {total} nhiệm vụ trọng tâm thuộc {rng.randint(2, 5)} nhóm; "
        f"đến nay {done} nhiệm vụ hoàn thành, {total - done} nhiệm vụ đang triển khai đạt tiến độ."
    )
    lines.append("Huyện ủy kiến nghị Tỉnh ủy quan tâm " + "; ".join(rng.sample(PROPOSALS, 2)) + ".")
    lines.append(
        f"Phát biểu kết luận, đồng chí {leader} đề nghị Huyện ủy {district} cần "
        + "; ".join(rng.sample(DIRECTIONS, 3))
        + "."
    )
    lines.append(rng.choice(["PV", "THU HÀ", "MINH ĐỨC", "BÍCH NGỌC"]))
    return "\n".join(lines) + "\n"


def make_corpus(folder: Path, count: int, seed: int = 20260701) -> int:
    """Write ``count`` texts in sub-folders of 1,000 (kept when they are there already)."""
    rng = random.Random(seed)
    existing = sum(1 for _ in folder.rglob("*.txt"))
    if existing >= count:
        return existing
    for index in range(count):
        text = make_text(rng, index)
        path = folder / f"{index // 1000:03d}" / f"bai-{index:06d}.txt"
        if index % 1000 == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return count


def _digest(jsonl: Path) -> tuple[int, str]:
    """Count and order-free digest of the facts (paths left out), streamed: little memory."""
    pairs = []
    with jsonl.open(encoding="utf-8") as handle:
        for line in handle:
            facts = json.loads(line)
            facts["source"]["path"] = None
            canonical = json.dumps(facts, sort_keys=True, ensure_ascii=False).encode()
            pairs.append((facts["source"]["sha256"], hashlib.sha256(canonical).hexdigest()))
    pairs.sort()
    return len(pairs), hashlib.sha256(repr(pairs).encode()).hexdigest()


def run_mode(name: str, corpus: Path, work: Path, **options) -> dict:
    out = work / f"facts-{name}.jsonl"
    journal = Journal(work / f"journal-{name}.jsonl")
    for old in (out, journal.path):  # each run starts afresh
        old.unlink(missing_ok=True)
    load = os.getloadavg()[0]
    me, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    with JsonlFactsWriter(out) as writer:
        summary = run_batch(
            [corpus],
            on_result=writer.write,
            commit=writer.commit,
            journal=journal,
            journal_target=name,
            skip_hashes=writer.existing_hashes(),
            progress=False,
            **options,
        )
    journal.close()
    me2, children2 = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    writer_cpu = (me2.ru_utime + me2.ru_stime) - (me.ru_utime + me.ru_stime)
    worker_cpu = (children2.ru_utime + children2.ru_stime) - (children.ru_utime + children.ru_stime)
    rows, digest = _digest(out)
    rss = me2.ru_maxrss / 1024
    n = max(1, summary.processed)
    print(
        f"{name:>22}: {summary.processed} texts in {summary.seconds:6.1f} s = "
        f"{summary.rate:7.1f} texts/s  (errors {summary.errors}, facts {rows}; CPU per text: "
        f"writer {1000 * writer_cpu / n:.2f} ms, workers {1000 * worker_cpu / n:.2f} ms; "
        f"load average before {load:.1f}; writer peak RSS so far {rss:.0f} MiB)",
        flush=True,
    )
    return {
        "rate": summary.rate,
        "digest": digest,
        "summary": summary,
        "cpu": (writer_cpu / n, worker_cpu / n),
    }


def run_database(corpus: Path, work: Path, jobs: int = 2) -> int:
    """The database-writer run, in a fresh process on a fresh SQLite file."""
    env = dict(os.environ, CHIDAO_DATA_DIR=str(work / "database"))
    env.pop("CHIDAO_DATABASE_URL", None)
    (work / "database").mkdir(exist_ok=True)
    child = [sys.executable, __file__, "--database-child", str(corpus), "--jobs", str(jobs)]
    return subprocess.run(child, env=env, check=False).returncode


def database_child(corpus: Path, jobs: int) -> int:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chidao.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from chidao.ingest.command import DATABASE_TARGET, database_writer
    from chidao.ingest.models import Fact, Source

    sink = database_writer()
    before = resource.getrusage(resource.RUSAGE_SELF)
    journal = Journal(Path(os.environ["CHIDAO_DATA_DIR"]) / "journal.jsonl")
    try:
        summary = run_batch(
            [corpus],
            jobs=jobs,
            on_result=sink.write,
            commit=sink.commit,
            journal=journal,
            journal_target=DATABASE_TARGET,
            skip_hashes=sink.existing_hashes(),
            keep_text=True,
            progress=False,
        )
    finally:
        sink.close()
        journal.close()
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    n = max(1, summary.processed)
    print(
        f"{'database (SQLite), ' + str(jobs) + ' processes':>22}: {summary.processed} texts in "
        f"{summary.seconds:6.1f} s = {summary.rate:7.1f} texts/s into the database "
        f"({Source.objects.count()} sources, {Fact.objects.count()} facts, errors "
        f"{summary.errors}; writer CPU per text {1000 * cpu / n:.2f} ms; writer peak RSS "
        f"{after.ru_maxrss / 1024:.0f} MiB)",
        flush=True,
    )
    return 1 if summary.errors else 0


def _autogroup() -> bool:
    try:
        return Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1"
    except OSError:
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=10_000)
    parser.add_argument("--corpus", type=Path, help="folder of texts to use (filled if empty)")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument(
        "--repeat", type=int, default=1, help="rounds of all modes, interleaved; best rate kept"
    )
    parser.add_argument("--database", action="store_true", help="add the database-writer run")
    parser.add_argument("--database-only", action="store_true", help="only that run")
    parser.add_argument("--database-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.database_child:
        return database_child(args.database_child, args.jobs)
    with tempfile.TemporaryDirectory(prefix="chidao-bench-") as tmp:
        work = Path(tmp)
        corpus = args.corpus or work / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        count = make_corpus(corpus, args.texts)
        size = sum(p.stat().st_size for p in corpus.rglob("*.txt"))
        print(
            f"corpus: {count} texts, {size / 1e6:.1f} MB in {corpus} "
            f"({time.monotonic() - started:.1f} s to prepare); {os.cpu_count()} CPUs",
            flush=True,
        )
        if args.database_only:
            return run_database(corpus, work)
        modes = [("1 process", {"jobs": 1}), ("2 processes", {"jobs": 2})]
        if not args.skip_dask:
            modes.append(("dask local, 2 workers", {"jobs": 2, "cluster": "local"}))
        best: dict[str, float] = {}
        cpu: dict[str, tuple[float, float]] = {}
        digests = set()
        for round_ in range(args.repeat):
            if args.repeat > 1:
                print(f"round {round_ + 1} of {args.repeat}", flush=True)
            for name, options in modes:  # interleaved: every mode sees the same machine load
                run = run_mode(name, corpus, work, **options)
                best[name] = max(best.get(name, 0.0), run["rate"])
                cpu[name] = run["cpu"]
                digests.add(run["digest"])
        same = len(digests) == 1
        one = best["1 process"]
        label = "best of each mode" if args.repeat > 1 else "texts/s"
        print(f"{label}: " + ", ".join(f"{name} {rate:.1f}/s" for name, rate in best.items()))
        print(f"speed-up 2 processes / 1: {best['2 processes'] / one:.2f}x (target >= 1.7x)")
        if not args.skip_dask:
            print(
                f"speed-up dask 2 workers / 1 process: {best['dask local, 2 workers'] / one:.2f}x"
            )
        # What the CPU times predict on 2 free cores: the writer and the workers share them.
        single = sum(cpu["1 process"])
        for name in best:
            if name != "1 process":
                projected = single / (sum(cpu[name]) / 2)
                print(f"CPU-time projection on 2 idle cores, {name} / 1 process: {projected:.2f}x")
        if _autogroup() and os.getloadavg()[0] > (os.cpu_count() or 1):
            print(
                "note: the machine is busy and the kernel shares CPU between sessions "
                "(sched_autogroup): the wall-clock speed-ups above are bounded by this "
                "session's share, not by the code"
            )
        print(f"facts equal across modes: {'yes' if same else 'NO'}")
        writer = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak RSS: writer (this process) {writer:.0f} MiB, largest worker {worker:.0f} MiB")
        if args.database and run_database(corpus, work):
            return 1
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
