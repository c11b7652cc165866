"""The province's quarterly report as files: the Excel workbook, the "Tổng hợp" grid as CSV, and the narrative
report as a Word document.

`export_data` (reports.exporters.data) gathers everything a table file shows; the writers (`xlsx`, `csv`) only
lay it out; the formatter registry (reports.exporters.formats) picks the writer of a format by name. The scope
is resolved by the screens' own rules (`reports.scope.scope_of`), so a file shows what the user sees on the
grid and nothing else.

    span = PeriodSpan.parse("2020-Q1")
    scope = scope_of(user, span)                         # the user's top unit, or unit= / parent=
    data = export_data(span=span, scope=scope, user=user)
    content = render(data, "xlsx")                       # bytes; or write(data, "xlsx", stream)
    content = export_file("docx", span=span, scope=scope, user=user)
"""

from __future__ import annotations

from cchc.models import Unit
from cchc.text import download_name

from ..periods import PeriodSpan
from .data import TIME_ZONE, ExportData, export_data, root_units, system_user
from .formats import CONTENT_TYPES, FORMATS, FORMATTERS, ExportError, Formatter, export_file, render, write

__all__ = [
    "CONTENT_TYPES",
    "FORMATS",
    "FORMATTERS",
    "TIME_ZONE",
    "ExportData",
    "ExportError",
    "Formatter",
    "export_data",
    "export_file",
    "filename",
    "render",
    "root_units",
    "system_user",
    "write",
]


def filename(span: PeriodSpan, scope_unit: Unit, fmt: str) -> str:
    """The portal's one pattern for downloads: "cchc-cb-2020-q1.xlsx" (cchc-<scope>-<period>.<ext>)."""
    return download_name(scope_unit.code, span.code, fmt)
