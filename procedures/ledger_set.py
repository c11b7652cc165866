"""The ledger recompute as a set (issue 12): every report's ledger from dossier records in a bounded number of
queries, whatever the number of reports.

- **Read**: the reports under a row lock (one query per chunk), every stored ledger row of those reports (one
  query per chunk), the monthly-section settings (one query) and one grouped aggregate over the dossier records
  per period (`selectors.ledgers_from_records`: a quarter or a month, by its own dates).
- **Lock**: every report is checked before anything is written (a month report also by its quarter's approval
  and period: cchc/locks.py); one locked report refuses the whole recompute (`LedgerLockedError`, naming it).
  The guarded QuerySet (cchc/lockguard.py) checks again on the bulk write and the database triggers
  (cchc/lockdb.py) refuse any row that slipped through; a trigger's refusal is raised as the same
  `ReportLockedError`. Everything is written inside one transaction: all or nothing.
- **Write**: one upsert (`bulk_create(update_conflicts=True)` on (report, reception point)) for the new and
  changed rows, one DELETE for the stale computed rows, and their history rows in bulk (simple-history's
  `bulk_history_create` for "+" and "~", the same rows built here for "-"). Unchanged rows are not written.
- **No `full_clean()` per row**: the values come from one aggregate and satisfy the model's rules by
  construction; what could still break one (a typed split kept beside a computed total, see `_updated`) is
  refused by the database's CHECK constraints, and the IntegrityError is translated into the message the form
  gives for the same figures (`procedures.ledger.part_errors`: the fields and the numbers), naming the report
  and reception point.

Months (issue 11): a month report is computed over the month's days. A quarter report of a unit whose
procedures section is monthly in all three months gets no computed ledger (its records rows are removed): the
quarter of a monthly section is the roll-up of its months (`procedures.ledger_months`).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc import lockdb
from cchc.choices import ReportStatus
from cchc.dataversion import data_version_bump
from cchc.exceptions import ReportLockedError
from cchc.figures import period_query
from cchc.locks import active_override, current_actor, report_lock_reason
from cchc.models import Period, Report
from cchc.text import nfc

from . import ledger_months, selectors
from .ledger import part_errors
from .models import LEDGER_COUNTS, LedgerRow, LedgerSource

logger = logging.getLogger("cchc.locks")

# Ids per IN list: well under SQLite's 999 parameters of Django's batching, and short statements on PostgreSQL.
CHUNK = 500
# What a recompute writes on a stored row: the counts records give, the source, the time stamp. Typed-only
# counts (other outcomes, online levels) and the note of a typed row taken over are kept as they were.
UPDATE_FIELDS = [*LEDGER_COUNTS, "source", "updated_at"]


class LedgerLockedError(ReportLockedError):
    """A report of the set is locked (approved, or its period closed): the recompute wrote nothing."""

    def __init__(self, message: str, *, report: Report | None = None) -> None:
        super().__init__(message)
        self.report = report


@dataclass
class Plan:
    """What a recompute writes: rows to insert, stored rows to update (new values set), stored rows to delete."""

    created: list[LedgerRow] = field(default_factory=list)
    updated: list[LedgerRow] = field(default_factory=list)
    deleted: list[LedgerRow] = field(default_factory=list)
    rows: list[LedgerRow] = field(default_factory=list)  # every computed row, written or unchanged


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def reports_locked_read(report_ids: list[int]) -> list[Report]:
    """The reports re-read under a row lock (PostgreSQL; SQLite serialises writers), with unit and period."""
    out: list[Report] = []
    for chunk in _chunks(sorted(set(report_ids))):
        out.extend(Report.objects.select_for_update().select_related("unit", "period").filter(pk__in=chunk))
    return out


def _quarter_states(reports: list[Report]) -> dict[int, dict[str, bool]]:
    """For each month report: whether the unit's report of its quarter is approved and the quarter open (a month
    is locked by its quarter too: cchc/locks.py). Two queries, only when the set holds month reports."""
    months = [report for report in reports if report.period.month is not None]
    if not months:
        return {}
    quarters = {
        (period.year, period.quarter): period
        for period in Period.objects.filter(period_query({(r.period.year, r.period.quarter) for r in months}))
    }
    approved = set(
        Report.objects.filter(
            period_id__in=[period.pk for period in quarters.values()],
            unit_id__in={report.unit_id for report in months},
            status=ReportStatus.APPROVED,
        ).values_list("unit_id", "period_id")
    )
    states = {}
    for report in months:
        quarter = quarters.get((report.period.year, report.period.quarter))
        if quarter is not None:
            states[report.pk] = {
                "quarter_approved": (report.unit_id, quarter.pk) in approved,
                "quarter_open": quarter.is_open,
            }
    return states


def reports_check(reports: list[Report]) -> str:
    """Refuse the set if any report is locked, unless an admin override is active: then the history's reason."""
    quarter_states = _quarter_states(reports)
    for report in reports:
        reason = report_lock_reason(
            status=report.status, period_open=report.period.is_open, **quarter_states.get(report.pk, {})
        )
        if reason is None:
            continue
        active = active_override()
        if active is None:
            raise LedgerLockedError(reason, report=report)
        user, why = active
        logger.warning("Lock override by %s: ledger recompute of report #%s: %s", user, report.pk, why)
        return str(_("Quản trị viên ghi đè khóa: %(why)s") % {"why": why})
    return ""


