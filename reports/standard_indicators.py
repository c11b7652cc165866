"""The portal's standard indicators kept as formulas (editable by admins), created after every migrate.

These are shares provinces publish beside the ones declared in code: late and early shares, shares of the
dossiers processed, the pending-overdue share, the procedures offered online by level, each rating grade.
A row is created only when its code is missing, so an admin's edits (or deactivation) are never overwritten.
"""

from __future__ import annotations

from cchc.choices import ReformArea
from cchc.indicators import Direction

P, CS = ReformArea.PROCEDURES, ReformArea.CIVIL_SERVICE
LOWER = Direction.LOWER_IS_BETTER
ONLINE = "tthc.catalogue_in_force@online:"
GRADE = "cv.rated@grade:"

# (code, name, English name, area, numerator, denominator, numerator label, denominator label, direction)
STANDARD = [
    ("tthc.early_share", "Tỷ lệ hồ sơ giải quyết trước hạn", "Early share of resolved dossiers", P,
     "tthc.resolved_early", "tthc.resolved_with_split", "trước hạn", "đã giải quyết", None),
    ("tthc.late_share", "Tỷ lệ hồ sơ giải quyết trễ hạn", "Late share of resolved dossiers", P,
     "tthc.resolved_late", "tthc.resolved_with_split", "trễ hạn", "đã giải quyết", LOWER),
    ("tthc.resolved_share_processed", "Tỷ lệ hồ sơ đã giải quyết trên số đã xử lý",
     "Resolved share of processed dossiers", P, "tthc.resolved_total", "tthc.processed", "đã giải quyết",
     "đã xử lý (giải quyết, trả lại, rút)", None),
    ("tthc.late_share_processed", "Tỷ lệ hồ sơ trễ hạn trên số đã xử lý", "Late share of processed dossiers", P,
     "tthc.resolved_late", "tthc.processed", "trễ hạn", "đã xử lý (giải quyết, trả lại, rút)", LOWER),
    ("tthc.pending_overdue_share", "Tỷ lệ hồ sơ quá hạn trong số đang giải quyết",
     "Overdue share of pending dossiers", P, "tthc.pending_overdue", "tthc.pending_total", "đang giải quyết quá hạn",
     "đang giải quyết", LOWER),
    ("tthc.full_online_share", "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến toàn trình",
     "Share of procedures fully online", P, ONLINE + "full", "tthc.catalogue_in_force", "TTHC toàn trình",
     "TTHC đang có hiệu lực", None),
    ("tthc.partial_online_share", "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến một phần",
     "Share of procedures partly online", P, ONLINE + "partial", "tthc.catalogue_in_force", "TTHC một phần",
     "TTHC đang có hiệu lực", None),
    ("tthc.level4_share", "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến mức độ 4",
     "Share of procedures online at level 4", P, ONLINE + "level_4", "tthc.catalogue_in_force", "TTHC mức độ 4",
     "TTHC đang có hiệu lực", None),
    ("tthc.level3_share", "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến mức độ 3",
     "Share of procedures online at level 3", P, ONLINE + "level_3", "tthc.catalogue_in_force", "TTHC mức độ 3",
     "TTHC đang có hiệu lực", None),
    ("cv.share_good", "Tỷ lệ hoàn thành tốt nhiệm vụ", "Share rated good", CS, GRADE + "good", "cv.rated", "tốt",
     "tổng số", None),
    ("cv.share_completed", "Tỷ lệ hoàn thành nhiệm vụ", "Share rated completed", CS, GRADE + "completed",
     "cv.rated", "hoàn thành", "tổng số", None),
]  # fmt: skip


def ensure_standard_indicators(**_kwargs) -> None:
    """post_migrate: create the standard indicators that are missing (never update an existing row)."""
    from .models import IndicatorDefinition

    existing = set(IndicatorDefinition.objects.values_list("code", flat=True))
    IndicatorDefinition.objects.bulk_create(
        [
            IndicatorDefinition(
                code=code,
                name=name,
                name_en=name_en,
                area=area,
                unit_of_measure="%",
                numerator=numerator,
                denominator=denominator,
                numerator_label=top,
                denominator_label=bottom,
                decimals=2,
                direction=direction or Direction.HIGHER_IS_BETTER,
                standard=True,
            )
            for code, name, name_en, area, numerator, denominator, top, bottom, direction in STANDARD
            if code not in existing
        ]
    )


def loaded_replaces_standard(sender, instance, raw=False, **_kwargs) -> None:
    """pre_save: a row loaded from a dump (loaddata, raw) replaces the standard row of the same code that
    `migrate` created in the fresh database, so restoring a backup keeps the dump's rows and admins' edits."""
    if raw:
        sender.objects.filter(code=instance.code).exclude(pk=instance.pk).delete()
