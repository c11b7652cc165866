"""The report's forms, as the workbook sees them: blocks of fields with keys, labels and texts.

Everything comes from the section registry (`cchc.sections`): each section's `build_forms(report)` gives
the same forms and formsets as the report page, so a new section or catalogue figure appears in the
workbook with no code here. A value is kept as the *text a form takes* for the field (the POST value), so
the workbook, the portal and the page compare like with like, and an upload becomes POST data for the
page's own forms.

Keys: a plain form's field is its POST name (`procedures-received`); a formset row's field is
`prefix#pk#field` for a saved row and `prefix#nN#field` for a new row typed in the workbook.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.formats import get_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from cchc import sections
from cchc.choices import ReformArea
from cchc.figures import figure_sources

SKIPPED = {"id", "report", "DELETE", "ORDER"}
ASOF_SUFFIX = "_asof"  # a catalogue figure's as-of date goes in the column next to its value
YES, NO = "Có", "Không"
MULTIPLE_SEPARATOR = "; "  # several choices in one cell


class CellError(ValueError):
    """A cell whose value cannot be a value of its field (a word in a number cell, an unknown choice)."""


@dataclass
class Block:
    """A plain form (`rows` of (key, label, unit, asof key)) or a formset (`columns`, `rows` of pks)."""

    section: sections.ReportSection
    name: str
    prefix: str
    form: Any  # the section's form, or its formset when `is_table`
    is_table: bool
    fields: dict = field(default_factory=dict)  # field name -> form field
    rows: list = field(default_factory=list)
    values: dict = field(default_factory=dict)  # key -> text, as saved in the portal


def input_fields(form) -> dict:
    """The fields a user types into: not hidden, not disabled, not the formset's bookkeeping."""
    return {
        name: f
        for name, f in form.fields.items()
        if name not in SKIPPED and not f.disabled and not isinstance(f.widget, forms.HiddenInput)
    }


def blocks_of(report) -> list[Block]:
    """Every section's forms for this report, in the page's order, with the portal's current values."""
    blocks = []
    for section in sections.sections_for_report(report):
        for name, form in (section.build_forms(report) or {}).items():
            if hasattr(form, "management_form"):
                blocks.append(_table_block(section, name, form))
            else:
                blocks.append(_form_block(section, name, form))
    return [b for b in blocks if b.fields]


def _form_block(section, name, form) -> Block:
    fields = input_fields(form)
    block = Block(section=section, name=name, prefix=form.prefix, form=form, is_table=False, fields=fields)
    units = figure_units(form)
    units.update({f"f_{d.code}": d.unit_of_measure for d in getattr(form, "definitions", [])})
    for fname, f in fields.items():
        key = f"{form.prefix}-{fname}"
        block.values[key] = to_text(f, form[fname].value())
        if fname.endswith(ASOF_SUFFIX) and fname[: -len(ASOF_SUFFIX)] in fields:
            continue  # shown in its figure's row
        asof = fname + ASOF_SUFFIX
        asof_key = f"{form.prefix}-{asof}" if asof in fields else None
        block.rows.append((key, str(capfirst(f.label or fname)), units.get(fname, ""), asof_key))
    return block


def figure_units(form) -> dict[str, str]:
    """{field name: unit of measure} of a model form's fields that are figures of its app, read from the
    figure layer (`<app>/figures.py`, `cchc.figures.Figure`): the field `procedures_in_force` of a procedures
    form is the figure `tthc.procedures_in_force` ("thủ tục"). The catalogue's figures carry their own."""
    model = getattr(getattr(form, "_meta", None), "model", None)
    if model is None:
        return {}
    source = next((s for s in figure_sources() if s.name == model._meta.app_label), None)
    if source is None:
        return {}
    return {f.code.split(".", 1)[1]: f.unit_of_measure for f in source.declared() if "." in f.code}


def _table_block(section, name, formset) -> Block:
    template = formset.empty_form
    fields = input_fields(template)
    block = Block(section=section, name=name, prefix=formset.prefix, form=formset, is_table=True, fields=fields)
    for form in formset.initial_forms:
        pk = form.instance.pk
        if all(f.disabled for f in form.fields.values() if not isinstance(f.widget, forms.HiddenInput)):
            continue  # computed rows (e.g. from imported records): shown on the page, never typed over
        block.rows.append(pk)
        for fname, f in fields.items():
            block.values[row_key(formset.prefix, pk, fname)] = to_text(f, form[fname].value())
    return block


