"""The Excel workbook of the quarterly report, written with openpyxl's write-only mode (rows streamed, styles
shared), so a province of thousands of units stays fast and small in memory.

Sheets: "Tổng hợp" (the scorecard as on screen: units × indicators grouped by area, band colours, targets,
points, rank and the total row), one "biểu số liệu" per reform area (every figure each unit reported, with
totals), the texts (shortcomings, causes, tasks), "Chú giải" (colours, legends, targets with their legal
sources, the rubric) and "Thông tin" (period, scope, time, report counts, the indicators' definitions).

Everything here is layout: values come from `ExportData` (scorecard_build and the annex data layer) and are
written as numbers with number formats; nothing is added, divided or rounded here.
"""

from __future__ import annotations

import math
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from cchc.choices import ReformArea, UnitKind
from cchc.indicators import Direction, Rollup
from cchc.spreadsheet_safety import xlsx_cell

from ..builder import Cell, Column, Row
from . import ExportData
from .annex import DATE, DECIMAL, INT, PERCENT, TEXT, YEAR, AnnexTable, pick, tr

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


def plain_format(value, is_rate: bool) -> str:
    """The format of a threshold or target: a percentage for rates, else a whole or a two-decimal number."""
    if is_rate:
        return "0.00%"
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return "#,##0.00"
    return INT_FORMAT


def excel_number(value):
    """A number as Excel stores it: int when whole, else float (Decimal has no place in a cell's XML)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


class Writer:
    """Builds write-only cells, each distinct style resolved once: openpyxl hashes a Font or a Fill every time one
    is assigned, which would dominate the time of a sheet of thousands of rows."""

    def __init__(self, ws):
        self.ws = ws
        self.bold = Font(bold=True)
        self.title = Font(bold=True, size=14)
        self.muted = Font(italic=True, color="595959")
        self.head = Font(bold=True)
        # (ids of the style objects) → (the objects, kept alive so their ids stay theirs; the resolved style)
        self._styles: dict[tuple, tuple[tuple, StyleArray]] = {}

    def cell(self, value, *, font=None, fill=None, fmt=None, align=None, border=None):
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

    def heading(self, value):
        return self.cell(value, font=self.head, fill=HEAD_FILL, align=HEAD_ALIGN, border=GRID)


# How many character-width units of columns one landscape page prints readably (about 9 pt text): beyond it,
# a sheet prints on several pages wide (with its unit column repeated) rather than shrunk to one page.
PAGE_WIDTH_UNITS = {Worksheet.PAPERSIZE_A4: 150, Worksheet.PAPERSIZE_A3: 220}


def print_setup(
    ws,
    *,
    title_rows: str | None = None,
    title_cols: str | None = None,
    paper: int = Worksheet.PAPERSIZE_A4,
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


def widths(ws, values: list[float]) -> None:
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


# --- "Tổng hợp" -------------------------------------------------------------------------------------


class SummaryLayout:
    """The columns of the "Tổng hợp" sheet (and of the CSV): unit, code, kind, each indicator grouped by area
    (followed by its target where any unit has one), the points per area, the total points, the rank, and
    whether the row's figures are provisional."""

    def __init__(self, data: ExportData):
        card = data.scorecard
        rows = [*card.rows, card.total] if data.show_total else list(card.rows)
        self.rows_with_total = rows
        self.groups: list[tuple[str, list[tuple[str, Column]]]] = []
        for _area, label, columns in card.areas:
            entries = []
            for column in columns:
                entries.append(("value", column))
                if any(r.cells.get(column.code, Cell()).target is not None for r in rows):
                    entries.append(("target", column))
            self.groups.append((str(label), entries))
        self.point_areas = sorted({area for r in rows for area in r.points_by_area})
        self.scored = any(r.points is not None for r in rows)
        self.data = data

    def header(self, kind: str, column: Column) -> str:
        name = self.data.name(column.code, column.name)
        if kind == "target":
            return tr("Chỉ tiêu: %(name)s", "Target: %(name)s") % {"name": name}
        uom = column.unit_of_measure
        return f"{name} ({uom})" if uom else name

    def lead_headers(self) -> list[str]:
        return [tr("Đơn vị", "Unit"), tr("Mã đơn vị", "Unit code"), tr("Loại đơn vị", "Unit type")]

    def tail_headers(self) -> list[str]:
        heads = [tr("Điểm: %(area)s", "Points: %(area)s") % {"area": ReformArea(a).label} for a in self.point_areas]
        if self.scored:
            heads += [
                tr("Tổng điểm", "Total points"),
                tr("Xếp hạng trong đơn vị cùng loại", "Rank among units of the same type"),
            ]
        heads.append(tr("Số liệu chưa duyệt", "Provisional figures"))
        return heads

    def kind_label(self, row: Row) -> str:
        if row.kind == "total":
            return tr("Tổng (toàn phạm vi)", "Total (whole scope)")
        try:
            return str(UnitKind(row.kind).label)
        except ValueError:
            return row.kind

    def tail_values(self, row: Row) -> list:
        values = [row.points_by_area.get(a) for a in self.point_areas]
        if self.scored:
            values += [row.points, row.rank]
        values.append(tr("có", "yes") if row.provisional else "")
        return values


