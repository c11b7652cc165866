"""Download of the quarterly report from the overview and grid pages: /tong-hop/tai-xuong/?period=…&format=xlsx|csv.

Scoped exactly as the grid (reports.scope.scope_of with ?scope=, ?parent= and ?kind=): a user downloads
what they see on screen, never more; a unit they may not see is refused (403) before anything is built.
A bad period (or a user without any unit) sends them back to the grid, which shows the reason.
With ?background=1 the file is built by a background job (reports/jobs.py) and downloaded from its page.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View

from cchc.db_router import replica_reads
from cchc.views import PermissionMixin
from jobs.services import job_start

from ..exporters import CONTENT_TYPES, export_file, filename
from ..exporters.annex import tr
from ..scope import PageError
from .base import kind_of, scope_of, span_of

DOWNLOAD_FORMATS = ("xlsx", "csv")


class ScorecardDownloadView(PermissionMixin, View):
    """The workbook (xlsx) or the "Tổng hợp" grid (csv) of the period and scope in the query string."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        fmt = request.GET.get("format", "xlsx").strip().lower() or "xlsx"
        if fmt not in DOWNLOAD_FORMATS:
            message = tr(
                "Định dạng “%(fmt)s” không hỗ trợ: chọn xlsx hoặc csv.",
                "Format “%(fmt)s” is not supported: choose xlsx or csv.",
            ) % {"fmt": fmt[:20]}
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        if request.GET.get("background") == "1":
            params = request.GET.copy()
            params.pop("background")
            job = job_start(kind="reports.export", user=request.user, input={"query": params.urlencode()})
            return redirect("job_detail", pk=job.pk)
        kind = kind_of(request)
        try:
            span = span_of(request)
            scope = scope_of(request, span, kind=kind, drill=True)
        except PageError:
            params = request.GET.copy()
            params.pop("format", None)
            query = params.urlencode()
            return redirect(reverse("scorecard_grid") + (f"?{query}" if query else ""))
        with replica_reads():  # read-only: on the read replica when configured and up to date (docs/scaling.md)
            content = export_file(fmt, span=span, scope=scope, user=request.user, kind=kind)
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{filename(span, scope.unit, fmt)}"'
        response["Cache-Control"] = "private, no-store"
        return response
