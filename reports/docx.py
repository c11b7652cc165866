"""The narrative report as a Word document (.docx) for the office to edit: it lays out `Narrative`, nothing more.

Laid out as Vietnamese administrative documents are (Nghị định 30/2020/NĐ-CP on document formats): A4, margins
20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman 13 throughout, headings bold, body justified with
a first-line indent. The text is marked as Vietnamese so that Word checks it in the right language.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from .narrative import NOTE, Narrative

FONT = "Times New Roman"
SIZE = Pt(13)
TITLE_SIZE = Pt(14)
LANGUAGE = "vi-VN"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _font(style, *, bold: bool | None = None, italic: bool | None = None, size=SIZE) -> None:
    """Times New Roman for every script (the default template's headings use theme fonts and colours)."""
    style.font.name = FONT
    style.font.size = size
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = RGBColor(0, 0, 0)
    rpr = style.element.get_or_add_rPr()
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


def _styles(document) -> None:
    normal = document.styles["Normal"]
    _font(normal)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level in (1, 2):
        heading = document.styles[f"Heading {level}"]
        _font(heading, bold=True, italic=False)
        heading.paragraph_format.space_before = Pt(6)
        heading.paragraph_format.space_after = Pt(6)
        heading.paragraph_format.keep_with_next = True


def _page(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)


def _centred(document, text: str, *, size=SIZE):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = size
    return paragraph


def narrative_docx(narrative: Narrative) -> bytes:
    """The .docx bytes of `narrative`: issuer, title, then each heading and its paragraphs, in order."""
    document = Document()
    _page(document.sections[0])
    _styles(document)
    properties = document.core_properties
    properties.title = narrative.title
    properties.subject = narrative.issuer
    properties.language = LANGUAGE

    _centred(document, narrative.issuer)
    _centred(document, narrative.title, size=TITLE_SIZE).paragraph_format.space_after = Pt(12)
    for section in narrative.sections:
        document.add_heading(section.heading, level=section.level)
        for paragraph in section.paragraphs:
            written = document.add_paragraph()
            written.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            written.paragraph_format.first_line_indent = Cm(1)
            run = written.add_run(paragraph.text)
            if paragraph.style == NOTE:
                run.italic = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
