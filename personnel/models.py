"""Organisation and civil service: staffing, ratings, downsizing, restructuring. Counts, never named persons."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cchc.models import ReportPart, TimeStampedModel, Unit
from cchc.text import nfc
from cchc.validators import validate_document_number

from .choices import GRADE_FIELDS, StaffCategory

HUNDRED = Decimal(100)


def share(part: int | None, total: int | None) -> Decimal | None:
    """A percentage to two decimals, rounded half up as offices do (1.809 / 21.635 → 8.36)."""
    if part is None or not total:
        return None
    return (Decimal(part) * HUNDRED / Decimal(total)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class PersonnelFigures(ReportPart):
    """A report's staffing, leadership-rating and restructuring counts (None = not reported)."""

    quota_year = models.PositiveSmallIntegerField(_("năm giao biên chế"), null=True, blank=True)
    quota = models.PositiveIntegerField(_("biên chế công chức được giao"), null=True, blank=True)
    headcount = models.PositiveIntegerField(_("số công chức hiện có"), null=True, blank=True)
    collectives_rated = models.PositiveIntegerField(
        _("tập thể lãnh đạo được đánh giá, xếp loại"), null=True, blank=True
    )
    individuals_decided = models.PositiveIntegerField(_("cá nhân được quyết định xếp loại"), null=True, blank=True)
    individuals_proposed = models.PositiveIntegerField(
        _("cá nhân đề xuất mức xếp loại (diện Ban Thường vụ quản lý)"), null=True, blank=True
    )
    districts_merged = models.PositiveIntegerField(_("đơn vị hành chính cấp huyện được sắp xếp"), null=True, blank=True)
    communes_merged = models.PositiveIntegerField(_("đơn vị hành chính cấp xã được sắp xếp"), null=True, blank=True)
    district_officials_reassigned = models.PositiveIntegerField(
        _("cán bộ, công chức cấp huyện được bố trí, sắp xếp"), null=True, blank=True
    )
    commune_officials_reassigned = models.PositiveIntegerField(
        _("cán bộ, công chức cấp xã được bố trí, sắp xếp"), null=True, blank=True
    )
    policy_cases = models.PositiveIntegerField(_("trường hợp được thực hiện chế độ, chính sách"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số liệu tổ chức bộ máy và công vụ")
        verbose_name_plural = _("số liệu tổ chức bộ máy và công vụ")
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                name="personnelfigures_one_per_report",
                violation_error_message=_("Báo cáo này đã có số liệu tổ chức bộ máy."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.report)

    @property
    def quota_filled(self) -> Decimal | None:
        return share(self.headcount, self.quota)


class QualityRating(ReportPart):
    """The annual quality rating of one category of staff of a unit, entered in the quarter it is published.

    One rating year and category is reported once per unit (the database refuses a second). Total and
    shares are computed from the four grades, never typed.
    """

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="ratings", editable=False
    )
    rating_year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    category = models.CharField(_("đối tượng"), max_length=20, choices=StaffCategory.choices, default=StaffCategory.ALL)
    excellent = models.PositiveIntegerField(_("hoàn thành xuất sắc nhiệm vụ"))
    good = models.PositiveIntegerField(_("hoàn thành tốt nhiệm vụ"))
    completed = models.PositiveIntegerField(_("hoàn thành nhiệm vụ"))
    not_completed = models.PositiveIntegerField(_("không hoàn thành nhiệm vụ"))
    published_total = models.PositiveIntegerField(
        _("tổng số theo văn bản công bố"),
        null=True,
        blank=True,
        help_text=_("Nếu văn bản công bố có tổng số: các loại xếp loại phải cộng đúng bằng số này."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kết quả đánh giá, xếp loại chất lượng")
        verbose_name_plural = _("kết quả đánh giá, xếp loại chất lượng")
        ordering = ["-rating_year", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "rating_year", "category"],
                name="qualityrating_once_per_unit_year",
                violation_error_message=_("Kết quả đánh giá năm này của đơn vị đã được nhập."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.rating_year} — {self.get_category_display()}"

    def save(self, *args, **kwargs):
        self.unit_id = self.report.unit_id
        super().save(*args, **kwargs)

    @property
    def total_mismatch(self) -> bool:
        return self.published_total is not None and self.published_total != self.total

    @property
    def total(self) -> int:
        return sum(getattr(self, name) or 0 for name in GRADE_FIELDS)

    @property
    def shares(self) -> dict[str, Decimal | None]:
        total = self.total
        return {name: share(getattr(self, name), total) for name in GRADE_FIELDS}


class JobPositionScheme(ReportPart):
    """A job-position scheme (đề án vị trí việc làm) approved in the quarter, and the decision approving it."""

    name = models.CharField(_("đề án"), max_length=300)
    decision_number = models.CharField(
        _("số quyết định"), max_length=60, blank=True, validators=[validate_document_number]
    )
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đề án vị trí việc làm")
        verbose_name_plural = _("đề án vị trí việc làm")
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name, self.decision_number = nfc(self.name), nfc(self.decision_number)
        super().save(*args, **kwargs)


class LegalBasis(TimeStampedModel):
    """A legal basis of downsizing (Decree 108/2014/NĐ-CP, 113/2018/NĐ-CP, later ones): admins add new ones."""

    number = models.CharField(_("số hiệu"), max_length=60, unique=True, validators=[validate_document_number])
    name = models.CharField(_("tên văn bản"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("căn cứ tinh giản biên chế")
        verbose_name_plural = _("căn cứ tinh giản biên chế")
        ordering = ["number"]

    def __str__(self) -> str:
        return _("Nghị định %(number)s") % {"number": self.number}


class DownsizingApproval(ReportPart):
    """Downsizing cases approved in the quarter: batch and round of a year, legal bases, approving decision."""

    year = models.PositiveSmallIntegerField(_("năm"))
    batch = models.CharField(_("đợt"), max_length=20, help_text=_("Ví dụ: I"))
    round = models.PositiveSmallIntegerField(_("lần"), null=True, blank=True)
    cases = models.PositiveIntegerField(_("số trường hợp"))
    legal_bases = models.ManyToManyField(LegalBasis, verbose_name=_("căn cứ"), related_name="approvals")
    decision_number = models.CharField(
        _("số quyết định phê duyệt"), max_length=60, blank=True, validators=[validate_document_number]
    )
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[legal_bases])

    class Meta:
        verbose_name = _("tinh giản biên chế")
        verbose_name_plural = _("tinh giản biên chế")
        ordering = ["report", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cases__gte=1),
                name="downsizing_cases_positive",
                violation_error_message=_("Số trường hợp phải lớn hơn 0."),
            ),
        ]

    def __str__(self) -> str:
        return _("Đợt %(batch)s năm %(year)s") % {"batch": self.batch, "year": self.year}


class UnitMerger(TimeStampedModel):
    """A merger of administrative units recorded by an admin; `services.merger_apply` changes the unit tree.

    The merged units end the day before `effective_on` and name `into` as their successor.
    """

    merged = models.ManyToManyField(Unit, verbose_name=_("các đơn vị được sáp nhập"), related_name="mergers_out")
    into = models.ForeignKey(
        Unit, verbose_name=_("đơn vị sau sắp xếp"), on_delete=models.PROTECT, related_name="mergers_in"
    )
    effective_on = models.DateField(_("có hiệu lực từ ngày"))
    resolution = models.CharField(_("nghị quyết"), max_length=60, validators=[validate_document_number])
    history = HistoricalRecords(m2m_fields=[merged])

    class Meta:
        verbose_name = _("sắp xếp đơn vị hành chính")
        verbose_name_plural = _("sắp xếp đơn vị hành chính")
        ordering = ["-effective_on"]

    def __str__(self) -> str:
        return _("Sắp xếp vào %(into)s từ %(date)s") % {
            "into": self.into,
            "date": self.effective_on.strftime("%d/%m/%Y"),
        }
