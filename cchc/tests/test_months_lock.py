"""The approval lock over month reports (issue 11, cchc/locks.py), on every write path and both databases.

A month report is a report: approved, it is locked like a quarter's. And once the unit's report of the month's
quarter is approved (or the quarter's period closed), the months it is built from are locked too: the quarter's
figures of a monthly section are the roll-up of those months, so changing one would change an approved quarter.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, IntegrityError, transaction

from cchc import services
from cchc.choices import ReportStatus, UnitKind
from cchc.exceptions import ReportLockedError
from cchc.locks import lock_override
from cchc.models import MonthlySection, Report
from cchc.months import month_period_upsert
from cchc.tests.test_lock_write_paths import PATHS, _refused, _row, _snapshot
from conftest import make_user, submit
from procedures.models import LedgerRow


@pytest.fixture
def centre(cast):
    MonthlySection.objects.create(
        section_key="procedures", unit_kind=UnitKind.SERVICE_CENTRE, valid_from=dt.date(2022, 1, 1)
    )
    unit = services.unit_upsert(code="T-TT", name="Trung tâm PVHCC", kind=UnitKind.SERVICE_CENTRE)
    make_user("clerk_tt", unit=unit, role="clerk")
    return unit


def _month_row(unit, month=8) -> LedgerRow:
    report = services.report_get_or_create(unit=unit, period=month_period_upsert(year=2022, month=month))
    row = _row(report)
    row.save()
    return row


def _quarter(unit) -> Report:
    return services.report_get_or_create(unit=unit, period=services.period_upsert(year=2022, quarter=3))


def _assert_refused(row, path):
    before = _snapshot(row.report_id)
    with pytest.raises((ReportLockedError, IntegrityError, DatabaseError)) as refused, transaction.atomic():
        PATHS[path](LedgerRow.objects.get(pk=row.pk))
    assert _refused(refused.value), refused.value
    assert _snapshot(row.report_id) == before


@pytest.mark.parametrize("path", PATHS)
def test_an_approved_month_report_is_locked_on_every_path(centre, path):
    row = _month_row(centre)
    submit(row.report, approve=True)
    _assert_refused(row, path)


@pytest.mark.parametrize("path", PATHS)
def test_the_months_are_locked_once_the_quarter_is_approved(centre, path):
    row = _month_row(centre)
    submit(row.report)  # the month itself only submitted: not locked by its own status
    assert Report.objects.get(pk=row.report_id).status == ReportStatus.SUBMITTED
    submit(_quarter(centre), approve=True)
    _assert_refused(row, path)


@pytest.mark.parametrize("path", ["save", "queryset.update", "bulk_create", "raw update", "raw bulk insert"])
def test_the_months_are_locked_once_the_quarter_is_closed(centre, path):
    row = _month_row(centre)
    quarter = services.period_upsert(year=2022, quarter=3)
    quarter.is_open = False
    quarter.save()
    _assert_refused(row, path)


def test_a_month_is_writable_while_its_quarter_is_not_approved_and_again_once_reopened(centre, cast):
    row = _month_row(centre)
    quarter = submit(_quarter(centre))[0]
    LedgerRow.objects.filter(pk=row.pk).update(received_total=12)  # quarter submitted, not approved
    PATHS["raw update"](LedgerRow.objects.get(pk=row.pk))
    approved = services.report_approve(report=quarter, user=cast["admin"])
    with pytest.raises(ReportLockedError, match="Báo cáo quý của đơn vị đã được duyệt"):
        PATHS["save"](LedgerRow.objects.get(pk=row.pk))
    services.report_reopen(report=approved, user=cast["admin"], reason="Sửa số liệu tháng 8")
    PATHS["save"](LedgerRow.objects.get(pk=row.pk))
    assert LedgerRow.objects.get(pk=row.pk).received_total == 99


def test_another_units_quarter_does_not_lock_the_month(centre, unit_a):
    row = _month_row(centre)
    submit(_quarter(unit_a), approve=True)
    PATHS["raw update"](LedgerRow.objects.get(pk=row.pk))
    PATHS["save"](LedgerRow.objects.get(pk=row.pk))


def test_the_month_reports_own_text_is_locked_and_the_override_goes_through(centre, cast):
    row = _month_row(centre)
    submit(_quarter(centre), approve=True)
    report = Report.objects.get(pk=row.report_id)
    report.shortcomings = "Sửa sau khi quý đã duyệt"
    with pytest.raises(ReportLockedError):
        report.save()
    with lock_override(user=cast["admin"], reason="sửa sai tháng 8"):
        PATHS["raw update"](LedgerRow.objects.get(pk=row.pk))
        PATHS["queryset.update"](LedgerRow.objects.get(pk=row.pk))
    assert LedgerRow.objects.get(pk=row.pk).received_total == 99
