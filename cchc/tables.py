"""Tables of the shared schema, on one base table every app reuses."""

import datetime as dt
from decimal import Decimal

import django_tables2 as tables
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .choices import ReportStatus
from .models import FigureValue, Report, Unit
from .templatetags.cchc import number
from .text import person_name

STATUS_BADGE = {
    ReportStatus.DRAFT: "secondary",
    ReportStatus.SUBMITTED: "primary",
    ReportStatus.APPROVED: "success",
    ReportStatus.RETURNED: "warning",
}

# A quarter from before the portal went live (Period.is_history): not overdue, whatever its deadline.
HISTORY_TEXT = _("Kỳ lịch sử (nhập bù)")


def export_date(table, value):
    """A date (or date and time) in an export: a real date cell in xlsx, Vietnamese dd/mm/yyyy in csv."""
    if value is None or getattr(table, "export_format", "xlsx") == "xlsx":
        return value
    return value.strftime("%d/%m/%Y %H:%M" if isinstance(value, dt.datetime) else "%d/%m/%Y")


# The columns every app's lists share: numbers aligned right, dates and times as the portal writes them.
NUMBER_ATTRS = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}


class LocalDateColumn(tables.DateColumn):
    """A date shown and exported as dd/mm/yyyy (not the ISO form a spreadsheet would get by default)."""

    def value(self, value, **kwargs):
        return date_format(value, "SHORT_DATE_FORMAT") if value else ""


class LocalDateTimeColumn(tables.DateTimeColumn):
    """A date and time shown and exported in the portal's time zone (dd/mm/yyyy HH:MM), not UTC isoformat."""

    def value(self, value, **kwargs):
        if isinstance(value, dt.datetime):
            return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
        return super().value(value=value, **kwargs)


class BaseTable(tables.Table):
    """Bootstrap look, Vietnamese empty text, and export that leaves out action columns."""

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle table-stack"}
        empty_text = _("Không có dữ liệu phù hợp.")
        # Bootstrap 5, translated pagination, and rows that become labelled cards on a phone.
        template_name = "cchc/_table.html"


REPORT_STATE = {
    ReportStatus.DRAFT: ("secondary", _("Bản nháp")),
    ReportStatus.RETURNED: ("secondary", _("Bản nháp")),
    ReportStatus.SUBMITTED: ("primary", _("Chưa duyệt (số liệu tạm)")),
    ReportStatus.APPROVED: ("success", _("Đã duyệt")),
}


class ReportStateColumn(tables.Column):
    """Whether a row's figures are reported: "Bản nháp" (the report is not submitted: draft or returned),
    "Chưa duyệt (số liệu tạm)" or "Đã duyệt" — so no list shows a draft figure as if it were reported."""

    def __init__(self, report_path: str = "report", **kwargs):
        kwargs.setdefault("verbose_name", _("Tình trạng số liệu"))
        self.status = tables.A(f"{report_path}__status")
        super().__init__(accessor="pk", orderable=False, empty_values=(), **kwargs)

    def render(self, record):
        status = self.status.resolve(record)
        badge, label = REPORT_STATE[status]
        return format_html('<span class="badge text-bg-{}" data-report-state="{}">{}</span>', badge, status, label)

    def value(self, record):
        return str(REPORT_STATE[self.status.resolve(record)][1])


