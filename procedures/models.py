"""Administrative procedures (TTHC): the catalogue, decisions, the one-stop ledger, dossier records."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cchc.choices import UnitKind
from cchc.models import ReportPart, TimeStampedModel, Unit
from cchc.text import fold, nfc
from cchc.validators import validate_document_number

from .choices import Channel, DecisionKind, DossierStatus, OnlineLevel, ProcedureLevel, ProcedureStatus

validate_procedure_code = RegexValidator(
    r"^\d\.\d{6}(\.[0-9A-Z]+)*$",
    _("Mã thủ tục phải theo mã quốc gia, ví dụ 1.001234 hoặc 1.001234.000.00.00.H12."),
)


def _not_above(part: str, total: str, *, total_optional: bool = False) -> Q:
    condition = Q(**{f"{part}__isnull": True}) | Q(**{f"{part}__lte": F(total)})
    return condition | Q(**{f"{total}__isnull": True}) if total_optional else condition


class Decision(TimeStampedModel):
    """A decision of a people's committee: publishing procedures, approving internal workflows, or other."""

    number = models.CharField(_("số hiệu"), max_length=60, validators=[validate_document_number])
    issued_on = models.DateField(_("ngày ban hành"))
    issuer = models.ForeignKey(
        Unit, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="decisions"
    )
    kind = models.CharField(_("loại quyết định"), max_length=16, choices=DecisionKind.choices)
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quyết định")
        verbose_name_plural = _("quyết định")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["number", "issued_on"],
                name="decision_unique_number_date",
                violation_error_message=_("Quyết định có số hiệu và ngày ban hành này đã có."),
            ),
        ]

    def __str__(self) -> str:
        return _("Quyết định %(number)s ngày %(date)s") % {
            "number": self.number,
            "date": self.issued_on.strftime("%d/%m/%Y") if self.issued_on else "?",
        }

    def save(self, *args, **kwargs):
        self.number = nfc(self.number)
        self.title = nfc(self.title)
        super().save(*args, **kwargs)


