"""The workbook as the sheets write it: an xlsxwriter workbook in `constant_memory` mode (each row goes to a
temporary file as soon as the next one starts, so memory stays flat however many units there are), each
distinct style made into one format once per workbook, and the cell writer the sheets share.

    book = Book(stream)
    sheet = book.sheet("Tổng hợp")
    w = Writer(sheet)
    sheet.append([w.cell("Đơn vị", font=BOLD, border=GRID), w.cell(12, fmt="#,##0")])
    book.close(title="…", creator="CCHC")

Rows are written in order and never revisited: widths, row heights, freeze panes and print settings may be set
at any time before `close`, a row's height before the row itself, a merge on the row just appended.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, BinaryIO

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_cell_to_rowcol, xl_range
from xlsxwriter.worksheet import Worksheet

from cchc.spreadsheet_safety import XLSXWRITER_OPTIONS

from ..annex import tr
from .styles import (
    BOLD,
    GRID,
    HEAD_ALIGN,
    HEAD_FILL,
    MUTED,
    PAPERSIZE_A3,
    PAPERSIZE_A4,
    TITLE,
    Style,
    XCell,
    excel_number,
)

# Text is never a formula, a link or a number: the writer picks the cell type from the Python type, and
# xlsxwriter's own guessing (for its generic `write`, used by `merge_range`) is turned off as well.
OPTIONS = {**XLSXWRITER_OPTIONS, "constant_memory": True, "default_date_format": "dd/mm/yyyy"}

# How many character-width units of columns one landscape page prints readably (about 9 pt text): beyond it,
# a sheet prints on several pages wide (with its unit column repeated) rather than shrunk to one page.
PAGE_WIDTH_UNITS = {PAPERSIZE_A4: 150, PAPERSIZE_A3: 220}

Writes = Callable[[int, int, Any, Format | None], Any]


class Book:
    """One workbook being written: its sheets and its formats (one per distinct style, made on first use)."""

    def __init__(self, stream: BinaryIO | str) -> None:
        self.workbook = Workbook(stream, OPTIONS)
        # (ids of the style parts, number format) → (the parts, kept alive so their ids stay theirs; the format)
        self._formats: dict[tuple, tuple[tuple, Format]] = {}

    def sheet(self, name: str) -> Sheet:
        return Sheet(self, name)

    def format(
        self,
        font: Style | None = None,
        fill: Style | None = None,
        fmt: str | None = None,
        align: Style | None = None,
        border: Style | None = None,
    ) -> Format | None:
        """The workbook's format of these style parts (None when there is no style at all)."""
        if font is None and fill is None and fmt is None and align is None and border is None:
            return None
        key = (id(font), id(fill), fmt, id(align), id(border))
        cached = self._formats.get(key)
        if cached is None:
            props: dict[str, Any] = {}
            for part in (font, fill, align, border):
                if part:
                    props.update(part)
            if fmt is not None:
                props["num_format"] = fmt
            cached = ((font, fill, align, border), self.workbook.add_format(props))
            self._formats[key] = cached
        return cached[1]

    def close(self, *, title: str, creator: str, language: str) -> None:
        self.workbook.set_properties({"title": title, "author": creator})
        # The core properties of xlsxwriter have no language; a custom property carries it.
        self.workbook.set_custom_property("Language", language)
        self.workbook.close()


def _typed(ws: Worksheet, kind: str) -> Writes:
    writes: Writes = getattr(ws, f"_write_{kind}", None) or getattr(ws, f"write_{kind}")
    return writes


