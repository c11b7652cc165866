"""The narrative report's page and its .docx download (under /tong-hop/bao-cao/).

Scoped and permission-checked like the overview: `reports.views.scope_of` gives the user's top visible unit
(or ?scope=, which the permission module must allow), and `narrative_build` reads only the reports the user
may see. A bad period answers 400 with the period selector and a readable message, on both URLs.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from cchc.text import download_name

from .docx import CONTENT_TYPE, narrative_docx
from .narrative import Narrative, narrative_build
from .periods import PeriodSpan
from .views import PageError, Scope, ScorecardPage, scope_of, span_of


class NarrativeReportView(ScorecardPage):
    """ "Báo cáo": the province's report drafted from the data, to read and to download as .docx."""

    template_name = "reports/narrative.html"

    @property
    def title(self):
        return _("Báo cáo tình hình CCHC")

    def narrative(self, span: PeriodSpan) -> tuple[Scope, Narrative]:
        scope = scope_of(self.request, span)
        return scope, narrative_build(span=span, scope=scope.unit, user=self.request.user)

    def build_context(self, span: PeriodSpan, **kwargs) -> dict:
        scope, narrative = self.narrative(span)
        return {"scope": scope, "narrative": narrative}


class NarrativeDownloadView(NarrativeReportView):
    """The same report as a Word document; a request the page cannot answer shows the page with its message."""

    def get(self, request, *args, **kwargs):
        try:
            span = span_of(request)
            scope, narrative = self.narrative(span)
        except PageError:
            return super().get(request, *args, **kwargs)
        filename = download_name(scope.unit.code, span.code, "docx")
        return HttpResponse(
            narrative_docx(narrative),
            content_type=CONTENT_TYPE,
            headers={
                "Content-Disposition": content_disposition_header(as_attachment=True, filename=filename),
            },
        )
