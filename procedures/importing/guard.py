"""The approval lock at the moment of the write: every report the import touches, read again under a row lock.

The pass checked each row against the reports frozen when it started (`Lookups`); a report submitted or
approved since, or a quarter closed, refuses the whole import before a single record is written. The dossier
records are not report parts (no lock trigger of cchc/lockdb.py on their table), so this check is the lock of
the raw write; the ledger rows written afterwards are report parts, under the triggers as well.
"""

from __future__ import annotations

from cchc.choices import ReportStatus
from cchc.models import Period, Report

from . import limits
from .results import ImportFailed, locked_meanwhile_message, submitted_message


def touched_reports_check(run) -> None:
    """Raise ImportFailed when a report the run touches is submitted, approved or in a closed period now.

    One query for the periods, one per chunk of units for the reports (row-locked on PostgreSQL, so an
    approval waits for the import's transaction)."""
    lookups = run.lookups
    by_period: dict[int, set[int]] = {}
    for unit_id, index in run.change.touched:
        span = lookups.spans[index]
        if span.period.pk is not None:
            by_period.setdefault(span.period.pk, set()).add(unit_id)
    if not by_period:
        return
    spans = {span.period.pk: span for span in lookups.spans if span.period.pk in by_period}
    closed = set(Period.every.filter(pk__in=list(by_period), is_open=False).values_list("pk", flat=True))
    for period_id in sorted(closed):
        unit_id = min(by_period[period_id])
        span = spans[period_id]
        _refuse(run, locked_meanwhile_message(span.label, lookups.units_by_id[unit_id], month=span.is_month))
    unit_ids = sorted(set().union(*by_period.values()))
    frozen = (ReportStatus.APPROVED, ReportStatus.SUBMITTED)
    for start in range(0, len(unit_ids), limits.LOOKUP_CHUNK):
        reports = (
            Report.objects.select_for_update(of=("self",))
            .filter(unit_id__in=unit_ids[start : start + limits.LOOKUP_CHUNK], period_id__in=list(by_period))
            .values_list("unit_id", "period_id", "status", named=True)
        )
        for report in reports:
            if report.unit_id not in by_period[report.period_id] or report.status not in frozen:
                continue
            span, unit = spans[report.period_id], lookups.units_by_id[report.unit_id]
            if report.status == ReportStatus.SUBMITTED:
                _refuse(run, submitted_message(span.label, unit, unit.pk, month=span.is_month))
            _refuse(run, locked_meanwhile_message(span.label, unit, month=span.is_month))


def _refuse(run, message: str) -> None:
    run.error(None, message)
    raise ImportFailed(run.preview)
