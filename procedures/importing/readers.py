"""Reading an import file: CSV (UTF-8, comma, semicolon or tab) or XLSX (first sheet), streamed.

`open_table` sniffs the format from the content, finds the header row (the first non-blank one) and the
column of each key, and yields a `Table` whose rows are read lazily: a 100,000-row file is never held in
memory. A file that cannot be imported at all raises `ImportFileError` with the reason.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.core.files.base import File
from django.utils.translation import gettext as _

from cchc.text import fold

from .results import ImportFileError
from .vocabulary import COLUMN_LABELS, COLUMNS, EXTENSIONS


class Formula:
    """An XLSX cell holding a formula (its text), refused by the row check."""

    __slots__ = ("text",)

    def __init__(self, text: object):
        self.text = str(text)


@dataclass
class Table:
    """An opened file: which column holds which key, and an iterator of (row number, values by key order)."""

    format: str
    header_row: int
    columns: dict[str, int]
    rows: Iterator[tuple[int, list]]
    fraction: Callable[[], float | None]


def header_key(value: object) -> str:
    """A header cell as a column key: "Mã hồ sơ", "MA_HO_SO" and "ma ho so" all give "ma_ho_so"."""
    text = fold(str(value).replace("\ufeff", "")) if value is not None else ""
    return re.sub(r"[\s\-]+", "_", text)


def label_keys() -> dict[str, str]:
    """The column key of each Vietnamese label whose folded form is not the key ("Kênh nộp" → kenh_nop; the
    key is kenh). The labels are the source (Vietnamese) strings, whatever the user's language."""
    from django.utils import translation

    with translation.override(None):
        return {header_key(str(label)): key for key, label in COLUMN_LABELS.items()}


def _binary(file: Any) -> tuple[IO[bytes], bool]:
    """A seekable binary file object for `file` (a path, a Django File or an open binary file); owned?"""
    if isinstance(file, str | Path):
        return open(file, "rb"), True  # noqa: SIM115 - closed by open_table
    if isinstance(file, File):
        inner = file.file
        return inner, False
    return file, False


def file_name(file: Any, name: str | None) -> str:
    """The file's name as the user gave it (`name` when given, else the path's or the upload's)."""
    if name:
        return name
    if isinstance(file, str | Path):
        return Path(file).name
    return Path(getattr(file, "name", "") or "").name


def _sniff(fileobj: IO[bytes], name: str) -> str:
    """ "csv" or "xlsx" from the content (and the name's extension when there is one)."""
    suffix = Path(name).suffix.lower()
    if suffix and suffix not in EXTENSIONS:
        raise ImportFileError(_("Tệp «%(name)s» không phải CSV hoặc XLSX.") % {"name": name})
    fileobj.seek(0)
    head = fileobj.read(8192)
    fileobj.seek(0)
    if not head:
        raise ImportFileError(_("Tệp rỗng: không có dòng nào."))
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(_("Tệp là XLS (Excel 97–2003), không phải CSV hoặc XLSX: hãy lưu lại dạng XLSX."))
    if suffix == ".xlsx":
        # Named .xlsx but not a workbook (a text file renamed): say so, rather than read it as CSV and
        # report its "missing columns".
        raise ImportFileError(
            _("Tệp «%(name)s» không phải tệp XLSX/CSV: nội dung không phải bảng tính XLSX (có thể tệp đã bị đổi đuôi).")
            % {"name": name}
        )
    if b"\x00" in head:
        raise ImportFileError(_("Tệp không phải CSV hoặc XLSX."))
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        raise ImportFileError(_("Tệp không phải CSV mã UTF-8 hoặc XLSX: hãy lưu CSV với bảng mã UTF-8.")) from None
    return "csv"


def _columns(header: list, row_number: int) -> dict[str, int]:
    columns: dict[str, int] = {}
    labels = label_keys()
    for index, value in enumerate(header):
        if isinstance(value, Formula):
            raise ImportFileError(
                _("Dòng tiêu đề: ô %(cell)s chứa công thức; hãy dán giá trị thay cho công thức.")
                % {"cell": f"{column_letter(index)}{row_number}"}
            )
        key = header_key(value)
        key = labels.get(key, key)  # "Kênh nộp" as well as "kenh"
        if key in COLUMN_LABELS:
            if key in columns:
                raise ImportFileError(_("Dòng tiêu đề: cột «%(key)s» có hai lần.") % {"key": key})
            columns[key] = index
    missing = [key for key in COLUMNS if key not in columns]
    if missing:
        raise ImportFileError(
            _("Thiếu cột: %(missing)s. Dòng tiêu đề phải có các cột: %(all)s.")
            % {"missing": ", ".join(missing), "all": ", ".join(COLUMNS)}
        )
    return columns


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 → A)."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def is_blank(values: list) -> bool:
    """No value in the cells (None or only spaces): the row is skipped."""
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _csv_table(fileobj: IO[bytes], closers: list) -> Table:
    text = io.TextIOWrapper(fileobj, encoding="utf-8-sig", newline="")
    closers.append(text.detach)  # the caller's file stays open (the duplicate check reads it again)
    size = _size(fileobj)
    row_number, first = 0, ""
    try:
        for line in text:
            row_number += 1
            if line.strip():
                first = line
                break
    except UnicodeDecodeError:
        raise ImportFileError(_("Tệp CSV không phải bảng mã UTF-8 (dòng %(row)s).") % {"row": row_number + 1}) from None
    if not first:
        raise ImportFileError(_("Tệp rỗng: không có dòng nào."))
    counts = {delimiter: first.count(delimiter) for delimiter in (",", ";", "\t")}
    delimiter = max(counts, key=counts.get) if any(counts.values()) else ","
    reader = csv.reader(itertools.chain([first], text), delimiter=delimiter)
    header_row = row_number
    try:
        header = next(reader)
    except csv.Error as exc:
        raise ImportFileError(_("Dòng tiêu đề: không đọc được (%(error)s).") % {"error": exc}) from None
    columns = _columns(header, header_row)

    def rows() -> Iterator[tuple[int, list]]:
        number = header_row
        try:
            for values in reader:
                number += 1
                yield number, values
        except UnicodeDecodeError:
            raise ImportFileError(
                _("Tệp CSV không phải bảng mã UTF-8 (từ dòng %(row)s).") % {"row": number + 1}
            ) from None
        except csv.Error as exc:
            raise ImportFileError(
                _("Dòng %(row)s: không đọc được dòng CSV (%(error)s).") % {"row": number + 1, "error": exc}
            ) from None

    def fraction() -> float | None:
        try:
            return min(1.0, fileobj.tell() / size) if size else None
        except (OSError, ValueError):
            return None

    return Table("csv", header_row, columns, rows(), fraction)


