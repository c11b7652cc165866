"""Download of the quarterly report from the overview and grid pages: /tong-hop/tai-xuong/?period=…&format=xlsx|csv.

Scoped exactly as the grid (reports.views.scope_of with ?scope=, ?parent= and ?kind=): a user downloads
what they see on screen, never more; a unit they may not see is refused (403) before anything is built.
A bad period (or a user without any unit) sends them back to the grid, which shows the reason.
With ?background=1 the file is built by a background job (reports/jobs.py) and downloaded from its page.
"""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View

from cchc.choices import UnitKind
from cchc.views import PermissionMixin
from jobs.services import job_start

from . import views
from .exporters import CONTENT_TYPES, export_data, filename, render
from .exporters.annex import tr

DOWNLOAD_FORMATS = ("xlsx", "csv")


class ScorecardDownloadView(PermissionMixin, View):
    """The workbook (xlsx) or the "Tổng hợp" grid (csv) of the period and scope in the query string."""

    def get(self, request, *args, **kwargs):
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
        kind = request.GET.get("kind", "")
        kind = kind if kind in UnitKind.values else ""
        try:
            span = views.span_of(request)
            scope = views.scope_of(request, span, kind=kind, drill=True)
        except views.PageError:
            params = request.GET.copy()
            params.pop("format", None)
            query = params.urlencode()
            return redirect(reverse("scorecard_grid") + (f"?{query}" if query else ""))
        data = export_data(span=span, scope=scope, user=request.user, kind=kind)
        response = HttpResponse(render(data, fmt), content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{filename(span, scope.unit, fmt)}"'
        response["Cache-Control"] = "private, no-store"
        return response
