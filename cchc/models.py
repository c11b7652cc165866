"""The shared schema: units, periods, reports, memberships, and the base classes other apps reuse."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import FigureType, Measure, ReformArea, ReportStatus, Role, UnitKind
from .lockguard import ReportPartManager
from .locks import assert_writable, current_actor
from .text import fold, nfc

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class TimeStampedModel(models.Model):
    """Created/updated timestamps for every row of the portal."""

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class Unit(TimeStampedModel):
    """A reporting unit in the province's tree (province → department / district → commune).

    Units are never deleted when the map changes: a merged or abolished unit gets `valid_to` and a
    `successor`, so old quarters still show it and new ones do not. `path` is a materialised path of
    ids ("/1/7/") kept by `save()`, so a subtree is one indexed `startswith` query.
    """

    code = models.CharField(_("mã đơn vị"), max_length=40, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    name_search = models.CharField(max_length=255, editable=False, db_index=True, default="")
    kind = models.CharField(_("loại đơn vị"), max_length=32, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    sort_order = models.PositiveIntegerField(
        _("thứ tự hiển thị"), default=0, help_text=_("Thứ tự của đơn vị trong danh sách và biểu tổng hợp.")
    )
    valid_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="unit_valid_to_after_valid_from",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="unit_not_own_parent",
                violation_error_message=_("Một đơn vị không thể là cấp trên của chính nó."),
            ),
            models.CheckConstraint(
                condition=~Q(successor=F("pk")),
                name="unit_not_own_successor",
                violation_error_message=_("Một đơn vị không thể kế thừa chính nó."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.code = nfc(self.code)
        self.name_search = fold(f"{self.name} {self.code}")
        super().save(*args, **kwargs)
        self._refresh_path()

    def clean(self):
        self.name = nfc(self.name)
        self.code = nfc(self.code)
        if self.parent_id and self.pk and self.parent.path.startswith(self.path or "\0"):
            raise ValidationError({"parent": _("Đơn vị cấp trên không thể là đơn vị cấp dưới của chính nó.")})

    def _refresh_path(self) -> None:
        """Keep the materialised path of this unit and its descendants in step with `parent`."""
        parent_path = self.parent.path if self.parent_id else "/"
        new_path = f"{parent_path}{self.pk}/"
        if new_path == self.path:
            return
        old_path = self.path
        Unit.objects.filter(pk=self.pk).update(path=new_path)
        self.path = new_path
        if old_path:
            # Re-parenting is rare (a merger); a loop over the subtree is simpler than SQL string surgery.
            for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                Unit.objects.filter(pk=child.pk).update(path=new_path + child.path[len(old_path) :])

    def is_active_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class Period(TimeStampedModel):
    """A reporting quarter with its data window and submission deadline.

    6-month, 9-month and year views are roll-ups of quarters, computed by `reports`; they are never
    stored as periods.
    """

    year = models.PositiveSmallIntegerField(_("năm"))
    quarter = models.PositiveSmallIntegerField(_("quý"), choices=[(q, ROMAN[q]) for q in ROMAN])
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"))
    data_window_end = models.DateField(_("ngày chốt số liệu"))
    deadline = models.DateField(_("hạn gửi báo cáo"))
    is_open = models.BooleanField(_("đang mở"), default=True, help_text=_("Kỳ đã khóa sổ thì không sửa được số liệu."))
    # A quarter from before the portal went live, entered afterwards from the paper record: its deadline
    # passed before anyone could submit here, so lists show it as "kỳ lịch sử", never as overdue.
    is_history = models.BooleanField(
        _("kỳ lịch sử"),
        default=False,
        help_text=_(
            "Kỳ trước khi cổng đi vào hoạt động, nhập bù số liệu: không tính quá hạn, không nhắc hạn. "
            "Kỳ vẫn mở hay khóa theo ô “đang mở”."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "quarter"],
                name="period_unique_quarter",
                violation_error_message=_("Kỳ báo cáo của quý này đã có."),
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4),
                name="period_quarter_1_4",
                violation_error_message=_("Quý phải từ 1 đến 4."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="period_end_after_start",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return _("Quý %(q)s/%(y)s") % {"q": ROMAN.get(self.quarter, self.quarter), "y": self.year}

    @property
    def code(self) -> str:
        return f"{self.year}-Q{self.quarter}"


class Report(TimeStampedModel):
    """One unit's submission for one period: the lock and the workflow state of all its figures.

    Every figure later apps add belongs to a Report (through `ReportPart`), so approving the report
    locks them all. `version` grows on every save and guards against two people overwriting each
    other (optimistic concurrency, see `services.report_update`).
    """

    CONTENT_FIELDS = ("shortcomings", "causes", "next_tasks")

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="reports")
    period = models.ForeignKey(Period, verbose_name=_("kỳ báo cáo"), on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("xem xét lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xem xét"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    reopen_reason = models.TextField(_("lý do mở lại"), blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    shortcomings = models.TextField(_("hạn chế"), blank=True)
    causes = models.TextField(_("nguyên nhân"), blank=True)
    next_tasks = models.TextField(_("nhiệm vụ trọng tâm kỳ tới"), blank=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["-period__year", "-period__quarter", "unit__sort_order", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period"],
                name="report_unique_unit_period",
                violation_error_message=_("Đơn vị này đã có báo cáo cho kỳ này."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED]) | Q(submitted_at__isnull=False),
                name="report_submitted_has_time",
                violation_error_message=_("Báo cáo đã gửi phải có thời điểm gửi."),
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1),
                name="report_version_positive",
                violation_error_message=_("Phiên bản phải từ 1 trở lên."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period}"

    def save(self, *args, **kwargs):
        if self.pk and self.content_changed():
            self.assert_writable()
        super().save(*args, **kwargs)
        self._loaded = {f.attname: getattr(self, f.attname) for f in self._meta.concrete_fields}

    def delete(self, *args, **kwargs):
        self.assert_writable()
        return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # What the row held when loaded: the lock is judged on the stored state, not on edits in memory.
        instance._loaded = dict(zip(field_names, values, strict=True))
        return instance

    def content_changed(self) -> bool:
        loaded = getattr(self, "_loaded", None)
        if loaded is None:
            return False
        return any(name in loaded and loaded[name] != getattr(self, name) for name in self.CONTENT_FIELDS)

    def assert_writable(self, instance=None) -> None:
        """Refuse a write to this report's figures while it is locked (approved or period closed)."""
        loaded = getattr(self, "_loaded", {})
        assert_writable(
            instance if instance is not None else self,
            status=loaded.get("status", self.status),
            period_open=self.period.is_open,
        )

    @property
    def is_submitted(self) -> bool:
        return self.status in (ReportStatus.SUBMITTED, ReportStatus.APPROVED)

    @property
    def submitted_date(self) -> dt.date | None:
        return timezone.localdate(self.submitted_at) if self.submitted_at else None

    def days_late(self, today: dt.date | None = None) -> int:
        """Days past the deadline: at submission, or until today while it is still not submitted.

        A history period (before the portal went live) is never late: nobody could submit it on time here.
        """
        if self.period.is_history:
            return 0
        reference = self.submitted_date if self.submitted_at else (today or timezone.localdate())
        return max(0, (reference - self.period.deadline).days)

    @property
    def is_on_time(self) -> bool | None:
        if not self.submitted_at:
            return None
        return self.submitted_date <= self.period.deadline


