"""Reading .txt, .docx, .pdf and .html files into text, and refusing what must not be read."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from chidao.ingest.readers import (
    ReadError,
    canonical_text,
    content_hash,
    iter_paths,
    read_document,
)

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

PARAGRAPHS = [
    "Huyện ủy Tràng Định sơ kết công tác quý III",
    "Chiều 2/10, Ban Thường vụ Huyện ủy Tràng Định họp sơ kết công tác quý III năm 2024.",
    "Trong quý, Huyện ủy ban hành 7 kế hoạch và 3 nghị quyết; thu ngân sách trên địa bàn "
    "ước đạt 96,4 tỷ đồng, bằng 71,2% dự toán tỉnh giao.",
    "Đồng chí Lương Thị Hạnh, Bí thư Huyện ủy, yêu cầu các xã đẩy nhanh tiến độ xây dựng "
    "nông thôn mới.",
]


def make_docx(path: Path, paragraphs: list[str], title: str | None = None, table=None) -> Path:
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    for index, text in enumerate(paragraphs):
        document.add_paragraph(text)
        if table and index == 1:
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, value in enumerate(row):
                    grid.cell(r, c).text = value
    document.save(path)
    return path


def make_pdf(path: Path, paragraphs: list[str], title: str | None = None) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    if title:
        pdf.set_title(title)
    for text in paragraphs:
        pdf.multi_cell(0, 7, text)
        pdf.ln(2)
    pdf.output(str(path))
    return path


needs_font = pytest.mark.skipif(
    not FONT.exists(),
    reason=f"{FONT} missing: install Debian's fonts-dejavu-core (CI apt line) for the PDF tests",
)


def test_txt_is_decoded_and_hashed_by_content(tmp_path):
    path = tmp_path / "bao-cao.txt"
    path.write_text("\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    read = read_document(path, 1_000_000)
    assert read.kind == "txt"
    assert read.title is None
    assert read.text.startswith("Huyện ủy Tràng Định")
    assert read.sha256 == content_hash("\n".join(PARAGRAPHS))


def test_same_content_in_two_files_and_two_formats_is_one_hash(tmp_path):
    unix = tmp_path / "a.txt"
    unix.write_text("\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    windows = tmp_path / "sub" / "b.txt"
    windows.parent.mkdir()
    windows.write_bytes(("\r\n".join(PARAGRAPHS) + "  \r\n\r\n").encode("utf-8-sig"))
    word = make_docx(tmp_path / "c.docx", PARAGRAPHS)
    hashes = {read_document(p, 1_000_000).sha256 for p in (unix, windows, word)}
    assert len(hashes) == 1


def test_hash_is_of_nfc_text():
    composed = "Thu ngân sách đạt 96,4 tỷ đồng"
    import unicodedata

    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert content_hash(decomposed) == content_hash(composed)
    assert canonical_text("a  \r\nb\r\n\n") == "a\nb"


def test_docx_paragraphs_and_tables_in_order_with_title(tmp_path):
    table = [["Chỉ tiêu", "Kết quả"], ["Thu ngân sách", "96,4 tỷ đồng"]]
    path = make_docx(tmp_path / "bao-cao.docx", PARAGRAPHS, title="Báo cáo quý III", table=table)
    read = read_document(path, 1_000_000)
    assert read.kind == "docx"
    assert read.title == "Báo cáo quý III"
    lines = read.text.split("\n")
    assert lines[:2] == PARAGRAPHS[:2]
    assert lines[2:4] == ["Chỉ tiêu\tKết quả", "Thu ngân sách\t96,4 tỷ đồng"]
    assert lines[4:] == PARAGRAPHS[2:]


@needs_font
def test_pdf_text_of_all_pages(tmp_path):
    long = PARAGRAPHS * 12  # more than one page
    path = make_pdf(tmp_path / "bao-cao.pdf", long, title="Sơ kết quý III")
    read = read_document(path, 5_000_000)
    assert read.kind == "pdf"
    assert read.title == "Sơ kết quý III"
    assert "Ban Thường vụ Huyện ủy Tràng Định" in read.text
    assert "96,4 tỷ đồng" in read.text
    assert read.text.count("Lương Thị Hạnh") == 12
    from pypdf import PdfReader

    assert len(PdfReader(path).pages) > 1


def test_pdf_without_text_layer_is_refused(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a drawing, as a scan would be: no text
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(ReadError, match=r"scan\.pdf: .*no text layer \(scanned\?\)"):
        read_document(path, 1_000_000)


def test_corrupt_pdf_is_refused(tmp_path):
    path = tmp_path / "hong.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage" + bytes(range(256)) * 4)
    with pytest.raises(ReadError, match=r"hong\.pdf: "):
        read_document(path, 1_000_000)


def saved_page() -> str:
    menu = "".join(
        f'<li><a href="/chuyen-muc/{i}">Mục điều hướng số {i}</a></li>' for i in range(15)
    )
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:])
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Huyện ủy Tràng Định sơ kết công tác quý III | Báo Điện tử Thử Nghiệm</title></head>
<body>
<header><div class="logo">Báo Điện tử Thử Nghiệm</div><nav><ul>{menu}</ul></nav></header>
<div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="/xa-hoi">Xã hội</a></div>
<main><article>
<h1>{PARAGRAPHS[0]}</h1>
<div class="content">{body}</div>
</article></main>
<aside><h3>Tin đọc nhiều</h3><ul><li><a href="/x">Giá vàng hôm nay biến động mạnh</a></li></ul></aside>
<footer><p>Cơ quan chủ quản: Công ty Thử Nghiệm. Giấy phép số 999/GP. Ghi rõ nguồn khi
phát hành lại thông tin từ website này. Liên hệ quảng cáo: 0123 456 789.</p></footer>
</body></html>"""


