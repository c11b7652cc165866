"""The Excel workbook of the quarterly report, written with xlsxwriter in `constant_memory` mode (rows streamed
to a temporary file, each distinct style one format made once), so a province of thousands of units stays fast
and flat in memory (`book`). openpyxl still reads workbooks (imports, the published workbook's differences).

Sheets: "Tổng hợp" (the scorecard as on screen: units × indicators grouped by area, band colours, targets,
points, rank and the total row), one "biểu số liệu" per reform area (every figure each unit reported, with
totals), the texts (shortcomings, causes, tasks), "Chú giải" (colours, legends, targets with their legal
sources, the rubric) and "Thông tin" (period, scope, time, report counts, the indicators' definitions).

One module per sheet (`summary`, `areas`, `legend`, `info`), `styles` for what they share and `book` for the
writing itself. Everything here
is layout: values come from `ExportData` (scorecard_build and the annex data layer) and are written as numbers
with number formats; nothing is added, divided or rounded here.
"""

from __future__ import annotations

from typing import BinaryIO

from ..data import ExportData
from .areas import write_annex, write_texts
from .book import Book
from .info import write_info
from .legend import write_legend
from .styles import excel_number, number_format, sheet_names, title_lines
from .summary import SummaryLayout, write_summary

__all__ = ["SummaryLayout", "excel_number", "number_format", "sheet_names", "write_xlsx"]


# --- the workbook ------------------------------------------------------------------------------------


def write_xlsx(data: ExportData, stream: BinaryIO) -> None:
    """Write the whole workbook to `stream` (a path or a binary file object)."""
    book = Book(stream)
    names = sheet_names()
    write_summary(book, data, names["summary"])
    for area in data.annex.areas:
        write_annex(book, data, area, names[f"area{area.area}"])
    write_texts(book, data, names["texts"])
    write_legend(book, data, names["legend"])
    write_info(book, data, names["info"])
    book.close(title=title_lines(data)[0], creator="CCHC", language=data.language)
