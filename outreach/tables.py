"""Tables of outreach: the register of outlets and the items (on cchc.tables.BaseTable)."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cchc.tables import NUMBER_ATTRS, BaseTable, LocalDateColumn, ReportStateColumn

from .models import MediaOutlet, OutreachItem


class MediaOutletTable(BaseTable):
    """Outlets with how many items of the units the user may see each has (annotated, no N+1)."""

    item_count = tables.Column(verbose_name=_("Số tin, bài đã nhập"), attrs=NUMBER_ATTRS)

    class Meta(BaseTable.Meta):
        model = MediaOutlet
        fields = ("name", "kind", "item_count")


class OutreachItemTable(BaseTable):
    """Items with their outlet, kind, scope, and the unit and quarter of the report that lists them."""

    published_on = LocalDateColumn(verbose_name=_("Ngày đăng, phát"))
    outlet = tables.Column(verbose_name=_("Cơ quan báo chí"), order_by=("outlet__name",))
    title = tables.Column(verbose_name=_("Tiêu đề"))
    link = tables.Column(verbose_name=_("Đường dẫn"), visible=False)  # in the title's link on the page
    unit = tables.Column(accessor="report__unit", verbose_name=_("Đơn vị báo cáo"), order_by=("report__unit__path",))
    period = tables.Column(
        accessor="report__period",
        verbose_name=_("Kỳ báo cáo"),
        order_by=("report__period__year", "report__period__quarter"),
    )
    report_state = ReportStateColumn()

    class Meta(BaseTable.Meta):
        model = OutreachItem
        fields = ("published_on", "outlet", "kind", "title", "link", "scope", "unit", "period")
        sequence = (*fields, "report_state")

    def render_title(self, record, value):
        if not record.link:
            return value
        return format_html('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>', record.link, value)

    def value_title(self, value):
        return value

    def value_outlet(self, value):
        return str(value)

    def value_unit(self, value):
        return str(value)

    def value_period(self, value):
        return str(value)
