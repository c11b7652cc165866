"""The Excel workbook of the quarterly report, written with openpyxl's write-only mode (rows streamed, styles
shared), so a province of thousands of units stays fast and small in memory.

Sheets: "Tổng hợp" (the scorecard as on screen: units × indicators grouped by area, band colours, targets,
points, rank and the total row), one "biểu số liệu" per reform area (every figure each unit reported, with
totals), the texts (shortcomings, causes, tasks), "Chú giải" (colours, legends, targets with their legal
sources, the rubric) and "Thông tin" (period, scope, time, report counts, the indicators' definitions).

One module per sheet (`summary`, `areas`, `legend`, `info`) and `styles` for what they share. Everything here
is layout: values come from `ExportData` (scorecard_build and the annex data layer) and are written as numbers
with number formats; nothing is added, divided or rounded here.
"""

from __future__ import annotations

from typing import BinaryIO

from openpyxl import Workbook

from ..data import ExportData
from .areas import write_annex, write_texts
from .info import write_info
from .legend import write_legend
from .styles import excel_number, number_format, sheet_names, title_lines
from .summary import SummaryLayout, write_summary

__all__ = ["SummaryLayout", "excel_number", "number_format", "sheet_names", "write_xlsx"]


# --- the workbook ------------------------------------------------------------------------------------


def write_xlsx(data: ExportData, stream: BinaryIO) -> None:
    """Write the whole workbook to `stream` (a path or a binary file object)."""
    wb = Workbook(write_only=True)
    names = sheet_names()
    write_summary(wb, data, names["summary"])
    for area in data.annex.areas:
        write_annex(wb, data, area, names[f"area{area.area}"])
    write_texts(wb, data, names["texts"])
    write_legend(wb, data, names["legend"])
    write_info(wb, data, names["info"])
    wb.properties.title = title_lines(data)[0]
    wb.properties.creator = "CCHC"
    wb.properties.language = data.language
    wb.save(stream)
