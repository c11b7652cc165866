"""The narrative report rendered into the Word template (docxtpl, sandboxed Jinja): the form of Nghị định 30/2020.

The template is the scope unit's uploaded one (`DocumentSetting.template`) or the default shipped in
`reports/templates_docx/bao_cao.docx`. Its variables (docs/narrative.md): issuing_parent, issuing_body, number,
number_suffix, date_line, kind_title, summary, body (each item has `kind` — h1, h2, body, note, edited — and
`text`), recipients, signer_lines, signer_name. Templates run in Jinja's SandboxedEnvironment with autoescape, so
an uploaded template can neither reach Python internals nor break the XML with a "<" in a sentence.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from django.utils import timezone
from docxtpl import DocxTemplate
from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

from ..narrative import NOTE, Narrative, Paragraph, Section, span_phrase
from ..periods import PeriodSpan
from .edits import EDITED
from .settings import Letterhead

DEFAULT_TEMPLATE = Path(__file__).resolve().parent.parent / "templates_docx" / "bao_cao.docx"
PORTAL = "Cổng báo cáo CCHC"
BLANK = "…"
LANGUAGE = "vi-VN"


class TemplateProblem(ValueError):
    """A Word template that cannot be rendered; the message says why, in Vietnamese."""


def date_line(place: str, day: dt.date | None) -> str:
    """ "Cao Bằng, ngày 05 tháng 03 năm 2020"; without a date the office fills in "ngày … tháng … năm …"."""
    if day is None:
        text = f"ngày {BLANK} tháng {BLANK} năm {BLANK}"
    else:
        # The decree: days below 10 and months below 3 are written with a leading 0.
        month = f"{day.month:02d}" if day.month < 3 else str(day.month)
        text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else _cap(text)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def body_of(narrative: Narrative) -> list[dict]:
    """The narrative's headings and paragraphs in order, each with the kind of paragraph the template styles."""
    out = []
    for section in narrative.sections:
        out.append({"kind": "h1" if section.level == 1 else "h2", "text": section.heading})
        for paragraph in section.paragraphs:
            kind = {NOTE: "note", EDITED: "edited"}.get(paragraph.style, "body")
            out.append({"kind": kind, "text": paragraph.text})
    return out


def context_of(narrative: Narrative, letterhead: Letterhead, *, number: str = "", day: dt.date | None = None) -> dict:
    return {
        "issuing_parent": letterhead.issuing_parent,
        "issuing_body": letterhead.issuing_body,
        "number": number.strip() or BLANK,
        "number_suffix": letterhead.number_suffix,
        "date_line": date_line(letterhead.place, day),
        "kind_title": "BÁO CÁO",
        "summary": f"Kết quả thực hiện công tác cải cách hành chính {span_phrase(narrative.span)}",
        "body": body_of(narrative),
        "recipients": list(letterhead.recipients),
        "signer_lines": list(letterhead.signer_lines),
        "signer_name": letterhead.signer_name,
    }


def render(template: bytes | None, context: dict) -> DocxTemplate:
    """The template rendered with `context`; TemplateProblem when it is not a Word file or its tags are wrong."""
    source = io.BytesIO(template) if template else DEFAULT_TEMPLATE
    try:
        document = DocxTemplate(source)
        document.render(context, jinja_env=SandboxedEnvironment(), autoescape=True)
    except TemplateError as exc:
        raise TemplateProblem(f"Mẫu Word: thẻ Jinja không hợp lệ ({exc}).") from exc
    except Exception as exc:  # a zip that is not a .docx, a missing part: python-docx raises many kinds
        raise TemplateProblem("Mẫu Word: tệp không phải tài liệu Word (.docx) hợp lệ.") from exc
    return document


def report_docx(
    narrative: Narrative,
    letterhead: Letterhead,
    *,
    user=None,
    number: str = "",
    day: dt.date | None = None,
) -> bytes:
    """The .docx bytes of `narrative` in the form of the decree, with the portal and the user as its author."""
    document = render(letterhead.template, context_of(narrative, letterhead, number=number, day=day))
    properties = document.docx.core_properties
    who = (user.get_full_name() or user.get_username()) if user is not None and user.is_authenticated else ""
    properties.author = f"{PORTAL} — {who}" if who else PORTAL
    properties.last_modified_by = properties.author
    properties.title = narrative.title
    properties.subject = letterhead.issuing_body
    properties.language = LANGUAGE
    properties.created = properties.modified = timezone.now().replace(microsecond=0, tzinfo=None)
    edited = [section.heading for section in narrative.sections if _edited(section)]
    properties.comments = ("Các mục có đoạn biên tập: " + "; ".join(edited)) if edited else ""
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _edited(section) -> bool:
    return any(p.style == EDITED for p in section.paragraphs)


def check_template(template: bytes) -> None:
    """Renders an uploaded template once with sample data: TemplateProblem if it could not serve a report."""
    sample = Narrative(
        issuer="UBND tỉnh",
        title="Báo cáo mẫu",
        span=PeriodSpan(2020, "Q", 1),
        sections=(Section(key="results", heading="I. Kết quả", paragraphs=(Paragraph(("Câu mẫu.",)),), level=1),),
    )
    letterhead = Letterhead("", "UBND TỈNH", "Cao Bằng", "BC-UBND", ("Lưu: VT.",), ("CHỦ TỊCH",), "", template)
    document = render(template, context_of(sample, letterhead))
    document.save(io.BytesIO())
