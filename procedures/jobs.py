"""The dossier import and the ledger recompute as background jobs (jobs.registry names these handlers).

The import services are the same as the command's (procedures.importing.services): the preview reads and checks
the file; the commit reads it again inside one transaction. Progress is reported after every batch, and
a cancel raises out of that transaction, so a cancelled or failed commit leaves nothing written.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from cchc import permissions
from cchc.choices import ReportStatus
from cchc.exceptions import NotAllowed, ReportLockedError
from cchc.models import Report
from jobs.runner import JobError, Outcome

from . import services
from .importing import COLUMNS, ImportFailed, dossier_import_commit, dossier_import_preview
from .importing.limits import BATCH_SIZE
from .ledger import label
from .models import LEDGER_COUNTS, DossierRecord

MAX_LEDGER_ROWS_KEPT = 500
MAX_REPORTS_LISTED = 100
MAX_ERRORS_IN_MESSAGE = 20
# Reports recomputed in one transaction by the recompute job (between two, a cancel is seen).
RECOMPUTE_CHUNK = 200


def _progress(ctx, total: int | None = None):
    def report(rows: int, fraction: float | None, stage: str = "read") -> None:
        ctx.progress(rows, total=total, fraction=fraction, phase=stage)

    return report


def preview_result(preview) -> dict:
    """The preview as JSON for the job page (procedures/import_preview.html reads the same names)."""
    return {
        "file_name": preview.file_name,
        "file_format": preview.file_format,
        "rows_read": preview.rows_read,
        "rows_valid": preview.rows_valid,
        "rows_with_errors": preview.rows_with_errors,
        "created": preview.created,
        "updated": preview.updated,
        "unchanged": preview.unchanged,
        "ok": preview.ok,
        "error_count": preview.error_count,
        "errors": [str(error) for error in preview.errors],
        "errors_not_shown": preview.errors_not_shown,
        "ledgers": [
            {
                "changed": row.changed,
                "unit_code": row.unit_code,
                "unit_name": row.unit_name,
                "period_label": row.period_label,
                "reception_point": row.reception_point,
                "cells": row.cells,
            }
            for row in preview.ledgers[:MAX_LEDGER_ROWS_KEPT]
        ],
        "ledgers_not_shown": max(0, len(preview.ledgers) - MAX_LEDGER_ROWS_KEPT),
        "ledger_columns": [[name, str(label(name))] for name in LEDGER_COUNTS],
        "columns": list(COLUMNS),
    }


def _user(job):
    if job.user is None:
        raise JobError(_("Người chạy công việc không còn tồn tại."))
    return job.user


def dossier_preview(job, ctx) -> Outcome:
    """Read and check the file; the result is the preview the page shows, with the commit button."""
    try:
        preview = dossier_import_preview(
            file=ctx.input_path,
            user=_user(job),
            name=job.input_name,
            progress=_progress(ctx),
            progress_every=BATCH_SIZE,
        )
    except NotAllowed:
        raise JobError(_("Bạn không còn quyền nhập hồ sơ.")) from None
    return Outcome(result=preview_result(preview))


def dossier_import(job, ctx) -> Outcome:
    """Import the file in one transaction (all rows and the ledgers, or nothing)."""
    try:
        result = dossier_import_commit(
            file=ctx.input_path,
            user=_user(job),
            name=job.input_name,
            progress=_progress(ctx, total=job.input.get("rows")),
            progress_every=BATCH_SIZE,
        )
    except NotAllowed:
        raise JobError(_("Bạn không còn quyền nhập hồ sơ.")) from None
    except ImportFailed as failed:
        errors = [str(error) for error in failed.preview.errors[:MAX_ERRORS_IN_MESSAGE]]
        raise JobError("\n".join([_("Chưa nhập: tệp có lỗi, không có hồ sơ nào được lưu."), *errors])) from None
    return Outcome(
        result={
            "file_name": result.file_name,
            "rows_read": result.rows_read,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "report_count": len(result.reports),
            "reports": [
                {"url": reverse("report_detail", args=[report.pk]), "label": str(report)}
                for report in result.reports[:MAX_REPORTS_LISTED]
            ],
        }
    )


def ledgers_recompute(job, ctx) -> Outcome:
    """Recompute from the stored records the ledger of every open report the user may import for.

    `services.ledgers_recompute` over chunks of reports (a bounded number of queries per chunk, one transaction
    each, so every ledger is whole); a cancel stops between chunks. Approved or locked reports are skipped and
    counted; a report locked while its chunk waited is skipped on a second try of that chunk."""
    user = _user(job)
    units_with_records = DossierRecord.objects.values_list("unit_id", flat=True).distinct()
    reports = (
        Report.objects.filter(unit_id__in=units_with_records)
        .exclude(status=ReportStatus.APPROVED)
        .select_related("unit", "period")
        .order_by("period__start_date", "unit__code")
    )
    reports = [report for report in reports if permissions.has(user, "dossiers.import_unit", report.unit)]
    done = skipped = 0
    for start in range(0, len(reports), RECOMPUTE_CHUNK):
        ctx.progress(start, total=len(reports), phase="ledger")
        chunk = reports[start : start + RECOMPUTE_CHUNK]
        for attempt in (1, 2):
            writable = [report for report in chunk if report.period.is_open and report.status != ReportStatus.APPROVED]
            try:
                services.ledgers_recompute(reports=writable)
            except ReportLockedError:
                if attempt == 2:
                    raise
                # Locked since the list was read: read the chunk's states again and leave those out.
                chunk = list(Report.objects.filter(pk__in=[r.pk for r in chunk]).select_related("unit", "period"))
                continue
            done += len(writable)
            skipped += len(chunk) - len(writable)
            break
    ctx.progress(len(reports), total=len(reports), phase="ledger")
    return Outcome(result={"reports": done, "skipped": skipped})
