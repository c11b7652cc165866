"""The data-quality page: for a period and a scope, every warning by unit and figure, open or explained."""

from django.utils.translation import gettext_lazy as _

from .. import permissions
from ..models import Report, Unit
from ..views import FilteredTableView
from .filtersets import DataQualityFilterSet
from .selectors import warnings_for
from .tables import DataQualityTable, warning_row


class DataQualityView(FilteredTableView):
    """ "Chất lượng số liệu": the plausibility warnings of the reports in the manager's scope for a period."""

    permission_action = "data_quality.view"
    queryset = Report.objects.select_related("unit", "period")
    filterset_class = DataQualityFilterSet
    table_class = DataQualityTable
    export_name = "chat-luong-so-lieu"
    title = _("Chất lượng số liệu")
    intro = _(
        "Số liệu khác thường so với các quý trước của đơn vị, với ngưỡng do quản trị đặt, hoặc với các đơn vị "
        "cùng loại trong cùng kỳ. Cảnh báo chưa giải trình chặn việc gửi báo cáo; so sánh với đơn vị cùng loại "
        "chỉ để tham khảo."
    )

    def get_table_data(self):
        form = self.filterset.form
        if not form.is_valid() or form.cleaned_data.get("period") is None:
            return []
        period = form.cleaned_data["period"]
        unit_ids = list(self.object_list.values_list("unit_id", flat=True))
        units = permissions.visible_units(self.request.user, Unit.objects.filter(pk__in=unit_ids))
        rows = [warning_row(w) for w in warnings_for(units, (period.year, period.quarter))]
        state = form.cleaned_data.get("state")
        if state:
            rows = [row for row in rows if row["state"] == state]
        return sorted(rows, key=lambda row: (row["unit_path"], row["key"], row["rule"]))