def write_summary(wb: Workbook, data: ExportData, name: str) -> None:
    ws = wb.create_sheet(name)
    w = Writer(ws)
    layout = SummaryLayout(data)
    lead, tail = layout.lead_headers(), layout.tail_headers()
    indicator_heads = [
        (label, kind, column, layout.header(kind, column))
        for label, entries in layout.groups
        for kind, column in entries
    ]
    count = len(lead) + len(indicator_heads) + len(tail)
    head_row, first_data = 5, 6
    rows = list(data.scorecard.rows)
    last_unit_row = first_data + len(rows) - 1

    column_widths = (
        [44, 20, 26]
        + [12 if kind == "target" else 15 for _l, kind, _c, _h in indicator_heads]
        + [11] * (len(tail) - 1)
        + [12]
    )
    widths(ws, column_widths)
    ws.row_dimensions[head_row].height = header_height([h for *_x, h in indicator_heads] + tail, 15)
    ws.freeze_panes = f"B{first_data}"
    # A3 landscape, and past its width several pages wide with the unit column and the header rows repeated
    # on each: fitted to one A4 width, a province's grid would print too small to read.
    print_setup(
        ws,
        title_rows=f"4:{head_row}",
        title_cols="A:A",
        paper=Worksheet.PAPERSIZE_A3,
        total_width=sum(column_widths),
    )

    title, sub = title_lines(data)
    ws.append([w.cell(title, font=w.title)])
    ws.append([w.cell(sub, font=w.muted)])
    ws.append(
        [
            w.cell(
                tr(
                    "Màu: xanh đạt chỉ tiêu, vàng cần cố gắng, đỏ chưa đạt (không "
                    "tô màu: chưa có chỉ tiêu); * số liệu chưa "
                    "duyệt; — chưa có số liệu (không phải số 0). Chi tiết ở sheet “Chú giải” và “Thông tin”.",
                    "Colours: green on target, yellow needs effort, red off "
                    "target (no colour: no target); * provisional "
                    "(report not yet approved); — not reported (not zero). Details on the “Legend” and “About” sheets.",
                ),
                font=w.muted,
            )
        ]
    )

    # Row 4: the reform areas over their indicators; row 5: the indicators.
    area_row = [w.cell(None)] * len(lead)
    column_index = len(lead) + 1
    for label, entries in layout.groups:
        area_row.append(w.heading(label))
        area_row += [w.heading(None) for _ in entries[1:]]
        if len(entries) > 1:
            ws.merged_cells.add(
                f"{get_column_letter(column_index)}4:{get_column_letter(column_index + len(entries) - 1)}4"
            )
        column_index += len(entries)
    if tail:
        area_row.append(w.heading(tr("Điểm, xếp hạng", "Points, rank")))
        area_row += [w.heading(None) for _ in tail[1:]]
        if len(tail) > 1:
            ws.merged_cells.add(f"{get_column_letter(column_index)}4:{get_column_letter(count)}4")
    ws.append(area_row)
    ws.append(
        [w.heading(h) for h in lead] + [w.heading(h) for *_x, h in indicator_heads] + [w.heading(h) for h in tail]
    )

    styles: dict = {}

    def value_cell(row_cell: Cell, column: Column, total: bool):
        if row_cell.value is None:
            return w.cell(
                MISSING,
                align=CENTER,
                border=TOTAL_BORDER if total else GRID,
                fill=TOTAL_FILL if total else None,
                font=w.bold if total else None,
            )
        key = (column.code, row_cell.band, row_cell.provisional, total)
        if key not in styles:
            styles[key] = {
                "fmt": number_format(column, row_cell.provisional),
                "fill": BAND_FILLS.get(row_cell.band) or (TOTAL_FILL if total else None),
                "font": Font(bold=total, color=BAND_FONTS.get(row_cell.band)),
                "align": NUMBER_ALIGN,
                "border": TOTAL_BORDER if total else GRID,
            }
        return w.cell(excel_number(row_cell.value), **styles[key])

    def target_cell(row_cell: Cell, column: Column, total: bool):
        return w.cell(
            excel_number(row_cell.target),
            fmt=number_format(column),
            font=w.muted,
            align=NUMBER_ALIGN,
            border=TOTAL_BORDER if total else GRID,
            fill=TOTAL_FILL if total else None,
        )

    def write_row(row: Row, total: bool = False):
        font = w.bold if total else None
        fill = TOTAL_FILL if total else None
        border = TOTAL_BORDER if total else GRID
        out = [
            w.cell(row.name, font=font, fill=fill, border=border, align=WRAP_TOP),
            w.cell(row.code, font=font, fill=fill, border=border),
            w.cell(layout.kind_label(row), font=font, fill=fill, border=border),
        ]
        for _label, kind, column, _head in indicator_heads:
            row_cell = row.cells.get(column.code, Cell())
            out.append(value_cell(row_cell, column, total) if kind == "value" else target_cell(row_cell, column, total))
        for value in layout.tail_values(row):
            if isinstance(value, str):
                out.append(w.cell(value, align=CENTER, font=font, fill=fill, border=border))
            else:
                out.append(
                    w.cell(
                        excel_number(value) if value is not None else MISSING,
                        align=NUMBER_ALIGN if value is not None else CENTER,
                        font=font,
                        fill=fill,
                        border=border,
                    )
                )
        ws.append(out)

    for row in rows:
        write_row(row)
    if data.show_total:
        write_row(data.scorecard.total, total=True)
    if not rows:
        ws.append([w.cell(tr("Không có đơn vị nào phù hợp.", "No unit matches."), font=w.muted)])

    # The filter covers the units' rows; the total row stays below it (sorting never moves it).
    ws.auto_filter.ref = f"A{head_row}:{get_column_letter(count)}{max(last_unit_row, head_row)}"


