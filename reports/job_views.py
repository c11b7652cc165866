"""Starting an export of a large scope as a job from its page: the narrative report's .docx (reports/jobs.py).

(The workbook's background export is `?background=1` on its download: reports/export_views.py.)
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View

from cchc import permissions
from cchc.views import PermissionMixin
from jobs.services import job_start

from . import views


class NarrativeJobView(PermissionMixin, View):
    """POST (with the page's ?period=&scope=&number=): queue the .docx and go to the job's page.

    Managers of the scope and admins ("narrative.background"); a bad period goes back to the report page,
    which shows why."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            span = views.span_of(request)
            scope = views.scope_of(request, span)
        except views.PageError as exc:
            messages.error(request, exc.message)
            query = request.GET.urlencode()
            return redirect(reverse("narrative_report") + (f"?{query}" if query else ""))
        permissions.require(request.user, "narrative.background", scope.unit)
        job = job_start(kind="reports.narrative", user=request.user, input={"query": request.GET.urlencode()})
        return redirect("job_detail", pk=job.pk)
