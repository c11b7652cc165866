"""The sheets of reported figures: one "biểu số liệu" per reform area (every figure each unit reported, with
totals) and the texts (shortcomings, causes, tasks)."""

from __future__ import annotations

import math

from openpyxl import Workbook
from openpyxl.styles import Font

from ..annex import DATE, TEXT, YEAR, AnnexArea, AnnexTable, tr
from ..data import ExportData
from .styles import (
    GRID,
    NUMBER_ALIGN,
    TOTAL_BORDER,
    TOTAL_FILL,
    WRAP_TOP,
    Writer,
    excel_number,
    kind_format,
    print_setup,
    title_lines,
    widths,
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


def write_annex(wb: Workbook, data: ExportData, area: AnnexArea, name: str) -> None:
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