def row_key(prefix: str, ref, fname: str) -> str:
    return f"{prefix}#{ref}#{fname}"


def split_row_key(key: str):
    prefix, ref, fname = key.split("#", 2)
    return prefix, ref, fname


def area_title(area) -> str:
    return f"{int(area)}. {ReformArea(area).label}"


# --- values: python <-> the text a form takes ---------------------------------------------------------


def _decimal_text(f, value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if f.localize:
        text = text.replace(".", get_format("DECIMAL_SEPARATOR"))
    return text


def to_text(f, value) -> str:
    """The POST text of a python value (an initial value, a cleaned value) for the form field `f`."""
    if value in (None, ""):
        return ""
    if is_multiple(f):  # the chosen values, sorted, comma-separated ("1,2"); `post_list` splits them again
        return ",".join(sorted(str(getattr(v, "pk", v)) for v in value))
    if isinstance(f, forms.BooleanField):
        return "on" if value else ""
    if isinstance(f, forms.ModelChoiceField):
        return str(getattr(value, "pk", value))
    if isinstance(f, forms.DecimalField):
        try:
            return _decimal_text(f, Decimal(str(value)))
        except InvalidOperation:
            return str(value)
    if isinstance(f, forms.DateField) and isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def choice_pairs(f) -> list[tuple[str, str]]:
    """(value, label) of a choice field, without the empty choice."""
    out = []
    for value, label in f.choices:
        if isinstance(label, list | tuple):  # grouped choices
            out += [(str(getattr(v, "value", v)), str(lab)) for v, lab in label if v not in ("", None)]
        elif value not in ("", None):
            out.append((str(getattr(value, "value", value)), str(label)))
    return out


def cell_text(f, value) -> str:
    """The POST text of what a cell holds (openpyxl's value), or CellError with a Vietnamese reason."""
    if isinstance(value, str):
        value = value.strip()
    if value in (None, ""):
        return ""
    if is_multiple(f):  # labels (or codes) separated by ";" or new lines
        parts = [p.strip() for p in str(value).replace("\n", ";").split(";") if p.strip()]
        return ",".join(sorted(_choice_text(f, part) for part in parts))
    if isinstance(f, forms.BooleanField):
        return _boolean_text(value)
    if isinstance(f, forms.ChoiceField | forms.ModelChoiceField):
        return _choice_text(f, value)
    if isinstance(f, forms.DateField):
        return _date_text(value)
    if isinstance(f, forms.IntegerField):  # DecimalField and FloatField too
        return _number_text(f, value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _boolean_text(value) -> str:
    if value is True or str(value).lower() in (YES.lower(), "x", "1", "true"):
        return "on"
    if value is False or str(value).lower() in (NO.lower(), "0", "false"):
        return ""
    raise CellError(_("chỉ nhận “%(yes)s” hoặc “%(no)s”.") % {"yes": YES, "no": NO})


def _choice_text(f, value) -> str:
    for code, label in choice_pairs(f):
        if str(value) in (code, label):
            return code
    raise CellError(_("“%(value)s” không có trong danh sách chọn.") % {"value": value})


def _date_text(value) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int | float):
        raise CellError(_("phải là ngày (dd/mm/yyyy)."))
    return str(value)  # typed text: the form reads dd/mm/yyyy or says what is wrong


def _number_text(f, value) -> str:
    if isinstance(value, bool):
        raise CellError(_("phải là số."))
    if isinstance(value, dt.datetime | dt.date):
        raise CellError(_("phải là số, không phải ngày."))
    if isinstance(f, forms.DecimalField) and isinstance(value, int | float):
        return _decimal_text(f, Decimal(str(value)))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)  # a word or a fraction: the form's own message names the field


def display(f, text: str) -> str:
    """A text as the user reads it in the diff: a choice's label, (trống) for nothing."""
    if text == "":
        return _("(trống)")
    if isinstance(f, forms.BooleanField):
        return YES
    if is_multiple(f):
        labels = dict(choice_pairs(f))
        return MULTIPLE_SEPARATOR.join(labels.get(code, code) for code in text.split(","))
    if isinstance(f, forms.ChoiceField | forms.ModelChoiceField):
        return dict(choice_pairs(f)).get(text, text)
    return text


def is_multiple(f) -> bool:
    return isinstance(f, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)


def post_list(f, text: str) -> list[str]:
    """The POST values of a field: several for a multiple choice, one otherwise."""
    return text.split(",") if is_multiple(f) else [text]
