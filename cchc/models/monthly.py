"""Which report sections are reported monthly, by kind of unit, from when (docs/periods.md)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import UnitKind
from .base import TimeStampedModel


class MonthlySection(TimeStampedModel):
    """A section a kind of unit reports monthly from `valid_from` (until `valid_to`, if set).

    E.g. the one-stop ledger of service centres monthly from 2022, everything else quarterly. A unit owes a month
    report for a month when a setting of its kind (or of every kind) is valid on the month's first day; the month
    report is due `deadline_days` after the month ends.
    """

    section_key = models.CharField(
        _("mục báo cáo"), max_length=60, help_text=_("Mã mục của trang báo cáo, ví dụ procedures (một cửa).")
    )
    unit_kind = models.CharField(
        _("loại đơn vị"), max_length=30, choices=UnitKind.choices, blank=True, help_text=_("Để trống: mọi loại.")
    )
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    deadline_days = models.PositiveSmallIntegerField(
        _("hạn gửi (số ngày sau cuối tháng)"), default=5, help_text=_("Báo cáo tháng gửi chậm nhất sau ngần ấy ngày.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mục báo cáo theo tháng")
        verbose_name_plural = _("mục báo cáo theo tháng")
        ordering = ["section_key", "unit_kind", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="monthlysection_to_after_from",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            )
        ]

    def __str__(self) -> str:
        kind = self.get_unit_kind_display() if self.unit_kind else _("mọi loại")
        return f"{self.section_key} — {kind}"

    def clean(self) -> None:
        from ..sections import all_sections

        keys = {section.key for section in all_sections()}
        if keys and self.section_key not in keys:
            message = _("Không có mục “%(key)s”: dùng một trong %(keys)s.") % {
                "key": self.section_key,
                "keys": ", ".join(sorted(keys)),
            }
            raise ValidationError({"section_key": message})
