"""Rows for the outreach services, and writes through them the way the report page writes."""

import datetime as dt

from cchc import services as cchc_services
from outreach import services
from outreach.choices import ItemKind, ReformScope

NEWSPAPER = "Báo Cao Bằng"
RADIO_TV = "Đài Phát thanh và Truyền hình tỉnh Cao Bằng"


def item(outlet, number=1, **values) -> dict:
    """A row for items_save: a news item of `outlet` in Q1-2020 with its own link."""
    row = {
        "id": None,
        "outlet": outlet,
        "published_on": dt.date(2020, 2, 10),
        "kind": ItemKind.NEWS,
        "title": f"Cao Bằng đẩy mạnh cải cách hành chính (kỳ {number})",
        "link": f"https://baocaobang.vn/cai-cach-hanh-chinh-{number}.html",
        "scope": ReformScope.LOCAL,
    }
    row.update(values)
    return row


def count(outlet, kind, n, **values) -> dict:
    return {"id": None, "outlet": outlet, "kind": kind, "count": n, **values}


def save_items(report, user, *rows, delete_ids=()):
    """Write items the way the page does: through the section's service, inside report_update."""
    return cchc_services.report_update(
        report=report,
        user=user,
        expected_version=report.version,
        apply=lambda locked: services.items_save(report=locked, rows=list(rows), delete_ids=list(delete_ids)),
    )


def save_counts(report, user, *rows, delete_ids=()):
    return cchc_services.report_update(
        report=report,
        user=user,
        expected_version=report.version,
        apply=lambda locked: services.counts_save(report=locked, rows=list(rows), delete_ids=list(delete_ids)),
    )
