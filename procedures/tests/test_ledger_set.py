"""The ledger recompute as a set (issue 12): the same ledgers as the per-report recompute, a query count that does
not grow with the reports, the approval lock on every layer (nothing half-written), the database's CHECK
constraints translated into the form's message, history in bulk, the import and the job through it."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cchc import lockdb, lockguard
from cchc import services as core
from cchc.choices import ReportStatus, UnitKind
from cchc.exceptions import ReportLockedError
from cchc.locks import acting_as, lock_override
from cchc.models import Membership, Report
from cchc.services import instance_save
from conftest import fill_narrative, submit
from procedures import ledger_set, selectors, services
from procedures.choices import Channel, DossierStatus, ProcedureLevel
from procedures.models import LEDGER_COUNTS, TYPED_COUNTS, DossierRecord, LedgerRow, LedgerSource
from procedures.services import procedure_upsert

POINT = "Bộ phận một cửa"
FIELDS = ("source", *LEDGER_COUNTS, *TYPED_COUNTS, "other_outcomes_note")


def local(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


def old_recompute(report: Report) -> None:
    """The per-report recompute as it was before issue 12 (e238dcc): one aggregate and full_clean() + save() per
    row. The reference the set version must equal."""
    computed = selectors.ledgers_from_records(unit_ids=[report.unit_id], period=report.period)
    points = {point for (_unit, point) in computed}
    stale = LedgerRow.objects.filter(report=report, source=LedgerSource.RECORDS).exclude(reception_point__in=points)
    for row in stale:
        row.delete()
    existing = {row.reception_point: row for row in LedgerRow.objects.filter(report=report)}
    for (_unit, point), values in computed.items():
        row = existing.get(point) or LedgerRow(report=report, reception_point=point)
        instance_save(row, {**values, "source": LedgerSource.RECORDS})


def snapshot() -> dict:
    return {
        (row.report_id, row.reception_point): tuple(getattr(row, name) for name in FIELDS)
        for row in LedgerRow.objects.all()
    }


@pytest.fixture
def procedure(db):
    return procedure_upsert(
        code="1.000001", name="Cấp bản sao", field="Tư pháp", level=ProcedureLevel.PROVINCE, unit_kind="department"
    )


@pytest.fixture
def quarters(period):
    return [core.period_upsert(year=2019, quarter=4), period, core.period_upsert(year=2020, quarter=2)]


def units(province, count: int) -> list:
    return [
        core.unit_upsert(code=f"T-L{i:03d}", name=f"Sở {i}", kind=UnitKind.DEPARTMENT, parent=province)
        for i in range(count)
    ]


_codes = itertools.count()


def record(procedure, unit, received, due, completed=None, status=DossierStatus.PENDING, **extra) -> DossierRecord:
    values = {"reception_point": POINT, "channel": Channel.IN_PERSON, **extra}
    return DossierRecord.objects.create(
        code=f"HS-{next(_codes)}",
        procedure=procedure,
        unit=unit,
        received_at=received,
        due_at=due,
        completed_at=completed,
        status=status,
        **values,
    )


def random_records(procedure, unit_list, count: int, seed: int = 7) -> None:
    """Dossiers over Q4-2019…Q2-2020: every status, channel, two reception points, early / on time / late."""
    rng = random.Random(seed)
    start = local(2019, 10, 1)
    for _ in range(count):
        received = start + dt.timedelta(days=rng.randrange(0, 270), hours=rng.randrange(7, 17))
        due = received + dt.timedelta(days=rng.randrange(1, 30))
        status = rng.choice(
            [DossierStatus.RESOLVED] * 6
            + [DossierStatus.RETURNED, DossierStatus.WITHDRAWN] * 1
            + [DossierStatus.PENDING] * 2
        )
        completed = None
        if status != DossierStatus.PENDING:
            completed = min(received + dt.timedelta(days=rng.randrange(0, 45), hours=1), local(2020, 6, 30, 12))
        record(
            procedure,
            rng.choice(unit_list),
            received,
            due,
            completed,
            status,
            reception_point=rng.choice([POINT, "Bưu điện"]),
            channel=rng.choice(list(Channel)),
        )


def test_the_set_gives_the_ledgers_of_the_per_report_recompute(province, procedure, quarters):
    unit_list = units(province, 4)
    random_records(procedure, unit_list, 400)
    reports = [core.report_get_or_create(unit=u, period=p) for u in unit_list for p in quarters]
    first = reports[5]
    # A typed row the records take over (its typed-only counts kept), a typed row they leave alone, and a
    # computed row the records no longer give (deleted).
    LedgerRow.objects.create(
        report=first, reception_point=POINT, received_total=99, resolved_total=1, pending_total=1, other_outcomes=0
    )
    LedgerRow.objects.create(
        report=first, reception_point="Nhập tay", received_total=5, resolved_total=5, pending_total=0
    )
    LedgerRow.objects.create(
        report=reports[6],
        reception_point="Đã đóng",
        received_total=1,
        resolved_total=1,
        pending_total=0,
        source="records",
    )
    with transaction.atomic():
        for report in reports:
            old_recompute(report)
        expected = snapshot()
        transaction.set_rollback(True)

    rows = services.ledgers_recompute(reports=reports)

    assert snapshot() == expected
    assert len(expected) > 20 and ("Đã đóng" not in {point for _report, point in expected})
    assert sorted((row.report_id, row.reception_point) for row in rows) == sorted(
        key for key, values in expected.items() if values[0] == LedgerSource.RECORDS
    )
    # Each report alone, through the thin wrapper: the same again, and nothing written a second time.
    before = LedgerRow.history.count()
    for report in reports:
        services.ledger_recompute(report=report)
    assert snapshot() == expected
    assert LedgerRow.history.count() == before


def _recompute_queries(reports) -> int:
    with CaptureQueriesContext(connection) as queries:
        services.ledgers_recompute(reports=reports)
    return len(queries)


def test_the_query_count_does_not_grow_with_the_reports(province, procedure, quarters, django_assert_max_num_queries):
    unit_list = units(province, 30)
    for index, unit in enumerate(unit_list):
        record(procedure, unit, local(2020, 1, 6, 8), local(2020, 1, 20), local(2020, 1, 9 + index % 12), "resolved")
        record(procedure, unit, local(2019, 12, 20, 8), local(2020, 1, 3))  # pending: carried over
    small = [core.report_get_or_create(unit=u, period=quarters[1]) for u in unit_list[:3]]
    large = [core.report_get_or_create(unit=u, period=quarters[1]) for u in unit_list[3:]]
    large_two_quarters = large + [core.report_get_or_create(unit=u, period=quarters[0]) for u in unit_list[3:]]

    created_small, created_large = _recompute_queries(small), _recompute_queries(large)
    assert created_small == created_large  # 3 reports or 27: the same statements
    services.ledgers_recompute(reports=large_two_quarters)  # Q4-2019 written
    LedgerRow.objects.filter(report__in=large).update(pending_total=5)  # every row of Q1 changed
    with django_assert_max_num_queries(created_large + 1):  # one aggregate more for the second quarter
        services.ledgers_recompute(reports=large_two_quarters)
    assert LedgerRow.objects.filter(report__in=large, pending_total=1).count() == 27
    assert _recompute_queries(small) <= created_small  # nothing changed: nothing written
    # A savepoint and its release; reads: the reports under lock, their stored rows, the monthly settings, one
    # aggregate per period; the guarded QuerySet's lock check, one upsert, its history.
    assert created_large <= 9


def test_history_is_written_in_bulk_for_inserted_updated_and_deleted_rows(cast, procedure, report_a):
    record(procedure, report_a.unit, local(2020, 1, 6, 8), local(2020, 1, 20), local(2020, 1, 9), "resolved")
    gone = LedgerRow.objects.create(
        report=report_a, reception_point="Cũ", received_total=1, resolved_total=1, pending_total=0, source="records"
    )
    with acting_as(cast["clerk_a"]):
        services.ledgers_recompute(reports=[report_a])
        DossierRecord.objects.update(completed_at=local(2020, 1, 25))  # now late
        services.ledgers_recompute(reports=[report_a])

    history = list(
        LedgerRow.history.order_by("history_id").values_list("reception_point", "history_type", "history_user")
    )
    user = cast["clerk_a"].pk
    assert history[1:] == [("Cũ", "-", user), (POINT, "+", user), (POINT, "~", user)]
    assert not LedgerRow.objects.filter(pk=gone.pk).exists()
    late = LedgerRow.history.filter(history_type="~").get()
    assert (late.resolved_late, late.resolved_on_time, late.source) == (1, 0, "records")


@pytest.fixture
def two_reports(cast, procedure, report_a, report_b):
    for report in (report_a, report_b):
        record(procedure, report.unit, local(2020, 1, 6, 8), local(2020, 1, 20), local(2020, 1, 9), "resolved")
    return report_a, report_b


def _approve(report) -> None:
    fill_narrative(report, Membership.objects.get(unit=report.unit).user)
    assert submit(report, approve=True)[0].status == ReportStatus.APPROVED


def test_a_locked_report_refuses_the_whole_set_and_nothing_is_written(two_reports):
    open_report, approved = two_reports
    _approve(approved)

    with pytest.raises(ledger_set.LedgerLockedError) as refused:
        services.ledgers_recompute(reports=[open_report, approved])

    assert refused.value.report.pk == approved.pk
    assert "đã được duyệt" in str(refused.value)
    assert not LedgerRow.objects.exists() and not LedgerRow.history.exists()


@pytest.mark.parametrize("layer", ["lockguard", "trigger"])
def test_the_lock_holds_under_the_service_check_too(two_reports, monkeypatch, layer):
    """Without the service's own check, the guarded QuerySet refuses; without both, the database trigger."""
    open_report, approved = two_reports
    _approve(approved)
    monkeypatch.setattr(ledger_set, "reports_check", lambda reports: "")
    if layer == "trigger":
        monkeypatch.setattr(lockguard, "check_reports", lambda *args: None)

    with pytest.raises(ReportLockedError) as refused:
        services.ledgers_recompute(reports=[open_report, approved])

    said = lockdb.MESSAGE if layer == "trigger" else "Báo cáo đã được duyệt; chỉ sửa được sau khi lãnh đạo mở lại"
    assert said in str(refused.value)
    assert not LedgerRow.objects.exists() and not LedgerRow.history.exists()


