"""Direction and outreach (reform area 1): the documents a unit issued to direct the reform in the quarter;
media outreach — the register of outlets, the items they published, and the counts a report gives when it has
no list of items."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cchc.models import ReportPart, TimeStampedModel
from cchc.text import fold, nfc
from cchc.validators import validate_document_number

from .choices import DocumentKind, ItemKind, OutletKind, ReformScope


def normalise_link(value: str | None) -> str:
    """The form a link is stored and compared in: trimmed, scheme and host in lower case, no #fragment.

    "HTTPS://BaoCaoBang.vn/tin-1#top" and "https://baocaobang.vn/tin-1" are the same item.
    """
    value = nfc(value)
    if not value:
        return ""
    parts = urlsplit(value)
    if not parts.scheme or not parts.netloc:
        return value  # not a URL: left for the URL validator to refuse as typed
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def _date(day) -> str:
    return day.strftime("%d/%m/%Y")


class MediaOutlet(TimeStampedModel):
    """A newspaper, radio-television station, web portal or other outlet that publishes about the reform.

    The province's register: admins add outlets, every report picks from them.
    """

    name = models.CharField(_("tên cơ quan báo chí"), max_length=200)
    name_search = models.CharField(max_length=200, editable=False, db_index=True, default="")
    kind = models.CharField(_("loại hình"), max_length=16, choices=OutletKind.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cơ quan báo chí")
        verbose_name_plural = _("cơ quan báo chí")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"],
                name="mediaoutlet_unique_name",
                violation_error_message=_("Tên cơ quan báo chí: đã có trong danh mục."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        self.name = " ".join(nfc(self.name).split())

    def save(self, *args, **kwargs):
        self.name = " ".join(nfc(self.name).split())
        self.name_search = fold(self.name)
        super().save(*args, **kwargs)


class OutreachItem(ReportPart):
    """One news item, article, reportage, column or event published in the report's quarter.

    The report gives the reporting unit and the quarter; the date must fall within the quarter. A link
    is recorded once in the whole portal (the database refuses a second), so an article is never counted
    by two reports.
    """

    outlet = models.ForeignKey(
        MediaOutlet,
        verbose_name=_("cơ quan báo chí"),
        on_delete=models.PROTECT,
        related_name="items",
        error_messages={"invalid": _("Cơ quan báo chí: không có trong danh mục (mã %(value)r).")},
    )
    published_on = models.DateField(_("ngày đăng, phát"))
    kind = models.CharField(_("loại tin, bài"), max_length=16, choices=ItemKind.choices)
    title = models.CharField(_("tiêu đề"), max_length=500)
    title_search = models.CharField(max_length=500, editable=False, db_index=True, default="")
    link = models.URLField(
        _("đường dẫn"),
        max_length=500,
        blank=True,
        help_text=_("Địa chỉ của tin, bài trên mạng (nếu có), bắt đầu bằng http:// hoặc https://."),
        error_messages={"invalid": _("Đường dẫn: không phải địa chỉ web hợp lệ (ví dụ: https://baocaobang.vn/...).")},
    )
    scope = models.CharField(
        _("phạm vi nội dung"), max_length=16, choices=ReformScope.choices, default=ReformScope.LOCAL
    )
    # The folded search key is derived from the title: not a change of its own in the report's history.
    history = HistoricalRecords(excluded_fields=["title_search"])

    class Meta:
        verbose_name = _("tin, bài tuyên truyền CCHC")
        verbose_name_plural = _("tin, bài tuyên truyền CCHC")
        ordering = ["published_on", "pk"]
        indexes = [models.Index(fields=["outlet", "kind"], name="outreachitem_outlet_kind")]
        constraints = [
            models.UniqueConstraint(
                fields=["link"],
                condition=~Q(link=""),
                name="outreachitem_unique_link",
                violation_error_message=_("Đường dẫn: tin, bài có đường dẫn này đã được nhập."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean_fields(self, exclude=None):
        # The link is validated in the form it is stored in (" HTTPS://X.vn/a#b " is a valid link).
        self.title = nfc(self.title)
        self.link = normalise_link(self.link)
        super().clean_fields(exclude=exclude)

    def clean(self):
        if self.published_on and self.report_id:
            period = self.report.period
            if not period.start_date <= self.published_on <= period.end_date:
                raise ValidationError(
                    {
                        "published_on": _(
                            "Ngày đăng, phát: %(day)s nằm ngoài kỳ báo cáo %(period)s (%(start)s – %(end)s)."
                        )
                        % {
                            "day": _date(self.published_on),
                            "period": period,
                            "start": _date(period.start_date),
                            "end": _date(period.end_date),
                        }
                    }
                )

    def save(self, *args, **kwargs):
        self.title = nfc(self.title)
        self.title_search = fold(self.title)
        self.link = normalise_link(self.link)
        super().save(*args, **kwargs)


class OutreachCount(ReportPart):
    """How many items of one kind an outlet published in the quarter, as the source gives it.

    Used when the report has no list of items ("Báo Cao Bằng: 12 tin, bài"); when it has one, the
    section's table counts the items and a typed count that disagrees is a warning.
    """

    outlet = models.ForeignKey(
        MediaOutlet,
        verbose_name=_("cơ quan báo chí"),
        on_delete=models.PROTECT,
        related_name="counts",
        error_messages={"invalid": _("Cơ quan báo chí: không có trong danh mục (mã %(value)r).")},
    )
    kind = models.CharField(_("loại tin, bài"), max_length=16, choices=ItemKind.choices)
    count = models.PositiveIntegerField(_("số lượng"), error_messages={"min_value": _("Số lượng: không được âm.")})
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số tin, bài tuyên truyền (nhập tổng hợp)")
        verbose_name_plural = _("số tin, bài tuyên truyền (nhập tổng hợp)")
        ordering = ["outlet__name", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "outlet", "kind"],
                name="outreachcount_unique_outlet_kind",
                violation_error_message=_("Cơ quan báo chí và loại tin, bài này đã có trong báo cáo."),
            ),
            models.CheckConstraint(
                condition=Q(count__gte=0),
                name="outreachcount_count_not_negative",
                violation_error_message=_("Số lượng: không được âm."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} — {self.outlet} — {self.get_kind_display()}"


class DirectionDocument(ReportPart):
    """A document issued in the quarter to direct the reform: its number, date, issuer, kind and title.

    The narrative lists them ("Quyết định số 57/QĐ-UBND ngày 04/02/2020 của UBND tỉnh về …"); the issuer is
    who signed it (UBND tỉnh, Chủ tịch UBND tỉnh, Sở Nội vụ), blank for the reporting unit itself.
    """

    kind = models.CharField(_("loại văn bản"), max_length=16, choices=DocumentKind.choices)
    number = models.CharField(_("số, ký hiệu"), max_length=60, validators=[validate_document_number])
    issued_on = models.DateField(_("ngày ban hành"))
    issuer = models.CharField(
        _("cơ quan, người ban hành"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: UBND tỉnh, Chủ tịch UBND tỉnh; để trống nếu là đơn vị báo cáo."),
    )
    title = models.CharField(_("trích yếu"), max_length=500, help_text=_("Ví dụ: ban hành Kế hoạch CCHC năm 2020"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("văn bản chỉ đạo, điều hành CCHC")
        verbose_name_plural = _("văn bản chỉ đạo, điều hành CCHC")
        ordering = ["issued_on", "pk"]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"

    def save(self, *args, **kwargs):
        self.number, self.issuer, self.title = nfc(self.number), nfc(self.issuer), nfc(self.title)
        super().save(*args, **kwargs)
