"""The "Tổng hợp" grid as CSV: the same columns as the sheet, headed by their names (no internal codes), UTF-8
with a byte-order mark so Excel opens Vietnamese correctly, comma-separated, one header row.

Counts are plain numbers (14595); rates are percentages rounded as on screen ("92,56%"): the fraction itself
stays in the workbook. Missing figures are empty cells (not 0); a row with figures from reports not yet
approved says so in its last column, a row without any figure does not (nothing there is provisional).
"""

from __future__ import annotations

import csv
import io

from cchc.spreadsheet_safety import csv_row

from ..builder import Cell
from ..months_marks import NO_MONTHLY
from ..templatetags.reports_tags import format_value, is_share
from .data import ExportData
from .xlsx import SummaryLayout, excel_number


def rows(data: ExportData):
    """The header and the rows (units, then the total row) as lists of plain values."""
    layout = SummaryLayout(data)
    heads = [(kind, column) for _label, entries in layout.groups for kind, column in entries]
    yield csv_row(
        [
            *layout.lead_headers(),
            *(layout.header(kind, c) for kind, c in heads),
            *layout.tail_headers(),
        ]
    )
    for row in layout.rows_with_total:
        cells = [row.cells.get(column.code, Cell()) for _kind, column in heads]
        values = [cell.value if kind == "value" else cell.target for (kind, _c), cell in zip(heads, cells, strict=True)]
        # "không có số liệu theo tháng" where the span cuts a quarter and the figure is quarterly (issue 11).
        marks = [kind == "value" and cell.no_monthly for (kind, _c), cell in zip(heads, cells, strict=True)]
        tail = layout.tail_values(row)
        if all(v is None for v in values):
            tail[-1] = ""  # no figure at all: not "provisional"
        # Names and labels are text a user typed: never a live formula (cchc.spreadsheet_safety).
        yield [
            *csv_row([row.name, row.code, layout.kind_label(row)]),
            *(
                str(NO_MONTHLY) if mark else shown(v, column)
                for v, mark, (_kind, column) in zip(values, marks, heads, strict=True)
            ),
            *(plain(v) for v in tail),
        ]


def shown(value, column) -> str:
    """A rate as the screen shows it ("92,56%"), any other figure unformatted."""
    if value is not None and is_share(column):
        return format_value(value, column)
    return plain(value)


def plain(value) -> str:
    """A value as text without formatting: "14595", "0.9255998753505765", "" when missing."""
    value = excel_number(value)
    if value is None:
        return ""
    return repr(value) if isinstance(value, float) else str(value)


def write_csv(data: ExportData, stream) -> None:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="", write_through=True)
    try:
        writer = csv.writer(text, delimiter=",", lineterminator="\r\n")
        for row in rows(data):
            writer.writerow(row)
        text.flush()
    finally:
        text.detach()  # leave the caller's stream open
