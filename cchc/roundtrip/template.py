"""Write a report's workbook: one sheet per reform area, pre-filled, validated, protected, signed.

Label cells are locked (the sheet is protected), input cells are unlocked and yellow. The hidden sheet
`_cchc` holds the unit, period, report, version, the map cell → key, the label texts (to notice moved
cells) and the values at download (the base of the three-way merge), signed with an HMAC of SECRET_KEY.
Text is always written as text (`cchc.spreadsheet_safety.xlsx_cell`), so "=…" never becomes a formula.
"""

from __future__ import annotations

import io
import json
import re
from collections import defaultdict
from typing import Literal

from django import forms
from django.utils.crypto import salted_hmac
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from cchc.forms import MAX_FIGURE
from cchc.spreadsheet_safety import xlsx_cell

from .layout import NO, YES, Block, area_title, blocks_of, choice_pairs, is_multiple, row_key

META_SHEET, LISTS_SHEET = "_cchc", "_danhmuc"
FORMAT = 1
BLANK_ROWS = 5  # empty rows under each table for rows added offline
CHUNK = 30_000  # an Excel cell holds at most 32.767 characters
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
BOLD = Font(bold=True)
DELETE_HEADER = "Xoá dòng"
FORM_HEADERS = ("Chỉ tiêu", "Đơn vị tính", "Giá trị", "Tính đến ngày")


def sign(payload: str) -> str:
    return salted_hmac("cchc.roundtrip.workbook", payload).hexdigest()


def sheet_name(title: str) -> str:
    """A worksheet name (31 characters at most), cut between words."""
    title = re.sub(r"[\[\]:*?/\\]", " ", str(title)).strip()
    if len(title) <= 31:
        return title
    cut = title[:30]
    return cut[: cut.rfind(" ")].rstrip(" ,") + "…"  # cut between words: "8. Hạn chế, nguyên nhân và…"


class _Writer:
    """Writes the blocks of one report and keeps the map and labels for the hidden sheet."""

    def __init__(self, wb: Workbook):
        self.wb = wb
        self.cells: dict[str, dict[str, str]] = defaultdict(dict)
        self.labels: dict[str, dict[str, str]] = defaultdict(dict)
        self.validations: dict[tuple, DataValidation] = {}
        self.lists = wb.create_sheet(LISTS_SHEET)
        self.lists.sheet_state = "hidden"
        self.list_ranges: dict[tuple, str] = {}

    def label(self, ws, row: int, col: int, text, *, bold=False, fill=None) -> None:
        cell = ws.cell(row=row, column=col)
        cell.value = str(text)
        xlsx_cell(cell)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            cell.font = BOLD
        if fill:
            cell.fill = fill
        self.labels[ws.title][cell.coordinate] = str(text)

    def value(self, ws, row: int, col: int, key: str, f, text: str) -> None:
        cell = ws.cell(row=row, column=col)
        cell.protection = Protection(locked=False)
        cell.fill = INPUT_FILL
        self._write(cell, f, text)
        self._validate(ws, cell.coordinate, f)
        self.cells[ws.title][cell.coordinate] = key

    def _write(self, cell, f, text: str) -> None:
        from .layout import display

        if isinstance(f, forms.DateField):
            cell.number_format = "dd/mm/yyyy"
            if text:
                import datetime as dt

                cell.value = dt.datetime.strptime(text, "%d/%m/%Y")
            return
        if isinstance(f, forms.IntegerField) and not isinstance(f, forms.DecimalField):
            cell.number_format = "#,##0"
            cell.value = int(text) if text else None
            return
        if isinstance(f, forms.DecimalField):
            cell.number_format = "#,##0.####"
            cell.value = float(text.replace(",", ".")) if text else None
            return
        if isinstance(f, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField):
            shown = display(f, text) if text else ("" if not isinstance(f, forms.BooleanField) else NO)
        else:
            shown = text
        cell.number_format = "@"
        cell.value = shown or None
        xlsx_cell(cell)

    def _list_range(self, f) -> str:
        labels = [YES, NO] if isinstance(f, forms.BooleanField) else [label for _v, label in choice_pairs(f)]
        key = tuple(labels)
        if key not in self.list_ranges:
            col = len(self.list_ranges) + 1
            for i, text in enumerate(labels, start=1):
                cell = self.lists.cell(row=i, column=col)
                cell.value = text
                xlsx_cell(cell)
            letter = get_column_letter(col)
            self.list_ranges[key] = f"'{LISTS_SHEET}'!${letter}$1:${letter}${max(len(labels), 1)}"
        return self.list_ranges[key]

    def _validate(self, ws, coordinate: str, f) -> None:
        if is_multiple(f):
            return  # several choices in one cell, separated by "; ": an Excel list takes one
        spec: tuple[Literal["list", "date", "decimal", "whole", "textLength"], str, str | None, str]
        if isinstance(f, forms.BooleanField | forms.ChoiceField | forms.ModelChoiceField):
            spec = ("list", self._list_range(f), None, _("Chọn một giá trị trong danh sách."))
        elif isinstance(f, forms.DateField):
            spec = ("date", "1", None, _("Nhập ngày dạng dd/mm/yyyy."))
        elif isinstance(f, forms.DecimalField):
            spec = ("decimal", "0", str(10**12), _("Nhập số không âm."))
        elif isinstance(f, forms.IntegerField):
            spec = ("whole", str(f.min_value if f.min_value is not None else 0), str(MAX_FIGURE),
                    _("Nhập số nguyên không âm."))  # fmt: skip
        elif getattr(f, "max_length", None):
            spec = ("textLength", "0", str(f.max_length), _("Quá dài: tối đa %(n)s ký tự.") % {"n": f.max_length})
        else:
            return
        key = (ws.title, *spec)
        if key not in self.validations:
            kind, low, high, message = spec
            dv = DataValidation(type=kind, formula1=low, formula2=high, allow_blank=True, showErrorMessage=True)
            dv.operator = "between" if high is not None else ("greaterThanOrEqual" if kind != "list" else None)
            dv.error, dv.errorTitle = message, _("Giá trị không hợp lệ")
            ws.add_data_validation(dv)
            self.validations[key] = dv
        self.validations[key].add(coordinate)

    def form_block(self, ws, row: int, block: Block) -> int:
        for col, text in enumerate(FORM_HEADERS, start=1):
            self.label(ws, row, col, _(text), bold=True, fill=HEAD_FILL)
        row += 1
        for key, label, unit, asof_key in block.rows:
            fname = key[len(block.prefix) + 1 :]
            self.label(ws, row, 1, label)
            self.label(ws, row, 2, unit)
            self.value(ws, row, 3, key, block.fields[fname], block.values[key])
            if asof_key:
                asof = asof_key[len(block.prefix) + 1 :]
                self.value(ws, row, 4, asof_key, block.fields[asof], block.values[asof_key])
            row += 1
        return row + 1

    def table_block(self, ws, row: int, block: Block) -> int:
        formset = block.form
        self.label(ws, row, 1, capfirst(formset.model._meta.verbose_name_plural), bold=True)
        row += 1
        names = list(block.fields)
        for col, fname in enumerate(names, start=1):
            self.label(ws, row, col, capfirst(block.fields[fname].label or fname), bold=True, fill=HEAD_FILL)
        self.label(ws, row, len(names) + 1, _(DELETE_HEADER), bold=True, fill=HEAD_FILL)
        row += 1
        delete_field = forms.BooleanField(required=False)
        refs = [*block.rows, *[f"n{i}" for i in range(1, BLANK_ROWS + 1)]]
        for ref in refs:
            for col, fname in enumerate(names, start=1):
                key = row_key(block.prefix, ref, fname)
                self.value(ws, row, col, key, block.fields[fname], block.values.get(key, ""))
            if not str(ref).startswith("n"):
                self.value(ws, row, len(names) + 1, row_key(block.prefix, ref, "DELETE"), delete_field, "")
            row += 1
        return row + 1


