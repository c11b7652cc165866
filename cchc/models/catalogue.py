"""The catalogue of additional figures: their definitions (admins add them without code) and reports' values."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import FigureType, Measure, ReformArea
from ..text import nfc
from .base import TimeStampedModel
from .reports import ReportPart
from .units import Unit


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

    def save(self, *args: Any, **kwargs: Any) -> None:
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
