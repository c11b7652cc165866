"""A draft is not a reported figure (issue 16): every output leaves a draft's figures out.

Unit A's ledger is a draft (7 331 dossiers received), unit B's is submitted. The grid (scorecard build), the
workbook (summary and annex), the CSV, the narrative, the API's scorecard and the overview's chart show B
only; A is "not reported" (no value, no points, no rank — never 0). Once A submits, its figures appear,
marked provisional; once the manager returns the report, they disappear again.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from api.services import api_client_create
from cchc import services
from conftest import submit
from procedures import services as procedure_services
from reports.builder import scorecard_build
from reports.narrative import narrative_build
from reports.periods import PeriodSpan
from reports.registry import by_code
from reports.tests.test_builder import row

Q1 = PeriodSpan.parse("2020-Q1")
RECEIVED, ON_TIME = "tthc.dossiers_received", "tthc.on_time_rate"
CLIENTS = itertools.count()  # API clients' names are unique
A_RECEIVED = 7331  # a number no other figure of the test has, looked for in every file


@pytest.fixture
def ledgers(cast, report_a, report_b):
    """Unit A's ledger saved as a draft, unit B's submitted."""
    procedure_services.ledger_rows_save(report=report_a, rows=[row(7000, 331)], delete_ids=[])
    procedure_services.ledger_rows_save(report=report_b, rows=[row(90, 10)], delete_ids=[])
    submit(report_b)
    return report_a


def grid(unit_a, unit_b):
    card = scorecard_build(span=Q1, units=[unit_a, unit_b], indicators=[by_code()[c] for c in (RECEIVED, ON_TIME)])
    return {r.unit_id: r for r in card.rows}, card


def workbook_numbers(tmp_path) -> set:
    path = tmp_path / "report.xlsx"
    call_command("export_report", period=Q1.code, format="xlsx", output=str(path), verbosity=0)
    book = openpyxl.load_workbook(path)
    return {cell.value for sheet in book for line in sheet.iter_rows() for cell in line}


def csv_text(tmp_path) -> str:
    path = tmp_path / "report.csv"
    call_command("export_report", period=Q1.code, format="csv", output=str(path), verbosity=0)
    return path.read_text(encoding="utf-8-sig")


def api_cells(province, unit) -> dict:
    _client, token = api_client_create(name=f"Bảng điều khiển {next(CLIENTS)}", unit=province)
    http = APIClient()
    http.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    body = http.get("/api/v1/scorecard/", {"period": Q1.code, "scope": province.code}).json()
    return next(r for r in body["rows"] if r["code"] == unit.code)["cells"]


def chart(client, cast, province):
    client.force_login(cast["manager"])
    response = client.get(reverse("scorecard_overview"), {"period": Q1.code, "scope": province.pk})
    assert response.status_code == 200
    return response.context["on_time"]


def assert_a_not_reported(unit_a, unit_b, province, client, cast, tmp_path):
    rows, card = grid(unit_a, unit_b)
    a, b = rows[unit_a.pk], rows[unit_b.pk]
    assert a.cells[RECEIVED].missing and a.cells[ON_TIME].missing  # not reported, never 0
    assert (a.points, a.rank, a.provisional) == (None, None, False)
    assert b.cells[RECEIVED].value == 100 and b.cells[RECEIVED].provisional
    assert card.total.cells[RECEIVED].value == 100  # the total counts B alone
    assert card.provisional == 1 and card.approved == 0
    assert A_RECEIVED not in workbook_numbers(tmp_path)
    assert "7.331" not in csv_text(tmp_path) and "7331" not in csv_text(tmp_path)
    assert "7.331" not in narrative_build(span=Q1, scope=province).text
    cells = api_cells(province, unit_a)
    assert cells[RECEIVED]["value"] is None and cells[ON_TIME]["value"] is None
    on_time = chart(client, cast, province)
    assert [r.unit_id for r in on_time["missing"]] == [unit_a.pk]
    assert unit_a.name not in on_time["svg"]


def test_a_draft_is_in_no_output_until_submitted_then_provisional(
    ledgers, province, unit_a, unit_b, client, cast, tmp_path
):
    assert_a_not_reported(unit_a, unit_b, province, client, cast, tmp_path)

    submit(ledgers)
    rows, card = grid(unit_a, unit_b)
    a = rows[unit_a.pk]
    assert a.cells[RECEIVED].value == A_RECEIVED and a.cells[RECEIVED].provisional and a.provisional
    assert a.cells[ON_TIME].value == Decimal(7000) / Decimal(A_RECEIVED)
    assert card.provisional == 2
    assert card.total.cells[RECEIVED].value == A_RECEIVED + 100
    assert A_RECEIVED in workbook_numbers(tmp_path)
    assert "7331" in csv_text(tmp_path) or "7.331" in csv_text(tmp_path)
    assert "7.331" in narrative_build(span=Q1, scope=unit_a).text
    assert api_cells(province, unit_a)[RECEIVED]["value"] == A_RECEIVED
    on_time = chart(client, cast, province)
    assert unit_a.pk not in [r.unit_id for r in on_time["missing"]] and unit_a.name in on_time["svg"]


def test_a_returned_reports_figures_disappear(ledgers, province, unit_a, unit_b, client, cast, tmp_path):
    [report] = submit(ledgers)
    assert grid(unit_a, unit_b)[0][unit_a.pk].cells[RECEIVED].value == A_RECEIVED
    services.report_return(report=report, user=cast["manager"], reason="Số liệu chưa khớp sổ theo dõi.")
    assert_a_not_reported(unit_a, unit_b, province, client, cast, tmp_path)


def test_an_approved_report_is_reported_and_not_provisional(ledgers, unit_a, unit_b):
    submit(ledgers, approve=True)
    rows, card = grid(unit_a, unit_b)
    a = rows[unit_a.pk]
    assert a.cells[RECEIVED].value == A_RECEIVED and not a.cells[RECEIVED].provisional and not a.provisional
    assert card.approved == 1 and card.provisional == 1  # B is still only submitted
