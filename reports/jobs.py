"""The workbook / CSV export of a large scope as a background job (jobs.registry "reports.export").

The job replays the download's query string (period, scope, parent, kind, format) for the user who
started it: the same span_for / scope_of as the page (reports.scope), so the permission checks are the
page's, and the same formatter registry, so the file is the one the page would have sent.
"""

from __future__ import annotations

from django.http import QueryDict
from django.utils.translation import gettext as _

from cchc.choices import UnitKind
from cchc.exceptions import NotAllowed
from jobs.models import Job
from jobs.runner import Context, JobError, Outcome

from .exporters import export_file, filename
from .scope import PageError, scope_of, span_for


def workbook_export(job: Job, ctx: Context) -> Outcome:
    if job.user is None:
        raise JobError(_("Người chạy công việc không còn tồn tại."))
    query = QueryDict(job.input.get("query", ""))
    fmt = query.get("format", "xlsx") if query.get("format") in ("xlsx", "csv") else "xlsx"
    kind = query.get("kind", "") if query.get("kind", "") in UnitKind.values else ""
    ctx.progress(0, phase="export")
    try:
        span = span_for(job.user, query.get("period", ""))
        scope = scope_of(job.user, span, unit=query.get("scope", ""), parent=query.get("parent", ""), kind=kind)
    except PageError as exc:
        raise JobError(str(exc.message)) from None
    except NotAllowed:
        raise JobError(_("Bạn không được xem đơn vị đã chọn.")) from None
    content = export_file(fmt, span=span, scope=scope, user=job.user, kind=kind)
    ctx.progress(len(scope.rows), total=len(scope.rows), phase="export")
    ctx.result_path.write_bytes(content)
    return Outcome(
        result={"units": len(scope.rows), "format": fmt},
        file=ctx.result_path,
        file_name=filename(span, scope.unit, fmt),
    )
