"""Filters of the ISO 9001 register list (what a query means; the layout is the filter form's business)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from cchc import permissions
from cchc.models import Unit

from .choices import IsoStandard, IsoStatus
from .models import IsoAdoption

ELECTRONIC_CHOICES = [("true", _("ISO điện tử")), ("false", _("Hồ sơ giấy"))]


def visible_units(request):
    """The units the signed-in user may see: a clerk picks among their own units only."""
    if request is None:
        return Unit.objects.none()
    return permissions.visible_units(request.user)


class IsoAdoptionFilterSet(django_filters.FilterSet):
    """The register by unit (those the user may see), standard, status, and e-ISO or paper."""

    unit = django_filters.ModelChoiceFilter(queryset=visible_units, label=_("Đơn vị"))
    standard = django_filters.ChoiceFilter(choices=IsoStandard.choices, label=_("Tiêu chuẩn"))
    status = django_filters.ChoiceFilter(choices=IsoStatus.choices, label=_("Tình trạng"))
    # A ChoiceFilter (not a TypedChoiceFilter) so the dropdown starts on "---------", not on e-ISO.
    electronic = django_filters.ChoiceFilter(
        choices=ELECTRONIC_CHOICES, method="filter_electronic", label=_("Hình thức")
    )

    class Meta:
        model = IsoAdoption
        fields = ["unit", "standard", "status", "electronic"]

    def filter_electronic(self, queryset, name, value):
        return queryset.filter(electronic=value == "true")