def workbook_bytes(report) -> bytes:
    """The pre-filled workbook of `report`, as the bytes of an .xlsx file."""
    blocks = blocks_of(report)
    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the empty sheet a new workbook starts with
    writer = _Writer(wb)
    by_area: dict[int, list[Block]] = defaultdict(list)
    for block in blocks:
        by_area[int(block.section.area)].append(block)
    base: dict[str, str] = {}
    for area in sorted(by_area):
        ws = wb.create_sheet(sheet_name(area_title(area)), index=len(wb.sheetnames) - 1)
        ws.column_dimensions["A"].width = 48
        for letter in "BCDEFGHIJKLMNOPQRSTU":
            ws.column_dimensions[letter].width = 16
        writer.label(ws, 1, 1, f"{report.unit.name} — {report.period}", bold=True)
        writer.label(ws, 2, 1, _("Chỉ nhập vào các ô màu vàng; không chèn, xoá hay gộp dòng, cột."))
        row, section = 4, None
        for block in by_area[area]:
            if block.section is not section:
                section = block.section
                writer.label(ws, row, 1, section.title, bold=True)
                row += 1
            row = writer.table_block(ws, row, block) if block.is_table else writer.form_block(ws, row, block)
            base.update(block.values)
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
    _meta_sheet(wb, report, writer, base)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _meta_sheet(wb: Workbook, report, writer: _Writer, base: dict) -> None:
    payload = json.dumps(
        {
            "format": FORMAT,
            "report": report.pk,
            "unit": report.unit.code,
            "period": report.period.code,
            "version": report.version,
            "cells": writer.cells,
            "labels": writer.labels,
            "base": base,
        },
        ensure_ascii=False,
        sort_keys=True,
    )
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "veryHidden"
    ws["A1"] = sign(payload)
    for i in range(0, len(payload), CHUNK):
        cell = ws.cell(row=2 + i // CHUNK, column=1)
        cell.value = payload[i : i + CHUNK]
        xlsx_cell(cell)
    ws.protection.sheet = True
