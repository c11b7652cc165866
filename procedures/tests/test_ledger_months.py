"""The ledger computed from dossier records per month where the procedures section is monthly (issue 11).

A month report counts the month's records by the quarter's rules with the month's dates; a quarter monthly in all
three months gets no computed ledger (the roll-up of its months is the quarter, and equals what the records give
for the quarter); a quarter monthly only from a month inside it keeps its quarter ledger. The import creates and
computes the month reports of the quarters it touches.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone

from cchc import services as core
from cchc.choices import UnitKind
from cchc.models import MonthlySection
from cchc.months import month_period_upsert
from procedures import selectors, services
from procedures.choices import Channel, DossierStatus, ProcedureLevel
from procedures.figures import FIGURES
from procedures.importing import COLUMNS, dossier_import_commit
from procedures.models import LEDGER_COUNTS, DossierRecord, LedgerRow, LedgerSource
from procedures.services import procedure_upsert

POINT = "Bộ phận một cửa"
SEMANTICS = {figure.code.removeprefix("tthc."): figure.semantics.value for figure in FIGURES}


def local(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


@pytest.fixture
def procedure(db):
    return procedure_upsert(
        code="1.000001", name="Cấp bản sao", field="Tư pháp", level=ProcedureLevel.PROVINCE, unit_kind="department"
    )


@pytest.fixture
def q3(db):
    return {"quarter": core.period_upsert(year=2022, quarter=3), "q2": core.period_upsert(year=2022, quarter=2)}


def monthly_from(day: dt.date) -> None:
    MonthlySection.objects.create(section_key="procedures", unit_kind=UnitKind.DEPARTMENT, valid_from=day)


def add(procedure, unit, code, received, due, completed=None, status=DossierStatus.PENDING, channel=Channel.IN_PERSON):
    DossierRecord.objects.create(
        code=code,
        procedure=procedure,
        unit=unit,
        reception_point=POINT,
        channel=channel,
        received_at=received,
        due_at=due,
        completed_at=completed,
        status=status,
    )


@pytest.fixture
def records(procedure, unit_a):
    """Received in June and resolved early in July; received in July, resolved on time in August; received in
    August, still pending (overdue from 30/08); received online in September and returned."""
    add(procedure, unit_a, "R1", local(2022, 6, 20, 8), local(2022, 7, 15), local(2022, 7, 10, 9), "resolved")
    add(procedure, unit_a, "R2", local(2022, 7, 5, 8), local(2022, 8, 10, 17), local(2022, 8, 10, 9), "resolved")
    add(procedure, unit_a, "R3", local(2022, 8, 20, 8), local(2022, 8, 30))
    add(procedure, unit_a, "R4", local(2022, 9, 2, 8), local(2022, 9, 20), local(2022, 9, 5), "returned", "online")


def counts(**given) -> dict:
    values = dict.fromkeys(LEDGER_COUNTS, 0)
    values.update(given)
    return values


JULY = counts(
    carried_over=1, received_new=1, new_in_person=1, received_total=2, resolved_early=1, resolved_total=1,
    pending_within=1, pending_total=1,
)  # fmt: skip
AUGUST = counts(
    carried_over=1, received_new=1, new_in_person=1, received_total=2, resolved_on_time=1, resolved_total=1,
    pending_overdue=1, pending_total=1,
)  # fmt: skip
SEPTEMBER = counts(
    carried_over=1, received_new=1, new_online=1, received_total=2, returned_withdrawn=1, pending_overdue=1,
    pending_total=1,
)  # fmt: skip


def ledger_of(report) -> dict:
    row = LedgerRow.objects.get(report=report, reception_point=POINT)
    assert row.source == LedgerSource.RECORDS
    return {name: getattr(row, name) for name in LEDGER_COUNTS}


def rolled_up(months: list[dict]) -> dict:
    """The months rolled up by the figures' semantics (cchc/figures.py): flows summed, stocks from the last month,
    openings from the first, received = first carry-over + every month's new."""
    out = {}
    for name in LEDGER_COUNTS:
        semantics = SEMANTICS.get(name, "flow")  # the channels are breakdown members of received_new: flows
        if semantics == "stock":
            out[name] = months[-1][name]
        elif semantics == "opening":
            out[name] = months[0][name]
        elif semantics == "flow":
            out[name] = sum(month[name] for month in months)
    out["received_total"] = out["carried_over"] + out["received_new"]
    return out


def test_a_month_report_counts_the_months_records(unit_a, records, q3):
    months = [core.report_get_or_create(unit=unit_a, period=month_period_upsert(year=2022, month=m)) for m in (7, 8, 9)]

    services.ledgers_recompute(reports=months)

    assert [ledger_of(report) for report in months] == [JULY, AUGUST, SEPTEMBER]


