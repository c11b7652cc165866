"""Vocabularies of media outreach about administrative reform."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutletKind(models.TextChoices):
    NEWSPAPER = "newspaper", _("Báo, tạp chí")
    RADIO_TV = "radio_tv", _("Đài phát thanh, truyền hình")
    WEB_PORTAL = "web_portal", _("Cổng, trang thông tin điện tử")
    OTHER = "other", _("Khác")


class ItemKind(models.TextChoices):
    """What was published. `NEWS_OR_ARTICLE` is for sources that publish one total of news items and
    articles together ("12 tin, bài"), not split: it counts as news and articles, never as a third kind."""

    NEWS = "news", _("Tin")
    ARTICLE = "article", _("Bài viết")
    NEWS_OR_ARTICLE = "news_or_article", _("Tin, bài (không tách)")
    REPORTAGE = "reportage", _("Phóng sự")
    COLUMN = "column", _("Chuyên mục, chuyên trang")
    EVENT = "event", _("Sự kiện, cuộc thi")


# The kinds that make up "tin, bài": a typed "không tách" total is compared with their sum.
NEWS_AND_ARTICLES = (ItemKind.NEWS, ItemKind.ARTICLE, ItemKind.NEWS_OR_ARTICLE)


class ReformScope(models.TextChoices):
    """Whether an item is about the reform of the country (central government) or of the locality."""

    LOCAL = "local", _("CCHC của địa phương")
    NATIONAL = "national", _("CCHC của Trung ương, cả nước")


class CountSource(models.TextChoices):
    """Where the section's table of counts comes from."""

    ITEMS = "items", _("Tính từ các tin, bài đã nhập")
    TYPED = "typed", _("Theo số liệu nhập tổng hợp")


class DocumentKind(models.TextChoices):
    """What a direction document is: a sentence names it ("Kế hoạch số …", "Công điện số …")."""

    PLAN = "plan", _("Kế hoạch")
    DECISION = "decision", _("Quyết định")
    DIRECTIVE = "directive", _("Chỉ thị")
    LETTER = "letter", _("Công văn")
    TELEGRAM = "telegram", _("Công điện")
    NOTICE = "notice", _("Thông báo")
    OTHER = "other", _("Văn bản")
