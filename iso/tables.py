"""Tables of ISO 9001 adoption."""

import django_tables2 as tables
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from cchc.tables import BaseTable

from .choices import IsoStatus
from .models import IsoAdoption

STATUS_BADGE = {
    IsoStatus.BUILDING: "secondary",
    IsoStatus.APPLIED: "primary",
    IsoStatus.ANNOUNCED: "success",
    IsoStatus.TRANSITIONING: "info",
    IsoStatus.DISCONTINUED: "dark",
}


def day(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else "—"


class IsoAdoptionTable(BaseTable):
    """The register: one row per unit, its standard, status, announcement, audit, review and medium."""

    unit = tables.Column(verbose_name=_("Đơn vị"), order_by=("unit__path",))
    # empty_values=(): an empty cell reads "—" in the page and in the exports alike.
    announcement = tables.Column(
        accessor="announcement_number",
        verbose_name=_("Quyết định công bố"),
        order_by=("announced_on", "announcement_number"),
        empty_values=(),
    )
    announced_on = tables.Column(verbose_name=_("Ngày công bố"), empty_values=())
    last_internal_audit_on = tables.Column(verbose_name=_("Đánh giá nội bộ gần nhất"), empty_values=())
    last_management_review_on = tables.Column(verbose_name=_("Xem xét của lãnh đạo gần nhất"), empty_values=())
    electronic = tables.Column(verbose_name=_("Hình thức"), empty_values=())

    class Meta(BaseTable.Meta):
        model = IsoAdoption
        fields = (
            "unit",
            "standard",
            "status",
            "scope",
            "announcement",
            "announced_on",
            "last_internal_audit_on",
            "last_management_review_on",
            "electronic",
        )

    def render_status(self, record, value):
        return format_html('<span class="badge text-bg-{}">{}</span>', STATUS_BADGE[record.status], value)

    def value_status(self, record):
        return record.get_status_display()

    def render_announcement(self, value):
        return value or "—"

    value_announcement = render_announcement

    def _day(self, value):
        return day(value)

    render_announced_on = value_announced_on = _day
    render_last_internal_audit_on = value_last_internal_audit_on = _day
    render_last_management_review_on = value_last_management_review_on = _day

    def render_scope(self, value):
        return format_html('<span title="{}">{}</span>', value, Truncator(value).chars(120))

    def value_scope(self, value):
        return value

    def render_electronic(self, value):
        return _("ISO điện tử") if value else _("Hồ sơ giấy")

    def value_electronic(self, value):
        return str(_("ISO điện tử") if value else _("Hồ sơ giấy"))
