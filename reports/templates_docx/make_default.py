"""Writes the default Word template of the narrative report, `bao_cao.docx`, beside this script.

Run once when the form changes (`python reports/templates_docx/make_default.py`); the .docx is committed and
ships with the project. A province replaces it by uploading its own (Django admin, "Thể thức báo cáo"): the
template is plain Word with Jinja tags that docxtpl renders (docs/narrative.md lists the variables).

The form is that of Nghị định 30/2020/NĐ-CP, Phụ lục I: A4, margins 20 mm top and bottom, 30 mm left, 15 mm right;
Times New Roman; the issuing body (left) and the national title (right) side by side, each with its rule; the
number under the issuing body, the place and date in italics under the national title; "BÁO CÁO" and the summary
line; the body in 14 pt; page numbers centred in the header from the second page; "Nơi nhận:" and the signature
block side by side at the end. Body paragraphs are looped with docxtpl's paragraph tags (`{%p ... %}`), one
paragraph per kind so each keeps its own style.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

OUT = Path(__file__).with_name("bao_cao.docx")
FONT = "Times New Roman"
LANGUAGE = "vi-VN"
EDITED_STYLE = "Đoạn biên tập"  # a manager's paragraph: looks like the body, named so Word shows it


def _fonts(element) -> None:
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:val"), LANGUAGE)


def _style(style, size: int, *, bold=None, italic=None) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = RGBColor(0, 0, 0)
    _fonts(style.element)


def _styles(document) -> None:
    normal = document.styles["Normal"]
    _style(normal, 14)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    body = document.styles.add_style("Thân báo cáo", WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.first_line_indent = Cm(1)
    body.paragraph_format.space_after = Pt(6)
    body.paragraph_format.line_spacing = 1.15
    edited = document.styles.add_style(EDITED_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    edited.base_style = body
    for level in (1, 2):
        heading = document.styles[f"Heading {level}"]
        _style(heading, 14, bold=True, italic=False)
        heading.paragraph_format.space_before = Pt(6)
        heading.paragraph_format.space_after = Pt(6)
        heading.paragraph_format.first_line_indent = Cm(1)
        heading.paragraph_format.keep_with_next = True


def _rule(cell_or_doc, width_cm: float, total_cm: float) -> None:
    """A short centred rule (a paragraph's bottom border narrowed by indents), as under the decree's headers."""
    paragraph = cell_or_doc.add_paragraph()
    indent = Cm(max(total_cm - width_cm, 0) / 2)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = indent
    paragraph.paragraph_format.space_after = Pt(6)
    run = paragraph.add_run()
    run.font.size = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _line(container, text: str, *, size=14, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER, style=None):
    paragraph = container.add_paragraph(style=style)
    paragraph.alignment = align
    run = paragraph.add_run(text)  # one run: docxtpl needs each tag whole inside a run
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    return paragraph


def _tag(container, tag: str) -> None:
    container.add_paragraph().add_run(tag)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _pair(document, widths: tuple[float, float]):
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    left, right = table.rows[0].cells
    # Word and LibreOffice lay a fixed table out from its grid, not from the cells' widths.
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(int(Cm(width).twips)))
    for cell, width in zip((left, right), widths, strict=True):
        cell.width = Cm(width)
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return left, right


def _header_block(document) -> None:
    left, right = _pair(document, (6.0, 10.5))
    _tag(left, "{%p if issuing_parent %}")
    _line(left, "{{ issuing_parent }}", size=13)
    _tag(left, "{%p endif %}")
    _line(left, "{{ issuing_body }}", size=13, bold=True)
    _rule(left, 2.5, 6.0)
    _line(left, "Số: {{ number }}/{{ number_suffix }}", size=13)
    _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    _line(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True)
    _rule(right, 5.5, 10.5)
    _line(right, "{{ date_line }}", size=14, italic=True)
    _line(document, "")
    _line(document, "{{ kind_title }}", bold=True).paragraph_format.space_before = Pt(12)
    _line(document, "{{ summary }}", bold=True)
    _rule(document, 4.0, 16.5)


def _body(document) -> None:
    _tag(document, "{%p for p in body %}")
    _tag(document, "{%p if p.kind == 'h1' %}")
    document.add_paragraph("{{ p.text }}", style="Heading 1")
    _tag(document, "{%p elif p.kind == 'h2' %}")
    document.add_paragraph("{{ p.text }}", style="Heading 2")
    _tag(document, "{%p elif p.kind == 'note' %}")
    _line(document, "{{ p.text }}", italic=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, style="Thân báo cáo")
    _tag(document, "{%p elif p.kind == 'edited' %}")
    document.add_paragraph("{{ p.text }}", style=EDITED_STYLE)
    _tag(document, "{%p else %}")
    document.add_paragraph("{{ p.text }}", style="Thân báo cáo")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p endfor %}")


def _signature(document) -> None:
    _line(document, "")
    left, right = _pair(document, (7.5, 9.0))
    # The block stays whole: a row split at a page's foot left the signer's lines alone on a last page.
    row = left._tc.getparent()
    row.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    _line(left, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    _tag(left, "{%p for r in recipients %}")
    _line(left, "- {{ r }}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _tag(left, "{%p endfor %}")
    _tag(right, "{%p for s in signer_lines %}")
    _line(right, "{{ s }}", bold=True)
    _tag(right, "{%p endfor %}")
    for _ in range(4):
        _line(right, "")
    _line(right, "{{ signer_name }}", bold=True)


def _page_numbers(section) -> None:
    """The page number centred in the header, from the second page (the first page's header stays empty)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def build(path: Path = OUT) -> Path:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    _styles(document)
    _page_numbers(section)
    _header_block(document)
    _body(document)
    _signature(document)
    document.core_properties.author = "Cổng báo cáo CCHC"
    document.core_properties.title = "Mẫu báo cáo tình hình CCHC"
    document.core_properties.language = LANGUAGE
    document.save(str(path))
    return path


if __name__ == "__main__":
    print(build())
