"""The review report as a PDF (fpdf2), the same content and layout as the Word file.

Made on the machine, offline, with the Liberation Serif fonts (metric-compatible with
Times New Roman) of Debian's fonts-liberation2 package: Liberation 2.x has all the
Vietnamese letters, the 1.x fonts of fonts-liberation do not. Without them the report is
refused with a message naming the package: a PDF in another font would not be laid out
as the Word file is, and one with missing letters would not be readable.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from chidao.core.errors import ServiceError
from chidao.reports.data import ReportData
from chidao.reports.layout import Heading, Image, Para, Table, body_blocks

# Liberation 2.x (Debian's fonts-liberation2) has every Vietnamese letter; the 1.x fonts of
# fonts-liberation lack the letters of Latin Extended Additional (ộ, ư, ả ...), so they are
# used only if they cover them.
FONT_DIRS = [
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
]
FONT_FILES = {
    "": "LiberationSerif-Regular.ttf",
    "B": "LiberationSerif-Bold.ttf",
    "I": "LiberationSerif-Italic.ttf",
    "BI": "LiberationSerif-BoldItalic.ttf",
}
VIETNAMESE_PROBE = "ĐđƯưƠơẢảỘộỦủỹ"
FAMILY = "LiberationSerif"
PT = 0.3528  # mm per point
LEFT, TOP, RIGHT, BOTTOM = 30, 20, 15, 20
TEXT_W = 210 - LEFT - RIGHT


class MissingFont(ServiceError):
    pass


def covers_vietnamese(path: Path) -> bool:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        cmap = font.getBestCmap()
    return all(ord(c) in cmap for c in VIETNAMESE_PROBE)


def font_paths() -> dict[str, Path]:
    """The four Liberation Serif files with Vietnamese letters, or MissingFont naming the
    Debian package to install."""
    for directory in FONT_DIRS:
        paths = {style: directory / name for style, name in FONT_FILES.items()}
        if all(p.exists() for p in paths.values()) and covers_vietnamese(paths[""]):
            return paths
    raise MissingFont(
        "Không tìm thấy phông Liberation Serif có đủ chữ tiếng Việt "
        "(/usr/share/fonts/truetype/liberation2/LiberationSerif-*.ttf) để làm báo cáo PDF. "
        "Hãy cài gói Debian fonts-liberation2 (apt-get install fonts-liberation2); "
        "phông của gói fonts-liberation (bản 1.x) thiếu chữ có dấu."
    )


def _pdf_class():
    from fpdf import FPDF

    class ReportPDF(FPDF):
        def header(self):
            if self.page_no() > 1:  # Party documents number their pages from the second
                self.set_y(10)
                self.set_font(FAMILY, "", 13)
                self.cell(0, 6, str(self.page_no()), align="C")
                self.set_y(TOP)

    return ReportPDF


def _line_h(size: float) -> float:
    return size * PT * 1.25


def _text(pdf, text: str, *, size=14, style="", align="J", indent=True, after=2.0):
    pdf.set_font(FAMILY, style, size)
    if indent and align == "J":
        with (
            pdf.text_columns(text_align="J", l_margin=LEFT, r_margin=RIGHT) as cols,
            cols.paragraph(first_line_indent=10, bottom_margin=after) as par,
        ):
            par.write(text)
        return
    pdf.multi_cell(TEXT_W, _line_h(size), text, align=align, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(after)


def _header_block(pdf, data: ReportData):
    left_w, right_w = 70, TEXT_W - 70
    y = pdf.get_y()
    h = _line_h(14)
    pdf.set_xy(LEFT, y)
    pdf.set_font(FAMILY, "", 14)
    pdf.cell(left_w, h, data.parent_heading, align="C")
    pdf.set_xy(LEFT, y + h)
    pdf.set_font(FAMILY, "B", 14)
    pdf.cell(left_w, h, data.body_heading, align="C")
    pdf.set_xy(LEFT, y + 2 * h)
    pdf.set_font(FAMILY, "", 14)
    pdf.cell(left_w, h, "*", align="C")
    pdf.set_xy(LEFT, y + 3 * h)
    pdf.cell(left_w, h, data.number_line, align="C")
    pdf.set_xy(LEFT + left_w, y)
    pdf.set_font(FAMILY, "BU", 15)
    pdf.cell(right_w, h, "ĐẢNG CỘNG SẢN VIỆT NAM", align="C")
    pdf.set_xy(LEFT + left_w, y + 3 * h)
    pdf.set_font(FAMILY, "I", 14)
    pdf.cell(right_w, h, data.date_line, align="C")
    pdf.set_xy(LEFT, y + 4 * h + 6)


def _table(pdf, block: Table):
    from fpdf.fonts import FontFace

    total = sum(block.widths)
    widths = [TEXT_W * w / total for w in block.widths]
    pdf.set_font(FAMILY, "", 12)
    bold = FontFace(emphasis="BOLD")
    with pdf.table(
        col_widths=widths,
        width=TEXT_W,
        align="LEFT",
        line_height=_line_h(12),
        text_align="LEFT",
        headings_style=bold,
        repeat_headings=1,
        padding=1,
    ) as table:
        row = table.row()
        for header in block.headers:
            row.cell(header, align="C")
        for i, values in enumerate(block.rows):
            row = table.row()
            if i in block.group_rows:
                row.cell(values[0], colspan=len(block.headers), style=bold)
                continue
            style = bold if i in block.bold_rows else None
            for value, align in zip(values, block.align, strict=True):
                row.cell(value, align={"L": "L", "C": "C", "R": "R"}[align], style=style)
    pdf.ln(3)


def _image(pdf, block: Image):
    width = block.width_cm * 10
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(block.png)) as im:
        height = width * im.height / im.width
    if pdf.get_y() + height + 10 > pdf.h - BOTTOM:
        pdf.add_page()
    pdf.image(io.BytesIO(block.png), x=LEFT + (TEXT_W - width) / 2, w=width)
    pdf.ln(1)
    _text(pdf, block.caption, size=12, style="I", align="C", indent=False)


def _signature_block(pdf, data: ReportData):
    left_w, right_w = 80, TEXT_W - 80
    needed = _line_h(14) * 8
    if pdf.get_y() + needed > pdf.h - BOTTOM:
        pdf.add_page()
    y = pdf.get_y() + 4
    pdf.set_xy(LEFT, y)
    pdf.set_font(FAMILY, "U", 14)
    pdf.cell(left_w, _line_h(14), "Nơi nhận:")
    pdf.set_font(FAMILY, "", 12)
    line_y = y + _line_h(14)
    for line in data.recipients:
        pdf.set_xy(LEFT, line_y)
        pdf.multi_cell(left_w, _line_h(12), f"- {line}", align="L")
        line_y = pdf.get_y()
    pdf.set_xy(LEFT + left_w, y)
    pdf.set_font(FAMILY, "B", 14)
    pdf.cell(right_w, _line_h(14), data.signer_on_behalf, align="C")
    pdf.set_xy(LEFT + left_w, y + _line_h(14))
    pdf.cell(right_w, _line_h(14), data.signer_title, align="C")
    if data.signer_name:
        pdf.set_xy(LEFT + left_w, y + _line_h(14) * 6)
        pdf.cell(right_w, _line_h(14), data.signer_name, align="C")


def render_pdf(data: ReportData) -> bytes:
    paths = font_paths()
    pdf = _pdf_class()(orientation="P", unit="mm", format="A4")
    for style, path in paths.items():
        pdf.add_font(FAMILY, style, str(path))
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.set_auto_page_break(True, margin=BOTTOM)
    pdf.set_title(f"Báo cáo {data.title}")
    pdf.set_author(data.body.name)
    pdf.set_creator("chidao")
    # Dated as the report, not as the moment it was made: the same records, the same file.
    pdf.set_creation_date(
        dt.datetime.combine(data.dated, dt.time(), tzinfo=dt.timezone(dt.timedelta(hours=7)))
    )
    pdf.add_page()
    _header_block(pdf, data)
    pdf.ln(4)
    _text(pdf, "BÁO CÁO", size=16, style="B", align="C", indent=False, after=0)
    _text(pdf, data.title[:1].upper() + data.title[1:], style="B", align="C", indent=False, after=0)
    _text(pdf, "-----", align="C", indent=False, after=4)
    for block in body_blocks(data):
        if isinstance(block, Heading):
            pdf.ln(1)
            _text(pdf, block.text, style="B", align="L", indent=False)
        elif isinstance(block, Para):
            style = ("B" if block.bold else "") + ("I" if block.italic else "")
            _text(pdf, block.text, size=block.size or 14, style=style, indent=block.indent)
        elif isinstance(block, Table):
            _table(pdf, block)
        elif isinstance(block, Image):
            _image(pdf, block)
    _signature_block(pdf, data)
    return bytes(pdf.output())