def test_html_keeps_the_article_and_drops_menus_and_footer(tmp_path):
    path = tmp_path / "trang.html"
    path.write_text(saved_page(), encoding="utf-8")
    read = read_document(path, 1_000_000)
    assert read.kind == "html"
    assert read.title and read.title.startswith("Huyện ủy Tràng Định sơ kết")
    assert "Ban Thường vụ Huyện ủy Tràng Định họp sơ kết" in read.text
    assert "96,4 tỷ đồng" in read.text
    for noise in ("Mục điều hướng", "Giấy phép số", "Liên hệ quảng cáo", "Giá vàng", "Trang chủ"):
        assert noise not in read.text


def test_corrupt_docx_is_refused(tmp_path):
    good = make_docx(tmp_path / "tot.docx", PARAGRAPHS).read_bytes()
    truncated = tmp_path / "hong.docx"
    truncated.write_bytes(good[: len(good) // 2])
    with pytest.raises(ReadError, match=r"hong\.docx: not a valid \.docx file"):
        read_document(truncated, 1_000_000)
    renamed = tmp_path / "doi-ten.docx"
    renamed.write_text("đây không phải tệp Word", encoding="utf-8")
    with pytest.raises(ReadError, match=r"doi-ten\.docx: not a valid \.docx file"):
        read_document(renamed, 1_000_000)
    other_zip = tmp_path / "nen.docx"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("readme.txt", "không có word/document.xml")
    with pytest.raises(ReadError, match=r"no word/document\.xml"):
        read_document(other_zip, 1_000_000)


def zip_bomb(path: Path, megabytes: int) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                member.write(block)
    path.write_bytes(buffer.getvalue())
    return path


def test_zip_bomb_disguised_as_docx_is_refused_before_unpacking(tmp_path):
    bomb = zip_bomb(tmp_path / "bao-cao.docx", 64)
    assert bomb.stat().st_size < 200_000
    with pytest.raises(ReadError, match=r"bao-cao\.docx: refused: .*possible zip bomb"):
        read_document(bomb, 20_000_000)
    # and by the absolute limit: 64 MB unpacked is over 10 x a 1 MB limit
    with pytest.raises(ReadError, match=r"unpacks to \d+ bytes, over 10000000"):
        read_document(bomb, 1_000_000)


def test_binary_renamed_txt_is_refused(tmp_path):
    path = tmp_path / "anh.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ReadError) as info:
        read_document(path, 1_000_000)
    assert str(info.value) == f"{path}: binary data, not text"


def test_file_over_the_limit_names_the_limit(tmp_path):
    path = tmp_path / "lon.txt"
    path.write_text("Thu ngân sách tăng. " * 600, encoding="utf-8")
    with pytest.raises(
        ReadError, match=r"lon\.txt: file is \d+ bytes, over the limit of 4096 bytes"
    ):
        read_document(path, 4096)


def test_unknown_extension_empty_and_missing_files(tmp_path):
    odd = tmp_path / "bang.xlsx"
    odd.write_bytes(b"PK")
    with pytest.raises(ReadError, match=r"bang\.xlsx: unsupported file type '\.xlsx'"):
        read_document(odd, 1000)
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"  \n")
    with pytest.raises(ReadError, match=r"rong\.txt: empty file"):
        read_document(empty, 1000)
    with pytest.raises(ReadError, match=r"khong-co\.txt: no such file"):
        read_document(tmp_path / "khong-co.txt", 1000)


def test_errors_are_one_line(tmp_path):
    path = tmp_path / "hong.docx"
    path.write_bytes(b"PK\x03\x04 broken\n\nzip")
    with pytest.raises(ReadError) as info:
        read_document(path, 1000)
    assert "\n" not in str(info.value)
    assert str(info.value).startswith(str(path))


def test_iter_paths_sorted_recursive_without_hidden_or_unknown(tmp_path):
    for name in (
        "b/2.txt",
        "b/1.docx",
        "a.txt",
        ".an/3.txt",
        "b/.tam.txt",
        "c/anh.png",
        "c/d/4.html",
    ):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])]
    assert found == ["a.txt", "b/1.docx", "b/2.txt", "c/d/4.html"]
    explicit = list(iter_paths([tmp_path / "c" / "anh.png", tmp_path / "b" / "2.txt"]))
    assert [p.name for p in explicit] == ["anh.png", "2.txt"]
