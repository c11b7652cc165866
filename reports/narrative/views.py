"""The narrative report's page, its .docx download and the managers' edits (under /tong-hop/bao-cao/).

Scoped and permission-checked like the overview: `reports.views.scope_of` gives the user's top visible unit
(or ?scope=, which the permission module must allow), and `narrative_build` reads only the reports the user
may see. A bad period answers 400 with the period selector and a readable message, on both URLs. The page and
the .docx show the same text: the generated narrative with the managers' edits applied (marked as edited).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View

from cchc import permissions
from cchc.text import download_name
from cchc.views import PermissionMixin
from jobs.services import job_start

from ..document.edits import apply_edits, edits_of, save_edit
from ..document.models import EditMode
from ..exporters.docx import CONTENT_TYPE, narrative_docx
from ..periods import PeriodSpan
from ..views import PageError, Scope, ScorecardPage, scope_of, span_of
from .outline import Narrative
from .writer import narrative_build


class NarrativeReportView(ScorecardPage):
    """ "Báo cáo": the province's report drafted from the data, to read, edit (managers) and download as .docx."""

    template_name = "reports/narrative.html"

    @property
    def title(self):
        return _("Báo cáo tình hình CCHC")

    def narrative(self, span: PeriodSpan) -> tuple[Scope, Narrative]:
        scope = scope_of(self.request, span)
        return scope, narrative_build(span=span, scope=scope.unit, user=self.request.user)

    def build_context(self, span: PeriodSpan, **kwargs) -> dict:
        scope, narrative = self.narrative(span)
        edits = edits_of(scope.unit, span)
        narrative = apply_edits(narrative, edits)
        return {
            "scope": scope,
            "narrative": narrative,
            "sections": [(section, edits.get(section.key)) for section in narrative.sections],
            "can_edit": permissions.has(self.request.user, "narrative.edit", scope.unit),
            "edit_modes": EditMode.choices,
        }


class NarrativeDownloadView(NarrativeReportView):
    """The same report as a Word document; a request the page cannot answer shows the page with its message.

    ?number= fills "Số: …/BC-UBND" (blank by default, for the office's register to give).
    """

    def get(self, request, *args, **kwargs):
        try:
            span = span_of(request)
            scope, narrative = self.narrative(span)
        except PageError:
            return super().get(request, *args, **kwargs)
        filename = download_name(scope.unit.code, span.code, "docx")
        number = request.GET.get("number", "")[:20]
        return HttpResponse(
            narrative_docx(narrative, scope=scope.unit, user=request.user, number=number),
            content_type=CONTENT_TYPE,
            headers={
                "Content-Disposition": content_disposition_header(as_attachment=True, filename=filename),
            },
        )


class NarrativeEditView(NarrativeReportView):
    """POST: a manager adds or replaces the paragraph of one section (an empty text restores the generated one)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            span = span_of(request)
            scope, narrative = self.narrative(span)
        except PageError:
            return super().get(request, *args, **kwargs)
        permissions.require(request.user, "narrative.edit", scope.unit)
        section = request.POST.get("section", "")
        try:
            save_edit(
                user=request.user,
                scope=scope.unit,
                span=span,
                section_key=section,
                text=request.POST.get("text", ""),
                mode=request.POST.get("mode", EditMode.ADD),
                keys={s.key for s in narrative.sections},
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã lưu nội dung biên tập của mục."))
        query = request.GET.urlencode()
        return redirect(f"{reverse('narrative_report')}?{query}#section-{section}")


class NarrativeJobView(PermissionMixin, View):
    """POST (with the page's ?period=&scope=&number=): queue the .docx as a job and go to the job's page.

    Managers of the scope and admins ("narrative.background"); a bad period goes back to the report page,
    which shows why. The job is reports.jobs.narrative_export."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            span = span_of(request)
            scope = scope_of(request, span)
        except PageError as exc:
            messages.error(request, exc.message)
            query = request.GET.urlencode()
            return redirect(reverse("narrative_report") + (f"?{query}" if query else ""))
        permissions.require(request.user, "narrative.background", scope.unit)
        job = job_start(kind="reports.narrative", user=request.user, input={"query": request.GET.urlencode()})
        return redirect("job_detail", pk=job.pk)
