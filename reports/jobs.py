"""The workbook / CSV export of a large scope as a background job (jobs.registry "reports.export").

The job replays the download's query string (period, scope, parent, kind, format) for the user who
started it: the same span_of / scope_of as the page, so the permission checks are the page's, and the
same exporters, so the file is the one the page would have sent.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.http import QueryDict
from django.utils.translation import gettext as _

from cchc.choices import UnitKind
from cchc.exceptions import NotAllowed
from jobs.runner import JobError, Outcome

from . import views
from .exporters import export_data, filename, render


def workbook_export(job, ctx) -> Outcome:
    if job.user is None:
        raise JobError(_("Người chạy công việc không còn tồn tại."))
    query = QueryDict(job.input.get("query", ""))
    fmt = query.get("format", "xlsx") if query.get("format") in ("xlsx", "csv") else "xlsx"
    kind = query.get("kind", "") if query.get("kind", "") in UnitKind.values else ""
    request = SimpleNamespace(user=job.user, GET=query)  # what span_of / scope_of read of a request
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
