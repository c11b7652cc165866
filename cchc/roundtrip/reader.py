"""Open an uploaded workbook, refuse what must be refused, and read its values back into keys.

A refusal (`Refused`) stops everything before any form is built: the file is not an xlsx (renamed text,
a zip, an old .xls or a password-protected file, which are both OLE files), carries macros, is too large
(also once unzipped), has lost or altered its signed hidden sheet, has merged cells, or has label cells
that moved. Problems of single cells (a word in a number cell, a formula with no cached value) are not
refusals but errors of the dry run, named by sheet and cell, and likewise save nothing.
"""

from __future__ import annotations

import hmac
import io
import json
import zipfile

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .layout import CellError, cell_text
from .template import META_SHEET, sign

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MACRO_TYPE = b"macroEnabled"
UNZIP_FACTOR = 50  # an xlsx compresses text about 5-10 times; far more is a zip bomb


class Refused(Exception):
    """The upload is refused as a whole; `messages` say why, in Vietnamese."""

    def __init__(self, *messages: str):
        super().__init__(*messages)
        self.messages = [str(m) for m in messages]


def max_bytes() -> int:
    return int(getattr(settings, "ROUNDTRIP_MAX_UPLOAD_BYTES", 2 * 1024 * 1024))


def too_big(size: int) -> Refused:
    return Refused(
        _(
            "Tệp quá lớn (%(size)s byte); tối đa %(max)s byte. Hãy dùng mẫu tải từ cổng, không chèn ảnh "
            "hay dữ liệu khác."
        )
        % {"size": number_format(size, force_grouping=True), "max": number_format(max_bytes(), force_grouping=True)}
    )


def cell_ref(sheet: str, coord: str) -> str:
    return _("Sheet '%(sheet)s', ô %(cell)s") % {"sheet": sheet, "cell": coord}


def open_workbook(data: bytes):
    """(workbook with formulas, workbook with cached values) of an upload, or Refused."""
    import openpyxl

    if len(data) > max_bytes():
        raise too_big(len(data))
    if data.startswith(OLE_MAGIC):
        raise Refused(
            _(
                "Tệp có mật khẩu hoặc là tệp Excel cũ (.xls): hãy bỏ mật khẩu và lưu lại thành .xlsx "
                "(Excel Workbook) rồi tải lên."
            )
        )
    not_xlsx = Refused(_("Tệp không phải bảng tính Excel .xlsx: hãy tải lên tệp mẫu đã điền, lưu dạng .xlsx."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unzipped = sum(info.file_size for info in archive.infolist())
        types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
        raise not_xlsx from exc
    if "xl/workbook.xml" not in names:
        raise not_xlsx
    if "xl/vbaProject.bin" in names or MACRO_TYPE in types:
        raise Refused(_("Tệp có macro (.xlsm): cổng chỉ nhận .xlsx không có macro. Hãy lưu lại thành .xlsx."))
    if unzipped > max_bytes() * UNZIP_FACTOR:
        raise too_big(unzipped)
    try:
        formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
        cached = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file; all mean "not a usable xlsx"
        raise not_xlsx from exc
    return formulas, cached


def read_meta(wb) -> dict:
    """The signed content of the hidden sheet, or Refused when it is missing or was changed."""
    if META_SHEET not in wb.sheetnames:
        raise Refused(_("Tệp không có trang nhận diện báo cáo: hãy dùng mẫu tải từ trang báo cáo (“Tải mẫu Excel”)."))
    ws = wb[META_SHEET]
    signature = str(ws["A1"].value or "")
    chunks, row = [], 2
    while ws.cell(row=row, column=1).value not in (None, ""):
        chunks.append(str(ws.cell(row=row, column=1).value))
        row += 1
    payload = "".join(chunks)
    tampered = Refused(_("Trang ẩn nhận diện báo cáo đã bị sửa: hãy tải mẫu mới từ cổng và điền lại."))
    if not hmac.compare_digest(sign(payload), signature):
        raise tampered
    try:
        return json.loads(payload)
    except ValueError as exc:
        raise tampered from exc


def check_shape(wb, meta: dict) -> None:
    """Refuse merged cells and label cells that moved or changed (rows or columns inserted or deleted)."""
    problems = []
    for sheet, labels in meta["labels"].items():
        if sheet not in wb.sheetnames:
            raise Refused(_("Thiếu sheet '%(sheet)s': không đổi tên hay xoá sheet của mẫu.") % {"sheet": sheet})
        ws = wb[sheet]
        for merged in ws.merged_cells.ranges:
            problems.append(
                _("Sheet '%(sheet)s', vùng %(range)s: các ô bị gộp; hãy bỏ gộp ô.") % {"sheet": sheet, "range": merged}
            )
        for coord, text in labels.items():
            if str(ws[coord].value if ws[coord].value is not None else "") != text:
                problems.append(
                    _("%(where)s: nội dung “%(text)s” đã bị sửa hoặc di chuyển (chèn, xoá dòng hay cột?).")
                    % {"where": cell_ref(sheet, coord), "text": text}
                )
                break  # one moved label per sheet says enough
    if problems:
        raise Refused(*problems)


def read_values(formulas, cached, meta: dict, field_of) -> tuple[dict, list[str], list[str]]:
    """(key → text, errors, notes) of every input cell; `field_of(key)` is the key's form field or None.

    A formula takes its cached value (Excel saves one) and says so; without one it is an error.
    """
    values, errors, notes = {}, [], []
    for sheet, cells in meta["cells"].items():
        ws, ws_cached = formulas[sheet], cached[sheet]
        for coord, key in cells.items():
            field = field_of(key)
            if field is None:
                continue  # a figure removed from the catalogue since the download
            value = ws[coord].value
            if ws[coord].data_type == "f":  # text written as text (type "s") is never taken for a formula
                value = ws_cached[coord].value
                if value is None:
                    errors.append(
                        _("%(where)s: là công thức chưa có giá trị tính sẵn; hãy nhập số thay cho công thức.")
                        % {"where": cell_ref(sheet, coord)}
                    )
                    continue
                notes.append(
                    _("%(where)s: là công thức; lấy giá trị đã tính sẵn %(value)s.")
                    % {"where": cell_ref(sheet, coord), "value": value}
                )
            try:
                values[key] = cell_text(field, value)
            except CellError as exc:
                label = field.label or ""
                errors.append(f"{cell_ref(sheet, coord)}: {label}: {exc}")
    return values, errors, notes
