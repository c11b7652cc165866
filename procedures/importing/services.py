"""The import's services: the preview (read and check, write nothing) and the commit (all or nothing).

- `dossier_import_preview(file=..., user=...)` reads the file and says what an import would do: rows
  read, rows with errors (row number and reason), records new / changed / unchanged, and the ledger of
  every (unit, quarter, reception point) the file changes, as it will be after the import.
- `dossier_import_commit(file=..., user=...)` does the same reading inside one transaction, writes the
  records (upsert on the dossier code), and hands the touched reports to `services.ledger_recompute`.
  Any error in the file raises `ImportFailed` and nothing is saved.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

from django.db import transaction

from cchc import permissions
from cchc.choices import ReportStatus
from cchc.exceptions import ReportLockedError
from cchc.models import Report
from cchc.services import report_get_or_create

from .. import ledger_months, ledger_set, services
from ..models import LEDGER_COUNTS, LedgerRow, LedgerSource
from . import limits
from .guard import touched_reports_check
from .results import (
    ImportFailed,
    ImportPreview,
    ImportResult,
    LedgerFigures,
    locked_meanwhile_message,
    submitted_message,
)
from .run import Progress, Run


def dossier_import_preview(
    *,
    file: Any,
    user,
    name: str | None = None,
    progress: Progress | None = None,
    progress_every: int = limits.PROGRESS_EVERY,
) -> ImportPreview:
    """Read the file and say what importing it would do, without writing anything.

    `file` is a path, a Django File (an upload) or a seekable binary file; `name` overrides its name
    (for the extension). `progress(rows_read, fraction or None, stage)` is called every `progress_every`
    rows with stage "read" (and once with "ledger" when a commit starts recomputing ledgers).
    """
    permissions.require(user, "dossiers.import")
    run = Run(user=user, write=False, progress=progress, progress_every=progress_every)
    preview = run.run(file, name)
    preview.ledgers = run.change.figures(run.lookups)
    return preview


def dossier_import_commit(
    *,
    file: Any,
    user,
    name: str | None = None,
    progress: Progress | None = None,
    progress_every: int = limits.PROGRESS_EVERY,
    engine: type[Run] | None = None,
) -> ImportResult:
    """Import the file in one transaction: every record, then the ledgers; or nothing at all.

    Raises ImportFailed (a ValidationError listing the errors) when any row or the file has an error.
    Records are upserted on the dossier code, so importing the same file again changes nothing.
    `engine` replaces the file reader by another source of rows with the same checks (the API's JSON
    records: api/dossiers.py); it is a subclass of Run.
    """
    permissions.require(user, "dossiers.import")
    started = time.monotonic()
    with transaction.atomic():
        run = (engine or Run)(user=user, write=True, progress=progress, progress_every=progress_every)
        preview = run.run(file, name)
        if not preview.ok:
            raise ImportFailed(preview)
        touched_reports_check(run)
        run.lookups.timelines.months_create(index for _unit, index in run.change.touched)
        run.finish_writes()
        if progress:
            progress(preview.rows_read, 1.0, "ledger")
        reports = _recompute(run)
        ledgers = ledgers_of(reports)
    return ImportResult(
        file_name=preview.file_name,
        rows_read=preview.rows_read,
        created=preview.created,
        updated=preview.updated,
        unchanged=preview.unchanged,
        reports=reports,
        ledgers=ledgers,
        seconds=time.monotonic() - started,
    )


def _recompute(run: Run) -> list[Report]:
    """Recompute the ledgers of every touched (unit, quarter) at once (`services.ledgers_recompute`), under row
    locks: the reports are created if needed, with the reports of the quarter's months where the unit's
    procedures section is monthly (`ledger_months.ledger_reports_touched`).

    A report submitted, approved or closed since the file was checked refuses the whole import."""
    spans = run.lookups.spans  # in time order: months' spans are appended after the quarters
    touched = sorted(run.change.touched, key=lambda pair: (spans[pair[1]].start, pair[0]))
    pairs = [(run.lookups.units_by_id[unit_id], spans[index].period) for unit_id, index in touched]
    labels = {span.period.pk: span.label for span in spans}
    # The run names the month periods itself (importing/timelines.py); the quarters go through the expansion of
    # ledger_reports_touched, a month's quarter too (its report is created, and its stale computed rows from
    # before the switch to months are removed by the recompute).
    quarter_of = {(s.period.year, s.period.quarter): s.period for s in spans if s.period.month is None}
    quarters = list(dict.fromkeys((unit, quarter_of[(p.year, p.quarter)]) for unit, p in pairs))
    reports = ledger_months.ledger_reports_touched(pairs=quarters, today=run.lookups.today)
    reports += [report_get_or_create(unit=unit, period=period) for unit, period in pairs if period.month is not None]
    reports = list({report.pk: report for report in reports}.values())  # once each
    locked = {report.pk: report for report in ledger_set.reports_locked_read([report.pk for report in reports])}
    reports = [locked[report.pk] for report in reports]
    for report in reports:
        if report.status == ReportStatus.SUBMITTED and report.period.is_open:
            # Submitted after the file was checked: the manager reviews what was submitted.
            run.error(None, _refusal(report, labels, submitted=True))
            raise ImportFailed(run.preview)
    try:
        services.ledgers_recompute(reports=reports)
    except ReportLockedError as refused:
        # Approved (or its period closed) after the file was checked: refuse the whole import.
        run.error(None, _refusal(getattr(refused, "report", None) or reports[0], labels, submitted=False))
        raise ImportFailed(run.preview) from None
    return reports


def _refusal(report: Report, labels: dict[int, str], *, submitted: bool) -> str:
    if report.period.month is not None:
        return ledger_months.month_refusal(report, submitted=submitted)
    label = labels[report.period_id]
    if submitted:
        return submitted_message(label, report.unit, report.unit_id)
    return locked_meanwhile_message(label, report.unit)


def ledgers_of(reports: list[Report]) -> list[LedgerFigures]:
    """The computed ledger rows of these reports, as LedgerFigures."""
    by_pk = {report.pk: report for report in reports}
    ids, out = list(by_pk), []
    chunk = limits.LOOKUP_CHUNK
    rows = itertools.chain.from_iterable(
        LedgerRow.objects.filter(report_id__in=ids[start : start + chunk], source=LedgerSource.RECORDS)
        for start in range(0, len(ids), chunk)
    )
    for row in rows:
        report = by_pk[row.report_id]
        out.append(
            LedgerFigures(
                unit_id=report.unit_id,
                unit_code=report.unit.code,
                unit_name=report.unit.name,
                period_id=report.period_id,
                year=report.period.year,
                quarter=report.period.quarter,
                month=report.period.month,
                reception_point=row.reception_point,
                values={name: getattr(row, name) for name in LEDGER_COUNTS},
                report_id=report.pk,
            )
        )
    return sorted(out, key=lambda figures: figures.order)
