"""The workbook's shared layout: band colours, fonts, borders, number formats, the sheets' names, the cell
writer (each distinct style made into one xlsxwriter format, once per workbook), print setup, column widths and
the title lines.

Styles are small dicts of xlsxwriter format properties (`font`, `fill`, the alignments and borders below); a
cell is `(value, format)`, written when its row is appended. Text is always written as a string cell
(`write_string`, and `strings_to_formulas` off), never a formula, whoever typed it (cchc.spreadsheet_safety).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from xlsxwriter.format import Format

from cchc.choices import ReformArea

from ...builder import Column
from ..annex import DATE, DECIMAL, INT, PERCENT, YEAR, pick, tr
from ..data import ExportData

Style = Mapping[str, Any]  # xlsxwriter format properties
XCell = tuple[Any, Format | None]  # a cell as the sheets build it: its value and its (shared) format


def font(*, bold: bool = False, italic: bool = False, size: float | None = None, color: str | None = None) -> Style:
    props: dict[str, Any] = {"bold": bold, "italic": italic}
    if size:
        props["font_size"] = size
    if color:
        props["font_color"] = f"#{color}"
    return props


def fill(color: str) -> Style:
    # A solid pattern's colour is xlsxwriter's `bg_color` (written as the pattern's fgColor, as Excel does).
    return {"pattern": 1, "bg_color": f"#{color}"}


# The screen's band colours (static/css/reports.css), readable in print.
BAND_FILLS = {"green": fill("D1F0D9"), "yellow": fill("FFF1B8"), "red": fill("F8D0D0")}
BAND_FONTS = {"green": "0B3D1B", "yellow": "4A3800", "red": "5C0B0B"}
HEAD_FILL = fill("DCE6F1")
TOTAL_FILL = fill("EFEFEF")
THIN, MEDIUM = 1, 2  # xlsxwriter's border styles
GRID: Style = {"border": THIN, "border_color": "#A6A6A6"}
TOTAL_BORDER: Style = {**GRID, "top": MEDIUM, "top_color": "#404040"}
WRAP_TOP: Style = {"text_wrap": True, "valign": "top"}
HEAD_ALIGN: Style = {"text_wrap": True, "valign": "vcenter", "align": "center"}
NUMBER_ALIGN: Style = {"align": "right", "valign": "top"}
CENTER: Style = {"align": "center", "valign": "top"}
LEFT: Style = {"align": "left"}
BOLD, TITLE, SUBTITLE, MUTED = (
    font(bold=True),
    font(bold=True, size=14),
    font(bold=True, size=12),
    font(italic=True, color="595959"),
)

PAPERSIZE_A4, PAPERSIZE_A3 = 9, 8  # xlsxwriter's (and Excel's) paper codes

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
