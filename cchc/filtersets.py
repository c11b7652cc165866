"""Filters of the shared lists (what a query means; the layout is the filter form's business)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import ReformArea, ReportStatus, UnitKind
from .models import FigureDefinition, FigureValue, Period, Report, Unit
from .selectors import period_current, reports_on_time_q, unit_search, units_active_on
from .text import fold


class ReportFilterSet(django_filters.FilterSet):
    """Filter reports by period, status, unit kind and a diacritic-insensitive unit search."""

    period = django_filters.ModelChoiceFilter(queryset=Period.every.all(), label=_("Kỳ báo cáo"))
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices, label=_("Trạng thái"))
    kind = django_filters.ChoiceFilter(field_name="unit__kind", choices=UnitKind.choices, label=_("Loại đơn vị"))
    q = django_filters.CharFilter(method="filter_q", label=_("Tìm đơn vị"))

    class Meta:
        model = Report
        fields = ["period", "status", "kind", "q"]

    def filter_q(self, queryset, name, value):
        for word in fold(value).split():
            queryset = queryset.filter(unit__name_search__contains=word)
        return queryset


class SubmissionFilterSet(ReportFilterSet):
    """Submissions are always of one period: the current one unless the manager picks another."""

    late = django_filters.BooleanFilter(
        method="filter_late", label=_("Chỉ trễ hoặc chưa gửi"), widget=forms.CheckboxInput
    )

    class Meta(ReportFilterSet.Meta):
        fields = ["period", "status", "kind", "q", "late"]

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        if not data.get("period"):
            current = period_current()
            if current is not None:
                data["period"] = str(current.pk)
        super().__init__(data, *args, **kwargs)
        self.filters["period"].field.required = True
        self.filters["period"].field.empty_label = None

    def filter_late(self, queryset, name, value):
        if not value:
            return queryset
        period = self.form.cleaned_data.get("period")
        return queryset if period is None else queryset.exclude(reports_on_time_q(period=period))


class UnitFilterSet(django_filters.FilterSet):
    """Units by a diacritic-insensitive search ("Cao Bang"), kind and the date they were active."""

    q = django_filters.CharFilter(method="filter_q", label=_("Tìm theo tên hoặc mã"))
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices, label=_("Loại đơn vị"))
    active_on = django_filters.DateFilter(
        method="filter_active_on",
        label=_("Còn hiệu lực vào ngày"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = Unit
        fields = ["q", "kind", "active_on"]

    def filter_q(self, queryset, name, value):
        return unit_search(query=value, queryset=queryset)

    def filter_active_on(self, queryset, name, value):
        return units_active_on(day=value, queryset=queryset)


class FigureValueFilterSet(django_filters.FilterSet):
    """Values of additional figures by figure, reform area, period and unit kind."""

    definition = django_filters.ModelChoiceFilter(queryset=FigureDefinition.objects.all(), label=_("Số liệu"))
    area = django_filters.ChoiceFilter(field_name="definition__area", choices=ReformArea.choices, label=_("Lĩnh vực"))
    period = django_filters.ModelChoiceFilter(
        field_name="report__period", queryset=Period.every.all(), label=_("Kỳ báo cáo")
    )
    q = django_filters.CharFilter(method="filter_q", label=_("Tìm đơn vị"))

    class Meta:
        model = FigureValue
        fields = ["definition", "area", "period", "q"]

    def filter_q(self, queryset, name, value):
        for word in fold(value).split():
            queryset = queryset.filter(report__unit__name_search__contains=word)
        return queryset
