"""ISO 9001 adoption: the register of each unit's quality management system, and a report's ISO figures."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cchc.models import ReportPart, TimeStampedModel, Unit
from cchc.text import nfc
from cchc.validators import validate_document_number

from .choices import APPLYING_STATUSES, STANDARD_YEAR, IsoStandard, IsoStatus

DATE_FIELDS = ("announced_on", "last_internal_audit_on", "last_management_review_on")


def _label(model, name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


def _day(value) -> str:
    return value.strftime("%d/%m/%Y")


class IsoAdoption(TimeStampedModel):
    """The quality management system a unit applies: one current row per unit.

    Changes of status (building → applied → announced → transitioning → …) update this row; the
    history (django-simple-history) keeps every earlier state, and `selectors` read the register as it
    stood at the end of a period (`IsoAdoption.history.as_of`).
    """

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="iso_adoptions")
    standard = models.CharField(
        _("tiêu chuẩn"),
        max_length=16,
        choices=IsoStandard.choices,
        error_messages={"blank": _("Tiêu chuẩn: bắt buộc chọn."), "invalid_choice": _("Tiêu chuẩn: không hợp lệ.")},
    )
    scope = models.TextField(
        _("phạm vi áp dụng"),
        help_text=_("Các thủ tục hành chính hoặc hoạt động đưa vào hệ thống."),
        error_messages={"blank": _("Phạm vi áp dụng: bắt buộc nhập.")},
    )
    status = models.CharField(
        _("tình trạng"),
        max_length=16,
        choices=IsoStatus.choices,
        default=IsoStatus.BUILDING,
        db_index=True,
        error_messages={"blank": _("Tình trạng: bắt buộc chọn."), "invalid_choice": _("Tình trạng: không hợp lệ.")},
    )
    announcement_number = models.CharField(
        _("số quyết định công bố"),
        max_length=60,
        blank=True,
        validators=[validate_document_number],
        help_text=_("Quyết định công bố hệ thống quản lý chất lượng phù hợp tiêu chuẩn, ví dụ 125/QĐ-SNV."),
    )
    announced_on = models.DateField(_("ngày công bố"), null=True, blank=True)
    last_internal_audit_on = models.DateField(_("ngày đánh giá nội bộ gần nhất"), null=True, blank=True)
    last_management_review_on = models.DateField(_("ngày xem xét của lãnh đạo gần nhất"), null=True, blank=True)
    electronic = models.BooleanField(
        _("ISO điện tử"),
        default=False,
        help_text=_("Hệ thống vận hành trên phần mềm (e-ISO); không chọn nếu vận hành bằng hồ sơ giấy."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("áp dụng ISO 9001")
        verbose_name_plural = _("sổ đăng ký áp dụng ISO 9001")
        ordering = ["unit__sort_order", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit"],
                name="isoadoption_one_per_unit",
                violation_error_message=_("Đơn vị này đã có trong sổ đăng ký ISO; hãy cập nhật dòng đã có."),
            ),
            models.CheckConstraint(
                condition=Q(announcement_number="", announced_on__isnull=True)
                | (~Q(announcement_number="") & Q(announced_on__isnull=False)),
                name="isoadoption_announcement_number_and_date",
                violation_error_message=_("Số quyết định công bố và ngày công bố phải nhập cùng nhau."),
            ),
            models.CheckConstraint(
                condition=~Q(status=IsoStatus.ANNOUNCED) | Q(announced_on__isnull=False),
                name="isoadoption_announced_has_decision",
                violation_error_message=_("Đơn vị đã công bố phải có số và ngày quyết định công bố."),
            ),
            models.CheckConstraint(
                condition=~Q(status=IsoStatus.TRANSITIONING) | Q(standard=IsoStandard.ISO_9001_2008),
                name="isoadoption_transitioning_from_2008",
                violation_error_message=_(
                    "Đơn vị đang chuyển đổi sang TCVN ISO 9001:2015 thì tiêu chuẩn đang áp dụng là TCVN ISO 9001:2008."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.get_standard_display()}"

    @property
    def is_applying(self) -> bool:
        return self.status in APPLYING_STATUSES

    def save(self, *args, **kwargs):
        self.scope, self.announcement_number = nfc(self.scope), nfc(self.announcement_number)
        super().save(*args, **kwargs)

    def clean(self):
        """Field-by-field messages, each starting with the field's label (the constraints say it in general)."""
        errors: dict[str, list[str]] = {}

        def add(name, message):
            errors.setdefault(name, []).append(f"{_label(IsoAdoption, name)}: {message}")

        if self.scope and not self.scope.strip():  # empty is refused by the field itself
            add("scope", _("bắt buộc nhập."))
        self.scope, self.announcement_number = nfc(self.scope).strip(), nfc(self.announcement_number).strip()

        today = timezone.localdate()
        for name in DATE_FIELDS:
            value = getattr(self, name)
            if value is not None and value > today:
                add(name, _("không được sau ngày hôm nay (%(today)s).") % {"today": _day(today)})
        if self.announcement_number and self.announced_on is None:
            add("announced_on", _("bắt buộc nhập khi có số quyết định công bố."))
        if self.announced_on is not None and not self.announcement_number:
            add("announcement_number", _("bắt buộc nhập khi có ngày công bố."))
        if self.status == IsoStatus.ANNOUNCED:
            message = _("bắt buộc nhập khi tình trạng là “%(status)s”.") % {"status": self.get_status_display()}
            if not self.announcement_number and self.announced_on is None:
                add("announcement_number", message)
                add("announced_on", message)
        if self.status == IsoStatus.TRANSITIONING and self.standard == IsoStandard.ISO_9001_2015:
            add(
                "standard",
                _("đơn vị đang chuyển đổi sang TCVN ISO 9001:2015 thì tiêu chuẩn đang áp dụng là TCVN ISO 9001:2008."),
            )
        year = STANDARD_YEAR.get(self.standard)
        if self.announced_on is not None and year and self.announced_on.year < year:
            add(
                "announced_on",
                _("%(day)s là trước khi có tiêu chuẩn %(standard)s (năm %(year)s).")
                % {
                    "day": _day(self.announced_on),
                    "standard": self.get_standard_display(),
                    "year": year,
                },
            )
        if errors:
            raise ValidationError(errors)


