"""The data-quality page's table: one row per warning (computed, not a queryset; sorted in Python)."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..tables import BaseTable
from .filtersets import STATES
from .rules import RULE_LABELS, vn_number

STATE_LABELS = dict(STATES)
STATE_BADGE = {"open": "warning", "explained": "success", "peer": "light border"}


def warning_row(w) -> dict:
    return {
        "unit": w.unit.name,
        "unit_path": w.unit.path,
        "kind": w.unit.get_kind_display(),
        "figure": w.label,
        "key": w.finding.key,
        "rule": str(RULE_LABELS[w.finding.rule]),
        "value": w.finding.value,
        "message": w.finding.message,
        "state": w.state,
        "explanation": w.explanation,
        "report_id": w.report.pk if w.report else None,
    }


class DataQualityTable(BaseTable):
    unit = tables.Column(verbose_name=_("Đơn vị"), order_by=("unit_path",))
    kind = tables.Column(verbose_name=_("Loại đơn vị"))
    figure = tables.Column(verbose_name=_("Số liệu"))
    rule = tables.Column(verbose_name=_("Kiểm tra"))
    value = tables.Column(verbose_name=_("Giá trị"), attrs={"td": {"class": "num"}})
    message = tables.Column(verbose_name=_("Cảnh báo"), orderable=False)
    state = tables.Column(verbose_name=_("Tình trạng"))
    explanation = tables.Column(verbose_name=_("Giải trình"), orderable=False)
    open = tables.Column(
        accessor="report_id", verbose_name="", orderable=False, exclude_from_export=True, empty_values=()
    )

    class Meta(BaseTable.Meta):
        sequence = ("unit", "kind", "figure", "rule", "value", "message", "state", "explanation", "open")

    def render_value(self, value):
        return vn_number(value, 0 if value == value.to_integral_value() else 2)

    def value_value(self, value):
        return value

    def render_state(self, value):
        return format_html('<span class="badge text-bg-{}">{}</span>', STATE_BADGE[value], STATE_LABELS[value])

    def value_state(self, value):
        return str(STATE_LABELS[value])

    def render_open(self, value):
        if not value:
            return ""
        return format_html(
            '<a class="btn btn-sm btn-outline-primary" href="{}">{}</a>',
            reverse("report_detail", args=[value]),
            _("Mở"),
        )
