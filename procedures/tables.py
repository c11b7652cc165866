"""Tables of procedures: the catalogue, decisions and dossier records (on cchc.tables.BaseTable)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import django_tables2 as tables
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from cchc.tables import NUMBER_ATTRS, BaseTable, LocalDateTimeColumn

from .choices import DossierStatus, ProcedureStatus
from .models import Decision, DossierRecord, Procedure

PROCEDURE_STATUS_BADGE = {
    ProcedureStatus.IN_FORCE: "success",
    ProcedureStatus.AMENDED: "info",
    ProcedureStatus.ABOLISHED: "secondary",
}

DOSSIER_STATUS_BADGE = {
    DossierStatus.PENDING: "primary",
    DossierStatus.RESOLVED: "success",
    DossierStatus.RETURNED: "warning",
    DossierStatus.WITHDRAWN: "secondary",
}

# --- timeliness of a dossier ----------------------------------------------------------------------

EARLY, ON_TIME, LATE, PENDING_WITHIN, PENDING_OVERDUE = "early", "on_time", "late", "pending_within", "overdue"

TIMELINESS_LABELS = {
    EARLY: _("Trước hạn"),
    ON_TIME: _("Đúng hạn"),
    LATE: _("Trễ hạn"),
    PENDING_WITHIN: _("Đang giải quyết, trong hạn"),
    PENDING_OVERDUE: _("Đang giải quyết, quá hạn"),
}
TIMELINESS_CLASS = {
    EARLY: "text-success",
    ON_TIME: "text-success",
    LATE: "text-danger",
    PENDING_WITHIN: "text-primary",
    PENDING_OVERDUE: "text-danger",
}


def dossier_timeliness(record: DossierRecord, now: dt.datetime) -> str | None:
    """Early / on time / late / pending within time / overdue, from the record's own dates (no query).

    The same rules as the ledger computed from records (procedures.selectors.ledgers_from_records):
    a resolved dossier is on time when it was completed on its due day (in the portal's time zone),
    early before it, late after it; an open dossier is within time until its due moment passes.
    Returned and withdrawn dossiers are not judged (None).
    """
    if record.status == DossierStatus.RESOLVED and record.completed_at is not None:
        completed, due = timezone.localdate(record.completed_at), timezone.localdate(record.due_at)
        if completed == due:
            return ON_TIME
        return EARLY if completed < due else LATE
    if record.status == DossierStatus.PENDING:
        return PENDING_WITHIN if record.due_at >= now else PENDING_OVERDUE
    return None


# --- columns --------------------------------------------------------------------------------------


def days(value: Decimal | None) -> str:
    """Working days as a clerk writes them: 15, 2,5 (no trailing ",0")."""
    if value is None:
        return "—"
    decimals = 0 if value == value.to_integral_value() else 1
    return number_format(value, decimal_pos=decimals, use_l10n=True)


def decision_label(decision: Decision | None) -> str:
    if decision is None:
        return ""
    return f"{decision.number} ({date_format(decision.issued_on, 'SHORT_DATE_FORMAT')})"


# --- tables ---------------------------------------------------------------------------------------


class ProcedureTable(BaseTable):
    """The province's catalogue: codes, levels, processing times, online level and the deciding decisions."""

    name = tables.Column(verbose_name=_("Tên thủ tục"))
    reduced = tables.Column(
        accessor="has_reduced_time", verbose_name=_("Cắt giảm thời hạn"), orderable=False, empty_values=()
    )
    published_by = tables.Column(
        verbose_name=_("Quyết định công bố"), order_by=("published_by__issued_on", "published_by__number")
    )
    abolished_by = tables.Column(
        verbose_name=_("Quyết định bãi bỏ"), order_by=("abolished_by__issued_on", "abolished_by__number")
    )

    class Meta(BaseTable.Meta):
        model = Procedure
        fields = (
            "code",
            "name",
            "field",
            "level",
            "unit_kind",
            "statutory_days",
            "current_days",
            "reduced",
            "online_level",
            "status",
            "published_by",
            "abolished_by",
        )

    def render_statutory_days(self, value):
        return days(value)

    def render_current_days(self, value):
        return days(value)

    def render_reduced(self, value):
        return _("Có") if value else _("Không")

    def value_reduced(self, value):
        return str(_("Có") if value else _("Không"))

    def render_status(self, record, value):
        return format_html('<span class="badge text-bg-{}">{}</span>', PROCEDURE_STATUS_BADGE[record.status], value)

    def value_status(self, record):
        return record.get_status_display()

    def render_published_by(self, value):
        return decision_label(value)

    def value_published_by(self, value):
        return decision_label(value)

    def render_abolished_by(self, value):
        return decision_label(value)

    def value_abolished_by(self, value):
        return decision_label(value)


class DecisionTable(BaseTable):
    """Decisions with their issuer and how many internal workflows they approve (annotated, no N+1)."""

    workflow_count = tables.Column(verbose_name=_("Số quy trình nội bộ"), attrs=NUMBER_ATTRS)

    class Meta(BaseTable.Meta):
        model = Decision
        fields = ("number", "issued_on", "issuer", "kind", "title", "workflow_count")


class DossierTable(BaseTable):
    """Dossier records with their dates, status and timeliness (computed per row from its dates)."""

    procedure = tables.Column(verbose_name=_("Thủ tục"), order_by=("procedure__code",))
    unit = tables.Column(verbose_name=_("Đơn vị tiếp nhận"), order_by=("unit__path",))
    received_at = LocalDateTimeColumn(verbose_name=_("Ngày tiếp nhận"))
    due_at = LocalDateTimeColumn(verbose_name=_("Ngày hẹn trả"))
    completed_at = LocalDateTimeColumn(verbose_name=_("Ngày hoàn thành"))
    timeliness = tables.Column(accessor="pk", verbose_name=_("Tiến độ"), orderable=False, empty_values=())

    class Meta(BaseTable.Meta):
        model = DossierRecord
        fields = (
            "code",
            "procedure",
            "unit",
            "reception_point",
            "channel",
            "received_at",
            "due_at",
            "completed_at",
            "status",
            "timeliness",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = timezone.now()  # one moment for every row: "overdue" means the same thing all down the page

    def render_procedure(self, value):
        return format_html(
            '{}<br><small class="text-muted" title="{}">{}</small>',
            value.code,
            value.name,
            Truncator(value.name).chars(80),
        )

    def value_procedure(self, value):
        return str(value)

    def render_status(self, record, value):
        return format_html('<span class="badge text-bg-{}">{}</span>', DOSSIER_STATUS_BADGE[record.status], value)

    def value_status(self, record):
        return record.get_status_display()

    def render_timeliness(self, record):
        key = dossier_timeliness(record, self.now)
        if key is None:
            return "—"
        return format_html('<span class="{}">{}</span>', TIMELINESS_CLASS[key], TIMELINESS_LABELS[key])

    def value_timeliness(self, record):
        key = dossier_timeliness(record, self.now)
        return "—" if key is None else str(TIMELINESS_LABELS[key])
