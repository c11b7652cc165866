"""Writes of outreach: the register of outlets, and a report's items and typed counts.

The report's writes run inside `cchc.services.report_update` (the section's save, the seed), so the
report's lock, its version and the audit history see every row. Bad rows raise ValidationError with
messages that name the field, and nothing is written.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.models import Report
from cchc.services import object_upsert, report_rows_save
from cchc.text import nfc

from . import selectors
from .choices import ItemKind, OutletKind
from .models import DirectionDocument, MediaOutlet, OutreachCount, OutreachItem, normalise_link

# --- the register ---------------------------------------------------------------------------------


@transaction.atomic
def outlet_upsert(*, name: str, kind: OutletKind | str) -> MediaOutlet:
    """The outlet with this name, created or brought in line (idempotent, for seeds and imports)."""
    name = " ".join(nfc(name).split())
    return object_upsert(MediaOutlet, lookup={"name": name}, values={"kind": kind}, if_changed=True)


# --- messages shared with the forms ---------------------------------------------------------------


def duplicate_link_message(item: OutreachItem, report: Report) -> str:
    """Where the link was recorded: the report's own quarter, another quarter, or another unit."""
    if item.report_id == report.pk:
        return _("Đường dẫn: tin, bài này đã có trong báo cáo (“%(title)s”).") % {"title": item.title}
    if item.report.unit_id == report.unit_id:
        return _("Đường dẫn: tin, bài này đã được nhập trong báo cáo %(period)s của đơn vị (“%(title)s”).") % {
            "period": item.report.period,
            "title": item.title,
        }
    return _("Đường dẫn: tin, bài này đã được một đơn vị khác nhập (báo cáo %(period)s).") % {
        "period": item.report.period,
    }


def repeated_link_message(link: str, first: int, again: int) -> str:
    return _("Đường dẫn: dòng %(again)s nhập lại đường dẫn của dòng %(first)s (%(link)s).") % {
        "again": again,
        "first": first,
        "link": link,
    }


def repeated_count_message(outlet: MediaOutlet, kind: str, first: int, again: int) -> str:
    return _(
        "Cơ quan báo chí: dòng %(again)s lặp lại %(outlet)s — %(kind)s của dòng %(first)s; mỗi cơ quan báo chí "
        "và loại tin, bài chỉ nhập một dòng."
    ) % {"again": again, "first": first, "outlet": outlet, "kind": ItemKind(kind).label}


# --- the report section ---------------------------------------------------------------------------


def item_rows_check(*, report: Report, rows: list[dict], delete_ids: list[int]) -> None:
    """Refuse a link given twice in `rows`, or already recorded by another item (one query)."""
    errors: list[str] = []
    first_row: dict[str, int] = {}  # link → the first row that gives it
    for number, values in enumerate(rows, start=1):
        link = normalise_link(values.get("link"))
        if not link:
            continue
        if link in first_row:
            errors.append(repeated_link_message(link, first_row[link], number))
        first_row.setdefault(link, number)
    ids = [values.get("id") for values in rows] + list(delete_ids)
    for item in selectors.items_with_links(links=first_row, exclude_ids=ids).values():
        errors.append(duplicate_link_message(item, report))
    if errors:
        raise ValidationError(errors)


def items_save(*, report: Report, rows: list[dict], delete_ids: list[int]) -> list[OutreachItem]:
    """Create, update and delete the report's items. Call inside report_update."""
    item_rows_check(report=report, rows=rows, delete_ids=delete_ids)
    return report_rows_save(report=report, model=OutreachItem, rows=rows, delete_ids=delete_ids)


def count_rows_check(*, rows: list[dict]) -> None:
    errors: list[str] = []
    first_row: dict[tuple[int, str], int] = {}  # (outlet, kind) → the first row that gives them
    for number, values in enumerate(rows, start=1):
        outlet, kind = values.get("outlet"), values.get("kind")
        if outlet is None or not kind:
            continue
        key = (outlet.pk, kind)
        if key in first_row:
            errors.append(repeated_count_message(outlet, kind, first_row[key], number))
        first_row.setdefault(key, number)
    if errors:
        raise ValidationError(errors)


def counts_save(*, report: Report, rows: list[dict], delete_ids: list[int]) -> list[OutreachCount]:
    """Create, update and delete the report's typed counts. Call inside report_update."""
    count_rows_check(rows=rows)
    return report_rows_save(report=report, model=OutreachCount, rows=rows, delete_ids=delete_ids)


def count_upsert(*, report: Report, outlet: MediaOutlet, kind: ItemKind | str, count: int) -> OutreachCount:
    """Set one typed count of the report (idempotent, for seeds). Call inside report_update."""
    existing = OutreachCount.objects.filter(report=report, outlet=outlet, kind=kind).first()
    if existing is not None and existing.count == count:
        return existing
    row = {"id": existing.pk if existing else None, "outlet": outlet, "kind": kind, "count": count}
    [saved] = counts_save(report=report, rows=[row], delete_ids=[])
    return saved


# --- direction documents ----------------------------------------------------------------------------


def documents_save(*, report: Report, rows: list[dict], delete_ids: list[int]) -> list[DirectionDocument]:
    """A report's direction documents: rows created, changed or deleted (inside report_update)."""
    return report_rows_save(report=report, model=DirectionDocument, rows=rows, delete_ids=delete_ids)