# --- the annex sheets ---------------------------------------------------------------------------------


ANNEX_LEAD = 4  # unit, code, quarter, report status


def annex_widths(tables: list[AnnexTable]) -> list[float]:
    out = [44, 18, 14, 14]
    for table in tables:
        for index, column in enumerate(table.columns):
            want = {TEXT: 30, DATE: 12, YEAR: 9}.get(column.kind, 14)
            if column.key in ("title", "name", "link"):
                want = 48
            if len(out) <= ANNEX_LEAD + index:
                out.append(want)
            else:
                out[ANNEX_LEAD + index] = max(out[ANNEX_LEAD + index], want)
    return out


def write_annex(wb: Workbook, data: ExportData, area, name: str) -> None:
    ws = wb.create_sheet(name)
    w = Writer(ws)
    widths(ws, annex_widths(area.tables))
    ws.freeze_panes = "B4"
    print_setup(ws, title_cols="A:A")
    title, sub = title_lines(data)
    ws.append([w.cell(tr("Biểu số liệu: %(area)s", "Data annex: %(area)s") % {"area": area.label}, font=w.title)])
    ws.append([w.cell(sub, font=w.muted)])
    scope = data.scope.unit.name
    ws.append(
        [
            w.cell(
                tr(
                    "Mỗi dòng là số liệu một đơn vị đã báo cáo trong quý. Dòng của "
                    "%(scope)s là số liệu %(scope)s tự báo cáo "
                    "(có thể đã gồm số liệu các đơn vị trực thuộc); dòng “Cộng các "
                    "đơn vị” cộng các đơn vị trực thuộc, không "
                    "gồm dòng của %(scope)s. Trống: không báo cáo (không phải số 0).",
                    "Each row is what one unit reported for the quarter. "
                    "%(scope)s's own row is its own report (which may "
                    "already include its units'); “Total of the units” adds up "
                    "the units below it, without %(scope)s's own "
                    "row. Empty: not reported (not zero).",
                )
                % {"scope": scope},
                font=w.muted,
            )
        ]
    )
    written = 3  # rows so far: a write-only sheet does not count them, and a row's height is set before it
    if not area.tables:
        ws.append([])
        ws.append(
            [
                w.cell(
                    tr("Không có số liệu nào được báo cáo trong kỳ.", "No figure was reported for the period."),
                    font=w.muted,
                )
            ]
        )
    column_widths = annex_widths(area.tables)
    for table in area.tables:
        ws.append([])
        ws.append([w.cell(table.title, font=Font(bold=True, size=12))])
        lead = [
            tr("Đơn vị", "Unit"),
            tr("Mã đơn vị", "Unit code"),
            tr("Kỳ báo cáo", "Reporting period"),
            tr("Trạng thái báo cáo", "Report status"),
        ]
        heads = lead + [c.label for c in table.columns]
        written += 3
        # The wrapped header row grows to its longest label, so headers never overlap the first data row.
        ws.row_dimensions[written].height = wrapped_height(heads, column_widths)
        ws.append([w.heading(h) for h in heads])
        written += len(table.rows) + len(table.totals)
        formats = [kind_format(c.kind, c.decimals) for c in table.columns]
        for row in table.rows:
            out = [
                w.cell(row.unit_name, border=GRID, align=WRAP_TOP, font=w.bold if row.own else None),
                w.cell(row.unit_code, border=GRID),
                w.cell(row.period, border=GRID),
                w.cell(row.status, border=GRID),
            ]
            for column, fmt in zip(table.columns, formats, strict=True):
                value = row.values.get(column.key)
                value = excel_number(value) if column.kind not in (TEXT, DATE) else value
                out.append(w.cell(value, fmt=fmt, border=GRID, align=WRAP_TOP if column.kind == TEXT else NUMBER_ALIGN))
            ws.append(out)
        for total in table.totals:
            out = [w.cell(total.label, font=w.bold, fill=TOTAL_FILL, border=TOTAL_BORDER, align=WRAP_TOP)]
            out += [w.cell(None, fill=TOTAL_FILL, border=TOTAL_BORDER) for _ in range(ANNEX_LEAD - 1)]
            for column, fmt in zip(table.columns, formats, strict=True):
                value = total.values.get(column.key) if column.total else None
                out.append(
                    w.cell(
                        excel_number(value),
                        fmt=fmt,
                        font=w.bold,
                        fill=TOTAL_FILL,
                        border=TOTAL_BORDER,
                        align=NUMBER_ALIGN,
                    )
                )
            ws.append(out)


