"""The review report as a Word file (python-docx), laid out as Party reports are.

A4, margins 2 cm top and bottom, 3 cm left, 1,5 cm right; Times New Roman, 14 pt for the
text, 12 pt in tables; header block with the level above and the issuing body, "*" and
the number on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" and the place-date line in italics on
the right; the title "BÁO CÁO"; the sections; the signature block with "Nơi nhận" on the
left and "T/M BAN THƯỜNG VỤ" on the right; page numbers at the top from page 2.
"""

from __future__ import annotations

import io

from chidao.reports.data import ReportData
from chidao.reports.layout import Heading, Image, Para, Table, body_blocks

FONT = "Times New Roman"
TEXT_WIDTH_CM = 16.5


def _font(run, *, size=None, bold=None, italic=None, underline=None):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = FONT
    r_pr = run._element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    if underline is not None:
        run.underline = underline
    return run


def _para(
    container,
    text="",
    *,
    align=None,
    size=None,
    bold=False,
    italic=False,
    underline=False,
    indent=False,
    after=6,
    before=0,
):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(before)
    if indent:
        fmt.first_line_indent = Cm(1)
    p.alignment = {
        "C": WD_ALIGN_PARAGRAPH.CENTER,
        "R": WD_ALIGN_PARAGRAPH.RIGHT,
        "J": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "L": WD_ALIGN_PARAGRAPH.LEFT,
        None: WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    if text:
        _font(p.add_run(text), size=size, bold=bold, italic=italic, underline=underline)
    return p


def _cell_text(
    cell, text, *, align="L", size=12, bold=False, italic=False, underline=False, after=0
):
    """Write into a table cell's first paragraph (add more paragraphs with _para)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = cell.paragraphs[0]
    p.paragraph_format.space_after = Pt(after)
    p.alignment = {
        "C": WD_ALIGN_PARAGRAPH.CENTER,
        "R": WD_ALIGN_PARAGRAPH.RIGHT,
        "L": WD_ALIGN_PARAGRAPH.LEFT,
    }[align]
    if text:
        _font(p.add_run(text), size=size, bold=bold, italic=italic, underline=underline)
    return p


def _widths(table, widths_cm):
    from docx.shared import Cm

    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)


def _page_number_header(section):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    _font(run, size=13)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)


def _header_block(doc, data: ReportData):
    table = doc.add_table(rows=1, cols=2)
    _widths(table, [7.0, 9.5])
    left, right = table.rows[0].cells
    _cell_text(left, data.parent_heading, align="C", size=14)
    _para(left, data.body_heading, align="C", size=14, bold=True, after=0)
    _para(left, "*", align="C", size=14, after=0)
    _para(left, data.number_line, align="C", size=14, after=0)
    _cell_text(right, "ĐẢNG CỘNG SẢN VIỆT NAM", align="C", size=15, bold=True, underline=True)
    _para(right, "", after=0)
    _para(right, "", after=0)
    _para(right, data.date_line, align="C", size=14, italic=True, after=0)


def _table(doc, block: Table):
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = doc.add_table(rows=1 + len(block.rows), cols=len(block.headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(block.widths)
    widths = [TEXT_WIDTH_CM * w / total for w in block.widths]
    _widths(table, widths)
    for cell, header in zip(table.rows[0].cells, block.headers, strict=True):
        _cell_text(cell, header, align="C", bold=True)
    # The header row repeats on every page the table runs over.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for i, values in enumerate(block.rows):
        cells = table.rows[i + 1].cells
        if i in block.group_rows:
            merged = cells[0].merge(cells[-1])
            _cell_text(merged, values[0], bold=True)
            continue
        bold = i in block.bold_rows
        for cell, value, align in zip(cells, values, block.align, strict=True):
            _cell_text(cell, value, align=align, bold=bold)
    _para(doc, "", after=0)


def _signature_block(doc, data: ReportData):
    table = doc.add_table(rows=1, cols=2)
    _widths(table, [8.0, 8.5])
    left, right = table.rows[0].cells
    _cell_text(left, "Nơi nhận:", size=14, underline=True, after=2)
    for line in data.recipients:
        _para(left, f"- {line}", align="L", size=12, after=0)
    _cell_text(right, data.signer_on_behalf, align="C", size=14, bold=True)
    _para(right, data.signer_title, align="C", size=14, bold=True, after=0)
    for _ in range(4):
        _para(right, "", after=0)
    _para(right, data.signer_name, align="C", size=14, bold=True, after=0)


def render_docx(data: ReportData) -> bytes:
    from docx import Document
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.header_distance = Cm(1)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    _font_style = normal.element.get_or_add_rPr()
    from docx.oxml.ns import qn

    fonts = _font_style.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _font_style.makeelement(qn("w:rFonts"), {})
        _font_style.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    doc.core_properties.title = f"Báo cáo {data.title}"
    doc.core_properties.author = data.body.name
    _page_number_header(section)

    _header_block(doc, data)
    _para(doc, "BÁO CÁO", align="C", size=16, bold=True, before=18, after=0)
    _para(doc, data.title[:1].upper() + data.title[1:], align="C", size=14, bold=True, after=0)
    _para(doc, "-----", align="C", size=14, after=12)
    for block in body_blocks(data):
        if isinstance(block, Heading):
            _para(doc, block.text, align="J", size=14, bold=True, before=6)
        elif isinstance(block, Para):
            _para(
                doc,
                block.text,
                size=block.size or 14,
                bold=block.bold,
                italic=block.italic,
                indent=block.indent,
            )
        elif isinstance(block, Table):
            _table(doc, block)
        elif isinstance(block, Image):
            from docx.enum.text import WD_ALIGN_PARAGRAPH

            doc.add_picture(io.BytesIO(block.png), width=Cm(block.width_cm))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _para(doc, block.caption, align="C", size=12, italic=True)
    _para(doc, "", after=6)
    _signature_block(doc, data)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