def ledgers_computed(reports: list[Report]) -> dict[int, dict[str, dict[str, int]]]:
    """report id → reception point → counts: one grouped aggregate per period (and per chunk of units).

    A quarter report whose procedures section is monthly in all its months gets nothing (the months carry it).
    """
    rolled_up = ledger_months.quarters_rolled_up(reports)
    by_period: dict[int, list[Report]] = defaultdict(list)
    periods: dict[int, Period] = {}
    for report in reports:
        if report.pk in rolled_up:
            continue
        by_period[report.period_id].append(report)
        periods[report.period_id] = report.period
    out: dict[int, dict[str, dict[str, int]]] = {report.pk: {} for report in reports}
    for period_id, members in by_period.items():
        report_of = {report.unit_id: report.pk for report in members}
        for units in _chunks(sorted(report_of)):
            computed = selectors.ledgers_from_records(unit_ids=units, period=periods[period_id])
            for (unit_id, point), values in computed.items():
                out[report_of[unit_id]][nfc(point)] = values
    return out


def _stored(reports: list[Report]) -> dict[int, dict[str, LedgerRow]]:
    stored: dict[int, dict[str, LedgerRow]] = defaultdict(dict)
    by_pk = {report.pk: report for report in reports}
    for chunk in _chunks(list(by_pk)):
        for row in LedgerRow.objects.filter(report_id__in=chunk):
            row.report = by_pk[row.report_id]  # no query per row for the lock, the history, the messages
            stored[row.report_id][row.reception_point] = row
    return stored


def _updated(row: LedgerRow, values: dict[str, int], now) -> bool:
    """Set the computed values on a stored row; True when anything changed.

    A typed row taken over keeps its typed-only counts (as `instance_save` did before): a typed online level
    above the computed online total is then refused by the database, with the form's message.
    """
    if row.source == LedgerSource.RECORDS and all(getattr(row, name) == values[name] for name in LEDGER_COUNTS):
        return False
    for name in LEDGER_COUNTS:
        setattr(row, name, values[name])
    row.source = LedgerSource.RECORDS
    row.updated_at = now
    return True


def plan_build(reports: list[Report], computed: dict[int, dict[str, dict[str, int]]], now) -> Plan:
    """Compare the computed ledgers with the stored rows: what to insert, update and delete."""
    stored = _stored(reports)
    by_pk = {report.pk: report for report in reports}
    plan = Plan()
    for report_id, points in computed.items():
        rows = stored.get(report_id, {})
        for point, values in points.items():
            row = rows.get(point)
            if row is None:
                row = LedgerRow(report=by_pk[report_id], reception_point=point, source=LedgerSource.RECORDS, **values)
                plan.created.append(row)
            elif _updated(row, values, now):
                plan.updated.append(row)
            plan.rows.append(row)
        plan.deleted.extend(
            row for point, row in rows.items() if row.source == LedgerSource.RECORDS and point not in points
        )
    return plan