class ReportTable(BaseTable):
    """Reports with status, deadline and timeliness; "My reports" and "Submissions" both use it."""

    unit = tables.Column(verbose_name=_("Đơn vị"), linkify=False, order_by=("unit__path",))
    period = tables.Column(verbose_name=_("Kỳ"), order_by=("period__year", "period__quarter"))
    status = tables.Column(verbose_name=_("Trạng thái"))
    deadline = tables.DateColumn(accessor="period__deadline", verbose_name=_("Hạn gửi"))
    submitted_at = tables.DateTimeColumn(verbose_name=_("Gửi lúc"))
    timeliness = tables.Column(accessor="pk", verbose_name=_("Đúng hạn / trễ"), orderable=False, empty_values=())
    days_late = tables.Column(accessor="pk", verbose_name=_("Số ngày trễ"), orderable=False, empty_values=())
    reviewed_by = tables.Column(verbose_name=_("Người xem xét"))
    open = tables.LinkColumn(
        "report_detail",
        args=[tables.A("pk")],
        text=_("Mở"),
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
        attrs={"a": {"class": "btn btn-sm btn-outline-primary"}},
    )

    class Meta(BaseTable.Meta):
        model = Report
        fields = ("unit", "period", "status", "deadline", "submitted_at", "timeliness", "days_late", "reviewed_by")
        sequence = (*fields, "open")

    def value_deadline(self, record):
        return export_date(self, record.period.deadline)

    def value_submitted_at(self, record):
        if record.submitted_at is None:
            return None
        local = timezone.localtime(record.submitted_at).replace(tzinfo=None)  # Excel has no time zones
        return export_date(self, local)

    def render_status(self, record, value):
        return format_html('<span class="badge text-bg-{}">{}</span>', STATUS_BADGE[record.status], value)

    def value_status(self, record):
        return record.get_status_display()

    def render_timeliness(self, record):
        if record.period.is_history and not record.is_on_time:
            return format_html('<span class="badge text-bg-light border">{}</span>', HISTORY_TEXT)
        if record.is_on_time is None:
            return (
                _("Chưa gửi")
                if record.days_late() == 0
                else format_html('<span class="text-danger">{}</span>', _("Quá hạn, chưa gửi"))
            )
        if record.is_on_time:
            return format_html('<span class="text-success">{}</span>', _("Đúng hạn"))
        return format_html('<span class="text-danger">{}</span>', _("Trễ hạn"))

    def value_timeliness(self, record):
        if record.period.is_history and not record.is_on_time:
            return str(HISTORY_TEXT)
        if record.is_on_time is None:
            return str(_("Chưa gửi") if record.days_late() == 0 else _("Quá hạn, chưa gửi"))
        return str(_("Đúng hạn") if record.is_on_time else _("Trễ hạn"))

    def render_days_late(self, record):
        return record.days_late() or "—"

    def value_days_late(self, record):
        return record.days_late()

    def render_reviewed_by(self, value):
        return person_name(value)


class UnitTable(BaseTable):
    """Units with their kind, parent and validity."""

    name = tables.Column(verbose_name=_("Tên đơn vị"), linkify=("unit_detail", [tables.A("pk")]))

    class Meta(BaseTable.Meta):
        model = Unit
        fields = ("code", "name", "kind", "parent", "valid_from", "valid_to", "successor")


class FigureValueTable(BaseTable):
    """Values of additional figures, with the report they belong to."""

    definition = tables.Column(verbose_name=_("Số liệu"), order_by=("definition__area", "definition__display_order"))
    area = tables.Column(accessor="definition__area", verbose_name=_("Lĩnh vực"))
    unit = tables.Column(accessor="report__unit", verbose_name=_("Đơn vị"), order_by=("report__unit__name",))
    period = tables.Column(
        accessor="report__period", verbose_name=_("Kỳ"), order_by=("report__period__year", "report__period__quarter")
    )
    value = tables.Column(accessor="pk", verbose_name=_("Giá trị"), orderable=False)
    unit_of_measure = tables.Column(accessor="definition__unit_of_measure", verbose_name=_("Đơn vị tính"))
    as_of = tables.DateColumn(verbose_name=_("Tính đến / ngày văn bản"))
    report_state = ReportStateColumn()

    class Meta(BaseTable.Meta):
        model = FigureValue
        fields = ("definition", "area", "unit", "period", "value", "unit_of_measure", "as_of")
        sequence = (*fields, "report_state")

    def render_area(self, record):
        return record.definition.get_area_display()

    def render_value(self, record):
        value = record.value
        if isinstance(value, Decimal | int):
            return number(value, 0 if value == int(value) else 2)
        return value

    def value_value(self, record):
        return record.value
