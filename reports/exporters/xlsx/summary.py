"""The "Tổng hợp" sheet: the scorecard as on screen (units × indicators grouped by area, band colours, targets,
points, rank and the total row); `SummaryLayout` is also the CSV's column list."""

from __future__ import annotations

from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name

from cchc.choices import ReformArea, UnitKind

from ...builder import Cell, Column, Row
from ...months_marks import NO_MONTHLY
from ..annex import tr
from ..data import ExportData
from .book import Book, Writer
from .styles import (
    BAND_FILLS,
    BAND_FONTS,
    CENTER,
    GRID,
    MISSING,
    NUMBER_ALIGN,
    PAPERSIZE_A3,
    TOTAL_BORDER,
    TOTAL_FILL,
    WRAP_TOP,
    Style,
    XCell,
    excel_number,
    font,
    header_height,
    number_format,
    title_lines,
)

# --- "Tổng hợp" -------------------------------------------------------------------------------------


class SummaryLayout:
    """The columns of the "Tổng hợp" sheet (and of the CSV): unit, code, kind, each indicator grouped by area
    (followed by its target where any unit has one), the points per area, the total points, the rank, and
    whether the row's figures are provisional."""

    def __init__(self, data: ExportData) -> None:
        card = data.scorecard
        rows = [*card.rows, card.total] if data.show_total else list(card.rows)
        self.rows_with_total = rows
        self.groups: list[tuple[str, list[tuple[str, Column]]]] = []
        for _area, label, columns in card.areas:
            entries = []
            for column in columns:
                entries.append(("value", column))
                if any(getattr(r.cells.get(column.code), "target", None) is not None for r in rows):
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
        values: list = [row.points_by_area.get(a) for a in self.point_areas]
        if self.scored:
            values += [row.points, row.rank]
        values.append(tr("có", "yes") if row.provisional else "")
        return values


LEGEND_LINE = (
    "Màu: xanh đạt chỉ tiêu, vàng cần cố gắng, đỏ chưa đạt (không "
    "tô màu: chưa có chỉ tiêu); * số liệu chưa "
    "duyệt; — chưa có số liệu (không phải số 0). Chi tiết ở sheet “Chú giải” và “Thông tin”.",
    "Colours: green on target, yellow needs effort, red off "
    "target (no colour: no target); * provisional "
    "(report not yet approved); — not reported (not zero). Details on the “Legend” and “About” sheets.",
)
UNSET = object()
HEAD_ROW, FIRST_DATA = 5, 6  # rows 1-3: titles and the legend line; row 4: the areas; row 5: the indicators


