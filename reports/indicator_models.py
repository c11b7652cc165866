"""Indicators defined without code: formulas over declared figures, kept by admins in Django admin."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cchc.choices import ReformArea
from cchc.figures import figure_keys_all
from cchc.formulas import Formula, FormulaError
from cchc.indicators import Direction, Indicator
from cchc.models import TimeStampedModel


class IndicatorDefinition(TimeStampedModel):
    """An indicator as numerator / denominator formulas over declared figures (cchc/figures.py).

    Checked when saved: every figure it names must be declared, sums may not mix units of measure or a stock
    with a flow, and the code may not be taken by an indicator declared in code. A zero denominator shows
    "—", never an error. `standard` rows are the portal's own (created after every migrate when missing, never
    overwritten): admins may edit or deactivate them.
    """

    code = models.CharField(
        _("mã chỉ tiêu"),
        max_length=80,
        unique=True,
        help_text=_("Chữ thường, số, dấu chấm và gạch dưới, ví dụ: tthc.late_share."),
    )
    name = models.CharField(_("tên (tiếng Việt)"), max_length=300)
    name_en = models.CharField(_("tên (tiếng Anh)"), max_length=300, blank=True)
    area = models.PositiveSmallIntegerField(_("lĩnh vực cải cách"), choices=ReformArea.choices)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=40, default="%")
    numerator = models.CharField(
        _("tử số"),
        max_length=500,
        help_text=_(
            "Công thức trên mã số liệu, ví dụ: tthc.resolved_late hoặc tthc.resolved_early + tthc.resolved_on_time."
        ),
    )
    denominator = models.CharField(
        _("mẫu số"), max_length=500, blank=True, help_text=_("Để trống nếu chỉ tiêu là một số đếm, không phải tỷ lệ.")
    )
    numerator_label = models.CharField(_("diễn giải tử số"), max_length=200, blank=True)
    denominator_label = models.CharField(_("diễn giải mẫu số"), max_length=200, blank=True)
    decimals = models.PositiveSmallIntegerField(_("số chữ số thập phân"), default=2)
    direction = models.CharField(
        _("chiều tốt"), max_length=10, choices=Direction.choices, default=Direction.HIGHER_IS_BETTER
    )
    target_source = models.CharField(_("căn cứ pháp lý của chỉ tiêu"), max_length=300, blank=True)
    standard = models.BooleanField(_("chỉ tiêu chuẩn của cổng"), default=False, editable=False)
    active = models.BooleanField(_("đang sử dụng"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu theo công thức")
        verbose_name_plural = _("chỉ tiêu theo công thức")
        ordering = ["area", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decimals__lte=6),
                name="indicatordefinition_decimals_le_6",
                violation_error_message=_("Số chữ số thập phân: tối đa 6."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def clean(self):
        errors = {}
        keys = figure_keys_all()
        for name in ("numerator", "denominator"):
            text = getattr(self, name)
            if name == "denominator" and not text.strip():
                continue
            try:
                Formula(text).check(keys)
            except FormulaError as exc:
                errors[name] = str(exc)
        if self.code:
            from .registry import declared_codes

            if self.code in declared_codes():
                errors["code"] = _("Mã “%(code)s” đã là một chỉ tiêu khai báo trong mã nguồn.") % {"code": self.code}
        if errors:
            raise ValidationError(errors)

    def as_indicator(self) -> Indicator:
        return Indicator(
            code=self.code,
            name=self.name,
            name_en=self.name_en or self.name,
            area=ReformArea(self.area),
            unit_of_measure=self.unit_of_measure,
            numerator=self.numerator,
            denominator=self.denominator,
            decimals=self.decimals,
            direction=Direction(self.direction),
            numerator_label=self.numerator_label,
            denominator_label=self.denominator_label,
            target_source=self.target_source,
            standard=self.standard,
        )