def write_texts(wb: Workbook, data: ExportData, name: str) -> None:
    ws = wb.create_sheet(name)
    w = Writer(ws)
    widths(ws, [36, 16, 14, 14, 30, 100])
    texts = data.annex.texts
    for index, entry in enumerate(texts):
        lines = sum(max(1, math.ceil(len(part) / 110)) for part in entry.text.splitlines() or [""])
        if lines > 1:
            ws.row_dimensions[5 + index].height = min(409, 15 * lines + 2)
    ws.freeze_panes = "A5"
    print_setup(ws, title_rows="4:4")
    title, sub = title_lines(data)
    ws.append(
        [
            w.cell(
                tr(
                    "Hạn chế, nguyên nhân, nhiệm vụ và số liệu dạng văn bản",
                    "Shortcomings, causes, tasks and text figures",
                ),
                font=w.title,
            )
        ]
    )
    ws.append([w.cell(sub, font=w.muted)])
    ws.append([])
    heads = [
        tr("Đơn vị", "Unit"),
        tr("Mã đơn vị", "Unit code"),
        tr("Kỳ báo cáo", "Reporting period"),
        tr("Trạng thái báo cáo", "Report status"),
        tr("Mục", "Item"),
        tr("Nội dung", "Text"),
    ]
    ws.append([w.heading(h) for h in heads])
    for entry in texts:
        ws.append(
            [
                w.cell(entry.unit_name, border=GRID, align=WRAP_TOP),
                w.cell(entry.unit_code, border=GRID, align=WRAP_TOP),
                w.cell(entry.period, border=GRID, align=WRAP_TOP),
                w.cell(entry.status, border=GRID, align=WRAP_TOP),
                w.cell(entry.label, border=GRID, align=WRAP_TOP, font=w.bold),
                w.cell(entry.text, border=GRID, align=WRAP_TOP),
            ]
        )
    if not texts:
        ws.append(
            [
                w.cell(
                    tr("Không có nội dung nào được báo cáo trong kỳ.", "No text was reported for the period."),
                    font=w.muted,
                )
            ]
        )
    else:
        ws.auto_filter.ref = f"A4:F{4 + len(texts)}"


