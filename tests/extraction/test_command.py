import codecs
import io
import json

import pytest

from chidao.extraction.command import main_extract
from chidao.extraction.resources import load_tsv

TEXT = (
    "Huyện ủy làm việc với đoàn công tác\n"
    "Chiều 19/8/2021, Đoàn công tác làm việc với Huyện ủy. Tính đến trung tuần tháng 8/2021, "
    "thu ngân sách trên địa bàn huyện đạt trên 380 tỷ đồng, vượt 0,96% dự toán tỉnh giao.\n"
)


def legacy_bytes(text: str, table: str) -> bytes:
    """Encode with the shipped chart (TCVN3: one byte per letter; VNI: letter + mark byte)."""
    rows = load_tsv(table)
    if table == "tcvn3.tsv":
        reverse = {char: bytes([int(code, 16)]) for code, char in rows}
    else:
        reverse = {char: seq.encode("latin-1") for seq, char in rows}
    return b"".join(reverse.get(ch) or ch.encode("ascii") for ch in text)


def run(argv, stdin=b""):
    out, err = io.StringIO(), io.StringIO()
    code = main_extract(argv, stdout=out, stderr=err, stdin=io.BytesIO(stdin))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def files(tmp_path):
    def write(name, data):
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)

    return write


def test_json_one_object_per_line_in_order(files):
    a = files("a.txt", TEXT.encode())
    b = files("b.txt", ("Khác\n" + TEXT).encode())
    code, out, err = run(["--json", a, b])
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 2
    objs = [json.loads(line) for line in lines]
    assert [o["source"]["path"] for o in objs] == [a, b]
    assert objs[0]["indicators"][0]["value"] == 380
    assert "Thu ngân sách" in lines[0] or "thu ngân sách" in lines[0]  # ensure_ascii=False


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        TEXT.encode("utf-16-le"),
        legacy_bytes(TEXT, "tcvn3.tsv"),
        legacy_bytes(TEXT, "vni.tsv"),
    ],
    ids=["utf8-bom", "utf16-bom", "utf16le-nobom", "tcvn3", "vni"],
)
def test_encodings(files, data):
    path = files("x.txt", data)
    code, out, err = run(["--json", path])
    assert code == 0, err
    facts = json.loads(out)
    ind = facts["indicators"][0]
    assert ind["value"] == 380 and ind["unit"] == "tỷ đồng"
    assert ind["pct_of_plan"] == 100.96


def test_bad_file_among_good_ones(files):
    good1 = files("g1.txt", TEXT.encode())
    binary = files("b.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    empty = files("e.txt", b"")
    good2 = files("g2.txt", TEXT.encode())
    missing = str(files("m.txt", b"x")) + ".missing"
    code, out, err = run(["--json", good1, binary, empty, missing, good2])
    assert code == 1
    assert [json.loads(line)["source"]["path"] for line in out.splitlines()] == [good1, good2]
    err_lines = err.splitlines()
    assert len(err_lines) == 3
    assert binary in err_lines[0] and "binary" in err_lines[0]
    assert empty in err_lines[1] and "empty" in err_lines[1]
    assert missing in err_lines[2]


def test_stdin():
    code, out, err = run(["--json", "-"], stdin=TEXT.encode())
    assert code == 0, err
    assert json.loads(out)["source"]["path"] == "<stdin>"


def test_stdin_empty_is_an_error():
    code, out, err = run(["-"], stdin=b"")
    assert code == 1 and out == ""
    assert "<stdin>" in err and "empty" in err


def test_summary(files):
    path = files("a.txt", TEXT.encode())
    code, out, err = run([path])
    assert code == 0
    assert "2021-08-19" in out
    assert "Thu ngân sách trên địa bàn" in out
    assert not out.lstrip().startswith("{")


def test_publication_date(files):
    path = files("a.txt", "Sáng nay (20/6), Ban Chấp hành Đảng bộ huyện họp.".encode())
    code, out, _ = run(["--json", "--publication-date", "2023-06-21", path])
    assert code == 0
    assert json.loads(out)["event_date"] == "2023-06-20"
    code, out, _ = run(["--json", path])
    assert json.loads(out)["event_date"] is None


@pytest.mark.parametrize("value", ["2023-13-01", "20/6/2023", "yesterday"])
def test_bad_publication_date(files, value):
    path = files("a.txt", TEXT.encode())
    code, out, err = run(["--publication-date", value, path])
    assert code == 2
    assert out == ""
    assert "publication-date" in err


def test_no_files_is_usage_error():
    code, _, err = run([])
    assert code == 2
    assert "usage" in err.lower()


def test_summary_writes_numbers_the_vietnamese_way(files):
    path = files("a.txt", TEXT.encode())
    code, out, _ = run([path])
    assert code == 0
    assert "trên 380 tỷ đồng" in out
    assert "100,96% of plan" in out
