"""The state of each section of the report page: empty, filled, "không phát sinh", has errors, has warnings.

The page's section navigation shows it beside each section's title, the submit summary lists the empty
sections, and the submit rule (cchc/report_submit.py) refuses an empty section that is not marked
"không phát sinh". A section is *empty* when nothing is saved in it: its forms, built from the database,
hold no value (a formset has no saved row, a form's fields are blank); a section may say it itself with
`ReportSection.is_empty(report)`. Sections without forms (the plausibility findings) have no fill state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.forms import BaseFormSet
from django.utils.translation import gettext_lazy as _

EMPTY, FILLED, NIL = "empty", "filled", "nil"
LABELS = {EMPTY: _("Chưa nhập"), FILLED: _("Đã nhập"), NIL: _("Không phát sinh")}


@dataclass
class SectionState:
    """What the navigation shows for one section: its fill state and whether it has errors or warnings."""

    key: str
    title: str
    fill: str = ""  # EMPTY, FILLED, NIL or "" (a section without forms)
    errors: int = 0
    warnings: int = 0
    explained: list = field(default_factory=list)  # (check message, explanation) pairs given by the clerk

    @property
    def label(self) -> str:
        return str(LABELS.get(self.fill, ""))


def _blank(value) -> bool:
    return (
        value is None
        or value is False
        or (isinstance(value, (str, list, tuple)) and not "".join(map(str, value)).strip())
    )


def forms_empty(forms: dict) -> bool:
    """Whether unbound forms built from the database hold nothing: no saved row, no non-blank field."""
    for form in forms.values():
        if isinstance(form, BaseFormSet):
            if form.initial_form_count():
                return False
            continue
        for name, form_field in form.fields.items():
            if not form_field.widget.is_hidden and not _blank(form[name].value()):
                return False
    return True


def section_empty(section, report, forms: dict) -> bool:
    """Whether `section` has nothing saved for `report` (`forms` are its forms; built unbound when not given
    or bound to a post)."""
    if section.is_empty is not None:
        return bool(section.is_empty(report))
    if not forms or any(getattr(form, "is_bound", False) for form in forms.values()):
        forms = section.build_forms(report)
    return forms_empty(forms)


def _form_errors(forms: dict) -> int:
    count = 0
    for form in forms.values():
        if not getattr(form, "is_bound", False) or not hasattr(form, "_errors") or form._errors is None:
            continue  # never validated: nothing to show
        if isinstance(form, BaseFormSet):
            count += sum(len(e) for e in form.errors) + len(form.non_form_errors())
        else:
            count += len(form.errors)
    return count


def block_state(block: dict, report, nil: set[str]) -> SectionState:
    """The state of one block of the page (a dict built by the report view)."""
    section = block["section"]
    state = SectionState(key=section.key, title=str(section.title))
    if block["forms"]:
        empty = section_empty(section, report, block["forms"])
        state.fill = (NIL if section.key in nil else EMPTY) if empty else FILLED
    blocking = [c for c in block["checks"] if c.blocks_submission]
    state.errors = _form_errors(block["forms"]) + len(blocking)
    state.warnings = len(block["warnings"]) + len(block["checks"]) - len(blocking)
    state.explained = [(c.message, c.explanation) for c in block["checks"] if c.explainable and c.explanation.strip()]
    return state
