"""The sheets of reported figures: one "biểu số liệu" per reform area (every figure each unit reported, with
totals) and the texts (shortcomings, causes, tasks)."""

from __future__ import annotations

import math

from ..annex import DATE, TEXT, YEAR, AnnexArea, AnnexTable, tr
from ..data import ExportData
from .book import Book, Writer
from .styles import (
    GRID,
    NUMBER_ALIGN,
    SUBTITLE,
    TOTAL_BORDER,
    TOTAL_FILL,
    WRAP_TOP,
    XCell,
    kind_format,
    title_lines,
    wrapped_height,
)

# --- the annex sheets ---------------------------------------------------------------------------------


ANNEX_LEAD = 4  # unit, code, quarter, report status


def annex_widths(tables: list[AnnexTable]) -> list[float]:
    out: list[float] = [44, 18, 14, 14]
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


def write_annex(book: Book, data: ExportData, area: AnnexArea, name: str) -> None:
    ws = book.sheet(name)
    w = Writer(ws)
    ws.widths(annex_widths(area.tables))
    ws.freeze("B4")
    ws.print_setup(title_cols=True)
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
        ws.append([w.cell(table.title, font=SUBTITLE)])
        lead = [
            tr("Đơn vị", "Unit"),
            tr("Mã đơn vị", "Unit code"),
            tr("Kỳ báo cáo", "Reporting period"),
            tr("Trạng thái báo cáo", "Report status"),
        ]
        heads = lead + [c.label for c in table.columns]
        # The wrapped header row grows to its longest label, so headers never overlap the first data row.
        ws.height(ws.rows + 1, wrapped_height(heads, column_widths))
        ws.append([w.heading(h) for h in heads])
        write_annex_rows(w, table)


def write_annex_rows(w: Writer, table: AnnexTable) -> None:
    """A table's rows and totals; each column's formats are resolved once, each row is (value, format) pairs."""
    ws = w.sheet
    lead, own_lead = w.style(border=GRID, align=WRAP_TOP), w.style(border=GRID, align=WRAP_TOP, font=w.bold)
    grid = w.style(border=GRID)
    columns = [
        (
            column.key,
            w.style(
                fmt=kind_format(column.kind, column.decimals),
                border=GRID,
                align=WRAP_TOP if column.kind == TEXT else NUMBER_ALIGN,
            ),
        )
        for column in table.columns
    ]
    for row in table.rows:
        out: list[XCell] = [
            (row.unit_name, own_lead if row.own else lead),
            (row.unit_code, grid),
            (row.period, grid),
            (row.status, grid),
        ]
        values = row.values
        # A Decimal is written as a number by the sheet (int when whole), a date as a date, text as a string.
        out += [(values.get(key), fmt) for key, fmt in columns]
        ws.append(out)
    total_lead = w.style(font=w.bold, fill=TOTAL_FILL, border=TOTAL_BORDER, align=WRAP_TOP)
    total_blank = w.style(fill=TOTAL_FILL, border=TOTAL_BORDER)
    total_formats = [
        w.style(
            fmt=kind_format(column.kind, column.decimals),
            font=w.bold,
            fill=TOTAL_FILL,
            border=TOTAL_BORDER,
            align=NUMBER_ALIGN,
        )
        for column in table.columns
    ]
    for total in table.totals:
        out = [(total.label, total_lead)] + [(None, total_blank)] * (ANNEX_LEAD - 1)
        for column, fmt in zip(table.columns, total_formats, strict=True):
            value = total.values.get(column.key) if column.total else None
            out.append((value, fmt))
        ws.append(out)


def write_texts(book: Book, data: ExportData, name: str) -> None:
    ws = book.sheet(name)
    w = Writer(ws)
    ws.widths([36, 16, 14, 14, 30, 100])
    texts = data.annex.texts
    for index, entry in enumerate(texts):
        lines = sum(max(1, math.ceil(len(part) / 110)) for part in entry.text.splitlines() or [""])
        if lines > 1:
            ws.height(5 + index, min(409, 15 * lines + 2))
    ws.freeze("A5")
    ws.print_setup(title_rows=(4, 4))
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
    cell, label = w.style(border=GRID, align=WRAP_TOP), w.style(border=GRID, align=WRAP_TOP, font=w.bold)
    for entry in texts:
        ws.append(
            [
                (entry.unit_name, cell),
                (entry.unit_code, cell),
                (entry.period, cell),
                (entry.status, cell),
                (entry.label, label),
                (entry.text, cell),
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
        ws.auto_filter(4, 1, 4 + len(texts), 6)
