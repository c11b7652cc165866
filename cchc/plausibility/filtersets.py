"""The data-quality page's filter: a period (the current one by default), a kind of unit, a unit, a state."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ..filtersets import ReportFilterSet
from ..selectors import period_current

STATES = (
    ("open", _("Chưa giải trình")),
    ("explained", _("Đã giải trình")),
    ("peer", _("So với đơn vị cùng loại (tham khảo)")),
)


class DataQualityFilterSet(ReportFilterSet):
    """Reports of one period in scope; `state` filters the warnings computed from them (see the view)."""

    state = django_filters.ChoiceFilter(choices=STATES, method="filter_state", label=_("Tình trạng cảnh báo"))

    class Meta(ReportFilterSet.Meta):
        fields = ["period", "kind", "q", "state"]

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        if not data.get("period"):
            current = period_current()
            if current is not None:
                data["period"] = str(current.pk)
        super().__init__(data, *args, **kwargs)
        del self.filters["status"]
        self.filters["period"].field.required = True
        self.filters["period"].field.empty_label = None

    def filter_state(self, queryset, name, value):
        return queryset  # a state belongs to a warning, not to a report: the view filters the warnings