class Sheet:
    """One worksheet written row after row (`append`), with its layout (widths, heights, panes, filter, print)."""

    def __init__(self, book: Book, name: str) -> None:
        self.book = book
        self.ws = ws = book.workbook.add_worksheet(name)
        self.rows = 0  # rows appended so far (the next row's 0-based index)
        self._last: Sequence[XCell] = ()
        # xlsxwriter's typed writers without the public methods' A1-notation wrapper (a tenth of the write
        # time over a hundred thousand cells); the public ones where a version lacks them.
        number = _typed(ws, "number")
        self._writes: dict[type, Writes] = {
            str: _typed(ws, "string"),
            int: number,
            float: number,
            bool: _typed(ws, "boolean"),
            dt.datetime: _typed(ws, "datetime"),
            dt.date: _typed(ws, "datetime"),
            Decimal: self._write_decimal,
        }
        self._blank = _typed(ws, "blank")

    def append(self, cells: Sequence[XCell]) -> None:
        """Write the next row: each cell by its value's type (text always as a string cell, a Decimal as an int
        when whole, else a float)."""
        row, writes, blank = self.rows, self._writes, self._blank
        for col, (value, fmt) in enumerate(cells):
            if value is None or value == "":  # an empty cell, kept only for its format (borders, fill)
                if fmt is not None:
                    blank(row, col, None, fmt)
                continue
            write = writes.get(type(value)) or self._writes_of(value)
            write(row, col, value, fmt)
        self.rows += 1
        self._last = cells

    def _write_decimal(self, row: int, col: int, value: Decimal, fmt: Format | None) -> None:
        number = excel_number(value)  # int when whole, else float
        self._writes[type(number)](row, col, number, fmt)

    def _writes_of(self, value: Any) -> Writes:
        """The writer of a subclass (a SafeString, an IntEnum…); anything else is a bug in the caller."""
        for kind in (bool, str, int, float, Decimal, dt.datetime, dt.date):
            if isinstance(value, kind):
                write = self._writes[kind]
                if kind is str:
                    return lambda row, col, v, fmt: write(row, col, str(v), fmt)
                return write
        raise TypeError(f"A workbook cell cannot hold {type(value).__name__}: {value!r}")

    def merge(self, ref: str) -> None:
        """Merge `ref` ("D4:F4") of the row just appended, keeping its first cell's value and format."""
        first, last = ref.split(":")
        first_row, first_col = xl_cell_to_rowcol(first)
        last_row, last_col = xl_cell_to_rowcol(last)
        if first_row != self.rows - 1 or last_row != first_row:
            raise ValueError(f"Only a range of the row just written can be merged, not {ref}.")
        value, fmt = self._last[first_col] if first_col < len(self._last) else (None, None)
        self.ws.merge_range(first_row, first_col, last_row, last_col, value, fmt)

    def widths(self, values: Sequence[float]) -> None:
        for index, width in enumerate(values):
            self.ws.set_column(index, index, width)

    def height(self, row: int, height: float) -> None:
        """The height (points) of row `row` (1-based, as Excel numbers it), set before that row is written."""
        if row <= self.rows:
            raise ValueError(f"Row {row} is already written: its height must be set before.")
        self.ws.set_row(row - 1, height)

    def freeze(self, ref: str) -> None:
        self.ws.freeze_panes(ref)

    def auto_filter(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        """The filter buttons over a range (1-based rows and columns)."""
        self.ws.autofilter(xl_range(first_row - 1, first_col - 1, last_row - 1, last_col - 1))

    def print_setup(
        self,
        *,
        title_rows: tuple[int, int] | None = None,
        title_cols: bool = False,
        paper: int = PAPERSIZE_A4,
        total_width: float = 0,
    ) -> None:
        """Landscape, fitted to the page width (as many pages down as needed), page numbers in the footer.

        `title_rows` (first, last, 1-based) repeat on every page, and with `title_cols` the unit column too.
        With `total_width` (the columns' widths added up) wider than a page prints readably, the sheet prints
        on several pages wide instead of being shrunk to one.
        """
        ws = self.ws
        ws.set_landscape()
        ws.set_paper(paper)
        ws.fit_to_pages(max(1, math.ceil(total_width / PAGE_WIDTH_UNITS[paper])), 0)
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.set_footer("&C" + tr("Trang &P/&N", "Page &P of &N") + "&R&A")
        if title_rows:
            ws.repeat_rows(title_rows[0] - 1, title_rows[1] - 1)
        if title_cols:
            ws.repeat_columns(0)


class Writer:
    """Builds the cells of one sheet: `cell(value, font=…, fill=…, fmt=…, align=…, border=…)` is the value with
    the workbook's one format of that style; `style(…)` gives the format alone for a loop that reuses it."""

    bold, title, muted, head = BOLD, TITLE, MUTED, BOLD

    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.book = sheet.book

    def style(
        self,
        *,
        font: Style | None = None,
        fill: Style | None = None,
        fmt: str | None = None,
        align: Style | None = None,
        border: Style | None = None,
    ) -> Format | None:
        return self.book.format(font, fill, fmt, align, border)

    def cell(
        self,
        value: Any,
        *,
        font: Style | None = None,
        fill: Style | None = None,
        fmt: str | None = None,
        align: Style | None = None,
        border: Style | None = None,
    ) -> XCell:
        return value, self.book.format(font, fill, fmt, align, border)

    def heading(self, value: Any) -> XCell:
        return value, self.book.format(BOLD, HEAD_FILL, None, HEAD_ALIGN, GRID)
