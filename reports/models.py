"""Targets, legends (traffic lights) and the scoring rubric, all kept by admins in Django admin.

Indicators are not rows: they are declared in code by each app's `indicators.py` (and the catalogue of
additional figures), and referred to here by their code.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cchc.choices import ReformArea, UnitKind
from cchc.models import TimeStampedModel, Unit
from cchc.validators import validate_document_number

from .choices import LegendMode


class Target(TimeStampedModel):
    """A target of an indicator for a year: for all units, a unit kind, or one unit (the most specific wins).

    Annual targets of flow indicators (summed over quarters) are pro-rated to the quarters of a period.
    The legal source (decision number and date) is shown wherever the target is.
    """

    indicator = models.CharField(_("mã chỉ tiêu"), max_length=80, db_index=True)
    year = models.PositiveSmallIntegerField(_("năm"))
    unit_kind = models.CharField(_("loại đơn vị"), max_length=32, choices=UnitKind.choices, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.CASCADE, related_name="targets"
    )
    value = models.DecimalField(
        _("chỉ tiêu"), max_digits=20, decimal_places=4, help_text=_("Tỷ lệ nhập dạng thập phân: 0,98 là 98%.")
    )
    source_number = models.CharField(
        _("số văn bản giao chỉ tiêu"), max_length=60, blank=True, validators=[validate_document_number]
    )
    source_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["indicator", "-year"]
        constraints = [
            # One target per indicator, year and scope (a unit, else a kind or "all"), on every database.
            models.UniqueConstraint(
                fields=["indicator", "year", "unit"],
                condition=Q(unit__isnull=False),
                name="target_unique_unit",
                violation_error_message=_("Chỉ tiêu này đã có cho năm và đơn vị này."),
            ),
            models.UniqueConstraint(
                fields=["indicator", "year", "unit_kind"],
                condition=Q(unit__isnull=True),
                name="target_unique_kind",
                violation_error_message=_("Chỉ tiêu này đã có cho năm và phạm vi này."),
            ),
            models.CheckConstraint(
                condition=Q(unit__isnull=True) | Q(unit_kind=""),
                name="target_unit_or_kind",
                violation_error_message=_("Chọn một đơn vị hoặc một loại đơn vị, không chọn cả hai."),
            ),
        ]

    def __str__(self) -> str:
        scope = self.unit or self.get_unit_kind_display() or _("mọi đơn vị")
        return f"{self.indicator} {self.year} — {scope}"

    @property
    def source(self) -> str:
        if not self.source_number:
            return ""
        date = self.source_date.strftime("%d/%m/%Y") if self.source_date else ""
        return f"{self.source_number}" + (f" ngày {date}" if date else "")


class Legend(TimeStampedModel):
    """Traffic-light bands of an indicator, respecting its direction.

    Higher is better: value ≥ green_from → green, ≥ yellow_from → yellow, else red. Lower is better: value
    ≤ green_from → green, ≤ yellow_from → yellow, else red. In relative mode the value is first divided by
    the target. An indicator without a target gets no colour.
    """

    indicator = models.CharField(_("mã chỉ tiêu"), max_length=80, unique=True)
    mode = models.CharField(_("cách so"), max_length=10, choices=LegendMode.choices, default=LegendMode.RELATIVE)
    green_from = models.DecimalField(_("ngưỡng xanh"), max_digits=20, decimal_places=4)
    yellow_from = models.DecimalField(_("ngưỡng vàng"), max_digits=20, decimal_places=4)
    green_label = models.CharField(_("nhãn xanh"), max_length=60, default=_("Đạt"))
    yellow_label = models.CharField(_("nhãn vàng"), max_length=60, default=_("Cần cố gắng"))
    red_label = models.CharField(_("nhãn đỏ"), max_length=60, default=_("Chưa đạt"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thang màu")
        verbose_name_plural = _("thang màu")
        ordering = ["indicator"]

    def __str__(self) -> str:
        return self.indicator


class RubricItem(TimeStampedModel):
    """Points an indicator can give in the provincial CCHC index, by bands (e.g. on-time ≥ 98% → full)."""

    name = models.CharField(_("tên tiêu chí"), max_length=200)
    indicator = models.CharField(_("mã chỉ tiêu"), max_length=80, unique=True)
    area = models.PositiveSmallIntegerField(_("lĩnh vực"), choices=ReformArea.choices)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tiêu chí chấm điểm")
        verbose_name_plural = _("tiêu chí chấm điểm")
        ordering = ["area", "indicator"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_points__gt=0),
                name="rubricitem_points_positive",
                violation_error_message=_("Điểm tối đa phải lớn hơn 0."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RubricBand(models.Model):
    """One step of a rubric item: a value at or past `threshold` (in the indicator's direction) earns `points`."""

    item = models.ForeignKey(RubricItem, verbose_name=_("tiêu chí"), on_delete=models.CASCADE, related_name="bands")
    threshold = models.DecimalField(_("ngưỡng"), max_digits=20, decimal_places=4)
    points = models.DecimalField(_("điểm"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("mức điểm")
        verbose_name_plural = _("mức điểm")
        ordering = ["item", "-points"]
        constraints = [
            models.CheckConstraint(
                condition=Q(points__gte=0),
                name="rubricband_points_not_negative",
                violation_error_message=_("Điểm không được âm."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.threshold} → {self.points}"

    def clean(self):
        if self.item_id and self.points > self.item.max_points:
            raise ValidationError({"points": _("Điểm: không được lớn hơn điểm tối đa của tiêu chí.")})


# The document form of the narrative report and the managers' edits (reports/document/).
from .document.models import DocumentSetting, NarrativeEdit  # noqa: E402, F401
from .indicator_models import IndicatorDefinition  # noqa: E402,F401  (a model of this app, kept in its own module)

# Published scorecards and corrective actions live in their own package, as models of this app.
from .publishing.models import (  # noqa: E402, F401
    ActionUpdate,
    CorrectiveAction,
    Publication,
    PublicationFile,
)
