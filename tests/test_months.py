"""Months (issue 11): a month entered alone reads on the scorecard and in the files; three months entered give
the quarter the summed flows give when typed as one quarter."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from cchc import services
from cchc.choices import Role, UnitKind
from cchc.models import MonthlySection, Report
from cchc.months import month_period_upsert
from conftest import make_user, submit
from procedures import services as procedure_services
from reports.builder import scorecard_build
from reports.periods import PeriodSpan

RATES = ("tthc.resolved_rate", "tthc.on_time_rate")


def monthly(kind=UnitKind.DEPARTMENT, section="procedures"):
    """The one-stop ledger (or `section`) of `kind` reported monthly from 2022 (the admin's setting)."""
    return MonthlySection.objects.create(section_key=section, unit_kind=kind, valid_from=dt.date(2022, 1, 1))


def _ledger(report, *, carried, new, early, on_time, late, returned):
    resolved = early + on_time + late
    received = carried + new
    row = {
        "reception_point": "Bộ phận một cửa",
        "carried_over": carried,
        "received_new": new,
        "new_online": 0,
        "new_in_person": new,
        "received_total": received,
        "resolved_total": resolved,
        "resolved_early": early,
        "resolved_on_time": on_time,
        "resolved_late": late,
        "returned_withdrawn": returned,
        "pending_total": received - resolved - returned,
        "pending_in_time": received - resolved - returned,
        "pending_overdue": 0,
    }
    procedure_services.ledger_rows_save(report=report, rows=[row], delete_ids=[])
    return report


def _cells(span_code: str, unit) -> dict:
    card = scorecard_build(span=PeriodSpan.parse(span_code, months=True), units=[unit])
    return {code: cell.value for code, cell in card.rows[0].cells.items()}


def test_a_month_entered_and_submitted_alone_shows_its_rates(cast, unit_a):
    monthly()
    august = month_period_upsert(year=2022, month=8)
    report = services.report_get_or_create(unit=unit_a, period=august)
    submit(_ledger(report, carried=0, new=200, early=50, on_time=90, late=20, returned=0))
    cells = _cells("2022-08", unit_a)
    assert cells["tthc.resolved_rate"] == Decimal("0.8")  # 160 of 200
    assert cells["tthc.on_time_rate"] == Decimal("0.875")  # 140 of 160
    with translation.override("vi"):
        assert PeriodSpan.parse("2022-08", months=True).label == "Tháng 8/2022"
    from reports.narrative import narrative_build

    text = narrative_build(span=PeriodSpan.parse("2022-08", months=True), scope=unit_a).text
    assert "tháng 8 năm 2022" in text


def test_three_months_give_the_quarter_typed_as_one(cast, unit_a, unit_b):
    """Done when (issue 11): a centre reporting its ledger monthly enters and submits July, August and September;
    the scorecard of Q3 (the quarter itself not typed) equals that of a unit typing the summed flows as one
    quarter, and so does the run of the three months."""
    monthly(UnitKind.SERVICE_CENTRE)
    centre = services.unit_upsert(code="T-TT", name="Trung tâm PVHCC", kind=UnitKind.SERVICE_CENTRE)
    make_user("clerk_tt", unit=centre, role=Role.CLERK)
    months = {7: (10, 100, 20, 60, 10, 5), 8: (15, 80, 30, 50, 5, 0), 9: (10, 60, 10, 35, 5, 10)}
    for month, (carried, new, early, on_time, late, returned) in months.items():
        report = services.report_get_or_create(unit=centre, period=month_period_upsert(year=2022, month=month))
        submit(_ledger(report, carried=carried, new=new, early=early, on_time=on_time, late=late, returned=returned))
    quarter = services.report_get_or_create(unit=unit_b, period=services.period_upsert(year=2022, quarter=3))
    submit(_ledger(quarter, carried=10, new=240, early=60, on_time=145, late=20, returned=15))
    assert not Report.objects.filter(unit=centre, period__month__isnull=True).exists()  # the quarter not typed

    from_months = _cells("2022-Q3", centre)
    as_quarter = _cells("2022-Q3", unit_b)
    tthc = {code for code in as_quarter if code.startswith("tthc.") and as_quarter[code] is not None}
    assert set(RATES) <= tthc
    assert {code: from_months[code] for code in tthc} == {code: as_quarter[code] for code in tthc}
    assert {code: _cells("2022-07-01..2022-09-30", centre)[code] for code in tthc} == {
        code: as_quarter[code] for code in tthc
    }


def test_export_report_takes_a_month_and_refuses_a_bad_or_empty_span(cast, unit_a, tmp_path):
    monthly()
    august = month_period_upsert(year=2022, month=8)
    submit(
        _ledger(
            services.report_get_or_create(unit=unit_a, period=august),
            carried=0,
            new=10,
            early=5,
            on_time=5,
            late=0,
            returned=0,
        )
    )
    for name in ("thang8.csv", "thang8.xlsx", "thang8.docx"):  # scorecard rows, workbook, narrative
        output = tmp_path / name
        call_command("export_report", "--period", "2022-08", "--output", str(output))
        assert output.stat().st_size > 0
    for bad, message in [
        ("2022-09-01..2022-08-31", "rỗng"),
        ("2022-13", "không hợp lệ"),
        ("2022-08-05..2022-08-31", "ngày đầu tháng"),
    ]:
        refused = tmp_path / "bad.csv"
        with translation.override("vi"), pytest.raises(CommandError, match=message):
            call_command("export_report", "--period", bad, "--output", str(refused))
        assert not refused.exists()
