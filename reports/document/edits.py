"""Managers' edits of the narrative: a paragraph added to a section, or the section's generated text replaced.

The generated sentences stay the default; an edit is stored per scope unit, span and section (`NarrativeEdit`,
with its history), applied to the `Narrative` before the page or the .docx lays it out, and marked as edited
(paragraph style EDITED). Only a manager of the scope unit (or an admin) may edit: `cchc.permissions`,
"narrative.edit".
"""

from __future__ import annotations

from dataclasses import replace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cchc import permissions
from cchc.history import history_note
from cchc.models import Unit

from ..narrative import Narrative, Paragraph
from ..periods import PeriodSpan
from .models import EditMode, NarrativeEdit

EDITED = "edited"
MAX_LENGTH = 5000


def edits_of(scope: Unit, span: PeriodSpan) -> dict[str, NarrativeEdit]:
    return {e.section_key: e for e in NarrativeEdit.objects.filter(scope_unit=scope, span_code=span.code)}


def _paragraphs(text: str) -> tuple[Paragraph, ...]:
    return tuple(Paragraph((line.strip(),), EDITED) for line in text.splitlines() if line.strip())


def apply_edits(narrative: Narrative, edits: dict[str, NarrativeEdit]) -> Narrative:
    """`narrative` with each edited section's paragraphs added after, or in place of, the generated ones."""
    if not edits:
        return narrative
    sections = []
    for section in narrative.sections:
        edit = edits.get(section.key)
        if edit is None:
            sections.append(section)
            continue
        own = _paragraphs(edit.text)
        kept = () if edit.mode == EditMode.REPLACE else section.paragraphs
        sections.append(replace(section, paragraphs=kept + own))
    return replace(narrative, sections=tuple(sections))


def save_edit(*, user, scope: Unit, span: PeriodSpan, section_key: str, text: str, mode: str, keys) -> None:
    """Stores (or, with an empty text, removes) the edit of one section; the history keeps every version.

    `keys` are the section keys of the narrative; anything else is refused, as are an unknown mode and a text
    longer than MAX_LENGTH, with a message naming the field.
    """
    permissions.require(user, "narrative.edit", scope)
    if section_key not in keys:
        raise ValidationError({"section": _("Mục: không có trong báo cáo.")})
    if mode not in EditMode.values:
        raise ValidationError({"mode": _("Cách sửa: chọn thêm đoạn hoặc thay nội dung tự động.")})
    text = (text or "").strip()
    if len(text) > MAX_LENGTH:
        raise ValidationError({"text": _("Nội dung: tối đa %(n)s ký tự.") % {"n": f"{MAX_LENGTH:,}".replace(",", ".")}})
    with transaction.atomic():
        edit = NarrativeEdit.objects.select_for_update().filter(
            scope_unit=scope, span_code=span.code, section_key=section_key
        )
        current = edit.first()
        if not text:
            if current is not None:
                history_note(current, user=user)
                current.delete()
            return
        if current is None:
            current = NarrativeEdit(scope_unit=scope, span_code=span.code, section_key=section_key)
        current.text, current.mode, current.author = text, mode, user
        history_note(current, user=user)
        current.save()