# --- "Chú giải" --------------------------------------------------------------------------------------


def write_legend(wb: Workbook, data: ExportData, name: str) -> None:
    ws = wb.create_sheet(name)
    w = Writer(ws)
    widths(ws, [46, 26, 26, 22, 16, 16, 30, 30, 30])
    print_setup(ws)
    legend = data.legend
    ws.append(
        [
            w.cell(
                tr(
                    "Chú giải: màu, thang màu, chỉ tiêu và tiêu chí chấm điểm",
                    "Legend: colours, bands, targets and scoring rubric",
                ),
                font=w.title,
            )
        ]
    )
    ws.append([w.cell(title_lines(data)[1], font=w.muted)])

    def section(title: str):
        ws.append([])
        ws.append([w.cell(title, font=Font(bold=True, size=12))])

    section(tr("Màu và ký hiệu trên sheet “Tổng hợp”", "Colours and marks on the “Summary” sheet"))
    ws.append([w.heading(tr("Ký hiệu", "Mark")), w.heading(tr("Ý nghĩa", "Meaning"))])
    marks = [
        (tr("Xanh", "Green"), tr("Đạt chỉ tiêu", "On target"), "green"),
        (tr("Vàng", "Yellow"), tr("Cần cố gắng", "Needs effort"), "yellow"),
        (tr("Đỏ", "Red"), tr("Chưa đạt", "Off target"), "red"),
        (
            tr("Không tô màu", "No colour"),
            tr("Chưa có chỉ tiêu hoặc chưa có thang màu: không xếp màu", "No target or no legend: no colour"),
            None,
        ),
        ("*", tr("Số liệu chưa duyệt (báo cáo chưa được phê duyệt)", "Provisional (report not yet approved)"), None),
        (MISSING, tr("Chưa có số liệu (không phải số 0)", "Not reported (not zero)"), None),
    ]
    for mark, meaning, band in marks:
        ws.append(
            [
                w.cell(mark, fill=BAND_FILLS.get(band), border=GRID, font=Font(bold=True, color=BAND_FONTS.get(band))),
                w.cell(meaning, border=GRID, align=WRAP_TOP),
            ]
        )

    section(tr("Thang màu theo chỉ tiêu", "Bands by indicator"))
    ws.append(
        [
            w.heading(h)
            for h in (
                tr("Chỉ tiêu", "Indicator"),
                tr("Mã chỉ tiêu", "Indicator code"),
                tr("Cách so", "Compared"),
                tr("Chiều tốt", "Better when"),
                tr("Ngưỡng xanh", "Green from"),
                tr("Ngưỡng vàng", "Yellow from"),
                tr("Nhãn xanh", "Green label"),
                tr("Nhãn vàng", "Yellow label"),
                tr("Nhãn đỏ", "Red label"),
            )
        ]
    )
    for entry in legend.legends:
        # Relative thresholds are shares of the target (1 = the target); absolute ones read as the indicator.
        fmt = plain_format(entry.green_from, entry.relative or entry.is_rate)
        ws.append(
            [
                w.cell(entry.name, border=GRID, align=WRAP_TOP),
                w.cell(entry.code, border=GRID),
                w.cell(entry.mode, border=GRID, align=WRAP_TOP),
                w.cell(entry.direction, border=GRID),
                w.cell(excel_number(entry.green_from), fmt=fmt, border=GRID),
                w.cell(
                    excel_number(entry.yellow_from),
                    border=GRID,
                    fmt=plain_format(entry.yellow_from, entry.relative or entry.is_rate),
                ),
                w.cell(entry.green_label, fill=BAND_FILLS["green"], border=GRID),
                w.cell(entry.yellow_label, fill=BAND_FILLS["yellow"], border=GRID),
                w.cell(entry.red_label, fill=BAND_FILLS["red"], border=GRID),
            ]
        )
    if not legend.legends:
        ws.append([w.cell(tr("Chưa có thang màu nào.", "No legend yet."), font=w.muted)])

    section(
        tr("Chỉ tiêu năm %(year)s và văn bản giao chỉ tiêu", "Targets for %(year)s and their legal sources")
        % {"year": data.span.year}
    )
    ws.append(
        [
            w.heading(h)
            for h in (
                tr("Chỉ tiêu", "Indicator"),
                tr("Mã chỉ tiêu", "Indicator code"),
                tr("Phạm vi áp dụng", "Applies to"),
                tr("Giá trị chỉ tiêu (năm)", "Target (year)"),
                tr("Cách áp dụng", "How it applies"),
                tr("Văn bản giao chỉ tiêu", "Legal source"),
                tr("Số văn bản", "Document number"),
                tr("Ngày văn bản", "Document date"),
            )
        ]
    )
    for entry in legend.targets:
        fmt = plain_format(entry.value, entry.is_rate)
        how = (
            tr(
                "Chỉ tiêu năm của số cộng dồn: chia theo số quý của kỳ (quý: 1/4)",
                "Annual target of a flow: pro-rated to the quarters of the period (a quarter: 1/4)",
            )
            if entry.prorated
            else tr("Áp dụng nguyên giá trị", "Applied as is")
        )
        ws.append(
            [
                w.cell(entry.name, border=GRID, align=WRAP_TOP),
                w.cell(entry.code, border=GRID),
                w.cell(entry.scope, border=GRID, align=WRAP_TOP),
                w.cell(excel_number(entry.value), fmt=fmt, border=GRID),
                w.cell(how, border=GRID, align=WRAP_TOP),
                w.cell(entry.source, border=GRID, align=WRAP_TOP),
                w.cell(entry.source_number, border=GRID),
                w.cell(entry.source_date, fmt=DATE_FORMAT, border=GRID),
            ]
        )
    if not legend.targets:
        ws.append([w.cell(tr("Chưa có chỉ tiêu nào cho năm này.", "No target for this year."), font=w.muted)])
    ws.append(
        [
            w.cell(
                tr(
                    "Chỉ tiêu của đơn vị được ưu tiên hơn chỉ tiêu của loại đơn vị, rồi đến chỉ tiêu chung.",
                    "A unit's own target wins over its type's, which wins over the general one.",
                ),
                font=w.muted,
            )
        ]
    )

    section(tr("Tiêu chí chấm điểm", "Scoring rubric"))
    ws.append(
        [
            w.heading(h)
            for h in (
                tr("Tiêu chí", "Criterion"),
                tr("Mã chỉ tiêu", "Indicator code"),
                tr("Chỉ tiêu", "Indicator"),
                tr("Lĩnh vực", "Area"),
                tr("Điểm tối đa", "Maximum points"),
                tr("Ngưỡng", "Threshold"),
                tr("Điểm đạt được", "Points"),
            )
        ]
    )
    for item in legend.rubric:
        for index, (threshold, points) in enumerate(item.bands or [(None, None)]):
            first = index == 0
            fmt = plain_format(threshold, item.is_rate)
            ws.append(
                [
                    w.cell(item.name if first else None, border=GRID, align=WRAP_TOP),
                    w.cell(item.code if first else None, border=GRID),
                    w.cell(item.indicator if first else None, border=GRID, align=WRAP_TOP),
                    w.cell(item.area if first else None, border=GRID, align=WRAP_TOP),
                    w.cell(excel_number(item.max_points) if first else None, fmt="General", border=GRID),
                    w.cell(excel_number(threshold), fmt=fmt, border=GRID),
                    w.cell(excel_number(points), fmt="General", border=GRID),
                ]
            )
    if not legend.rubric:
        ws.append([w.cell(tr("Chưa có tiêu chí chấm điểm nào.", "No scoring rubric yet."), font=w.muted)])
    ws.append(
        [
            w.cell(
                tr(
                    "Giá trị đạt hoặc vượt ngưỡng (theo chiều tốt của chỉ tiêu) "
                    "được số điểm của mức cao nhất đạt được; dưới "
                    "mọi mức hoặc không báo cáo: 0 điểm. Xếp hạng theo tổng điểm trong các đơn vị cùng loại.",
                    "A value at or past a threshold (in the indicator's better "
                    "direction) earns the points of the best band "
                    "reached; below every band or not reported: 0. Ranks are by "
                    "total points among units of the same type.",
                ),
                font=w.muted,
            )
        ]
    )