def _size(fileobj: IO[bytes]) -> int | None:
    try:
        position = fileobj.tell()
        fileobj.seek(0, io.SEEK_END)
        size = fileobj.tell()
        fileobj.seek(position)
        return size
    except (OSError, ValueError, AttributeError):
        return None


MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


def merged_ranges(workbook: Any, worksheet: Any) -> list[str] | None:
    """The merged ranges of a sheet opened read-only (None when they cannot be listed).

    openpyxl's read-only sheets do not list merged cells, and the `<mergeCells>` element comes after all
    the rows. Decompressing the sheet's XML and searching it for `<mergeCell ref=...>` costs a fraction
    of parsing it, so this works on files of any size without loading the sheet.
    """
    archive, path = getattr(workbook, "_archive", None), getattr(worksheet, "_worksheet_path", None)
    if archive is None or path is None:
        return None
    ranges: list[str] = []
    tail = b""
    with archive.open(path) as source:
        while chunk := source.read(1 << 20):
            data = tail + chunk
            keep_from = max(0, len(data) - 512)
            if b"mergeCell" in data:
                for match in MERGE_RE.finditer(data):
                    ranges.append(match.group(1).decode())
                    keep_from = max(keep_from, match.end())
            tail = data[keep_from:]
    return ranges


def _xlsx_table(fileobj: IO[bytes], closers: list) -> Table:
    import openpyxl
    from openpyxl.utils.cell import range_boundaries

    try:
        workbook = openpyxl.load_workbook(fileobj, read_only=True, data_only=False)
        worksheet = workbook.worksheets[0]
    except Exception:  # openpyxl raises many kinds of errors for a file that is not a workbook
        raise ImportFileError(_("Tệp không phải CSV hoặc XLSX (không mở được dạng bảng tính XLSX).")) from None
    closers.append(workbook.close)
    worksheet.reset_dimensions()  # some exporters write a wrong <dimension>; read every row there is

    def values_of(row: tuple) -> list:
        return [Formula(cell.value) if cell.data_type == "f" else cell.value for cell in row]

    cells = enumerate(worksheet.iter_rows(), start=1)
    header, header_row = None, 0
    for number, row in cells:
        values = values_of(row)
        if not is_blank(values):
            header, header_row = values, number
            break
    if header is None:
        raise ImportFileError(_("Tệp rỗng: không có dòng nào."))
    ranges = merged_ranges(workbook, worksheet)
    if ranges is None:  # cannot list them: a blank header cell between named ones is the trace a merge leaves
        named = [i for i, v in enumerate(header) if v is not None and str(v).strip()]
        blanks = [i for i in range(named[0], named[-1]) if i not in named] if named else []
        if blanks:
            ranges = [f"{column_letter(blanks[0] - 1)}{header_row}:{column_letter(blanks[0])}{header_row}"]
    for ref in ranges or []:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if min_row <= header_row <= max_row:
            raise ImportFileError(
                _("Dòng tiêu đề có ô gộp (%(ref)s): hãy bỏ gộp ô để mỗi cột có một tiêu đề riêng.") % {"ref": ref}
            )
    columns = _columns(header, header_row)

    def rows() -> Iterator[tuple[int, list]]:
        for number, row in cells:
            yield number, values_of(row)

    return Table("xlsx", header_row, columns, rows(), lambda: None)


@contextmanager
def open_table(file: Any, name: str | None = None) -> Iterator[Table]:
    """Open the file as a Table (raises ImportFileError for a file that cannot be imported at all)."""
    fileobj, owned = _binary(file)
    closers: list = []
    try:
        fileobj.seek(0)
        kind = _sniff(fileobj, file_name(file, name))
        yield _xlsx_table(fileobj, closers) if kind == "xlsx" else _csv_table(fileobj, closers)
    finally:
        for close in reversed(closers):
            close()
        if owned:
            fileobj.close()