class SummarySheet:
    """Writes the "Tổng hợp" sheet in steps: page setup, titles, the two header rows, the rows, the filter.

    The formats of a row's cells depend only on the column, the band, the provisional mark and whether it is the
    total row: each is resolved once (`_formats`), so a row is a list of (value, format) pairs."""

    def __init__(self, book: Book, data: ExportData, name: str) -> None:
        self.ws = book.sheet(name)
        self.w = Writer(self.ws)
        self.data = data
        self.layout = SummaryLayout(data)
        self.lead, self.tail = self.layout.lead_headers(), self.layout.tail_headers()
        self.indicator_heads = [
            (label, kind, column, self.layout.header(kind, column))
            for label, entries in self.layout.groups
            for kind, column in entries
        ]
        self.count = len(self.lead) + len(self.indicator_heads) + len(self.tail)
        self._formats: dict[tuple, Format | None] = {}
        self._fonts: dict[tuple, Style] = {}  # kept alive: the book's formats are keyed by the parts' ids

    def write(self) -> None:
        rows = list(self.data.scorecard.rows)
        self.setup()
        self.titles()
        self.headers()
        for row in rows:
            self.row(row)
        if self.data.show_total:
            self.row(self.data.scorecard.total, total=True)
        if not rows:
            self.ws.append([self.w.cell(tr("Không có đơn vị nào phù hợp.", "No unit matches."), font=self.w.muted)])
        # The filter covers the units' rows; the total row stays below it (sorting never moves it).
        last_unit_row = FIRST_DATA + len(rows) - 1
        self.ws.auto_filter(HEAD_ROW, 1, max(last_unit_row, HEAD_ROW), self.count)

    def setup(self) -> None:
        ws, tail = self.ws, self.tail
        column_widths = (
            [44, 20, 26]
            + [12 if kind == "target" else 15 for _l, kind, _c, _h in self.indicator_heads]
            + [11] * (len(tail) - 1)
            + [12]
        )
        ws.widths(column_widths)
        ws.height(HEAD_ROW, header_height([h for *_x, h in self.indicator_heads] + tail, 15))
        ws.freeze(f"B{FIRST_DATA}")
        # A3 landscape, and past its width several pages wide with the unit column and the header rows repeated
        # on each: fitted to one A4 width, a province's grid would print too small to read.
        ws.print_setup(title_rows=(4, HEAD_ROW), title_cols=True, paper=PAPERSIZE_A3, total_width=sum(column_widths))

    def titles(self) -> None:
        w = self.w
        title, sub = title_lines(self.data)
        self.ws.append([w.cell(title, font=w.title)])
        self.ws.append([w.cell(sub, font=w.muted)])
        self.ws.append([w.cell(tr(*LEGEND_LINE), font=w.muted)])

    def headers(self) -> None:
        """Row 4: the reform areas over their indicators (merged); row 5: the indicators."""
        ws, w = self.ws, self.w
        area_row = [w.cell(None)] * len(self.lead)
        merges = []
        column_index = len(self.lead) + 1
        for label, entries in self.layout.groups:
            area_row.append(w.heading(label))
            area_row += [w.heading(None) for _ in entries[1:]]
            if len(entries) > 1:
                merges.append(f"{xl_col_to_name(column_index - 1)}4:{xl_col_to_name(column_index + len(entries) - 2)}4")
            column_index += len(entries)
        if self.tail:
            area_row.append(w.heading(tr("Điểm, xếp hạng", "Points, rank")))
            area_row += [w.heading(None) for _ in self.tail[1:]]
            if len(self.tail) > 1:
                merges.append(f"{xl_col_to_name(column_index - 1)}4:{xl_col_to_name(self.count - 1)}4")
        ws.append(area_row)
        for ref in merges:
            ws.merge(ref)
        ws.append(
            [w.heading(h) for h in self.lead]
            + [w.heading(h) for *_x, h in self.indicator_heads]
            + [w.heading(h) for h in self.tail]
        )

    def _format(self, key: tuple, **parts: Any) -> Format | None:
        if key not in self._formats:
            self._formats[key] = self.w.style(**parts)
        return self._formats[key]

    def _band_font(self, band: str | None, total: bool) -> Style:
        key = (band, total)
        if key not in self._fonts:
            self._fonts[key] = font(bold=total, color=BAND_FONTS.get(band or ""))
        return self._fonts[key]

    def value_cell(self, row_cell: Cell, column: Column, total: bool) -> XCell:
        if row_cell.value is None:
            # "không có số liệu theo tháng" where the span cuts a quarter of a quarterly-only figure (issue 11)
            return str(NO_MONTHLY) if row_cell.no_monthly else MISSING, self._format(
                ("missing", total),
                align=CENTER,
                border=TOTAL_BORDER if total else GRID,
                fill=TOTAL_FILL if total else None,
                font=self.w.bold if total else None,
            )
        key = (column.code, row_cell.band, row_cell.provisional, total)
        fmt = self._formats.get(key, UNSET)
        if fmt is UNSET:  # the parts are worked out once per key, not per cell
            fmt = self._format(
                key,
                fmt=number_format(column, row_cell.provisional),
                fill=BAND_FILLS.get(row_cell.band or "") or (TOTAL_FILL if total else None),
                font=self._band_font(row_cell.band, total),
                align=NUMBER_ALIGN,
                border=TOTAL_BORDER if total else GRID,
            )
        return row_cell.value, fmt  # a Decimal is written as a number by the sheet

    def target_cell(self, row_cell: Cell, column: Column, total: bool) -> XCell:
        key = ("target", column.code, total)
        fmt = self._formats.get(key, UNSET)
        if fmt is UNSET:
            fmt = self._format(
                key,
                fmt=number_format(column),
                font=self.w.muted,
                align=NUMBER_ALIGN,
                border=TOTAL_BORDER if total else GRID,
                fill=TOTAL_FILL if total else None,
            )
        return row_cell.target, fmt

    def _plain(self, what: str, total: bool) -> Format | None:
        """The format of the row's unit, code, kind and tail cells."""
        align = {"name": WRAP_TOP, "text": CENTER, "number": NUMBER_ALIGN}.get(what)
        return self._format(
            (what, total),
            font=self.w.bold if total else None,
            fill=TOTAL_FILL if total else None,
            border=TOTAL_BORDER if total else GRID,
            align=align,
        )

    def row(self, row: Row, total: bool = False) -> None:
        plain = self._plain("plain", total)
        out: list[XCell] = [
            (row.name, self._plain("name", total)),
            (row.code, plain),
            (self.layout.kind_label(row), plain),
        ]
        empty = Cell()
        for _label, kind, column, _head in self.indicator_heads:
            row_cell = row.cells.get(column.code, empty)
            out.append(
                self.value_cell(row_cell, column, total)
                if kind == "value"
                else self.target_cell(row_cell, column, total)
            )
        for value in self.layout.tail_values(row):
            if isinstance(value, str):
                out.append((value, self._plain("text", total)))
            elif value is None:
                out.append((MISSING, self._plain("text", total)))
            else:
                out.append((excel_number(value), self._plain("number", total)))
        self.ws.append(out)


def write_summary(book: Book, data: ExportData, name: str) -> None:
    """The "Tổng hợp" sheet of the workbook."""
    SummarySheet(book, data, name).write()
