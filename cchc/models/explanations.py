"""Clerks' explanations of figures that do not reconcile (cchc/checks.py)."""

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..text import nfc
from .reports import ReportPart


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

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.text, self.message = nfc(self.text).strip(), nfc(self.message)
        super().save(*args, **kwargs)
