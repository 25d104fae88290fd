"""The review report of Huyện ủy Cao Lộc for 8 months of 2021, from the demo records."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from chidao.core.actors import system_actor
from chidao.core.errors import ServiceError
from chidao.reports.build import build_report
from chidao.reports.data import parse_period, review_report_data, vn_long_date

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
EXPECTED_PDF_PAGES = 4  # header, 5 sections with 4 tables and the chart, signature


def docx_text(content: bytes) -> tuple[object, str]:
    from docx import Document

    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return doc, "\n".join(parts)


# --------------------------------------------------------------------------- periods


@pytest.mark.parametrize(
    "code, start, end, label",
    [
        ("2021-08", dt.date(2021, 1, 1), dt.date(2021, 8, 31), "8 tháng năm 2021"),
        ("2021-H1", dt.date(2021, 1, 1), dt.date(2021, 6, 30), "6 tháng đầu năm 2021"),
        ("2021-06", dt.date(2021, 1, 1), dt.date(2021, 6, 30), "6 tháng đầu năm 2021"),
        ("2021", dt.date(2021, 1, 1), dt.date(2021, 12, 31), "năm 2021"),
        ("2024-02", dt.date(2024, 1, 1), dt.date(2024, 2, 29), "2 tháng năm 2024"),
    ],
)
def test_periods(code, start, end, label):
    period = parse_period(code)
    assert (period.start, period.end, period.label) == (start, end, label)
    assert period.review == ("tổng kết" if code == "2021" else "sơ kết")


@pytest.mark.parametrize("code", ["2021-13", "21-08", "2021-Q3", "", "2021/08"])
def test_invalid_periods_are_refused(code):
    with pytest.raises(ServiceError, match="Kỳ báo cáo"):
        parse_period(code)


def test_long_date_takes_leading_zeros_as_party_documents_do():
    assert vn_long_date(dt.date(2021, 8, 31)) == "ngày 31 tháng 8 năm 2021"
    assert vn_long_date(dt.date(2021, 2, 5)) == "ngày 05 tháng 02 năm 2021"


# --------------------------------------------------------------------------- figures


def test_figures_come_from_the_records(demo):
    data = review_report_data(demo, "2021-08")
    assert data.cutoff == dt.date(2021, 8, 31)
    assert dict(data.documents) == {
        "Chỉ thị": 3,
        "Kế hoạch": 35,
        "Nghị quyết": 26,
        "Hướng dẫn": 6,
        "Thông báo": 24,
    }
    assert data.documents_total == 94
    assert data.task_rollup.sentence == (
        "10 nhiệm vụ thuộc 5 nhóm: 1 hoàn thành, 8 đạt tiến độ, 1 chậm tiến độ"
    )
    assert [t.status for t in data.tasks].count("overdue") == 1
    # Two tasks passed to the commune on 1/7/2025; in 2021 the district led them.
    assert {t.lead_unit for t in data.tasks} == {"Huyện ủy Cao Lộc"}
    assert {r.raised_by for r in data.recommendations} == {"Huyện ủy Cao Lộc"}
    (revenue,) = data.indicators
    assert revenue.value == Decimal("380") and revenue.target == Decimal("376.4")
    assert round(revenue.share, 2) == Decimal("100.96")
    assert round(revenue.change, 2) == Decimal("28.38")
    assert revenue.last_year == Decimal("296") and not revenue.share_stated
    assert len(data.recommendations) == 3
    # On 31/8/2021 all three had been forwarded; the answers came in October, November.
    assert {r.status for r in data.recommendations} == {"forwarded"}
    assert len(data.directions) == 5
    assert sum(d.became_task for d in data.directions) == 2


def test_figures_as_of_a_later_day_follow_the_records(demo):
    year = review_report_data(demo, "2021")
    assert year.task_rollup.completed == 8 and year.task_rollup.completed_late == 1
    assert year.task_rollup.behind == 0
    statuses = {r.text[:20]: r.status for r in year.recommendations}
    assert statuses["Đầu tư hạ tầng khu v"] == "resolved"
    assert statuses["Hỗ trợ kinh phí làm "] == "answered"
    early = review_report_data(demo, "2021-08", as_of=dt.date(2021, 8, 19))
    assert early.cutoff == dt.date(2021, 8, 19)
    assert early.task_rollup.sentence.endswith("1 hoàn thành, 8 đạt tiến độ, 1 chậm tiến độ")
    assert {r.status for r in early.recommendations} == {"received"}


# --------------------------------------------------------------------------- DOCX


def test_docx_has_the_party_layout_and_the_figures(demo):
    report = build_report(system_actor(), demo, "2021-08", "docx")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "bao-cao-2021-08.docx").write_bytes(report.content)
    doc, text = docx_text(report.content)
    header = doc.tables[0].rows[0].cells
    assert header[0].text.split("\n") == [
        "ĐẢNG BỘ TỈNH LẠNG SƠN",
        "HUYỆN ỦY CAO LỘC",
        "*",
        "Số      -BC/HU",
    ]
    assert header[1].text.split("\n")[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    date_paragraph = header[1].paragraphs[-1]
    assert date_paragraph.text == "Cao Lộc, ngày 31 tháng 8 năm 2021"
    assert all(run.italic for run in date_paragraph.runs)
    assert "BÁO CÁO\nSơ kết công tác lãnh đạo, chỉ đạo 8 tháng năm 2021" in text
    for figure in [
        "94 văn bản",
        "26 nghị quyết",
        "3 chỉ thị",
        "35 kế hoạch",
        "6 hướng dẫn",
        "24 thông báo",
        "1 nhiệm vụ hoàn thành",
        "8 nhiệm vụ đạt tiến độ",
        "1 nhiệm vụ chậm tiến độ",
        "đạt trên 380 tỷ đồng",
        "100,96%",
        "376,4",
        "28,38%",
        "+28,38%",
        "296",
        "Đầu tư hạ tầng khu vực biên giới, cửa khẩu",
        "Hỗ trợ kinh phí làm đường giao thông nông thôn",
        "Đào tạo nghề cho lao động nông thôn",
        "Đã chuyển xử lý",
        "Đã quá hạn",
        "Hoàn thành đúng hạn",
        "Nguyễn Quốc Đoàn",
        "T/M BAN THƯỜNG VỤ",
        "Nơi nhận:",
    ]:
        assert figure in text, figure
    headings = [p.text for p in doc.paragraphs if p.text[:3] in ("I. ", "II.", "III", "IV.", "V. ")]
    assert [h.split(".")[0] for h in headings] == ["I", "II", "III", "IV", "V"]
    fonts = {r.font.name for p in doc.paragraphs for r in p.runs if r.text.strip()}
    assert fonts == {"Times New Roman"}
    sizes = {r.font.size.pt for p in doc.paragraphs for r in p.runs if r.text.strip()}
    assert sizes <= {12, 13, 14, 15, 16}
    assert len(doc.inline_shapes) == 1  # the task chart
    section = doc.sections[0]
    assert round(section.left_margin.cm, 1) == 3.0 and round(section.page_width.cm, 1) == 21.0


def test_reserve_number_prints_the_next_number_of_the_register(demo):
    from chidao.documents.models import NumberSequence

    report = build_report(system_actor(), demo, "2021-08", "docx", reserve_number=True)
    assert report.number == "01-BC/HU"
    _, text = docx_text(report.content)
    assert "Số 01-BC/HU" in text
    assert NumberSequence.objects.get(doc_type__name="Báo cáo", issuer=demo).last == 1


# --------------------------------------------------------------------------- PDF


def test_pdf_page_count_and_first_page_renders(demo, tmp_path):
    from pypdf import PdfReader

    report = build_report(system_actor(), demo, "2021-08", "pdf")
    assert report.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(report.content))
    assert len(reader.pages) == EXPECTED_PDF_PAGES
    text = "\n".join(page.extract_text() for page in reader.pages)
    for figure in ["HUYỆN ỦY CAO LỘC", "Cao Lộc, ngày 31 tháng 8 năm 2021", "100,96%", "28,38%"]:
        assert figure in text, figure
    fonts = {
        str(font["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all(name.startswith("LiberationSerif") for name in fonts), fonts
    pdf_path = tmp_path / "bao-cao.pdf"
    pdf_path.write_bytes(report.content)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "bao-cao-2021-08.pdf").write_bytes(report.content)
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is missing (Debian package poppler-utils): page 1 not rendered")
    done = subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "50",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf_path),
            str(ARTIFACTS / "bao-cao-2021-08-trang"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert "error" not in done.stderr.lower(), done.stderr
    pages = list(ARTIFACTS.glob("bao-cao-2021-08-trang-*1.png"))
    assert pages and pages[0].stat().st_size > 5000


def test_missing_font_is_named(monkeypatch, demo, tmp_path):
    from chidao.reports import pdf

    monkeypatch.setattr(pdf, "FONT_DIRS", [tmp_path])
    with pytest.raises(ServiceError, match="fonts-liberation2"):
        build_report(system_actor(), demo, "2021-08", "pdf")


# --------------------------------------------------------------------------- command, page


def test_command_writes_the_report(demo, tmp_path):
    from django.core.management import call_command

    out = tmp_path / "bc.docx"
    call_command(
        "report",
        "--body",
        "Huyện ủy Cao Lộc",
        "--period",
        "2021-08",
        "--format",
        "docx",
        "--out",
        str(out),
    )
    _, text = docx_text(out.read_bytes())
    assert "100,96%" in text
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Kỳ báo cáo"):
        call_command("report", "--body", "Huyện ủy Cao Lộc", "--period", "2021-13")
    with pytest.raises(CommandError, match="không có cơ quan"):
        call_command("report", "--body", "Huyện ủy Không Có", "--period", "2021-08")


def test_page_gives_the_report_to_leaders_and_the_body_s_own_users(client, demo, make_user):
    from chidao.core.models import Role
    from chidao.orgs.models import Organization

    leader = make_user("lanhdao", Role.LEADER, Organization.objects.get(name="Tỉnh ủy Lạng Sơn"))
    own = make_user("caoloc", Role.UNIT, demo)
    other = make_user(
        "sotaichinh", Role.UNIT, Organization.objects.get(name="Sở Tài chính tỉnh Lạng Sơn")
    )
    url = f"/bao-cao/?body={demo.pk}&period=2021-08&format="
    client.force_login(leader)
    response = client.get(url + "docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "100,96%" in docx_text(response.content)[1]
    client.force_login(own)
    response = client.get(url + "pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert client.get(f"/bao-cao/?body={demo.pk}&period=2021-13&format=docx").status_code == 400
    client.force_login(other)
    assert client.get(url + "docx").status_code == 403