def _not_above(part: str, total: str) -> Q:
    return Q(**{f"{part}__isnull": True}) | Q(**{f"{total}__isnull": True}) | Q(**{f"{part}__lte": F(total)})


class IsoFigures(ReportPart):
    """A report's ISO 9001 figures for the units of the reporting unit's subtree (None = not reported).

    Pre-filled from the register when it covers the subtree; typed otherwise (the Q1-2020 province report).
    """

    units_applying = models.PositiveIntegerField(_("số đơn vị áp dụng, duy trì ISO 9001"), null=True, blank=True)
    units_on_2015 = models.PositiveIntegerField(_("số đơn vị áp dụng TCVN ISO 9001:2015"), null=True, blank=True)
    units_transitioning = models.PositiveIntegerField(
        _("số đơn vị đang chuyển đổi sang TCVN ISO 9001:2015"), null=True, blank=True
    )
    units_announced = models.PositiveIntegerField(_("số đơn vị công bố trong quý"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số liệu áp dụng ISO 9001")
        verbose_name_plural = _("số liệu áp dụng ISO 9001")
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                name="isofigures_one_per_report",
                violation_error_message=_("Báo cáo này đã có số liệu áp dụng ISO 9001."),
            ),
            models.CheckConstraint(
                condition=_not_above("units_on_2015", "units_applying"),
                name="isofigures_on_2015_le_applying",
                violation_error_message=_(
                    "Số đơn vị áp dụng TCVN ISO 9001:2015 không được lớn hơn số đơn vị áp dụng, duy trì ISO 9001."
                ),
            ),
            models.CheckConstraint(
                condition=_not_above("units_transitioning", "units_applying"),
                name="isofigures_transitioning_le_applying",
                violation_error_message=_(
                    "Số đơn vị đang chuyển đổi sang TCVN ISO 9001:2015 không được lớn hơn số đơn vị áp dụng, "
                    "duy trì ISO 9001."
                ),
            ),
            models.CheckConstraint(
                condition=_not_above("units_announced", "units_applying"),
                name="isofigures_announced_le_applying",
                violation_error_message=_(
                    "Số đơn vị công bố trong quý không được lớn hơn số đơn vị áp dụng, duy trì ISO 9001."
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(self.report)
