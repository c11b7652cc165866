"""The dossier import counts records in months where the unit's kind reports the one-stop ledger monthly
(issue 11): month periods created as needed, one ledger per month report, carry-over across a quarter boundary
and from a quarterly quarter, other kinds still by quarter, the lock over month reports."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc import services as core
from cchc.choices import UnitKind
from cchc.models import MonthlySection, Period
from procedures import selectors
from procedures.importing import ImportFailed, dossier_import_commit, dossier_import_preview
from procedures.models import LEDGER_COUNTS, LedgerRow, LedgerSource
from procedures.tests.test_import import csv_upload, line, messages_of, procedure, quarters  # noqa: F401  (fixtures)


@pytest.fixture
def centre(province):
    return core.unit_upsert(code="T-TT", name="Trung tâm PVHCC", kind=UnitKind.SERVICE_CENTRE, parent=province)


@pytest.fixture
def setup(cast, procedure, quarters, centre, unit_b):  # noqa: F811
    # The centre's one-stop ledger is monthly from 2020 (Q4-2019 stays a quarter); departments stay quarterly.
    MonthlySection.objects.create(
        section_key="procedures", unit_kind=UnitKind.SERVICE_CENTRE, valid_from=dt.date(2020, 1, 1), deadline_days=7
    )
    return cast


FILE = [
    line("HS-1", unit="T-TT"),  # received 06/01/2020, resolved 09/01 (due 10/01): January only
    line("HS-2", unit="T-TT", received="20/12/2019 09:00", completed="", status="dang_giai_quyet"),  # open
    line("HS-3", unit="T-TT", received="03/03/2020 10:00", due="20/03/2020", completed="02/04/2020 10:00"),
    line("HS-4", unit="T-B", received="05/02/2020 08:00", due="10/02/2020", completed="06/02/2020 09:00"),
]


def ledger_of(unit_code: str, year: int, quarter: int, month: int | None) -> dict:
    row = LedgerRow.objects.get(
        report__unit__code=unit_code,
        report__period__year=year,
        report__period__quarter=quarter,
        report__period__month=month,
    )
    assert row.source == LedgerSource.RECORDS
    return {name: getattr(row, name) for name in LEDGER_COUNTS if getattr(row, name)}


def test_a_monthly_kind_gets_month_reports_and_other_kinds_quarters(setup):
    result = dossier_import_commit(file=csv_upload(*FILE), user=setup["admin"])

    months = Period.every.filter(year=2020, month__isnull=False).order_by("month")
    assert [p.month for p in months] == [1, 2, 3, 4, 5, 6]  # created by the import, with the setting's deadline
    assert months[0].deadline == dt.date(2020, 2, 7) and months[0].quarter == 1
    touched = sorted((r.unit.code, r.period.code) for r in result.reports)
    assert touched == [
        ("T-B", "2020-Q1"),
        ("T-TT", "2019-Q4"),
        *[("T-TT", f"2020-{m:02d}") for m in range(1, 7)],
        ("T-TT", "2020-Q1"),  # the months' quarters: created, with no computed ledger (below)
        ("T-TT", "2020-Q2"),
    ]
    # Q4-2019 is before the setting: the centre's quarter. HS-2 opens there and is carried into every month.
    assert ledger_of("T-TT", 2019, 4, None) == {
        "received_new": 1,
        "new_in_person": 1,
        "received_total": 1,
        "pending_within": 1,  # due 10/01/2020, after the quarter's end
        "pending_total": 1,
    }
    january = ledger_of("T-TT", 2020, 1, 1)
    assert january["carried_over"] == 1 and january["received_new"] == 1
    assert january["resolved_early"] == 1 and january["pending_total"] == 1
    assert ledger_of("T-TT", 2020, 1, 2) == {
        "carried_over": 1,
        "received_total": 1,
        "pending_overdue": 1,
        "pending_total": 1,
    }
    march = ledger_of("T-TT", 2020, 1, 3)
    assert march["received_new"] == 1 and march["pending_total"] == 2  # HS-3 completes in April
    assert ledger_of("T-TT", 2020, 2, 4)["resolved_late"] == 1
    # No ledger computed on the centre's quarter reports of 2020: the quarter is the roll-up of its months.
    assert not LedgerRow.objects.filter(report__unit__code="T-TT", report__period__month__isnull=True).exclude(
        report__period__year=2019
    )
    assert ledger_of("T-B", 2020, 1, None)["resolved_early"] == 1


def test_the_months_flows_add_up_to_the_quarter_computed_from_the_same_records(setup, centre):
    dossier_import_commit(file=csv_upload(*FILE), user=setup["admin"])
    q1 = Period.objects.get(year=2020, quarter=1)
    quarter = selectors.ledgers_from_records(unit_ids=[centre.pk], period=q1)
    months = [
        {name: getattr(row, name) for name in LEDGER_COUNTS}
        for row in LedgerRow.objects.filter(report__unit=centre, report__period__month__in=[1, 2, 3])
    ]
    assert len(months) == 3
    flows = ("received_new", "new_in_person", "resolved_early", "resolved_on_time", "resolved_late", "resolved_total")
    for name in flows:
        assert sum(m[name] for m in months) == sum(v[name] for v in quarter.values()), name
    march = LedgerRow.objects.get(report__unit=centre, report__period__month=3)
    assert march.pending_total == sum(v["pending_total"] for v in quarter.values())  # a stock: the last month's


def test_the_preview_names_the_months_and_agrees_with_the_commit(setup):
    preview = dossier_import_preview(file=csv_upload(*FILE), user=setup["admin"])
    assert preview.ok
    shown = {(f.unit_code, f.period_label): f.values for f in preview.ledgers}
    assert ("T-TT", "Tháng 1/2020") in shown and ("T-B", "I/2020") in shown and ("T-TT", "IV/2019") in shown
    result = dossier_import_commit(file=csv_upload(*FILE), user=setup["admin"])
    assert {(f.unit_code, f.period_label): f.values for f in result.ledgers} == shown


def test_a_closed_month_refuses_the_rows_that_change_it(setup):
    dossier_import_commit(file=csv_upload(*FILE[:1]), user=setup["admin"])
    Period.every.filter(year=2020, month=1).update(is_open=False)

    changed = line("HS-1", unit="T-TT", point="Quầy 2")
    with pytest.raises(ImportFailed) as failed:
        dossier_import_commit(file=csv_upload(changed), user=setup["admin"])
    assert messages_of(failed.value.preview) == [
        "Dòng 2: Báo cáo tháng 1/2020 của đơn vị T-TT đã duyệt hoặc khóa sổ: hồ sơ này làm thay đổi sổ theo dõi "
        "của báo cáo đó."
    ]


def test_closing_the_quarter_locks_its_month_reports_for_the_import(setup):
    dossier_import_commit(file=csv_upload(*FILE[:1]), user=setup["admin"])
    Period.objects.filter(year=2020, quarter=1).update(is_open=False)  # the month row itself stays open

    with pytest.raises(ImportFailed) as failed:
        dossier_import_commit(file=csv_upload(line("HS-1", unit="T-TT", point="Quầy 2")), user=setup["admin"])
    assert "Báo cáo tháng 1/2020 của đơn vị T-TT đã duyệt hoặc khóa sổ" in messages_of(failed.value.preview)[0]


@pytest.fixture
def partly(cast, procedure, quarters, centre):  # noqa: F811
    return cast


def test_a_quarter_only_partly_monthly_keeps_its_quarter_ledger_and_its_monthly_months_get_theirs(partly):
    MonthlySection.objects.create(section_key="procedures", unit_kind="", valid_from=dt.date(2020, 2, 1))
    dossier_import_commit(file=csv_upload(*FILE[:3]), user=partly["admin"])

    assert sorted(Period.every.filter(year=2020, quarter=1, month__isnull=False).values_list("month", flat=True)) == [
        2,
        3,
    ]
    assert ledger_of("T-TT", 2020, 1, None)["received_new"] == 2  # HS-1 (January) and HS-3 (March)
    assert ledger_of("T-TT", 2020, 1, 2) == {
        "carried_over": 1,
        "received_total": 1,
        "pending_overdue": 1,
        "pending_total": 1,
    }
    assert ledger_of("T-TT", 2020, 1, 3)["received_new"] == 1
    assert not LedgerRow.objects.filter(report__period__year=2020, report__period__month=1).exists()
    assert ledger_of("T-TT", 2020, 2, 4)["resolved_late"] == 1  # Q2-2020 monthly whole: April's report
