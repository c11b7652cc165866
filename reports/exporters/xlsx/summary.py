"""The "Tổng hợp" sheet: the scorecard as on screen (units × indicators grouped by area, band colours, targets,
points, rank and the total row); `SummaryLayout` is also the CSV's column list."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cchc.choices import ReformArea, UnitKind

from ...builder import Cell, Column, Row
from ...months_marks import NO_MONTHLY
from ..annex import tr
from ..data import ExportData
from .styles import (
    BAND_FILLS,
    BAND_FONTS,
    CENTER,
    GRID,
    MISSING,
    NUMBER_ALIGN,
    TOTAL_BORDER,
    TOTAL_FILL,
    WRAP_TOP,
    Writer,
    excel_number,
    header_height,
    number_format,
    print_setup,
    title_lines,
    widths,
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
HEAD_ROW, FIRST_DATA = 5, 6  # rows 1-3: titles and the legend line; row 4: the areas; row 5: the indicators


class SummarySheet:
    """Writes the "Tổng hợp" sheet in steps: page setup, titles, the two header rows, the rows, the filter."""

    def __init__(self, wb: Workbook, data: ExportData, name: str) -> None:
        self.ws = wb.create_sheet(name)
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
        self.styles: dict[tuple, dict] = {}

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
        self.ws.auto_filter.ref = f"A{HEAD_ROW}:{get_column_letter(self.count)}{max(last_unit_row, HEAD_ROW)}"

    def setup(self) -> None:
        ws, tail = self.ws, self.tail
        column_widths = (
            [44, 20, 26]
            + [12 if kind == "target" else 15 for _l, kind, _c, _h in self.indicator_heads]
            + [11] * (len(tail) - 1)
            + [12]
        )
        widths(ws, column_widths)
        ws.row_dimensions[HEAD_ROW].height = header_height([h for *_x, h in self.indicator_heads] + tail, 15)
        ws.freeze_panes = f"B{FIRST_DATA}"
        # A3 landscape, and past its width several pages wide with the unit column and the header rows repeated
        # on each: fitted to one A4 width, a province's grid would print too small to read.
        print_setup(
            ws,
            title_rows=f"4:{HEAD_ROW}",
            title_cols="A:A",
            paper=Worksheet.PAPERSIZE_A3,
            total_width=sum(column_widths),
        )

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
        column_index = len(self.lead) + 1
        for label, entries in self.layout.groups:
            area_row.append(w.heading(label))
            area_row += [w.heading(None) for _ in entries[1:]]
            if len(entries) > 1:
                ws.merged_cells.add(
                    f"{get_column_letter(column_index)}4:{get_column_letter(column_index + len(entries) - 1)}4"
                )
            column_index += len(entries)
        if self.tail:
            area_row.append(w.heading(tr("Điểm, xếp hạng", "Points, rank")))
            area_row += [w.heading(None) for _ in self.tail[1:]]
            if len(self.tail) > 1:
                ws.merged_cells.add(f"{get_column_letter(column_index)}4:{get_column_letter(self.count)}4")
        ws.append(area_row)
        ws.append(
            [w.heading(h) for h in self.lead]
            + [w.heading(h) for *_x, h in self.indicator_heads]
            + [w.heading(h) for h in self.tail]
        )

    def value_cell(self, row_cell: Cell, column: Column, total: bool) -> object:
        w = self.w
        if row_cell.value is None:
            return w.cell(
                str(NO_MONTHLY) if row_cell.no_monthly else MISSING,  # the span cuts a quarter (issue 11)
                align=CENTER,
                border=TOTAL_BORDER if total else GRID,
                fill=TOTAL_FILL if total else None,
                font=w.bold if total else None,
            )
        key = (column.code, row_cell.band, row_cell.provisional, total)
        if key not in self.styles:
            self.styles[key] = {
                "fmt": number_format(column, row_cell.provisional),
                "fill": BAND_FILLS.get(row_cell.band) or (TOTAL_FILL if total else None),
                "font": Font(bold=total, color=BAND_FONTS.get(row_cell.band)),
                "align": NUMBER_ALIGN,
                "border": TOTAL_BORDER if total else GRID,
            }
        return w.cell(excel_number(row_cell.value), **self.styles[key])

    def target_cell(self, row_cell: Cell, column: Column, total: bool) -> object:
        return self.w.cell(
            excel_number(row_cell.target),
            fmt=number_format(column),
            font=self.w.muted,
            align=NUMBER_ALIGN,
            border=TOTAL_BORDER if total else GRID,
            fill=TOTAL_FILL if total else None,
        )

    def row(self, row: Row, total: bool = False) -> None:
        w = self.w
        font = w.bold if total else None
        fill = TOTAL_FILL if total else None
        border = TOTAL_BORDER if total else GRID
        out: list[object] = [
            w.cell(row.name, font=font, fill=fill, border=border, align=WRAP_TOP),
            w.cell(row.code, font=font, fill=fill, border=border),
            w.cell(self.layout.kind_label(row), font=font, fill=fill, border=border),
        ]
        for _label, kind, column, _head in self.indicator_heads:
            row_cell = row.cells.get(column.code, Cell())
            cell = self.value_cell if kind == "value" else self.target_cell
            out.append(cell(row_cell, column, total))
        for value in self.layout.tail_values(row):
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
        self.ws.append(out)


def write_summary(wb: Workbook, data: ExportData, name: str) -> None:
    """The "Tổng hợp" sheet of the workbook."""
    SummarySheet(wb, data, name).write()
