"""Filters of the outreach lists (what a query means; the layout is the filter form's business)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cchc import permissions
from cchc.models import Period, Unit
from cchc.text import fold

from .choices import ItemKind, OutletKind, ReformScope
from .models import MediaOutlet, OutreachItem


def visible_units(request):
    """The units the signed-in user may see: a clerk picks among their own units only."""
    if request is None:
        return Unit.objects.none()
    return permissions.visible_units(request.user)


class MediaOutletFilterSet(django_filters.FilterSet):
    """Outlets by a diacritic-insensitive name search ("bao cao bang") and kind."""

    q = django_filters.CharFilter(method="filter_q", label=_("Tìm theo tên"))
    kind = django_filters.ChoiceFilter(choices=OutletKind.choices, label=_("Loại hình"))

    class Meta:
        model = MediaOutlet
        fields = ["q", "kind"]

    def filter_q(self, queryset, name, value):
        for word in fold(value).split():
            queryset = queryset.filter(name_search__contains=word)
        return queryset


class OutreachItemFilterSet(django_filters.FilterSet):
    """Items by title or link (diacritics ignored), outlet, kind, scope, reporting unit and quarter."""

    q = django_filters.CharFilter(method="filter_q", label=_("Tìm theo tiêu đề hoặc đường dẫn"))
    outlet = django_filters.ModelChoiceFilter(queryset=MediaOutlet.objects.all(), label=_("Cơ quan báo chí"))
    kind = django_filters.ChoiceFilter(choices=ItemKind.choices, label=_("Loại tin, bài"))
    scope = django_filters.ChoiceFilter(choices=ReformScope.choices, label=_("Phạm vi nội dung"))
    unit = django_filters.ModelChoiceFilter(
        field_name="report__unit", queryset=visible_units, label=_("Đơn vị báo cáo")
    )
    period = django_filters.ModelChoiceFilter(
        field_name="report__period", queryset=Period.objects.all(), label=_("Kỳ báo cáo")
    )

    class Meta:
        model = OutreachItem
        fields = ["q", "outlet", "kind", "scope", "unit", "period"]

    def filter_q(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(title_search__contains=fold(word)) | Q(link__icontains=word))
        return queryset