def test_a_quarter_monthly_in_all_its_months_is_the_roll_up_of_its_months(unit_a, records, q3):
    monthly_from(dt.date(2022, 1, 1))
    quarter = core.report_get_or_create(unit=unit_a, period=q3["quarter"])
    LedgerRow.objects.create(  # computed before the switch: removed, not left stale
        report=quarter, reception_point="Cũ", received_total=1, resolved_total=1, pending_total=0, source="records"
    )
    typed = LedgerRow.objects.create(  # the clerk's quarter figure, a check beside the roll-up: kept
        report=quarter, reception_point=POINT, received_total=4, resolved_total=2, pending_total=1, returned_withdrawn=1
    )
    months = [core.report_get_or_create(unit=unit_a, period=month_period_upsert(year=2022, month=m)) for m in (7, 8, 9)]

    services.ledgers_recompute(reports=[quarter, *months])

    assert list(LedgerRow.objects.filter(report=quarter)) == [typed]
    assert LedgerRow.objects.get(pk=typed.pk).source == LedgerSource.TYPED
    month_ledgers = [ledger_of(report) for report in months]
    assert month_ledgers == [JULY, AUGUST, SEPTEMBER]
    # Nothing is lost by not storing the quarter: the records' quarter is the roll-up of the months.
    quarter_from_records = selectors.ledgers_from_records(unit_ids=[unit_a.pk], period=q3["quarter"])
    assert quarter_from_records[(unit_a.pk, POINT)] == rolled_up(month_ledgers)
    assert rolled_up(month_ledgers)["received_total"] == 4  # R1 carried over once, not three times


def test_a_quarter_monthly_from_a_month_inside_it_keeps_its_quarter_ledger(unit_a, records, q3):
    monthly_from(dt.date(2022, 8, 1))
    quarter = core.report_get_or_create(unit=unit_a, period=q3["quarter"])

    services.ledger_recompute(report=quarter)

    assert ledger_of(quarter) == rolled_up([JULY, AUGUST, SEPTEMBER])


def csv_file(*rows: str) -> io.BytesIO:
    buffer = io.BytesIO(("\n".join([",".join(COLUMNS), *rows]) + "\n").encode())
    buffer.name = "ho-so.csv"
    return buffer


def test_the_import_computes_the_months_of_a_monthly_unit(cast, procedure, unit_a, unit_b, q3):
    monthly_from(dt.date(2022, 7, 1))  # Q2-2022 (R1 received in June) stays quarterly
    lines = [
        f"R1,1.000001,T-A,{POINT},truc_tiep,20/06/2022 08:00,15/07/2022,10/07/2022 09:00,da_giai_quyet",
        f"R2,1.000001,T-A,{POINT},truc_tiep,05/07/2022 08:00,10/08/2022 17:00,10/08/2022 09:00,da_giai_quyet",
        f"R3,1.000001,T-A,{POINT},truc_tiep,20/08/2022 08:00,30/08/2022,,dang_giai_quyet",
        f"R4,1.000001,T-A,{POINT},truc_tuyen,02/09/2022 08:00,20/09/2022,05/09/2022,tra_lai",
    ]

    result = dossier_import_commit(file=csv_file(*lines), user=cast["admin"])

    month_reports = sorted((r for r in result.reports if r.period.month), key=lambda r: r.period.month)
    assert [(r.unit.code, r.period.month) for r in month_reports] == [("T-A", 7), ("T-A", 8), ("T-A", 9)]
    assert [ledger_of(report) for report in month_reports] == [JULY, AUGUST, SEPTEMBER]
    june_quarter = next(r for r in result.reports if r.period == q3["q2"])
    assert ledger_of(june_quarter)["pending_total"] == 1  # R1 pending at the end of Q2: a quarter ledger
    quarter = next(r for r in result.reports if r.period == q3["quarter"])
    assert not LedgerRow.objects.filter(report=quarter).exists()  # the quarter is the roll-up of its months


def test_a_month_locked_by_its_approved_quarter_refuses_the_recompute(cast, unit_a, unit_b, records, q3):
    """Approving the quarter settles its months (cchc/locks.py): the set refuses before writing anything, also
    the stale rows it would delete, which no guarded QuerySet sees."""
    from conftest import fill_narrative, submit
    from procedures import ledger_set

    monthly_from(dt.date(2022, 1, 1))
    quarter = core.report_get_or_create(unit=unit_a, period=q3["quarter"])
    august = core.report_get_or_create(unit=unit_a, period=month_period_upsert(year=2022, month=8))
    open_month = core.report_get_or_create(unit=unit_b, period=august.period)  # its quarter is not approved
    stale = LedgerRow.objects.create(
        report=august, reception_point="Cũ", received_total=1, resolved_total=1, pending_total=0, source="records"
    )
    fill_narrative(quarter, cast["clerk_a"])
    submit(quarter, approve=True)

    with pytest.raises(ledger_set.LedgerLockedError) as refused:
        services.ledgers_recompute(reports=[open_month, august])

    assert refused.value.report.pk == august.pk
    assert "Báo cáo quý của đơn vị đã được duyệt" in str(refused.value)
    assert list(LedgerRow.objects.all()) == [stale]
