"""Reporting quarters (the 6-month, 9-month and year views are roll-ups, never stored)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .base import TimeStampedModel

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


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
