"""The report as a read-only document: figures as formatted text, rows as tables, the narrative as prose.

Everyone who may see a report may read it here ("report.view"); submitted and approved reports, and every
report for viewers and managers, are read this way: the report page itself shows this document to anyone
who cannot edit the report (cchc/report_page.py), with the manager's review actions beneath it. The page
prints on A4 (the @media print rules of static/css/cchc.css).
It is built from the same section forms as the report page, so a new section appears without code here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.forms import BaseFormSet
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from . import permissions
from .forms import ReasonForm
from .models import Report
from .nil_sections import nil_keys
from .section_state import FILLED, NIL, block_state
from .templatetags.cchc import number
from .views import ReportMixin

TEMPLATE = "cchc/report_read.html"
ASOF = "_asof"  # a catalogue figure's as-of date field: f_<code>_asof beside f_<code> (cchc/forms.py)


@dataclass
class ReadPart:
    """One form of a section as text: `pairs` (label, value, help text) for a form, `table` (headers, rows)
    for a formset, `prose` (label, text) for long texts."""

    pairs: list = field(default_factory=list)
    prose: list = field(default_factory=list)
    headers: list = field(default_factory=list)
    rows: list = field(default_factory=list)


def shown(bound_field) -> str:
    """A field's saved value as the document prints it: numbers 2.084, dates dd/mm/yyyy, choices by label."""
    form_field, value = bound_field.field, bound_field.value()
    if isinstance(form_field, forms.BooleanField):
        return _("Có") if value else _("Không")
    if value in (None, "", []):
        return "—"
    if getattr(form_field, "choices", None) is not None and not isinstance(value, (list, tuple)):
        labels = {str(k): v for k, v in form_field.choices}
        return str(labels.get(str(value), value))
    if isinstance(value, (int, Decimal, float)) and not isinstance(value, bool):
        exponent = Decimal(str(value)).normalize().as_tuple().exponent if isinstance(value, Decimal) else 0
        decimals = max(0, -exponent) if isinstance(exponent, int) else 0  # "n", "F": not a number, infinity
        return number(value, min(decimals, 4))
    if isinstance(value, (dt.date, dt.datetime)):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def _visible(form) -> list:
    return [bf for bf in form.visible_fields() if bf.name != "DELETE"]


def read_part(form) -> ReadPart:
    part = ReadPart()
    if isinstance(form, BaseFormSet):
        rows = form.initial_forms
        fields = _visible(form.empty_form)
        part.headers = [str(bf.label) for bf in fields]
        part.rows = [[shown(bf) for bf in _visible(row)] for row in rows]
        return part
    names = set(form.fields)
    for bf in _visible(form):
        if bf.name.endswith(ASOF) and bf.name[: -len(ASOF)] in names:
            continue  # printed with its figure
        if isinstance(bf.field.widget, forms.Textarea):
            part.prose.append((str(bf.label), str(bf.value() or "")))
            continue
        value = shown(bf)
        if bf.name + ASOF in names and form[bf.name + ASOF].value():
            # a figure and its as-of date together: "12 (tính đến ngày 29/02/2020)"
            value += " " + _("(tính đến ngày %(day)s)") % {"day": shown(form[bf.name + ASOF])}
        # The help beside a field (e.g. "Theo sổ đăng ký: 3", the register's figure) helps the reviewer too.
        part.pairs.append((str(bf.label), value, str(bf.help_text or "")))
    return part


def read_blocks(report: Report) -> list[dict]:
    """The report page's blocks, read-only, each with its state and its forms as text (`parts`)."""
    from .report_page import build_blocks  # the page's blocks, read-only (report_page imports this module)

    blocks = build_blocks(report, editable=False)
    nil = nil_keys(report)
    for block in blocks:
        block["state"] = block_state(block, report, nil)
        block["parts"] = [read_part(form) for form in block["forms"].values()]
    return blocks


def read_context(request: HttpRequest, report: Report, *, on_page: bool) -> dict:
    """What the document needs. `on_page`: shown at the report page's own address (to someone who cannot
    edit the report), with the manager's review actions and the unit's corrective actions beneath it."""
    return {
        "report": report,
        "blocks": read_blocks(report),
        "FILLED": FILLED,
        "NIL": NIL,
        "on_page": on_page,
        "can_review": permissions.has(request.user, "report.review", report),
        "reason_form": ReasonForm(),
    }


class ReportReadView(ReportMixin, TemplateView):
    """A report as a clean document: status, dates, who submitted and reviewed, every section as text."""

    template_name = TEMPLATE

    def get_context_data(self, **kwargs):
        context = read_context(self.request, self.get_report(), on_page=False)
        return super().get_context_data(**context, **kwargs)
