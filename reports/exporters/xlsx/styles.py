"""The workbook's shared layout: band colours, fonts, borders, number formats, the sheets' names, the cell
writer (each distinct style resolved once), print setup, column widths and the title lines."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from cchc.choices import ReformArea
from cchc.spreadsheet_safety import xlsx_cell

from ...builder import Column
from ..annex import DATE, DECIMAL, INT, PERCENT, YEAR, pick, tr
from ..data import ExportData

# The screen's band colours (static/css/reports.css), readable in print.
BAND_FILLS = {
    "green": PatternFill("solid", fgColor="D1F0D9"),
    "yellow": PatternFill("solid", fgColor="FFF1B8"),
    "red": PatternFill("solid", fgColor="F8D0D0"),
}
BAND_FONTS = {"green": "0B3D1B", "yellow": "4A3800", "red": "5C0B0B"}
HEAD_FILL = PatternFill("solid", fgColor="DCE6F1")
TOTAL_FILL = PatternFill("solid", fgColor="EFEFEF")
THIN = Side(style="thin", color="A6A6A6")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TOTAL_BORDER = Border(left=THIN, right=THIN, top=Side(style="medium", color="404040"), bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
HEAD_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
NUMBER_ALIGN = Alignment(horizontal="right", vertical="top")
CENTER = Alignment(horizontal="center", vertical="top")

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
INT_FORMAT = "#,##0"
YEAR_FORMAT = "0"
MISSING = "—"
SHEET_NAME_LIMIT = 31

# Short sheet names (Excel allows 31 characters) of the seven reform areas.
AREA_SHEETS = {
    ReformArea.DIRECTION: ("1. Chỉ đạo, tuyên truyền", "1. Direction, outreach"),
    ReformArea.INSTITUTIONS: ("2. Thể chế", "2. Institutions"),
    ReformArea.PROCEDURES: ("3. Thủ tục hành chính", "3. Procedures"),
    ReformArea.ORGANISATION: ("4. Tổ chức bộ máy", "4. Organisation"),
    ReformArea.CIVIL_SERVICE: ("5. Chế độ công vụ", "5. Civil service"),
    ReformArea.PUBLIC_FINANCE: ("6. Tài chính công", "6. Public finance"),
    ReformArea.EGOVERNMENT: ("7. Chính quyền điện tử", "7. E-government"),
}


def sheet_names() -> dict[str, str]:
    """The sheets' names in the active language."""
    names = {
        "summary": pick("Tổng hợp", "Summary"),
        "texts": pick("Hạn chế, nhiệm vụ", "Shortcomings, tasks"),
        "legend": pick("Chú giải", "Legend"),
        "info": pick("Thông tin", "About"),
    }
    for area, (vi, en) in AREA_SHEETS.items():
        names[f"area{int(area)}"] = pick(vi, en)
    return {key: value[:SHEET_NAME_LIMIT] for key, value in names.items()}


# --- values and formats ---------------------------------------------------------------------------


def is_share(column: Column) -> bool:
    return bool(column.is_rate or column.unit_of_measure == "%")


def number_format(column: Column, provisional: bool = False) -> str:
    """Integers with thousands separators, rates as percentages, decimals as the indicator reads them; a
    provisional value (report not yet approved) keeps its number and shows "*" after it."""
    if is_share(column):
        decimals = column.decimals or 2
        fmt = f"0.{'0' * decimals}%"
    elif column.decimals:
        fmt = f"#,##0.{'0' * column.decimals}"
    else:
        fmt = INT_FORMAT
    return f'{fmt}"*"' if provisional else fmt


def kind_format(kind: str, decimals: int = 0) -> str | None:
    return {
        INT: INT_FORMAT,
        YEAR: YEAR_FORMAT,
        DATE: DATE_FORMAT,
        PERCENT: "0.00%",
        DECIMAL: f"#,##0.{'0' * (decimals or 2)}",
    }.get(kind)


def plain_format(value: object, is_rate: bool) -> str:
    """The format of a threshold or target: a percentage for rates, else a whole or a two-decimal number."""
    if is_rate:
        return "0.00%"
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return "#,##0.00"
    return INT_FORMAT


