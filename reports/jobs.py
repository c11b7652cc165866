"""Exports of a large scope as background jobs: the workbook / CSV (jobs.registry "reports.export") and the
narrative report's .docx ("reports.narrative").

Each job replays the download's query string (period, scope, parent, kind, format; number for the
narrative) for the user who started it: the same span_of / scope_of as the page, so the permission checks
are the page's, and the same builders, so the file is the one the page would have sent.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.http import QueryDict
from django.utils.translation import gettext as _

from cchc import permissions
from cchc.choices import UnitKind
from cchc.exceptions import NotAllowed
from cchc.text import download_name
from jobs.runner import JobError, Outcome

from . import views
from .docx import narrative_docx
from .exporters import export_data, filename, render
from .narrative import narrative_build


def _replayed(job) -> tuple[QueryDict, SimpleNamespace]:
    """The download's query string and what span_of / scope_of read of a request, for the job's user."""
    if job.user is None:
        raise JobError(_("Người chạy công việc không còn tồn tại."))
    query = QueryDict(job.input.get("query", ""))
    return query, SimpleNamespace(user=job.user, GET=query)


def workbook_export(job, ctx) -> Outcome:
    query, request = _replayed(job)
    fmt = query.get("format", "xlsx") if query.get("format") in ("xlsx", "csv") else "xlsx"
    kind = query.get("kind", "") if query.get("kind", "") in UnitKind.values else ""
    ctx.progress(0, phase="export")
    try:
        span = views.span_of(request)
        scope = views.scope_of(request, span, kind=kind, drill=True)
    except views.PageError as exc:
        raise JobError(str(exc.message)) from None
    except NotAllowed:
        raise JobError(_("Bạn không được xem đơn vị đã chọn.")) from None
    data = export_data(span=span, scope=scope, user=job.user, kind=kind)
    ctx.progress(len(scope.rows), total=len(scope.rows), phase="export")
    ctx.result_path.write_bytes(render(data, fmt))
    return Outcome(
        result={"units": len(scope.rows), "format": fmt},
        file=ctx.result_path,
        file_name=filename(span, scope.unit, fmt),
    )


def narrative_export(job, ctx) -> Outcome:
    """The narrative report (managers' edits applied) as the .docx the page's download gives.

    Two steps, with a cancel check before each: compose the narrative from the scope's figures, then write
    the document. Only managers of the scope (and admins) start it ("narrative.background"); the rule is
    asked again here, for a job retried or started long after."""
    query, request = _replayed(job)
    ctx.progress(0, total=2, phase="narrative")
    try:
        span = views.span_of(request)
        scope = views.scope_of(request, span)
        permissions.require(job.user, "narrative.background", scope.unit)
    except views.PageError as exc:
        raise JobError(str(exc.message)) from None
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
