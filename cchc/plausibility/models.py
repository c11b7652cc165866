"""The admins' plausibility ranges (imported by cchc.models so that Django registers the model)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import UnitKind


class PlausibilityRange(models.Model):
    """A minimum, a maximum, or "at most N times the previous quarter" for a figure and a kind of unit.

    A value outside the range is a warning under the checks policy (explained or fixed before submitting),
    never a refusal: an admin's range is a guess about what is usual, not a law of arithmetic."""

    figure = models.CharField(
        _("số liệu"),
        max_length=200,
        help_text=_("Mã số liệu theo lớp số liệu, ví dụ tthc.received_new hoặc tthc.received_new@channel:online."),
    )
    unit_kind = models.CharField(
        _("loại đơn vị"),
        max_length=32,
        choices=UnitKind.choices,
        blank=True,
        help_text=_("Để trống: áp dụng cho mọi loại đơn vị."),
    )
    minimum = models.DecimalField(_("tối thiểu"), max_digits=20, decimal_places=4, null=True, blank=True)
    maximum = models.DecimalField(_("tối đa"), max_digits=20, decimal_places=4, null=True, blank=True)
    max_ratio_previous = models.DecimalField(
        _("không quá số lần so với quý trước"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Ví dụ 3: cảnh báo khi số liệu lớn hơn 3 lần số của quý trước."),
    )
    history = HistoricalRecords()

    class Meta:
        app_label = "cchc"
        verbose_name = _("ngưỡng hợp lý của số liệu")
        verbose_name_plural = _("ngưỡng hợp lý của số liệu")
        ordering = ["figure", "unit_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["figure", "unit_kind"],
                name="plausibilityrange_one_per_figure_kind",
                violation_error_message=_("Số liệu này đã có ngưỡng cho loại đơn vị này."),
            ),
            models.CheckConstraint(
                condition=Q(minimum__isnull=True) | Q(maximum__isnull=True) | Q(maximum__gte=models.F("minimum")),
                name="plausibilityrange_min_le_max",
                violation_error_message=_("Tối đa: phải lớn hơn hoặc bằng tối thiểu."),
            ),
            models.CheckConstraint(
                condition=Q(max_ratio_previous__isnull=True) | Q(max_ratio_previous__gt=0),
                name="plausibilityrange_ratio_positive",
                violation_error_message=_("Không quá số lần so với quý trước: phải lớn hơn 0."),
            ),
            models.CheckConstraint(
                condition=Q(minimum__isnull=False) | Q(maximum__isnull=False) | Q(max_ratio_previous__isnull=False),
                name="plausibilityrange_some_bound",
                violation_error_message=_(
                    "Hãy nhập ít nhất một ngưỡng: tối thiểu, tối đa hoặc số lần so với quý trước."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.figure} ({self.get_unit_kind_display() or _('mọi loại đơn vị')})"

    def clean(self):
        from ..figures import figure_keys_all

        super().clean()
        if self.figure and self.figure not in figure_keys_all():
            raise ValidationError({"figure": _("Số liệu: không có mã số liệu “%(code)s”.") % {"code": self.figure}})
