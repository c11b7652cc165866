"""Vocabularies of the shared schema."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("UBND tỉnh")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    DISTRICT = "district", _("UBND huyện, thành phố")
    COMMUNE = "commune", _("UBND xã, phường, thị trấn")
    SERVICE_CENTRE = "service_centre", _("Trung tâm Phục vụ hành chính công")
    PUBLIC_SERVICE_UNIT = "public_service_unit", _("Đơn vị sự nghiệp công lập")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Trả lại")


# Reports whose figures are not reported yet: the clerk's work in progress (a draft, or a report returned for
# correction). Outputs never show their figures (cchc.figures.figures_read leaves them out); lists that show
# their rows mark them "Bản nháp" (docs/security.md, "Drafts are not reported figures").
UNREPORTED_STATUSES = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})


class Role(models.TextChoices):
    CLERK = "clerk", _("Cán bộ nhập liệu")
    MANAGER = "manager", _("Lãnh đạo duyệt báo cáo")
    VIEWER = "viewer", _("Người xem")


class ReformArea(models.IntegerChoices):
    """The seven reform areas in the order the report outline follows (DOMAIN.md), plus the closing part."""

    DIRECTION = 1, _("Chỉ đạo, điều hành và tuyên truyền")
    INSTITUTIONS = 2, _("Cải cách thể chế")
    PROCEDURES = 3, _("Cải cách thủ tục hành chính")
    ORGANISATION = 4, _("Cải cách tổ chức bộ máy")
    CIVIL_SERVICE = 5, _("Cải cách chế độ công vụ")
    PUBLIC_FINANCE = 6, _("Cải cách tài chính công")
    EGOVERNMENT = 7, _("Xây dựng chính quyền điện tử, hiện đại hóa hành chính")
    CONCLUSION = 8, _("Hạn chế, nguyên nhân và nhiệm vụ trọng tâm")


class FigureType(models.TextChoices):
    INTEGER = "integer", _("Số nguyên")
    DECIMAL = "decimal", _("Số thập phân")
    PERCENT = "percent", _("Tỷ lệ phần trăm")
    TEXT = "text", _("Văn bản")
    DATE = "date", _("Ngày")
    DOCUMENT_NUMBER = "document_number", _("Số hiệu văn bản")


NUMERIC_FIGURE_TYPES = (FigureType.INTEGER, FigureType.DECIMAL, FigureType.PERCENT)


class Measure(models.TextChoices):
    """How a figure adds up over quarters: a flow sums, a stock takes the latest quarter."""

    FLOW = "flow", _("Phát sinh trong kỳ (cộng dồn)")
    STOCK = "stock", _("Số tại thời điểm (lấy kỳ gần nhất)")
