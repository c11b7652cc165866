"""Units, periods and the figure catalogue."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from cchc import permissions
from cchc.models import Period, Unit
from cchc.selectors import unit_subtree, units_active_on

from .. import selectors
from ..serializers.catalogue import FigureSerializer, PeriodSerializer, UnitSerializer
from .base import ListView, ReadView

SUBTREE = OpenApiParameter("subtree", str, description=_("Mã đơn vị: chỉ đơn vị đó và các đơn vị trực thuộc."))
KIND = OpenApiParameter("kind", str, description=_("Loại đơn vị (province, department, district, commune…)."))
ACTIVE_ON = OpenApiParameter("active_on", str, description=_("Chỉ đơn vị còn hiệu lực vào ngày này (yyyy-mm-dd)."))
AREA = OpenApiParameter("area", int, description=_("Lĩnh vực cải cách (1–7)."))
YEAR = OpenApiParameter("year", int, description=_("Năm."))


class UnitList(ListView):
    """The units the caller may see, with validity dates and successors; ordered by code."""

    serializer_class = UnitSerializer

    def get_queryset(self):
        params = self.request.query_params
        queryset = permissions.visible_units(self.request.user, Unit.objects.select_related("parent", "successor"))
        subtree = selectors.unit_param(user=self.request.user, code=params.get("subtree", ""), name="subtree")
        if subtree is not None:
            queryset = queryset.filter(pk__in=unit_subtree(unit=subtree).values("pk"))
        kind = selectors.kind_param(params=params)
        if kind:
            queryset = queryset.filter(kind=kind)
        day = selectors.date_param(params=params, name="active_on")
        if day is not None:
            queryset = units_active_on(day=day, queryset=queryset)
        return queryset.order_by("code", "pk")

    def last_modified(self, request):
        return selectors.change_latest(queryset=self.get_queryset())

    @extend_schema(summary=_("Danh sách đơn vị"), parameters=[SUBTREE, KIND, ACTIVE_ON])
    def get(self, request):
        return self.list(request)


class UnitDetail(ReadView):
    """One unit, by code."""

    serializer_class = UnitSerializer

    def get_object(self):
        return selectors.unit_param(user=self.request.user, code=self.kwargs["code"], name="code")

    def last_modified(self, request):
        return self.get_object().updated_at

    @extend_schema(summary=_("Một đơn vị"))
    def get(self, request, code):
        return Response(self.get_serializer(self.get_object()).data)


class PeriodList(ListView):
    """The reporting quarters, oldest first."""

    serializer_class = PeriodSerializer

    def get_queryset(self):
        queryset = Period.objects.order_by("start_date", "pk")
        year = self.request.query_params.get("year", "").strip()
        return queryset.filter(year=int(year)) if year.isdigit() else queryset

    def last_modified(self, request):
        return selectors.change_latest(queryset=self.get_queryset())

    @extend_schema(summary=_("Các kỳ báo cáo (quý)"), parameters=[YEAR])
    def get(self, request):
        return self.list(request)


class FigureList(ReadView):
    """The figure catalogue: codes, names, units of measure, how each adds up over quarters."""

    serializer_class = FigureSerializer
    pagination_class = None

    @extend_schema(summary=_("Danh mục số liệu và chỉ tiêu"), parameters=[AREA], responses=FigureSerializer(many=True))
    def get(self, request):
        area = selectors.area_param(params=request.query_params)
        items = [item for item in selectors.figure_catalogue() if area is None or item["area"] == area]
        return Response(self.get_serializer(items, many=True).data)
