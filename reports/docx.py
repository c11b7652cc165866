"""The narrative report as a Word document (.docx) in the form of Nghị định 30/2020/NĐ-CP, for the office to sign.

It only lays out `Narrative` (with the managers' edits applied) into the scope unit's Word template:
`reports.document` holds the settings, the edits and the docxtpl rendering; the default template is
`reports/templates_docx/bao_cao.docx`.
"""

from __future__ import annotations

import datetime as dt

from cchc.models import Unit

from .document.edits import apply_edits, edits_of
from .document.render import report_docx
from .document.settings import letterhead_of
from .narrative import Narrative

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def edited_narrative(narrative: Narrative, scope: Unit) -> Narrative:
    """`narrative` with the managers' edits of its scope and span."""
    return apply_edits(narrative, edits_of(scope, narrative.span))


def narrative_docx(
    narrative: Narrative, *, scope: Unit, user=None, number: str = "", day: dt.date | None = None
) -> bytes:
    """The .docx bytes of `narrative` (edits applied) in `scope`'s form; `number` and `day` fill "Số" and the date."""
    return report_docx(edited_narrative(narrative, scope), letterhead_of(scope), user=user, number=number, day=day)