def test_an_admin_override_writes_and_says_so_in_the_history(two_reports, cast):
    open_report, approved = two_reports
    _approve(approved)

    with lock_override(user=cast["admin"], reason="sửa số liệu sai"):
        services.ledgers_recompute(reports=[open_report, approved])

    assert LedgerRow.objects.count() == 2
    reasons = set(LedgerRow.history.values_list("history_change_reason", flat=True))
    assert reasons == {"Quản trị viên ghi đè khóa: sửa số liệu sai"}


def test_a_check_constraint_refusal_reads_as_the_forms_message(two_reports, procedure):
    """A typed online level kept beside the computed online total breaks ledgerrow_new_online_partial_le_new_online:
    the database refuses, and the message names the report, the point, both fields and both numbers."""
    report_a, report_b = two_reports
    record(procedure, report_a.unit, local(2020, 2, 3, 8), local(2020, 2, 20), channel=Channel.ONLINE)
    LedgerRow.objects.create(
        report=report_a,
        reception_point=POINT,
        received_total=9,
        resolved_total=0,
        pending_total=9,
        new_online_partial=5,
    )
    history = LedgerRow.history.count()

    with pytest.raises(ValidationError) as refused:
        services.ledgers_recompute(reports=[report_b, report_a])

    message = refused.value.message_dict["new_online_partial"][0]
    assert message == (
        f"{report_a} — {POINT}: Trực tuyến: một phần (mức độ 3) (5) không được lớn hơn Mới: trực tuyến (1)."
    )
    assert list(LedgerRow.objects.values_list("report_id", "received_total")) == [(report_a.pk, 9)]  # as it was
    assert LedgerRow.history.count() == history


