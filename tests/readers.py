"""The shared readers of the lists' exports: one csv and one xlsx reader every test opens downloads with.

Both give the rows as {header: text} (an empty xlsx cell reads ""), so a test compares the two formats alike.
"""

from __future__ import annotations

import csv
import io

import openpyxl


def csv_rows(response) -> list[dict[str, str]]:
    """The rows of a csv download (UTF-8 with a BOM, as Excel wants it)."""
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[dict[str, str]]:
    """The rows of an xlsx download's first sheet, under its header row, each value as text."""
    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    header, *rows = workbook.active.iter_rows(values_only=True)
    return [
        {key: ("" if value is None else str(value)) for key, value in zip(header, row, strict=True)} for row in rows
    ]


EXPORT_READERS = {"csv": csv_rows, "xlsx": xlsx_rows}