def excel_number(value: Any) -> Any:
    """A number as Excel stores it: int when whole, else float (Decimal has no place in a cell's XML)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


class Writer:
    """Builds write-only cells, each distinct style resolved once: openpyxl hashes a Font or a Fill every time one
    is assigned, which would dominate the time of a sheet of thousands of rows."""

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self.ws = ws
        self.bold = Font(bold=True)
        self.title = Font(bold=True, size=14)
        self.muted = Font(italic=True, color="595959")
        self.head = Font(bold=True)
        # (ids of the style objects) → (the objects, kept alive so their ids stay theirs; the resolved style)
        self._styles: dict[tuple, tuple[tuple, StyleArray]] = {}

    def cell(
        self,
        value: Any,
        *,
        font: Font | None = None,
        fill: PatternFill | None = None,
        fmt: str | None = None,
        align: Alignment | None = None,
        border: Border | None = None,
    ) -> Cell:
        # Text is always a string cell, never a formula, whoever typed it (cchc.spreadsheet_safety).
        cell = xlsx_cell(WriteOnlyCell(self.ws, value=value))
        if font is None and fill is None and fmt is None and align is None and border is None:
            return cell
        key = (id(font), id(fill), fmt, id(align), id(border))
        cached = self._styles.get(key)
        if cached is None:
            if font is not None:
                cell.font = font
            if fill is not None:
                cell.fill = fill
            if fmt is not None:
                cell.number_format = fmt
            if align is not None:
                cell.alignment = align
            if border is not None:
                cell.border = border
            self._styles[key] = ((font, fill, align, border), StyleArray(cell._style))
            return cell
        cell._style = StyleArray(cached[1])
        return cell

    def heading(self, value: Any) -> Cell:
        return self.cell(value, font=self.head, fill=HEAD_FILL, align=HEAD_ALIGN, border=GRID)


# How many character-width units of columns one landscape page prints readably (about 9 pt text): beyond it,
# a sheet prints on several pages wide (with its unit column repeated) rather than shrunk to one page.
PAGE_WIDTH_UNITS = {Worksheet.PAPERSIZE_A4: 150, Worksheet.PAPERSIZE_A3: 220}


# A write-only sheet has the print settings and column dimensions of a Worksheet at run time; types-openpyxl's
# WriteOnlyWorksheet does not declare them, hence `PrintableSheet` (Any) for the two helpers that set them.
PrintableSheet = Any


def print_setup(
    ws: PrintableSheet,
    *,
    title_rows: str | None = None,
    title_cols: str | None = None,
    paper: str = Worksheet.PAPERSIZE_A4,
    total_width: float = 0,
) -> None:
    """Landscape, fitted to the page width (as many pages down as needed), page numbers in the footer.

    With `total_width` (the columns' widths added up) wider than a page prints readably, the sheet prints
    on several pages wide instead of being shrunk to one. Call before the first row: write-only sheets write
    their properties (fit to page) with the first row.
    """
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = paper
    ws.page_setup.fitToWidth = max(1, math.ceil(total_width / PAGE_WIDTH_UNITS[paper]))
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = tr("Trang &P/&N", "Page &P of &N")
    ws.oddFooter.right.text = "&A"
    if title_rows:
        ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols


def widths(ws: PrintableSheet, values: Sequence[float]) -> None:
    for index, width in enumerate(values, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def header_height(labels: list[str], width: float) -> float:
    """A wrapped header row tall enough for its longest label (Excel does not fit row heights on open)."""
    per_line = max(8, int(width * 1.1))
    lines = max((math.ceil(len(label) / per_line) for label in labels), default=1)
    return min(150, 15 * max(2, lines) + 4)


def wrapped_height(labels: list[str], column_widths: list[float]) -> float:
    """A wrapped header row tall enough for each label in its own column's width (points)."""
    lines = 1
    for label, width in zip(labels, column_widths, strict=False):
        per_line = max(6, int(width * 1.1))
        lines = max(lines, sum(math.ceil(max(1, len(part)) / per_line) for part in str(label).split("\n")))
    return min(150, 15 * lines + 4)


def title_lines(data: ExportData) -> tuple[str, str]:
    province = data.province.name
    title = tr(
        "TỔNG HỢP KẾT QUẢ CẢI CÁCH HÀNH CHÍNH — %(province)s", "ADMINISTRATIVE REFORM RESULTS — %(province)s"
    ) % {"province": province.upper() if not _en(data) else province}
    scope = data.scope.unit.name
    sub = tr(
        "%(period)s · Phạm vi: %(scope)s · Lập lúc %(time)s (giờ Việt Nam)",
        "%(period)s · Scope: %(scope)s · Generated %(time)s (Vietnam time)",
    ) % {"period": data.span.label, "scope": scope, "time": data.generated_at.strftime("%d/%m/%Y %H:%M")}
    return title, sub


def _en(data: ExportData) -> bool:
    return data.language.startswith("en")
