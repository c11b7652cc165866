"""Tables of organisation and civil service."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from cchc.tables import BaseTable, ReportStateColumn
from cchc.templatetags.cchc import pct

from .models import QualityRating


class QualityRatingTable(BaseTable):
    """Ratings with the computed total and shares (never typed)."""

    unit = tables.Column(verbose_name=_("Đơn vị"), order_by=("unit__name",))
    period = tables.Column(
        accessor="report__period",
        verbose_name=_("Báo cáo kỳ"),
        order_by=("report__period__year", "report__period__quarter"),
    )
    rating_year = tables.Column(verbose_name=_("Năm đánh giá"), localize=False)
    total = tables.Column(accessor="pk", verbose_name=_("Tổng số"), orderable=False)
    excellent_share = tables.Column(accessor="pk", verbose_name=_("Tỷ lệ xuất sắc (%)"), orderable=False)
    good_share = tables.Column(accessor="pk", verbose_name=_("Tỷ lệ tốt (%)"), orderable=False)
    completed_share = tables.Column(accessor="pk", verbose_name=_("Tỷ lệ hoàn thành (%)"), orderable=False)
    not_completed_share = tables.Column(accessor="pk", verbose_name=_("Tỷ lệ không hoàn thành (%)"), orderable=False)
    report_state = ReportStateColumn()

    class Meta(BaseTable.Meta):
        model = QualityRating
        fields = ("unit", "rating_year", "category", "excellent", "good", "completed", "not_completed")
        sequence = (
            *fields,
            "total",
            "excellent_share",
            "good_share",
            "completed_share",
            "not_completed_share",
            "period",
            "report_state",
        )

    def render_total(self, record):
        return record.total

    def _share(self, record, grade):
        return pct(record.shares[grade])

    def render_excellent_share(self, record):
        return self._share(record, "excellent")

    def render_good_share(self, record):
        return self._share(record, "good")

    def render_completed_share(self, record):
        return self._share(record, "completed")

    def render_not_completed_share(self, record):
        return self._share(record, "not_completed")
