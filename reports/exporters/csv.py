"""The "Tổng hợp" grid as CSV: the same columns as the sheet, values unformatted (0.9256, 14595), UTF-8 with a
byte-order mark so Excel opens Vietnamese correctly, comma-separated, one header row.

Missing figures are empty cells (not 0); a provisional row says so in its last column.
"""

from __future__ import annotations

import csv
import io

from ..builder import Cell
from . import ExportData
from .xlsx import SummaryLayout, excel_number


def rows(data: ExportData):
    """The header and the rows (units, then the total row) as lists of plain values."""
    layout = SummaryLayout(data)
    heads = [(kind, column) for _label, entries in layout.groups for kind, column in entries]
    yield [
        *layout.lead_headers(),
        *(f"{layout.header(kind, c)} [{c.code}]" for kind, c in heads),
        *layout.tail_headers(),
    ]
    for row in layout.rows_with_total:
        cells = [row.cells.get(column.code, Cell()) for _kind, column in heads]
        values = [cell.value if kind == "value" else cell.target for (kind, _c), cell in zip(heads, cells, strict=True)]
        yield [
            row.name,
            row.code,
            layout.kind_label(row),
            *(plain(v) for v in values),
            *(plain(v) for v in layout.tail_values(row)),
        ]


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
