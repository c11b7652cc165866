"""Filters of the procedures lists (what a query means; the layout is the filter form's business)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cchc import permissions
from cchc.models import Period, Unit
from cchc.text import fold

from .choices import Channel, DecisionKind, DossierStatus, OnlineLevel, ProcedureLevel, ProcedureStatus
from .models import Decision, DossierRecord, Procedure
from .selectors import _bounds as period_bounds


class ProcedureFilterSet(django_filters.FilterSet):
    """The catalogue by a diacritic-insensitive search ("thanh lap hoi"), field, level, status, online level."""

    q = django_filters.CharFilter(method="filter_q", label=_("Tìm theo mã, tên hoặc lĩnh vực"))
    # A dropdown of the fields the catalogue holds: clerks pick "Hộ tịch", they do not guess its spelling.
    field = django_filters.ChoiceFilter(choices=(), label=_("Lĩnh vực"))
    level = django_filters.ChoiceFilter(choices=ProcedureLevel.choices, label=_("Cấp thực hiện"))
    status = django_filters.ChoiceFilter(choices=ProcedureStatus.choices, label=_("Tình trạng"))
    online_level = django_filters.ChoiceFilter(choices=OnlineLevel.choices, label=_("Mức độ trực tuyến"))

    class Meta:
        model = Procedure
        fields = ["q", "field", "level", "status", "online_level"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = Procedure.objects.order_by("field").values_list("field", flat=True).distinct()
        self.filters["field"].extra["choices"] = [(name, name) for name in fields]  # one query, per request

    def filter_q(self, queryset, name, value):
        for word in fold(value).split():
            queryset = queryset.filter(name_search__contains=word)
        return queryset


class DecisionFilterSet(django_filters.FilterSet):
    """Decisions by number or title, kind and the year they were issued."""

    q = django_filters.CharFilter(method="filter_q", label=_("Tìm theo số hiệu hoặc trích yếu"))
    kind = django_filters.ChoiceFilter(choices=DecisionKind.choices, label=_("Loại quyết định"))
    year = django_filters.ChoiceFilter(field_name="issued_on", lookup_expr="year", choices=(), label=_("Năm ban hành"))

    class Meta:
        model = Decision
        fields = ["q", "kind", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        years = permissions.scope_queryset(user, Decision.objects.all(), "issuer").dates(
            "issued_on", "year", order="DESC"
        )
        self.filters["year"].extra["choices"] = [(str(day.year), str(day.year)) for day in years]

    def filter_q(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(number__icontains=word) | Q(title__icontains=word))
        return queryset


def visible_units(request):
    """The units the signed-in user may see: a clerk picks among their own units only."""
    if request is None:
        return Unit.objects.none()
    return permissions.visible_units(request.user)


class DossierFilterSet(django_filters.FilterSet):
    """Dossier records by unit (those the user may see), the quarter they were received in, channel, status."""

    code = django_filters.CharFilter(field_name="code", lookup_expr="icontains", label=_("Mã hồ sơ"))
    unit = django_filters.ModelChoiceFilter(queryset=visible_units, label=_("Đơn vị tiếp nhận"))
    period = django_filters.ModelChoiceFilter(
        queryset=Period.objects.all(), method="filter_period", label=_("Tiếp nhận trong quý")
    )
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Hình thức nộp"))
    status = django_filters.ChoiceFilter(choices=DossierStatus.choices, label=_("Trạng thái"))

    class Meta:
        model = DossierRecord
        fields = ["code", "unit", "period", "channel", "status"]

    def filter_period(self, queryset, name, value):
        # Received on one of the quarter's calendar days (portal time zone), as the ledger counts "new".
        start, end = period_bounds(value)
        return queryset.filter(received_at__gte=start, received_at__lt=end)
