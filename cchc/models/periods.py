"""Reporting periods: quarters and months (6-month, 9-month, year and month-range views are roll-ups, never stored).

See docs/periods.md: a month row carries its quarter too (`quarter` = the month's quarter), so every query by
`(year, quarter)` keeps its meaning through `Period.objects`, which holds quarters only; `Period.every` holds
months as well.
"""

from collections.abc import Iterable

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .base import TimeStampedModel

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def quarter_of_month(month: int) -> int:
    """The calendar quarter (1–4) a month (1–12) belongs to."""
    return (month - 1) // 3 + 1


def period_query(keys: Iterable[tuple[int, ...]], prefix: str = "") -> Q:
    """The Period rows of the keys: (year, quarter) a quarter, (year, quarter, month) a month. With `prefix`
    (e.g. "report__period__") the same condition on a related period."""
    query = Q()
    for key in keys:
        if len(key) == 3:
            query |= Q(**{f"{prefix}year": key[0], f"{prefix}quarter": key[1], f"{prefix}month": key[2]})
        else:
            query |= Q(**{f"{prefix}year": key[0], f"{prefix}quarter": key[1], f"{prefix}month__isnull": True})
    return query


class QuarterManager(models.Manager):
    """Quarter periods only: every caller written before months existed means a quarter by (year, quarter).

    Kept in migrations too, so a data migration's `Period.objects` reads quarters as it always did.
    """

    use_in_migrations = True

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(month__isnull=True)


class Period(TimeStampedModel):
    """A reporting quarter, or a month where a section reports monthly, with its data window and deadline.

    A month period has `month` set and `quarter` = the month's quarter; a quarter period has no month.
    6-month, 9-month, year and month-range views are roll-ups computed by the figure layer; they are never
    stored as periods. `Period.objects` holds quarters only (so `(year, quarter)` lookups stay unambiguous);
    `Period.every` holds months too and is the default manager (admin, forms, constraint validation).
    """

    year = models.PositiveSmallIntegerField(_("năm"))
    quarter = models.PositiveSmallIntegerField(_("quý"), choices=[(q, ROMAN[q]) for q in ROMAN])
    month = models.PositiveSmallIntegerField(
        _("tháng"),
        null=True,
        blank=True,
        choices=[(m, str(m)) for m in range(1, 13)],
        help_text=_("Để trống với kỳ quý; kỳ tháng ghi tháng (quý phải là quý của tháng đó)."),
    )
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

    every = models.Manager()
    objects = QuarterManager()

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        default_manager_name = "every"
        # Within a quarter: the quarter itself first, then its months newest first (NULL sorts alike on both DBs).
        ordering = ["-year", "-quarter", models.F("month").desc(nulls_first=True)]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "quarter"],
                condition=Q(month__isnull=True),
                name="period_unique_quarter",
                violation_error_message=_("Kỳ báo cáo của quý này đã có."),
            ),
            models.UniqueConstraint(
                fields=["year", "month"],
                condition=Q(month__isnull=False),
                name="period_unique_month",
                violation_error_message=_("Kỳ báo cáo của tháng này đã có."),
            ),
            models.CheckConstraint(
                condition=Q(month__isnull=True)
                | Q(month__in=[1, 2, 3], quarter=1)
                | Q(month__in=[4, 5, 6], quarter=2)
                | Q(month__in=[7, 8, 9], quarter=3)
                | Q(month__in=[10, 11, 12], quarter=4),
                name="period_month_in_quarter",
                violation_error_message=_("Tháng phải thuộc quý đã chọn."),
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
        if self.month is not None:
            return _("Tháng %(m)s/%(y)s") % {"m": self.month, "y": self.year}
        return _("Quý %(q)s/%(y)s") % {"q": ROMAN.get(self.quarter, self.quarter), "y": self.year}

    @property
    def is_month(self) -> bool:
        return self.month is not None

    @property
    def code(self) -> str:
        """2022-Q3 for a quarter, 2022-08 for a month (the codes `PeriodSpan.parse` reads)."""
        if self.month is not None:
            return f"{self.year}-{self.month:02d}"
        return f"{self.year}-Q{self.quarter}"

    @property
    def key(self) -> tuple[int, ...]:
        """The figure layer's key: (year, quarter) for a quarter, (year, quarter, month) for a month.

        Sorted keys put a quarter before its months and its months before the next quarter.
        """
        if self.month is not None:
            return (self.year, self.quarter, self.month)
        return (self.year, self.quarter)