class Procedure(TimeStampedModel):
    """An administrative procedure of the province's catalogue, with its processing times and online level."""

    code = models.CharField(_("mã thủ tục"), max_length=40, unique=True, validators=[validate_procedure_code])
    name = models.CharField(_("tên thủ tục"), max_length=500)
    name_search = models.CharField(max_length=500, editable=False, db_index=True, default="")
    field = models.CharField(_("lĩnh vực"), max_length=200)
    level = models.CharField(_("cấp thực hiện"), max_length=16, choices=ProcedureLevel.choices)
    unit_kind = models.CharField(_("loại cơ quan thực hiện"), max_length=32, choices=UnitKind.choices)
    statutory_days = models.DecimalField(
        _("thời hạn theo quy định (ngày làm việc)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    current_days = models.DecimalField(
        _("thời hạn thực hiện (ngày làm việc)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    online_level = models.CharField(
        _("mức độ dịch vụ công trực tuyến"), max_length=16, choices=OnlineLevel.choices, default=OnlineLevel.NONE
    )
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=ProcedureStatus.choices, default=ProcedureStatus.IN_FORCE
    )
    published_by = models.ForeignKey(
        Decision,
        verbose_name=_("quyết định công bố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="published_procedures",
    )
    abolished_by = models.ForeignKey(
        Decision,
        verbose_name=_("quyết định bãi bỏ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="abolished_procedures",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(current_days__isnull=True)
                | Q(statutory_days__isnull=True)
                | Q(current_days__lte=F("statutory_days")),
                name="procedure_current_not_above_statutory",
                violation_error_message=_("Thời hạn thực hiện không được dài hơn thời hạn theo quy định."),
            ),
            models.CheckConstraint(
                condition=~Q(status=ProcedureStatus.ABOLISHED) | Q(abolished_by__isnull=False),
                name="procedure_abolished_has_decision",
                violation_error_message=_("Thủ tục đã bãi bỏ phải có quyết định bãi bỏ."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.field = nfc(self.field)
        self.name_search = fold(f"{self.code} {self.name} {self.field}")
        super().save(*args, **kwargs)

    @property
    def has_reduced_time(self) -> bool:
        return (
            self.current_days is not None
            and self.statutory_days is not None
            and self.current_days < self.statutory_days
        )


class InternalWorkflow(TimeStampedModel):
    """An internal workflow (quy trình nội bộ) for handling a procedure, approved by a decision."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("quyết định phê duyệt"), on_delete=models.CASCADE, related_name="workflows"
    )
    name = models.CharField(_("tên quy trình"), max_length=500)
    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("thủ tục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workflows",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quy trình nội bộ")
        verbose_name_plural = _("quy trình nội bộ")
        ordering = ["decision", "name"]

    def __str__(self) -> str:
        return self.name


class ProcedureFigures(ReportPart):
    """A report's procedure figures: catalogue, decisions, the electronic one-stop system, feedback.

    Every figure is optional (None = not reported, which is not 0): sources publish what they have.
    """

    procedures_in_force = models.PositiveIntegerField(_("số TTHC đang thực hiện"), null=True, blank=True)
    procedures_reduced = models.PositiveIntegerField(_("số TTHC đã cắt giảm thời hạn"), null=True, blank=True)
    decisions_publishing = models.PositiveIntegerField(_("số quyết định công bố TTHC"), null=True, blank=True)
    decisions_workflows = models.PositiveIntegerField(
        _("số quyết định phê duyệt quy trình nội bộ"), null=True, blank=True
    )
    workflows_approved = models.PositiveIntegerField(_("số quy trình nội bộ được phê duyệt"), null=True, blank=True)
    communes_on_one_stop = models.PositiveIntegerField(
        _("số xã triển khai hệ thống một cửa điện tử"), null=True, blank=True
    )
    communes_total = models.PositiveIntegerField(_("tổng số xã"), null=True, blank=True)
    feedback_received = models.PositiveIntegerField(_("số phản ánh, kiến nghị tiếp nhận"), null=True, blank=True)
    feedback_handled = models.PositiveIntegerField(_("số phản ánh, kiến nghị đã xử lý"), null=True, blank=True)
    feedback_pending = models.PositiveIntegerField(_("số phản ánh, kiến nghị đang xử lý"), null=True, blank=True)
    # The feedback system publishes its own window ("Từ ngày 01/01/2020 đến ngày 05/03/2020"), not the quarter:
    # the narrative says the window when it is given.
    feedback_from = models.DateField(_("phản ánh, kiến nghị tính từ ngày"), null=True, blank=True)
    feedback_to = models.DateField(_("phản ánh, kiến nghị tính đến ngày"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số liệu thủ tục hành chính")
        verbose_name_plural = _("số liệu thủ tục hành chính")
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                name="procedurefigures_one_per_report",
                violation_error_message=_("Báo cáo này đã có số liệu thủ tục hành chính."),
            ),
            models.CheckConstraint(
                condition=_not_above("procedures_reduced", "procedures_in_force"),
                name="procedurefigures_reduced_le_in_force",
                violation_error_message=_("Số TTHC cắt giảm thời hạn không được lớn hơn số TTHC đang thực hiện."),
            ),
            models.CheckConstraint(
                condition=_not_above("communes_on_one_stop", "communes_total"),
                name="procedurefigures_communes_le_total",
                violation_error_message=_("Số xã triển khai không được lớn hơn tổng số xã."),
            ),
            models.CheckConstraint(
                condition=_not_above("feedback_handled", "feedback_received"),
                name="procedurefigures_handled_le_received",
                violation_error_message=_("Số phản ánh đã xử lý không được lớn hơn số tiếp nhận."),
            ),
            models.CheckConstraint(
                condition=_not_above("feedback_from", "feedback_to", total_optional=True),
                name="procedurefigures_feedback_window_in_order",
                violation_error_message=_("Ngày bắt đầu tính phản ánh, kiến nghị không được sau ngày kết thúc."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.report)


class LedgerSource(models.TextChoices):
    TYPED = "typed", _("Nhập tay")
    RECORDS = "records", _("Tính từ hồ sơ đã nhập")


# The counts of a ledger row that dossier records give, in the ledger's column order: what
# selectors.ledgers_from_records computes, the import counts record by record and the API returns.
# fmt: off
LEDGER_COUNTS = (
    "carried_over", "received_new", "new_in_person", "new_online", "new_postal", "received_total",
    "resolved_early", "resolved_on_time", "resolved_late", "resolved_total",
    "pending_within", "pending_overdue", "pending_total", "returned_withdrawn",
)
# fmt: on
# Counts a clerk types that dossier records do not give (records have no "other" outcome, and the online
# level of a dossier is its procedure's level when it was submitted, which the catalogue does not keep).
TYPED_COUNTS = ("other_outcomes", "new_online_partial", "new_online_full")

# (part, total): a part, when given, is never above its total (checked by the database and the form):
# an ERROR of the checks policy (cchc/checks.py), refused even in a draft.
LEDGER_PARTS = (
    ("carried_over", "received_total"),
    ("received_new", "received_total"),
    ("new_in_person", "received_new"),
    ("new_online", "received_new"),
    ("new_postal", "received_new"),
    ("new_online_partial", "new_online"),
    ("new_online_full", "new_online"),
    ("returned_withdrawn", "received_total"),
    ("other_outcomes", "received_total"),
    ("resolved_early", "resolved_total"),
    ("resolved_on_time", "resolved_total"),
    ("resolved_late", "resolved_total"),
    ("pending_within", "pending_total"),
    ("pending_overdue", "pending_total"),
)
# Totals that are themselves optional: a part given without its total is then not compared.
LEDGER_OPTIONAL_TOTALS = ("received_new", "new_online")


class LedgerRow(ReportPart):
    """One reception point's one-stop dossier ledger for a report's quarter.

    Totals are required, splits optional (sources often publish totals only). Identity: received
    (carried over + new) = resolved + pending + returned/withdrawn + other outcomes; processed =
    resolved + returned/withdrawn + other outcomes. Breakdowns (by channel, and the online dossiers by
    online service level) are parts of `received_new` / `new_online`: each part is never above its
    total (refused), and the parts must add up to the total before submitting unless explained
    (published parts are often rounded). See `procedures.ledger` and docs/procedures.md.
    """

    reception_point = models.CharField(_("nơi tiếp nhận"), max_length=200)
    carried_over = models.PositiveIntegerField(_("kỳ trước chuyển sang"), null=True, blank=True)
    received_new = models.PositiveIntegerField(_("tiếp nhận mới"), null=True, blank=True)
    new_in_person = models.PositiveIntegerField(_("mới: trực tiếp"), null=True, blank=True)
    new_online = models.PositiveIntegerField(_("mới: trực tuyến"), null=True, blank=True)
    new_postal = models.PositiveIntegerField(_("mới: qua bưu chính công ích"), null=True, blank=True)
    # The online dossiers by the online service level of their procedure. One pair of fields serves both
    # vocabularies (mức độ 3 ≈ một phần, mức độ 4 ≈ toàn trình); a quarter is read in its own vocabulary.
    new_online_partial = models.PositiveIntegerField(_("trực tuyến: một phần (mức độ 3)"), null=True, blank=True)
    new_online_full = models.PositiveIntegerField(_("trực tuyến: toàn trình (mức độ 4)"), null=True, blank=True)
    received_total = models.PositiveIntegerField(_("tiếp nhận (kể cả kỳ trước chuyển sang)"))
    resolved_early = models.PositiveIntegerField(_("giải quyết trước hạn"), null=True, blank=True)
    resolved_on_time = models.PositiveIntegerField(_("giải quyết đúng hạn"), null=True, blank=True)
    resolved_late = models.PositiveIntegerField(_("giải quyết trễ hạn"), null=True, blank=True)
    resolved_total = models.PositiveIntegerField(_("đã giải quyết"))
    pending_within = models.PositiveIntegerField(_("đang giải quyết: trong hạn"), null=True, blank=True)
    pending_overdue = models.PositiveIntegerField(_("đang giải quyết: quá hạn"), null=True, blank=True)
    pending_total = models.PositiveIntegerField(_("đang giải quyết"))
    returned_withdrawn = models.PositiveIntegerField(_("trả lại, rút hồ sơ"), null=True, blank=True)
    other_outcomes = models.PositiveIntegerField(
        _("kết quả khác"),
        null=True,
        blank=True,
        help_text=_("Hồ sơ không thuộc đã giải quyết, đang giải quyết, trả lại hay rút (ví dụ: chuyển cơ quan khác)."),
    )
    other_outcomes_note = models.CharField(
        _("kết quả khác: gồm những gì"),
        max_length=500,
        blank=True,
        help_text=_("Ghi theo nguồn số liệu, ví dụ: chuyển xử lý tại cơ quan khác."),
    )
    source = models.CharField(
        _("nguồn số liệu"), max_length=16, choices=LedgerSource.choices, default=LedgerSource.TYPED
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sổ theo dõi hồ sơ một cửa")
        verbose_name_plural = _("sổ theo dõi hồ sơ một cửa")
        ordering = ["report", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "reception_point"],
                name="ledgerrow_unique_point",
                violation_error_message=_("Nơi tiếp nhận này đã có trong báo cáo."),
            ),
            *[
                models.CheckConstraint(
                    condition=_not_above(part, total, total_optional=total in LEDGER_OPTIONAL_TOTALS),
                    name=f"ledgerrow_{part}_le_{total}",
                    violation_error_message=_("Số thành phần không được lớn hơn tổng."),
                )
                for part, total in LEDGER_PARTS
            ],
        ]

    def __str__(self) -> str:
        return f"{self.report} — {self.reception_point}"

    def save(self, *args, **kwargs):
        self.reception_point = nfc(self.reception_point)
        super().save(*args, **kwargs)

    @property
    def processed(self) -> int:
        """Dossiers whose processing ended: resolved + returned/withdrawn + other outcomes."""
        return self.resolved_total + (self.returned_withdrawn or 0) + (self.other_outcomes or 0)

    @property
    def resolved_in_time(self) -> int | None:
        """Early + on time, or None when neither split was given."""
        if self.resolved_early is None and self.resolved_on_time is None:
            return None
        return (self.resolved_early or 0) + (self.resolved_on_time or 0)


class DossierRecord(TimeStampedModel):
    """One dossier as exported by a one-stop system; the ledger of a unit and quarter is computed from them.

    The dossier code is the key: importing the same file again changes nothing.
    """

    code = models.CharField(_("mã hồ sơ"), max_length=80, unique=True)
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="dossiers"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị tiếp nhận"), on_delete=models.PROTECT, related_name="dossiers"
    )
    reception_point = models.CharField(_("nơi tiếp nhận"), max_length=200)
    channel = models.CharField(_("hình thức nộp"), max_length=16, choices=Channel.choices)
    received_at = models.DateTimeField(_("ngày tiếp nhận"))
    due_at = models.DateTimeField(_("ngày hẹn trả"))
    completed_at = models.DateTimeField(_("ngày hoàn thành"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=DossierStatus.choices)

    # Written in bulk by the import (importing/run.py: bulk_history_create), so the ledger's source is audited.
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        verbose_name = _("hồ sơ một cửa")
        verbose_name_plural = _("hồ sơ một cửa")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["unit", "received_at"], name="dossier_unit_received")]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(completed_at__gte=F("received_at")),
                name="dossier_completed_after_received",
                violation_error_message=_("Ngày hoàn thành không được trước ngày tiếp nhận."),
            ),
            models.CheckConstraint(
                condition=Q(status=DossierStatus.PENDING, completed_at__isnull=True)
                | (~Q(status=DossierStatus.PENDING) & Q(completed_at__isnull=False)),
                name="dossier_status_matches_completion",
                violation_error_message=_("Hồ sơ đang giải quyết không có ngày hoàn thành; hồ sơ đã xong phải có."),
            ),
        ]

    def __str__(self) -> str:
        return self.code