class ReportPart(TimeStampedModel):
    """Base for every model that holds figures of a report: writes obey the report's lock.

    Subclasses add their fields and `history = HistoricalRecords()`; `save()` and `delete()` refuse
    while the report is approved or its period closed, unless an admin override is active. The manager's
    bulk writes check every report they touch (cchc/lockguard.py) and database triggers refuse any other
    write, raw SQL included (cchc/lockdb.py).
    """

    report = models.ForeignKey(
        Report, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="%(app_label)s_%(class)s_set"
    )
    # Bulk writes check the lock and bump the scorecards' data version (cchc/lockguard.py, cchc/dataversion.py).
    objects = ReportPartManager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.report.assert_writable(self)
        self._set_history_user()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.report.assert_writable(self)
        self._set_history_user()
        return super().delete(*args, **kwargs)

    def _set_history_user(self) -> None:
        if getattr(self, "_history_user", None) is None and current_actor() is not None:
            self._history_user = current_actor()


class Membership(TimeStampedModel):
    """Which user acts for which unit, in which role.

    A clerk edits only the unit's own reports; a manager reviews and a viewer reads the unit's whole
    subtree. Django superusers are the portal's admins and need no membership.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        ordering = ["user__username", "unit__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                name="membership_unique",
                violation_error_message=_("Người dùng này đã có vai trò này ở đơn vị này."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class FigureDefinition(TimeStampedModel):
    """A figure of the catalogue of additional figures: admins add them in Django admin, without code.

    Covers what has no domain app (legal documents, e-government, finance, direction) and keeps the
    portal usable when the ministry changes its template. A retired figure (active_to in the past) still
    shows in the quarters that have a value for it.
    """

    code = models.CharField(
        _("mã"),
        max_length=60,
        unique=True,
        validators=[RegexValidator(r"^[a-z0-9_]+$", _("Mã chỉ gồm chữ thường không dấu, số và dấu gạch dưới."))],
    )
    name = models.CharField(_("tên (tiếng Việt)"), max_length=300)
    name_en = models.CharField(_("tên (tiếng Anh)"), max_length=300, blank=True)
    area = models.PositiveSmallIntegerField(_("lĩnh vực cải cách"), choices=ReformArea.choices)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    value_type = models.CharField(_("kiểu dữ liệu"), max_length=20, choices=FigureType.choices)
    measure = models.CharField(_("loại số liệu"), max_length=10, choices=Measure.choices, default=Measure.FLOW)
    help_text = models.TextField(_("hướng dẫn nhập"), blank=True)
    unit_kinds = models.JSONField(
        _("loại đơn vị báo cáo"),
        default=list,
        blank=True,
        help_text=_("Để trống: mọi loại đơn vị đều báo cáo số liệu này."),
    )
    min_value = models.DecimalField(_("giá trị nhỏ nhất"), max_digits=20, decimal_places=4, null=True, blank=True)
    max_value = models.DecimalField(_("giá trị lớn nhất"), max_digits=20, decimal_places=4, null=True, blank=True)
    active_from = models.DateField(_("áp dụng từ ngày"), null=True, blank=True)
    active_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)
    display_order = models.PositiveIntegerField(_("thứ tự hiển thị"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số liệu bổ sung (danh mục)")
        verbose_name_plural = _("số liệu bổ sung (danh mục)")
        ordering = ["area", "display_order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_to__isnull=True) | Q(active_from__isnull=True) | Q(active_to__gte=F("active_from")),
                name="figuredefinition_active_range",
                violation_error_message=_("Ngày kết thúc áp dụng phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name, self.name_en = nfc(self.name), nfc(self.name_en)
        super().save(*args, **kwargs)

    @property
    def is_numeric(self) -> bool:
        return self.value_type in (FigureType.INTEGER, FigureType.DECIMAL, FigureType.PERCENT)

    def applies_to(self, unit: "Unit") -> bool:
        return not self.unit_kinds or unit.kind in self.unit_kinds

    def active_during(self, start: dt.date, end: dt.date) -> bool:
        return (self.active_from is None or self.active_from <= end) and (
            self.active_to is None or self.active_to >= start
        )


class FigureValue(ReportPart):
    """A report's value of one additional figure, with its own as-of date when the source gives one."""

    definition = models.ForeignKey(
        FigureDefinition, verbose_name=_("số liệu"), on_delete=models.PROTECT, related_name="values"
    )
    number = models.DecimalField(_("giá trị số"), max_digits=20, decimal_places=4, null=True, blank=True)
    text = models.TextField(_("giá trị văn bản"), blank=True)
    date_value = models.DateField(_("giá trị ngày"), null=True, blank=True)
    as_of = models.DateField(_("tính đến ngày / ngày văn bản"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("giá trị số liệu bổ sung")
        verbose_name_plural = _("giá trị số liệu bổ sung")
        ordering = ["definition__area", "definition__display_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "definition"],
                name="figurevalue_one_per_report",
                violation_error_message=_("Báo cáo này đã có giá trị cho số liệu này."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.definition}: {self.value}"

    @property
    def value(self):
        if self.definition.value_type == FigureType.DATE:
            return self.date_value
        if self.definition.value_type in (FigureType.TEXT, FigureType.DOCUMENT_NUMBER):
            return self.text
        if self.number is not None and self.definition.value_type == FigureType.INTEGER:
            return int(self.number)
        if self.number is not None:
            # Shown as typed: 100 not 100,0000 (the column keeps four decimals for any figure).
            return (
                self.number.quantize(Decimal(1))
                if self.number == self.number.to_integral_value()
                else (self.number.normalize())
            )
        return self.number


class CheckExplanation(ReportPart):
    """A clerk's explanation of a figure that does not reconcile, for a check that allows one.

    Keyed by the report and the check's stable `code` (cchc/checks.py); `message` keeps what the check
    said when the explanation was written, so the manager and the workbook's notes can show the pair
    without recomputing the check. Removed when the figure reconciles (cchc.services.check_explanations_save).
    """

    code = models.CharField(_("mã kiểm tra"), max_length=200)
    message = models.TextField(_("nội dung kiểm tra"))
    text = models.TextField(_("giải trình"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("giải trình số liệu")
        verbose_name_plural = _("giải trình số liệu")
        ordering = ["report", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "code"],
                name="checkexplanation_one_per_check",
                violation_error_message=_("Báo cáo này đã có giải trình cho nội dung kiểm tra này."),
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="checkexplanation_text_not_empty",
                violation_error_message=_("Giải trình: bắt buộc nhập."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} — {self.code}"

    def save(self, *args, **kwargs):
        self.text, self.message = nfc(self.text).strip(), nfc(self.message)
        super().save(*args, **kwargs)


from .plausibility.models import PlausibilityRange  # noqa: E402,F401  (registered with the cchc app)
