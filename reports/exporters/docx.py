"""The narrative report as a Word document (.docx) in the form of Nghị định 30/2020/NĐ-CP, for the office to sign.

It only lays out `Narrative` (with the managers' edits applied) into the scope unit's Word template:
`reports.document` holds the settings, the edits and the docxtpl rendering; the default template is
`reports/templates_docx/bao_cao.docx`. `scope_docx` is the "docx" entry of the formatter registry
(reports.exporters.formats): the report of a scope, read with the user's rights.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from cchc.models import Unit

from ..document.edits import apply_edits, edits_of
from ..document.render import report_docx
from ..document.settings import letterhead_of
from ..narrative import Narrative, narrative_build
from ..periods import PeriodSpan
from ..scope import Scope

if TYPE_CHECKING:
    from ..selectors import User

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def edited_narrative(narrative: Narrative, scope: Unit) -> Narrative:
    """`narrative` with the managers' edits of its scope and span."""
    return apply_edits(narrative, edits_of(scope, narrative.span))


def narrative_docx(
    narrative: Narrative, *, scope: Unit, user: User | None = None, number: str = "", day: dt.date | None = None
) -> bytes:
    """The .docx bytes of `narrative` (edits applied) in `scope`'s form; `number` and `day` fill "Số" and the date."""
    return report_docx(edited_narrative(narrative, scope), letterhead_of(scope), user=user, number=number, day=day)


def scope_docx(span: PeriodSpan, scope: Scope, user: User | None = None) -> bytes:
    """The Word narrative report of the scope unit, read with the user's rights (a saved user; the system user
    reads everything), in the office's form (the scope unit's letterhead and the managers' edits)."""
    reader = user if getattr(user, "pk", None) else None
    narrative = narrative_build(span=span, scope=scope.unit, user=reader)
    return narrative_docx(narrative, scope=scope.unit, user=reader)
