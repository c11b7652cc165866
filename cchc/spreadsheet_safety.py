"""Text that a spreadsheet must never take for a formula (CSV / formula injection).

A clerk's text ("=HYPERLINK(...)", "=cmd|' /C calc'!A0", "@SUM(...)", "+1+1") written raw into a CSV, or
into an XLSX cell whose type openpyxl guesses from the leading "=", runs as a formula when a manager
opens the download. Every writer of a spreadsheet cell (the workbook and its annexes in
`reports.exporters`, the CSV grid, the list exports of `cchc.views.FilteredTableView`) goes through
this one module:

- XLSX: a text cell is always of string type, never a formula (`xlsx_cell` for openpyxl; for xlsxwriter,
  the report workbook's writer, `XLSXWRITER_OPTIONS` and text written with `write_string`); the text is
  kept as typed.
- CSV: text that starts with a trigger gets a leading apostrophe (`csv_value`), which spreadsheet
  programs show as text. Numbers (including negative ones such as "-5" or "-0,25") stay numbers.
"""

from __future__ import annotations

import re

from django_tables2.export import TableExport
from tablib.formats._xlsx import XLSXFormat

# OWASP's list: the four formula prefixes plus tab and carriage return, which some programs strip
# before looking at the first character.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# A plain number as the exports write it: "-5", "+3", "-0.25", "-2.084", "-8,36%". Such a value
# is data, not a formula, and must stay a number in the file.
_NUMBER = re.compile(r"^[+-]?\d[\d.,\s]*%?$")


# xlsxwriter's generic `write` guesses a formula from a leading "=", a link from "http…" and (when asked) a
# number from digits: all off. The report workbook also writes text with `write_string` only.
XLSXWRITER_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def starts_formula(value) -> bool:
    """True when `value` is text that a spreadsheet would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS) and not _NUMBER.match(value)


def csv_value(value):
    """The value to write into a CSV cell: trigger text is prefixed with "'", anything else unchanged."""
    if starts_formula(value):
        return "'" + value
    return value


def csv_row(values) -> list:
    return [csv_value(value) for value in values]


def xlsx_cell(cell):
    """Make an openpyxl cell that holds text a string cell, never a formula; return the cell.

    openpyxl turns any str starting with "=" into a formula (data type "f"); setting the data type back
    to "s" writes the same characters as a shared or inline string. Numbers and dates are untouched.
    """
    if isinstance(cell.value, str) and cell.data_type == "f":
        cell.data_type = "s"
    return cell


def xlsx_sheet(ws) -> None:
    """Apply `xlsx_cell` to every cell of a (normal, not write-only) worksheet."""
    for row in ws.iter_rows():
        for cell in row:
            xlsx_cell(cell)


class SafeXLSXFormat(XLSXFormat):
    """tablib's XLSX writer, with every text cell forced to string type after it is filled."""

    @classmethod
    def dset_sheet(cls, dataset, ws, freeze_panes=True, escape=False):
        # tablib's own `escape` drops the "=" (it changes the text); we keep the text and fix the type.
        super().dset_sheet(dataset, ws, freeze_panes=freeze_panes, escape=False)
        xlsx_sheet(ws)


class SafeTableExport(TableExport):
    """The list exports (`?_export=csv|xlsx` of every `FilteredTableView`) without live formulas."""

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        dataset = super().table_to_dataset(table, exclude_columns, dataset_kwargs)
        if self.format in ("csv", "tsv"):
            headers = csv_row(dataset.headers or [])
            rows = [csv_row(row) for row in dataset]
            dataset.wipe()
            dataset.headers = headers
            for row in rows:
                dataset.append(row)
        return dataset

    def export(self):
        if self.format == "xlsx":
            return SafeXLSXFormat.export_set(self.dataset)
        return super().export()