class _Ctx:
    def __init__(self):
        self.calls = []

    def progress(self, done, **kwargs):
        self.calls.append((done, kwargs.get("total")))


@pytest.mark.parametrize("closed_meanwhile", [False, True])
def test_the_recompute_job_skips_locked_reports_and_counts_them(
    cast, procedure, quarters, monkeypatch, closed_meanwhile
):
    from types import SimpleNamespace

    from cchc.models import Period
    from procedures import jobs

    unit = cast["clerk_a"].memberships.get().unit
    record(procedure, unit, local(2019, 12, 20, 8), local(2020, 1, 3))  # in Q4-2019 and Q1-2020
    reports = [core.report_get_or_create(unit=unit, period=period) for period in quarters[:2]]
    close = Period.objects.filter(pk=quarters[0].pk)
    if not closed_meanwhile:
        close.update(is_open=False)
    else:
        real = services.ledgers_recompute

        def closed_while_waiting(*, reports):
            monkeypatch.setattr(services, "ledgers_recompute", real)
            close.update(is_open=False)
            return real(reports=reports)  # refused: the period closed under it

        monkeypatch.setattr(services, "ledgers_recompute", closed_while_waiting)

    outcome = jobs.ledgers_recompute(SimpleNamespace(user=cast["admin"]), _Ctx())

    assert outcome.result == {"reports": 1, "skipped": 1}
    assert list(LedgerRow.objects.values_list("report_id", "pending_total")) == [(reports[1].pk, 1)]
