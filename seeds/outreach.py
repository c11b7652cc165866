"""Outreach reference data: the province's outlets, and the Q1-2020 report's counts as the article gives them.

The article ("Báo cáo kết quả CCHC quý I/2020" of Cao Bằng) publishes totals, not lists: "Báo Cao Bằng
12 tin, bài" (news items and articles together, not split) and "Đài Phát thanh và Truyền hình tỉnh 72 tin
và 12 phóng sự". They are entered as typed counts through the section's service.
"""

from __future__ import annotations

from cchc.models import Report
from outreach import services
from outreach.choices import ItemKind, OutletKind
from outreach.models import MediaOutlet, OutreachCount

NEWSPAPER = "Báo Cao Bằng"
RADIO_TV = "Đài Phát thanh và Truyền hình tỉnh Cao Bằng"

OUTLETS = [
    (NEWSPAPER, OutletKind.NEWSPAPER),
    (RADIO_TV, OutletKind.RADIO_TV),
]

Q1_2020_PROVINCE_COUNTS = [
    (NEWSPAPER, ItemKind.NEWS_OR_ARTICLE, 12),
    (RADIO_TV, ItemKind.NEWS, 72),
    (RADIO_TV, ItemKind.REPORTAGE, 12),
]


def load_outlets() -> dict[str, MediaOutlet]:
    """The outlets of the register, by name (idempotent)."""
    return {name: services.outlet_upsert(name=name, kind=kind) for name, kind in OUTLETS}


def save_q1_2020(report: Report) -> list[OutreachCount]:
    """The province's Q1-2020 typed counts. Call inside report_update (an `apply`); safe to run again."""
    outlets = load_outlets()
    return [
        services.count_upsert(report=report, outlet=outlets[name], kind=kind, count=count)
        for name, kind, count in Q1_2020_PROVINCE_COUNTS
    ]
