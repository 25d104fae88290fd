"""Throughput, memory and linearity of the extraction pipeline.

    .venv/bin/python bench/extract.py [--mb 10] [--seed 7]

Generates (fixed seed, sentence templates below) a corpus of articles in the genre the
extractor reads, runs the whole pipeline (``chidao.extraction.pipeline.extract``) over it in one
process, and prints: MB/s per core, peak memory, and the time of one 1 MB text against one
10 MB text (a linear pipeline takes ~10x as long for the 10 MB text).
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from chidao.extraction.pipeline import default_pipeline, extract  # noqa: E402

PLACES = [
    "Cao Lộc",
    "Lộc Bình",
    "Văn Lãng",
    "Mai Sơn",
    "Thoại Sơn",
    "Krông Pắc",
    "Núi Thành",
    "Con Cuông",
]
PROVINCES = ["Lạng Sơn", "Sơn La", "An Giang", "Đắk Lắk", "Quảng Nam", "Nghệ An", "Cao Bằng"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Lương"]
MIDDLE = ["Văn", "Thị", "Quốc", "Minh", "Hữu", "Đức", "Thế", "Hồng"]
GIVEN = ["Đoàn", "Khoa", "Dũng", "Hạnh", "Hùng", "Lan", "Tuấn", "Hoa", "Bình", "Nam"]
POSITIONS = [
    "Bí thư Tỉnh ủy",
    "Phó Bí thư Thường trực Tỉnh ủy",
    "Chủ tịch UBND tỉnh",
    "Ủy viên Ban Thường vụ Tỉnh ủy",
    "Phó Chủ tịch Thường trực HĐND tỉnh",
]
INDICATORS = [
    ("thu ngân sách trên địa bàn {place_word}", "tỷ đồng"),
    ("chi ngân sách địa phương", "tỷ đồng"),
    ("giá trị sản xuất công nghiệp", "tỷ đồng"),
    ("tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng", "tỷ đồng"),
    ("kim ngạch xuất nhập khẩu qua cửa khẩu", "triệu USD"),
    ("diện tích gieo trồng vụ xuân", "ha"),
    ("tổng sản lượng lương thực có hạt", "tấn"),
    ("tổng lượt khách du lịch", "nghìn lượt khách"),
]
PERIODS = [
    "Trong 6 tháng đầu năm {y}",
    "Trong quý I/{y}",
    "Trong 9 tháng năm {y}",
    "Năm {y}",
    "Tính đến trung tuần tháng 8/{y}",
]
FILLER = [
    "Công tác xây dựng Đảng, xây dựng hệ thống chính trị trong sạch, vững mạnh tiếp tục được chú trọng.",
    "Quốc phòng – an ninh được giữ vững, trật tự an toàn xã hội được bảo đảm.",
    "Lĩnh vực văn hóa – xã hội có nhiều tiến bộ; công tác giảm nghèo được thực hiện có hiệu quả.",
    "Công tác phòng, chống dịch bệnh được triển khai quyết liệt, đồng bộ.",
    "Cải cách hành chính, chuyển đổi số được đẩy mạnh, môi trường đầu tư kinh doanh được cải thiện.",
]


def number(rng: random.Random, lo: float, hi: float, decimals: int) -> str:
    value = rng.uniform(lo, hi)
    text = f"{value:,.{decimals}f}"  # 1,234.56
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def article(rng: random.Random) -> str:
    y = rng.randint(2015, 2025)
    place = rng.choice(PLACES)
    leader = person(rng)
    pos = rng.choice(POSITIONS)
    d, m = rng.randint(1, 28), rng.randint(1, 12)
    lines = [
        f"Huyện {place} phát huy tiềm năng, lợi thế để phát triển",
        f"Thứ {rng.randint(2, 7)}, {rng.randint(1, 28)}/{rng.randint(1, 12)}/{y + 1}",
        f"– Chiều {d}/{m}/{y}, Đoàn công tác của Thường trực Tỉnh ủy {rng.choice(PROVINCES)} do đồng chí "
        f"{leader}, {pos} làm trưởng đoàn làm việc với Huyện ủy {place}.",
    ]
    body = []
    for _ in range(rng.randint(3, 8)):
        period = rng.choice(PERIODS).format(y=y)
        name, unit = rng.choice(INDICATORS)
        name = name.format(place_word="huyện")
        body.append(
            f"{period}, {name} đạt {rng.choice(['', 'trên ', 'gần ', 'khoảng '])}"
            f"{number(rng, 10, 5000, rng.choice([0, 1, 2]))} {unit}, "
            f"{rng.choice(['bằng', 'đạt'])} {number(rng, 30, 99, 2)}% {rng.choice(['dự toán', 'kế hoạch'])}"
            f" và tăng {number(rng, 1, 40, 2)}% so với cùng kỳ năm {y - 1}."
        )
        body.append(rng.choice(FILLER))
    body.append(
        f"Ban Thường vụ Huyện ủy đã ban hành {rng.randint(1, 9)} chỉ thị, {rng.randint(5, 40)} kế hoạch, "
        f"{rng.randint(2, 30)} nghị quyết và {rng.randint(5, 30)} thông báo."
    )
    body.append(
        f"Trong {rng.randint(8, 12)} nhiệm vụ thuộc {rng.randint(3, 5)} nhóm nhiệm vụ trọng tâm, có "
        f"{rng.randint(1, 3)} nhiệm vụ hoàn thành, {rng.randint(4, 7)} nhiệm vụ cơ bản hoàn thành đạt tiến độ."
    )
    body.append(
        "Huyện đề xuất, kiến nghị với đoàn công tác: đầu tư hạ tầng khu vực biên giới; "
        "hỗ trợ kinh phí làm đường giao thông nông thôn; đào tạo nghề cho lao động nông thôn."
    )
    body.append(
        f"Phát biểu kết luận, đồng chí {leader} yêu cầu: huyện cần tiếp tục tăng cường công tác phòng, "
        "chống dịch bệnh; đẩy mạnh cải cách hành chính; thực hiện tốt công tác giải phóng mặt bằng."
    )
    lines.append(" ".join(body[: len(body) // 2]))
    lines.append(" ".join(body[len(body) // 2 :]))
    lines.append(f"{rng.choice(GIVEN).upper()} {rng.choice(FAMILY).upper()}")
    return "\n".join(lines)


def corpus(mb: float, seed: int) -> list[str]:
    rng = random.Random(seed)
    docs, size = [], 0
    while size < mb * 1_000_000:
        text = article(rng)
        docs.append(text)
        size += len(text.encode("utf-8"))
    return docs


def single_text(mb: float, seed: int) -> str:
    return "\n".join(corpus(mb, seed))


def component_times(text: str) -> dict[str, float]:
    """CPU time of each pipeline component on one text."""
    pipe = default_pipeline()
    out: dict[str, float] = {}

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        t = time.process_time()
        result = fn()
        out[name] = time.process_time() - t
        return result

    doc = timed("make_doc", lambda: pipe.make_doc(text, None))
    timed("classify", lambda: pipe.classify(doc))
    timed("event_date", lambda: pipe.event_date(doc))
    people, _ = timed("people", lambda: pipe.people(doc))
    for name in ("organizations", "document_refs", "documents_issued", "indicators"):
        timed(name, lambda name=name: getattr(pipe, name)(doc))
    for name in ("task_counts", "recommendations"):
        timed(name, lambda name=name: getattr(pipe, name)(doc))
    timed("directions", lambda: pipe.directions(doc, people))
    return out


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-linearity", action="store_true")
    args = parser.parse_args()

    docs = corpus(args.mb, args.seed)
    total = sum(len(d.encode("utf-8")) for d in docs)
    extract(docs[0])  # warm up: load vocabularies, compile patterns
    gc.collect()
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    n_ind = 0
    for d in docs:
        n_ind += len(extract(d)["indicators"])
    wall = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    print(f"corpus: {len(docs)} articles, {total / 1e6:.2f} MB, {n_ind} indicators")
    print(f"throughput: {total / 1e6 / cpu:.2f} MB/s per core (cpu {cpu:.2f} s, wall {wall:.2f} s)")
    print(f"peak memory (RSS, after corpus): {peak_rss_mb():.0f} MB")

    if args.no_linearity:
        return
    times: dict[int, float] = {}
    parts: dict[int, dict[str, float]] = {}
    for size in (1, 10):
        text = single_text(size, args.seed + size)
        gc.collect()
        t = time.process_time()
        extract(text)
        times[size] = time.process_time() - t
        print(
            f"single text {size:>2} MB: {times[size]:.2f} s cpu "
            f"({len(text.encode('utf-8')) / 1e6 / times[size]:.2f} MB/s), "
            f"peak RSS so far {peak_rss_mb():.0f} MB"
        )
        parts[size] = component_times(text)
        del text
    print("per component, 10 MB / 1 MB cpu time (linear = 10):")
    for name in parts[1]:
        a, b = parts[1][name], parts[10][name]
        ratio = f"{b / a:5.1f}" if a > 0.005 else "    -"
        print(f"  {name:<17} {a:6.2f} s -> {b:6.2f} s  ratio {ratio}")
    print(f"linearity: 10 MB / 1 MB time ratio = {times[10] / times[1]:.1f} (linear = 10)")
    print(f"peak memory (RSS, whole run): {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
