"""Reports (status, figures, ledger), submissions of a period in a scope, and the scorecard."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from cchc import permissions
from cchc.choices import ReportStatus
from cchc.models import Report
from cchc.selectors import submission_summary

from .. import selectors
from ..serializers.reports import ReportDetailSerializer, ReportSerializer, SubmissionsSerializer
from ..serializers.scorecard import ScorecardSerializer
from .base import ListView, ReadView
from .catalogue import AREA, KIND

SCOPE = OpenApiParameter(
    "scope",
    str,
    description=_("Mã đơn vị phạm vi (nó và các đơn vị trực thuộc); mặc định: đơn vị cao nhất bạn xem được."),
)
QUARTER = OpenApiParameter("period", str, description=_("Kỳ báo cáo: một quý (2020-Q1) hoặc một tháng (2022-08)."))
SPAN = OpenApiParameter(
    "period",
    str,
    description=_("Kỳ: 2022-08, 2020-Q1, 2020-H1, 2020-9M, 2020 hoặc 2019-10-01..2020-08-31; mặc định: quý hiện tại."),
)
STATUS = OpenApiParameter("status", str, enum=ReportStatus.values, description=_("Trạng thái báo cáo."))


class ReportList(ListView):
    """Reports the caller may see, filtered by quarter, scope (subtree) and status; ordered by quarter, unit."""

    serializer_class = ReportSerializer

    def get_queryset(self):
        params, user = self.request.query_params, self.request.user
        period = selectors.report_period_param(params=params) if params.get("period") else None
        scope = selectors.unit_param(user=user, code=params.get("scope", ""), name="scope")
        status = params.get("status", "").strip()
        status = status if status in ReportStatus.values else ""
        return selectors.reports_list(user=user, period=period, scope=scope, status=status)

    def last_modified(self, request):
        return selectors.change_latest(queryset=self.get_queryset())

    @extend_schema(summary=_("Danh sách báo cáo"), parameters=[QUARTER, SCOPE, STATUS])
    def get(self, request):
        return self.list(request)


class ReportDetail(ReadView):
    """One report: status, the additional figures, the one-stop ledger, the unit's indicators for the quarter."""

    serializer_class = ReportDetailSerializer

    def get_object(self):
        report = get_object_or_404(Report.objects.select_related("unit", "period"), pk=self.kwargs["pk"])
        permissions.require(self.request.user, "report.view", report)
        report.figures = selectors.report_figures(report=report)
        report.ledger = selectors.report_ledger(report=report)
        report.indicators = selectors.report_indicators(report=report)
        return report

    @extend_schema(summary=_("Một báo cáo: trạng thái và số liệu"))
    def get(self, request, pk):
        return Response(self.get_serializer(self.get_object()).data)


class Submissions(ReadView):
    """Who has submitted a quarter's report in a scope: the summary and each report's status."""

    serializer_class = SubmissionsSerializer
    pagination_class = None

    def last_modified(self, request):
        return self._last_modified

    @extend_schema(summary=_("Tình hình gửi báo cáo của một quý"), parameters=[QUARTER, SCOPE])
    def get(self, request):
        user = request.user
        permissions.require(user, "submissions.view")
        period = selectors.report_period_param(params=request.query_params)
        scope = selectors.scope_param(user=user, params=request.query_params)
        reports = selectors.reports_list(user=user, period=period, scope=scope)
        self._last_modified = selectors.change_latest(queryset=reports)
        data = {
            "period": period.code,
            "scope": scope.code,
            "summary": submission_summary(period=period, reports=reports),
            "reports": list(reports),
        }
        return Response(self.get_serializer(data).data)


class ScorecardView(ReadView):
    """The scorecard of a span and a scope: rows of units, columns of indicators, the total, points and rank."""

    serializer_class = ScorecardSerializer
    pagination_class = None

    @extend_schema(summary=_("Bảng điểm của một kỳ và một phạm vi"), parameters=[SPAN, SCOPE, KIND, AREA])
    def get(self, request):
        params, user = request.query_params, request.user
        span = selectors.span_param(params=params)
        scope = selectors.scope_param(user=user, params=params)
        card = selectors.scorecard_get(
            user=user,
            span=span,
            scope=scope,
            kind=selectors.kind_param(params=params),
            area=selectors.area_param(params=params),
        )
        card.scope = scope.code
        return Response(self.get_serializer(card).data)