def _upsert(plan: Plan) -> None:
    """Insert the new rows and update the changed ones in one statement per batch (upsert on the unique
    (report, reception point)); the new rows get their ids back (RETURNING), for their history."""
    fresh = plan.created + [
        LedgerRow(
            report=row.report,
            reception_point=row.reception_point,
            source=LedgerSource.RECORDS,
            **{name: getattr(row, name) for name in LEDGER_COUNTS},
        )
        for row in plan.updated
    ]
    if fresh:
        LedgerRow.objects.bulk_create(
            fresh, update_conflicts=True, unique_fields=["report", "reception_point"], update_fields=UPDATE_FIELDS
        )


def _delete(rows: list[LedgerRow]) -> None:
    """Delete the stale computed rows in one statement per chunk. Not `QuerySet.delete()`: with history on the
    model Django sends post_delete row by row (one history INSERT each); their "-" history is written in bulk
    by `_history`, the lock was checked (and the triggers check again), the data version is bumped here."""
    if not rows:
        return
    table, pk = (connection.ops.quote_name(n) for n in (LedgerRow._meta.db_table, LedgerRow._meta.pk.column))
    with connection.cursor() as cursor:
        for chunk in _chunks([row.pk for row in rows]):
            cursor.execute(f"DELETE FROM {table} WHERE {pk} IN ({', '.join(['%s'] * len(chunk))})", chunk)
    data_version_bump()


def _history(plan: Plan, *, reason: str, now) -> None:
    """One history row per written row, in bulk, in the order written: "-" deleted, "+" inserted, "~" updated;
    by the acting user (`cchc.locks.acting_as`), with the override's reason when there is one."""
    user = current_actor()
    if plan.deleted:
        # simple-history's bulk_history_create writes "+" or "~" only; a delete's row is the same shape.
        historical = LedgerRow.history.model
        historical.objects.bulk_create(
            [
                historical(
                    history_date=now,
                    history_user=user,
                    history_change_reason=reason,
                    history_type="-",
                    **{f.attname: getattr(row, f.attname) for f in historical.tracked_fields},
                )
                for row in plan.deleted
            ]
        )
    for rows, update in ((plan.created, False), (plan.updated, True)):
        if rows:
            LedgerRow.history.bulk_history_create(
                rows, update=update, default_user=user, default_change_reason=reason, default_date=now
            )


def refusal(error: IntegrityError, plan: Plan) -> Exception:
    """The database refused a write: the lock's refusal, or the form's message for the row that breaks a rule.

    Searched only after the refusal (nothing is validated row by row on the way in). None found: the original
    error (a bug, not a figure to explain)."""
    if lockdb.MESSAGE in str(error):
        return ReportLockedError(lockdb.MESSAGE)
    for row in plan.created + plan.updated:
        values = {f.attname: getattr(row, f.attname) for f in LedgerRow._meta.concrete_fields}
        problems = part_errors(values)
        if problems:
            return ValidationError({name: f"{row}: {message}" for name, message in problems.items()})
        try:
            row.clean_fields(exclude=["report"])
        except ValidationError as invalid:
            return ValidationError(
                {name: [f"{row}: {message}" for message in messages] for name, messages in invalid.message_dict.items()}
            )
    return error


def recompute(reports: list[Report]) -> list[LedgerRow]:
    """Rebuild the ledgers of these reports from dossier records (see the module's docstring)."""
    if not reports:
        return []
    now = timezone.now()
    plan = Plan()
    try:
        with transaction.atomic():
            locked = reports_locked_read([report.pk for report in reports])
            reason = reports_check(locked)
            plan = plan_build(locked, ledgers_computed(locked), now)
            if reason:
                for row in plan.created + plan.updated + plan.deleted:
                    row._change_reason = reason
            _delete(plan.deleted)
            _upsert(plan)
            _history(plan, reason=reason, now=now)
    except IntegrityError as error:
        raise refusal(error, plan) from error
    return plan.rows
