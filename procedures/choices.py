"""Vocabularies of administrative procedures and the one-stop ledger."""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProcedureLevel(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


class ProcedureStatus(models.TextChoices):
    IN_FORCE = "in_force", _("Đang có hiệu lực")
    AMENDED = "amended", _("Sửa đổi, bổ sung")
    ABOLISHED = "abolished", _("Đã bãi bỏ")


class OnlineLevel(models.TextChoices):
    """Both vocabularies: "mức độ 1–4" before Decree 42/2022/NĐ-CP, "toàn trình / một phần" after.

    Mapping (docs/procedures.md): mức độ 3 ≈ một phần, mức độ 4 ≈ toàn trình; mức độ 1–2 only publish
    information and count as not online in both vocabularies.
    """

    NONE = "none", _("Không cung cấp trực tuyến")
    LEVEL_1 = "level_1", _("Mức độ 1")
    LEVEL_2 = "level_2", _("Mức độ 2")
    LEVEL_3 = "level_3", _("Mức độ 3")
    LEVEL_4 = "level_4", _("Mức độ 4")
    PARTIAL = "partial", _("Một phần")
    FULL = "full", _("Toàn trình")


# Decree 42/2022/NĐ-CP took effect on 01/08/2022: quarters from Q3-2022 speak the new vocabulary.
DECREE_42_IN_FORCE = dt.date(2022, 8, 1)
# Keyed by the stored value (a plain str from the database or a form is looked up as well as the enum).
OLD_TO_NEW: dict[str, str] = {OnlineLevel.LEVEL_3: OnlineLevel.PARTIAL, OnlineLevel.LEVEL_4: OnlineLevel.FULL}
NEW_TO_OLD: dict[str, str] = {new: old for old, new in OLD_TO_NEW.items()}
ONLINE_LEVELS = {OnlineLevel.LEVEL_3, OnlineLevel.LEVEL_4, OnlineLevel.PARTIAL, OnlineLevel.FULL}


def online_level_in_period(level: str, period_end: dt.date) -> str:
    """The label of an online level in the vocabulary of the period that ends on `period_end`."""
    if period_end >= DECREE_42_IN_FORCE:
        level = OLD_TO_NEW.get(level, level)
        if level in (OnlineLevel.LEVEL_1, OnlineLevel.LEVEL_2):
            level = OnlineLevel.NONE
    else:
        level = NEW_TO_OLD.get(level, level)
    return OnlineLevel(level).label


class DecisionKind(models.TextChoices):
    PUBLISH = "publish", _("Công bố thủ tục hành chính")
    WORKFLOWS = "workflows", _("Phê duyệt quy trình nội bộ")
    OTHER = "other", _("Khác")


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    POSTAL = "postal", _("Qua dịch vụ bưu chính công ích")


class DossierStatus(models.TextChoices):
    PENDING = "pending", _("Đang giải quyết")
    RESOLVED = "resolved", _("Đã giải quyết")
    RETURNED = "returned", _("Trả lại")
    WITHDRAWN = "withdrawn", _("Rút hồ sơ")