# --- "Thông tin" -------------------------------------------------------------------------------------


def write_info(wb: Workbook, data: ExportData, name: str) -> None:
    ws = wb.create_sheet(name)
    w = Writer(ws)
    widths(ws, [34, 60, 40, 14, 30, 30, 30, 22])
    print_setup(ws)
    card = data.scorecard
    ws.append([w.cell(tr("Thông tin về tệp số liệu", "About this file"), font=w.title)])
    ws.append([])
    scope = data.scope
    facts = [
        (tr("Tỉnh", "Province"), data.province.name, None),
        (tr("Phạm vi", "Scope"), f"{scope.unit.name} ({scope.unit.code})", None),
        (tr("Kỳ báo cáo", "Reporting period"), f"{data.span.label} ({data.span.code})", None),
        (tr("Các quý trong kỳ", "Quarters of the period"), ", ".join(data.annex.periods) or MISSING, None),
        (
            tr("Lập lúc (giờ Việt Nam, Asia/Ho_Chi_Minh)", "Generated at (Vietnam time, Asia/Ho_Chi_Minh)"),
            data.generated_at,
            DATETIME_FORMAT,
        ),
        (tr("Người lập", "Generated by"), data.generated_by, None),
        (tr("Số đơn vị trong bảng tổng hợp", "Units on the summary"), len(card.rows), INT_FORMAT),
        (tr("Số đơn vị trong biểu số liệu", "Units in the data annex"), data.annex.units, INT_FORMAT),
        (
            tr(
                "Số đơn vị có báo cáo đã duyệt (mọi quý trong kỳ)",
                "Units whose reports are approved (every quarter of the period)",
            ),
            card.approved,
            INT_FORMAT,
        ),
        (
            tr(
                "Số đơn vị có báo cáo chưa duyệt (số liệu tạm tính)",
                "Units with reports not yet approved (provisional figures)",
            ),
            card.provisional,
            INT_FORMAT,
        ),
    ]
    for status, count in data.annex.report_statuses:
        facts.append(
            (
                tr("Báo cáo “%(status)s” (biểu số liệu)", "Reports “%(status)s” (data annex)") % {"status": status},
                count,
                INT_FORMAT,
            )
        )
    if data.kind:
        facts.append((tr("Loại đơn vị", "Unit type"), str(UnitKind(data.kind).label), None))
    if card.missing_periods:
        facts.append(
            (
                tr("Quý chưa có kỳ báo cáo (để trống)", "Quarters without a reporting period (left empty)"),
                ", ".join(card.missing_periods),
                None,
            )
        )
    for label, value, fmt in facts:
        ws.append([w.cell(label, font=w.bold), w.cell(value, fmt=fmt, align=Alignment(horizontal="left"))])
    ws.append([])
    for note in (
        tr(
            "Dòng tổng là số liệu của chính %(unit)s khi đơn vị này báo cáo (số liệu toàn tỉnh đã gồm các đơn vị), "
            "nếu không thì tính lại từ các đơn vị: số đếm cộng lại, tỷ lệ = tổng tử số / tổng mẫu số (không lấy "
            "trung bình). Tỷ lệ nhập sẵn dạng %% không có tử số, mẫu số thì không cộng được: để trống.",
            "The total row is %(unit)s's own figure where it reports one (province-wide figures already include "
            "its units), else recomputed from the units: counts are summed, a rate is total numerator / total "
            "denominator (never a mean). A percentage typed without its counts cannot be totalled: left empty.",
        )
        % {"unit": scope.unit.name},
        tr(
            "Kỳ 6 tháng, 9 tháng, năm là cộng dồn các quý: số phát sinh cộng lại, số tại thời điểm lấy quý gần "
            "nhất, tỷ lệ = tổng tử số / tổng mẫu số.",
            "6-month, 9-month and year periods roll up quarters: flows are summed, stocks take the latest quarter, "
            "rates are total numerator / total denominator.",
        ),
    ):
        ws.append([w.cell(tr("Ghi chú", "Note"), font=w.bold), w.cell(note, align=WRAP_TOP)])
    ws.append([])
    ws.append([w.cell(tr("Định nghĩa các chỉ tiêu", "Indicator definitions"), font=Font(bold=True, size=12))])
    ws.append(
        [
            w.heading(h)
            for h in (
                tr("Lĩnh vực", "Area"),
                tr("Chỉ tiêu", "Indicator"),
                tr("Mã chỉ tiêu", "Indicator code"),
                tr("Đơn vị tính", "Unit of measure"),
                tr("Tử số", "Numerator"),
                tr("Mẫu số", "Denominator"),
                tr("Cộng các quý", "Roll-up over quarters"),
                tr("Chiều tốt", "Better when"),
            )
        ]
    )
    for column in card.columns:
        indicator = data.indicators.get(column.code)
        ws.append(
            [
                w.cell(str(column.area_label), border=GRID, align=WRAP_TOP),
                w.cell(data.name(column.code, column.name), border=GRID, align=WRAP_TOP),
                w.cell(column.code, border=GRID),
                w.cell(column.unit_of_measure, border=GRID),
                w.cell(
                    (indicator.numerator_label or indicator.numerator) if indicator else "", border=GRID, align=WRAP_TOP
                ),
                w.cell(
                    (indicator.denominator_label or indicator.denominator) if indicator else "",
                    border=GRID,
                    align=WRAP_TOP,
                ),
                w.cell(str(Rollup(column.rollup).label), border=GRID, align=WRAP_TOP),
                w.cell(str(Direction(column.direction).label), border=GRID),
            ]
        )


# --- the workbook ------------------------------------------------------------------------------------


def write_xlsx(data: ExportData, stream) -> None:
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
