"""Reports (one per unit and period: the lock and workflow state of its figures) and `ReportPart`, the base of
every model that holds a report's figures."""

import datetime as dt
from collections.abc import Collection
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import ReportStatus
from ..constraints import constraints_validate
from ..lockguard import ReportPartManager
from ..locks import assert_writable, current_actor
from .base import TimeStampedModel
from .periods import Period
from .units import Unit


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

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk and self.content_changed():
            self.assert_writable()
        super().save(*args, **kwargs)
        self._loaded = {f.attname: getattr(self, f.attname) for f in self._meta.concrete_fields}

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
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

    def assert_writable(self, instance: models.Model | None = None) -> None:
        """Refuse a write to this report's figures while it is locked (approved or period closed; a month's
        also when the unit's quarter report is approved or the quarter closed)."""
        loaded = getattr(self, "_loaded", {})
        assert_writable(
            instance if instance is not None else self,
            status=loaded.get("status", self.status),
            period_open=self.period.is_open,
            report=self,  # a month report is locked by its quarter too (cchc/locks.py)
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
        reference = self.submitted_date or today or timezone.localdate()  # submitted_date: None until submitted
        return max(0, (reference - self.period.deadline).days)

    @property
    def is_on_time(self) -> bool | None:
        submitted = self.submitted_date
        return None if submitted is None else submitted <= self.period.deadline


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

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.report.assert_writable(self)
        self._set_history_user()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        self.report.assert_writable(self)
        self._set_history_user()
        return super().delete(*args, **kwargs)

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        """Django's validation of the constraints, but check constraints evaluated in Python where possible
        (cchc/constraints.py): a section's form validated ~14 of them per row with a query each (issue 12)."""
        constraints_validate(self, exclude)

    def _set_history_user(self) -> None:
        if getattr(self, "_history_user", None) is None and current_actor() is not None:
            self._history_user = current_actor()
