"""Filters of organisation and civil service lists."""

import django_filters
from django.utils.translation import gettext_lazy as _

from cchc import permissions
from cchc.models import Unit

from .choices import StaffCategory
from .models import QualityRating


def visible_units(request):
    return permissions.visible_units(request.user) if request else Unit.objects.none()


class QualityRatingFilterSet(django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(queryset=visible_units, label=_("Đơn vị"))
    rating_year = django_filters.NumberFilter(label=_("Năm đánh giá"))
    category = django_filters.ChoiceFilter(choices=StaffCategory.choices, label=_("Đối tượng"))

    class Meta:
        model = QualityRating
        fields = ["unit", "rating_year", "category"]
