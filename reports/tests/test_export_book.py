"""The workbook writer's own rules (reports.exporters.xlsx.book): cells by type, text never a formula, rows
written once and in order."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest

from reports.exporters.xlsx.book import Book, Writer
from reports.exporters.xlsx.styles import BAND_FILLS, BOLD, GRID, INT_FORMAT


def written(build) -> openpyxl.Workbook:
    stream = io.BytesIO()
    book = Book(stream)
    build(book)
    book.close(title="Thử", creator="CCHC", language="vi")
    return openpyxl.load_workbook(io.BytesIO(stream.getvalue()))


def test_cells_keep_their_type_and_text_is_never_a_formula():
    def build(book):
        sheet = book.sheet("Số liệu")
        w = Writer(sheet)
        sheet.append(
            [
                w.cell(Decimal("2084"), fmt=INT_FORMAT),
                w.cell(Decimal("0.9256"), fmt="0.00%"),
                w.cell(dt.date(2020, 3, 31), fmt="dd/mm/yyyy"),
                w.cell('=HYPERLINK("http://x")'),
                w.cell("+1+2"),
                w.cell(""),
                w.cell(None, border=GRID),
                w.cell(True),
            ]
        )

    ws = written(build)["Số liệu"]
    a, b, c, d, e, f, g, h = ws[1]
    assert a.value == 2084 and isinstance(a.value, int) and a.number_format == "#,##0"
    assert b.value == pytest.approx(0.9256) and b.number_format == "0.00%"
    assert c.value == dt.datetime(2020, 3, 31) and c.number_format == "dd/mm/yyyy"
    assert (d.value, d.data_type) == ('=HYPERLINK("http://x")', "s")
    assert (e.value, e.data_type) == ("+1+2", "s")
    assert f.value is None
    assert g.value is None and g.border.left.style == "thin"  # an empty cell kept for its border
    assert h.value is True


def test_each_style_is_one_format_and_reads_back_as_written():
    def build(book):
        sheet = book.sheet("Tổng hợp")
        w = Writer(sheet)
        for value in range(3):
            sheet.append([w.cell(value, font=BOLD, fill=BAND_FILLS["green"], fmt=INT_FORMAT, border=GRID)])
        assert len(book._formats) == 1

    ws = written(build)["Tổng hợp"]
    cell = ws["A3"]
    assert cell.font.b and cell.fill.fgColor.rgb.endswith("D1F0D9") and cell.number_format == "#,##0"


def test_rows_are_written_once_in_order():
    def build(book):
        sheet = book.sheet("Tổng hợp")
        w = Writer(sheet)
        sheet.height(2, 40)
        sheet.append([w.heading("Lĩnh vực"), w.heading(None), w.heading(None)])
        sheet.merge("A1:C1")
        sheet.append([w.cell("Đơn vị")])
        with pytest.raises(ValueError):
            sheet.merge("A1:C1")  # row 1 is written already
        with pytest.raises(ValueError):
            sheet.height(2, 30)
        sheet.freeze("B2")
        sheet.auto_filter(1, 1, 2, 3)

    ws = written(build)["Tổng hợp"]
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:C1"]
    assert ws["A1"].value == "Lĩnh vực" and ws.row_dimensions[2].height == pytest.approx(40, abs=0.5)  # whole pixels
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == "A1:C2"


def test_a_value_of_an_unknown_type_is_refused():
    def build(book):
        sheet = book.sheet("Số liệu")
        with pytest.raises(TypeError):
            sheet.append([(object(), None)])

    written(build)
