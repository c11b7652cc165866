"""The workbook "revised, with differences marked": today's workbook of a publication's span and scope, with a
sheet "Chênh lệch" listing every cell that differs from the publication (the stored workbook is the one "as
published": its bytes are served as they are)."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font

from .. import exporters
from ..periods import PeriodSpan
from ..scope import scope_of
from ..templatetags.reports_tags import as_number, format_value
from .differences import publication_differences
from .models import Publication

SHEET = "Chênh lệch"
WIDTHS = (34, 14, 40, 16, 16, 22, 22, 60)


def _text(value) -> str:
    """A string cell never read as a formula (a name starting with “=”)."""
    value = "" if value is None else str(value)
    return f"'{value}" if value.startswith("=") else value


def _counts(cell) -> str:
    if cell.numerator is None and cell.denominator is None:
        return ""
    return f"{as_number(cell.numerator)} / {as_number(cell.denominator)}"


def revised_workbook(publication: Publication, user) -> bytes:
    """Today's workbook for the publication's scope (as `user` sees it), plus the sheet of differences."""
    span = PeriodSpan.parse(publication.span_code, months=True)
    scope = scope_of(user, span, unit=publication.scope_unit)
    data = exporters.export_data(span=span, scope=scope, user=user)
    differences = publication_differences(publication, live=data.scorecard)
    book = load_workbook(io.BytesIO(exporters.render(data, "xlsx")))
    ws = book.create_sheet(SHEET, 1)
    published_at = timezone.localtime(publication.published_at).strftime("%d/%m/%Y %H:%M")
    ws.append(
        [
            _text(
                _("Số liệu hiện nay so với bản công bố lần %(n)s ngày %(at)s (%(by)s) — %(scope)s, %(span)s")
                % {
                    "n": publication.revision,
                    "at": published_at,
                    "by": publication.published_by_name,
                    "scope": publication.scope_name,
                    "span": publication.span_label,
                }
            )
        ]
    )
    ws["A1"].font = Font(bold=True)
    ws.append([_("Có %(n)s ô khác với bản công bố.") % {"n": len(differences)}])
    header = [
        _("Đơn vị"),
        _("Mã đơn vị"),
        _("Chỉ tiêu"),
        _("Đã công bố"),
        _("Hiện nay"),
        _("Tử số / mẫu số đã công bố"),
        _("Tử số / mẫu số hiện nay"),
        _("Lý do mở lại báo cáo"),
    ]
    ws.append(header)
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for d in differences:
        reasons = "; ".join(f"{r.period}: {r.reason} ({r.user})" for r in d.reopenings)
        ws.append(
            [
                _text(d.unit_name + (f" ({_('tổng')})" if d.is_total else "")),
                _text(d.unit_code),
                _text(d.column.name),
                format_value(d.published.value, d.column),
                format_value(d.now.value, d.column),
                _counts(d.published),
                _counts(d.now),
                _text(reasons),
            ]
        )
    for index, width in enumerate(WIDTHS):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    ws.freeze_panes = "A4"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
