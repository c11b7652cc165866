"""The dossier-import template (issue 14): the columns the import expects, three sample rows, and the
procedure codes the portal knows, as XLSX (codes on a second sheet) or CSV (UTF-8 with BOM, for Excel).
The page's "Tải tệp mẫu" link (views.DossierTemplateView) serves it.

Headers are the Vietnamese labels (`vocabulary.COLUMN_LABELS`); the import takes them as well as the short
codes ("Kênh nộp" or `kenh`). The sample rows use the user's first unit, procedure codes of the catalogue
and dates in the latest started quarter, and are marked "MAU-…" so nobody takes them for real dossiers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from cchc import permissions
from cchc.models import Period, Unit
from cchc.spreadsheet_safety import csv_row, xlsx_cell

from ..models import Procedure
from .vocabulary import COLUMN_LABELS, COLUMNS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def headers() -> list[str]:
    """The Vietnamese labels, whatever the user's language: the file is read the same way everywhere."""
    with translation.override(None):
        return [str(COLUMN_LABELS[key]) for key in COLUMNS]


def sample_rows(user) -> list[list[str]]:
    """Three rows a clerk can read as examples: received in person and resolved, online and pending,
    by post and returned."""
    today = timezone.localdate()
    period = Period.objects.filter(start_date__lte=today).order_by("-start_date").first()
    start = period.start_date if period else today.replace(day=1)
    units = Unit.objects.order_by("code")
    if not permissions.is_admin(user):
        units = units.filter(pk__in=permissions.clerk_unit_ids(user))
    unit = units.first()
    codes = list(Procedure.objects.order_by("code").values_list("code", flat=True)[:3]) or [""]
    unit_code = unit.code if unit else ""
    point = _("Bộ phận Một cửa")

    def day(offset: int) -> str:
        return min(start + dt.timedelta(days=offset), today).strftime("%d/%m/%Y")

    return [
        ["MAU-001", codes[0], unit_code, point, "truc_tiep", day(1), day(8), day(6), "da_giai_quyet"],
        ["MAU-002", codes[1 % len(codes)], unit_code, point, "truc_tuyen", day(2), day(20), "", "dang_giai_quyet"],
        ["MAU-003", codes[2 % len(codes)], unit_code, point, "buu_chinh", day(3), day(10), day(5), "tra_lai"],
    ]


def template_xlsx(user) -> bytes:
    """The template as a workbook: the columns and sample rows, then the catalogue's codes on a second sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("Hồ sơ")
    ws.append(headers())
    for row in sample_rows(user):
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            xlsx_cell(cell)  # codes and dates as typed text: never a formula
    for letter in "ABCDEFGHI":
        ws.column_dimensions[letter].width = 20
    codes = wb.create_sheet(_("Mã thủ tục"))
    codes.append([_("Mã thủ tục"), _("Tên thủ tục")])
    for cell in codes[1]:
        cell.font = Font(bold=True)
    for code, name in Procedure.objects.order_by("code").values_list("code", "name"):
        codes.append([code, name])
        for cell in codes[codes.max_row]:
            xlsx_cell(cell)
    codes.column_dimensions["A"].width = 16
    codes.column_dimensions["B"].width = 90
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def template_csv(user) -> bytes:
    """The template as CSV: UTF-8 with a BOM, so Excel opens the Vietnamese headers right."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(csv_row(headers()))
    writer.writerows(csv_row(row) for row in sample_rows(user))
    return ("\ufeff" + out.getvalue()).encode("utf-8")
