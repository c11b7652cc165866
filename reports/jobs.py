"""Exports of a large scope as background jobs: the workbook / CSV (jobs.registry "reports.export") and the
narrative report's .docx ("reports.narrative").

Each job replays the download's query string (period, scope, parent, kind, format; number for the
narrative) for the user who started it: the same span_for / scope_of as the page (reports.scope), so the
permission checks are the page's, and the same formatter registry and builders, so the file is the one the
page would have sent.
"""

from __future__ import annotations

from django.http import QueryDict
from django.utils.translation import gettext as _

from cchc import permissions
from cchc.choices import UnitKind
from cchc.exceptions import NotAllowed
from cchc.text import download_name
from jobs.models import Job
from jobs.runner import Context, JobError, Outcome

from .exporters import export_file, filename
from .exporters.docx import narrative_docx
from .narrative import narrative_build
from .periods import PeriodSpan
from .scope import PageError, Scope, scope_of, span_for


def _query(job: Job) -> QueryDict:
    """The download's query string the job was started with (its user must still exist)."""
    if job.user is None:
        raise JobError(_("Người chạy công việc không còn tồn tại."))
    return QueryDict(job.input.get("query", ""))


def _span_and_scope(job: Job, query: QueryDict, *, kind: str = "", drill: bool = True) -> tuple[PeriodSpan, Scope]:
    """The page's span and scope for the job's user; a bad period or a unit out of reach fails the job."""
    if job.user is None:  # refused by _query first
        raise JobError(_("Người chạy công việc không còn tồn tại."))
    try:
        span = span_for(job.user, query.get("period", ""))
        parent = query.get("parent", "") if drill else None
        return span, scope_of(job.user, span, unit=query.get("scope", ""), parent=parent, kind=kind)
    except PageError as exc:
        raise JobError(str(exc.message)) from None
    except NotAllowed:
        raise JobError(_("Bạn không được xem đơn vị đã chọn.")) from None


def workbook_export(job: Job, ctx: Context) -> Outcome:
    query = _query(job)
    fmt = query.get("format", "xlsx") if query.get("format") in ("xlsx", "csv") else "xlsx"
    kind = query.get("kind", "") if query.get("kind", "") in UnitKind.values else ""
    ctx.progress(0, phase="export")
    span, scope = _span_and_scope(job, query, kind=kind)
    content = export_file(fmt, span=span, scope=scope, user=job.user, kind=kind)
    ctx.progress(len(scope.rows), total=len(scope.rows), phase="export")
    ctx.result_path.write_bytes(content)
    return Outcome(
        result={"units": len(scope.rows), "format": fmt},
        file=ctx.result_path,
        file_name=filename(span, scope.unit, fmt),
    )


def narrative_export(job: Job, ctx: Context) -> Outcome:
    """The narrative report (managers' edits applied) as the .docx the page's download gives.

    Two steps, with a cancel check before each: compose the narrative from the scope's figures, then write
    the document. Only managers of the scope (and admins) start it ("narrative.background"); the rule is
    asked again here, for a job retried or started long after."""
    query = _query(job)
    ctx.progress(0, total=2, phase="narrative")
    span, scope = _span_and_scope(job, query, drill=False)
    try:
        permissions.require(job.user, "narrative.background", scope.unit)
    except NotAllowed:
        raise JobError(_("Bạn không được xem đơn vị đã chọn.")) from None
    narrative = narrative_build(span=span, scope=scope.unit, user=job.user)
    ctx.progress(1, total=2, phase="document")
    content = narrative_docx(narrative, scope=scope.unit, user=job.user, number=query.get("number", "")[:20])
    ctx.progress(2, total=2, phase="document")
    ctx.result_path.write_bytes(content)
    return Outcome(
        result={"scope": scope.unit.name, "period": str(span.label), "units": narrative.units, "size": len(content)},
        file=ctx.result_path,
        file_name=download_name(scope.unit.code, span.code, "docx"),
    )
