"""Import of dossier records exported by a one-stop system (CSV or XLSX): read, check, preview, commit.

The file is streamed: one pass reads a row, checks it and, in batches of `BATCH_SIZE`, looks up the
records already stored under the same dossier codes. What stays in memory for the whole file is small
and does not hold rows: the code → id maps of units and procedures, the periods, one counter per
(unit, quarter, reception point), at most `MAX_ERRORS` error messages, one bit per row (rows with an
error) and 8 bytes per row for duplicate dossier codes (a 64-bit hash, checked exactly on a second read
of the file when two hashes meet). docs/procedures-import.md describes the columns and the rules.

- `dossier_import_preview(file=..., user=...)` reads the file and says what an import would do: rows
  read, rows with errors (row number and reason), records new / changed / unchanged, and the ledger of
  every (unit, quarter, reception point) the file changes, as it will be after the import.
- `dossier_import_commit(file=..., user=...)` does the same reading inside one transaction, writes the
  records (upsert on the dossier code), and recomputes the ledger of every touched report through
  `services.ledger_recompute`. Any error in the file raises `ImportFailed` and nothing is saved.

Ledger arithmetic here mirrors `selectors.ledgers_from_records` record by record, so the preview can
count without writing; `procedures/tests/test_import.py` checks that preview and commit agree.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import re
import time
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc import permissions
from cchc.choices import ReportStatus
from cchc.exceptions import ReportLockedError
from cchc.models import ROMAN, Period, Report, Unit
from cchc.services import report_get_or_create
from cchc.text import fold, nfc

from . import selectors, services
from .choices import Channel, DossierStatus
from .ledger import fmt
from .models import DossierRecord, LedgerRow, LedgerSource, Procedure

# --- the file's vocabulary ------------------------------------------------------------------------

COLUMNS = (
    "ma_ho_so",
    "ma_thu_tuc",
    "ma_don_vi",
    "noi_tiep_nhan",
    "kenh",
    "ngay_tiep_nhan",
    "ngay_hen_tra",
    "ngay_hoan_thanh",
    "trang_thai",
)
COLUMN_LABELS = {
    "ma_ho_so": gettext_lazy("Mã hồ sơ"),
    "ma_thu_tuc": gettext_lazy("Mã thủ tục"),
    "ma_don_vi": gettext_lazy("Mã đơn vị"),
    "noi_tiep_nhan": gettext_lazy("Nơi tiếp nhận"),
    "kenh": gettext_lazy("Kênh nộp"),
    "ngay_tiep_nhan": gettext_lazy("Ngày tiếp nhận"),
    "ngay_hen_tra": gettext_lazy("Ngày hẹn trả"),
    "ngay_hoan_thanh": gettext_lazy("Ngày hoàn thành"),
    "trang_thai": gettext_lazy("Trạng thái"),
}
CHANNELS = {
    "truc_tiep": Channel.IN_PERSON,
    "truc_tuyen": Channel.ONLINE,
    "buu_chinh": Channel.POSTAL,
    "buu_chinh_cong_ich": Channel.POSTAL,
    "qua_buu_chinh": Channel.POSTAL,
    "in_person": Channel.IN_PERSON,
    "online": Channel.ONLINE,
    "postal": Channel.POSTAL,
}
STATUSES = {
    "dang_giai_quyet": DossierStatus.PENDING,
    "da_giai_quyet": DossierStatus.RESOLVED,
    "tra_lai": DossierStatus.RETURNED,
    "rut": DossierStatus.WITHDRAWN,
    "rut_ho_so": DossierStatus.WITHDRAWN,
    "pending": DossierStatus.PENDING,
    "resolved": DossierStatus.RESOLVED,
    "returned": DossierStatus.RETURNED,
    "withdrawn": DossierStatus.WITHDRAWN,
}
EXTENSIONS = (".csv", ".xlsx")
# Naive times in a file are the province's local time.
FILE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

BATCH_SIZE = 2000
LOOKUP_CHUNK = 500  # ids in one IN (...) of a read, below SQLite's 999 parameters
MAX_ERRORS = 200
PROGRESS_EVERY = 10_000
CODE_MAX, POINT_MAX = 80, 200

# The counts of one ledger row, in the order of selectors.LEDGER_COUNTS.
COUNTS = selectors.LEDGER_COUNTS
(
    CARRIED,
    NEW,
    NEW_IN_PERSON,
    NEW_ONLINE,
    NEW_POSTAL,
    RECEIVED,
    EARLY,
    ON_TIME,
    LATE,
    RESOLVED,
    PENDING_WITHIN,
    PENDING_OVERDUE,
    PENDING,
    RETURNED,
) = range(len(COUNTS))
NEW_BY_CHANNEL = {Channel.IN_PERSON: NEW_IN_PERSON, Channel.ONLINE: NEW_ONLINE, Channel.POSTAL: NEW_POSTAL}
RECORD_FIELDS = (
    "procedure_id",
    "unit_id",
    "reception_point",
    "channel",
    "received_at",
    "due_at",
    "completed_at",
    "status",
)


# --- results --------------------------------------------------------------------------------------


@dataclass
class RowError:
    """One problem: `row` is the row number as a spreadsheet shows it (header = its row), None for the file."""

    row: int | None
    message: str
    column: str | None = None

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class LedgerFigures:
    """One ledger row (a unit's reception point in a quarter) as the records make it."""

    unit_id: int
    unit_code: str
    unit_name: str
    period_id: int
    year: int
    quarter: int
    reception_point: str
    values: dict[str, int]
    changed: bool = True
    report_id: int | None = None

    @property
    def period_label(self) -> str:
        return f"{ROMAN[self.quarter]}/{self.year}"

    @property
    def order(self) -> tuple:
        return (self.unit_code, self.year, self.quarter, self.reception_point)

    @property
    def cells(self) -> list[int]:
        """The counts in the ledger's column order (selectors.LEDGER_COUNTS)."""
        return [self.values[name] for name in COUNTS]


@dataclass
class ImportPreview:
    """What reading the file found, and what an import would change."""

    file_name: str = ""
    file_format: str = ""
    rows_read: int = 0
    rows_with_errors: int = 0
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    ledgers: list[LedgerFigures] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rows_valid(self) -> int:
        return self.rows_read - self.rows_with_errors

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    @property
    def errors_not_shown(self) -> int:
        return self.error_count - len(self.errors)

    def messages(self) -> list[str]:
        out = [str(error) for error in self.errors]
        if self.errors_not_shown:
            out.append(_("… và %(n)s lỗi khác.") % {"n": fmt(self.errors_not_shown)})
        return out


@dataclass
class ImportResult:
    """What a committed import wrote."""

    file_name: str
    rows_read: int
    created: int
    updated: int
    unchanged: int
    reports: list[Report]
    ledgers: list[LedgerFigures]
    seconds: float


class ImportFileError(Exception):
    """The file as a whole cannot be read (not CSV/XLSX, empty, missing columns, merged header…)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ImportFailed(ValidationError):
    """The import was refused: the file has errors (all listed in `preview`); nothing was saved."""

    def __init__(self, preview: ImportPreview):
        self.preview = preview
        super().__init__(preview.messages() or [_("Không nhập được tệp.")])


# --- reading the file -----------------------------------------------------------------------------


class Formula:
    """An XLSX cell holding a formula (its text), refused by the row check."""

    __slots__ = ("text",)

    def __init__(self, text):
        self.text = str(text)


@dataclass
class Table:
    """An opened file: which column holds which key, and an iterator of (row number, values by key order)."""

    format: str
    header_row: int
    columns: dict[str, int]
    rows: Iterator[tuple[int, list]]
    fraction: Callable[[], float | None]


def header_key(value) -> str:
    """A header cell as a column key: "Mã hồ sơ", "MA_HO_SO" and "ma ho so" all give "ma_ho_so"."""
    text = fold(str(value).replace("\ufeff", "")) if value is not None else ""
    return re.sub(r"[\s\-]+", "_", text)


def label_keys() -> dict[str, str]:
    """The column key of each Vietnamese label whose folded form is not the key ("Kênh nộp" → kenh_nop; the
    key is kenh). The labels are the source (Vietnamese) strings, whatever the user's language."""
    from django.utils import translation

    with translation.override(None):
        return {header_key(str(label)): key for key, label in COLUMN_LABELS.items()}


def _binary(file) -> tuple[object, bool]:
    """A seekable binary file object for `file` (a path, a Django File or an open binary file); owned?"""
    if isinstance(file, str | Path):
        return open(file, "rb"), True  # noqa: SIM115 - closed by _opened
    if isinstance(file, File):
        inner = file.file
        return inner, False
    return file, False


def _file_name(file, name: str | None) -> str:
    if name:
        return name
    if isinstance(file, str | Path):
        return Path(file).name
    return Path(getattr(file, "name", "") or "").name


def _sniff(fileobj, name: str) -> str:
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
                % {"cell": f"{_letter(index)}{row_number}"}
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


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _is_blank(values) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _csv_table(fileobj, closers: list) -> Table:
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

    def rows():
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

    def fraction():
        try:
            return min(1.0, fileobj.tell() / size) if size else None
        except (OSError, ValueError):
            return None

    return Table("csv", header_row, columns, rows(), fraction)


def _size(fileobj) -> int | None:
    try:
        position = fileobj.tell()
        fileobj.seek(0, io.SEEK_END)
        size = fileobj.tell()
        fileobj.seek(position)
        return size
    except (OSError, ValueError, AttributeError):
        return None


MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


def merged_ranges(workbook, worksheet) -> list[str] | None:
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


def _xlsx_table(fileobj, closers: list) -> Table:
    import openpyxl
    from openpyxl.utils.cell import range_boundaries

    try:
        workbook = openpyxl.load_workbook(fileobj, read_only=True, data_only=False)
        worksheet = workbook.worksheets[0]
    except Exception:  # openpyxl raises many kinds of errors for a file that is not a workbook
        raise ImportFileError(_("Tệp không phải CSV hoặc XLSX (không mở được dạng bảng tính XLSX).")) from None
    closers.append(workbook.close)
    worksheet.reset_dimensions()  # some exporters write a wrong <dimension>; read every row there is

    def values_of(row):
        return [Formula(cell.value) if cell.data_type == "f" else cell.value for cell in row]

    cells = enumerate(worksheet.iter_rows(), start=1)
    header, header_row = None, 0
    for number, row in cells:
        values = values_of(row)
        if not _is_blank(values):
            header, header_row = values, number
            break
    if header is None:
        raise ImportFileError(_("Tệp rỗng: không có dòng nào."))
    ranges = merged_ranges(workbook, worksheet)
    if ranges is None:  # cannot list them: a blank header cell between named ones is the trace a merge leaves
        named = [i for i, v in enumerate(header) if v is not None and str(v).strip()]
        blanks = [i for i in range(named[0], named[-1]) if i not in named] if named else []
        if blanks:
            ranges = [f"{_letter(blanks[0] - 1)}{header_row}:{_letter(blanks[0])}{header_row}"]
    for ref in ranges or []:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if min_row <= header_row <= max_row:
            raise ImportFileError(
                _("Dòng tiêu đề có ô gộp (%(ref)s): hãy bỏ gộp ô để mỗi cột có một tiêu đề riêng.") % {"ref": ref}
            )
    columns = _columns(header, header_row)

    def rows():
        for number, row in cells:
            yield number, values_of(row)

    return Table("xlsx", header_row, columns, rows(), lambda: None)


@contextmanager
def open_table(file, name: str | None = None):
    """Open the file as a Table (raises ImportFileError for a file that cannot be imported at all)."""
    fileobj, owned = _binary(file)
    closers: list = []
    try:
        fileobj.seek(0)
        kind = _sniff(fileobj, _file_name(file, name))
        yield _xlsx_table(fileobj, closers) if kind == "xlsx" else _csv_table(fileobj, closers)
    finally:
        for close in reversed(closers):
            close()
        if owned:
            fileobj.close()


# --- one row --------------------------------------------------------------------------------------

DMY_RE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]+(\d{1,2})[:hH](\d{2})(?::(\d{2}))?)?")
ISO_RE = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?"
)
END_OF_DAY = dt.time(23, 59, 59)


def parse_moment(value, *, end_of_day: bool) -> dt.datetime | None:
    """A file's date or date-time as an aware datetime; None when it is not one.

    Naive values are local time (Asia/Ho_Chi_Minh). A date without a time is the start of the day, or
    its end when `end_of_day` (due and completion dates: "by 10/01" means that whole day). XLSX date
    cells without a time arrive as midnight and are read as dates.
    """
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            return value
        if end_of_day and value.time() == dt.time.min:
            return dt.datetime.combine(value.date(), END_OF_DAY, tzinfo=FILE_TZ)
        return value.replace(tzinfo=FILE_TZ)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, END_OF_DAY if end_of_day else dt.time.min, tzinfo=FILE_TZ)
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = DMY_RE.fullmatch(text)
    offset = None
    if match:
        day, month, year, hour, minute, second = match.groups()
    else:
        match = ISO_RE.fullmatch(text)
        if not match:
            return None
        year, month, day, hour, minute, second, offset = match.groups()
    try:
        if hour is None:
            return dt.datetime.combine(
                dt.date(int(year), int(month), int(day)), END_OF_DAY if end_of_day else dt.time.min, tzinfo=FILE_TZ
            )
        tz = FILE_TZ
        if offset:
            if offset == "Z":
                tz = dt.UTC
            else:
                sign = 1 if offset[0] == "+" else -1
                digits = offset[1:].replace(":", "")
                tz = dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        return dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0), tzinfo=tz)
    except ValueError:
        return None


def _text(value) -> str:
    """A cell as text: numbers without a spurious ".0", text composed (NFC) and trimmed."""
    if value is None:
        return ""
    if isinstance(value, str):
        return nfc(value) if not value.isascii() else value.strip()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return nfc(str(value))


def _choice(value: str, vocabulary: dict):
    key = value.strip().lower()
    found = vocabulary.get(key)
    if found is None and key:
        found = vocabulary.get(re.sub(r"[\s\-]+", "_", fold(key)))
    return found


@dataclass(slots=True)
class Record:
    """A dossier as one row of the file gives it (or as it is stored)."""

    code: str
    procedure_id: int
    unit_id: int
    reception_point: str
    channel: str
    received_at: dt.datetime
    due_at: dt.datetime
    completed_at: dt.datetime | None
    status: str
    row: int = 0

    def values(self) -> tuple:
        return (
            self.procedure_id,
            self.unit_id,
            self.reception_point,
            self.channel,
            self.received_at,
            self.due_at,
            self.completed_at,
            self.status,
        )


@dataclass(slots=True)
class PeriodSpan:
    """A Period with its bounds as aware datetimes (the same bounds selectors._bounds uses)."""

    period: Period
    start: dt.datetime
    end: dt.datetime
    locked_units: set[int]
    submitted_units: set[int]

    @property
    def label(self) -> str:
        return f"{ROMAN[self.period.quarter]}/{self.period.year}"


def _quarter_label(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{ROMAN[(local.month - 1) // 3 + 1]}/{local.year}"


# --- the reading engine, shared by preview and commit ---------------------------------------------


class _Run:
    """One pass over the file: checks every row and counts the ledger change, optionally writing."""

    def __init__(self, *, user, write: bool, progress=None, progress_every: int = PROGRESS_EVERY):
        self.user, self.write = user, write
        self.progress, self.progress_every = progress, progress_every
        self.preview = ImportPreview()
        self.error_rows = bytearray()  # one bit per row number: that row has an error
        self.code_hashes = [array("Q") for _ in range(256)]  # duplicate codes, see dossier codes below
        self.deltas: dict[tuple[int, int, str], list[int]] = {}
        self.touched: set[tuple[int, int]] = set()
        self.batch: list[Record] = []
        self.tz = timezone.get_current_timezone()
        self.now = timezone.now()
        self.today = timezone.localtime(self.now, self.tz).date()
        self.procedures = dict(Procedure.objects.values_list("code", "pk"))
        self.units = {unit.code: unit for unit in Unit.objects.only("pk", "code", "name", "path")}
        self.units_by_id = {unit.pk: unit for unit in self.units.values()}
        self.allowed: dict[int, bool] = {}
        approved: dict[int, set[int]] = {}
        submitted: dict[int, set[int]] = {}
        # A submitted report is frozen too: the manager must approve the figures they reviewed.
        for unit_id, period_id, status in Report.objects.filter(
            status__in=[ReportStatus.APPROVED, ReportStatus.SUBMITTED]
        ).values_list("unit_id", "period_id", "status"):
            (approved if status == ReportStatus.APPROVED else submitted).setdefault(period_id, set()).add(unit_id)
        self.spans: list[PeriodSpan] = []
        for period in Period.objects.order_by("start_date"):
            start = timezone.make_aware(dt.datetime.combine(period.start_date, dt.time.min), self.tz)
            end = timezone.make_aware(dt.datetime.combine(period.end_date + dt.timedelta(days=1), dt.time.min), self.tz)
            self.spans.append(
                PeriodSpan(period, start, end, approved.get(period.pk, set()), submitted.get(period.pk, set()))
            )
        self.ends = [span.end for span in self.spans]
        self.started = bisect_right([span.start for span in self.spans], self.now)  # periods begun by now
        self.lookup_chunk = max(1, min(BATCH_SIZE, (connection.features.max_query_params or BATCH_SIZE) - 1))

    # -- errors --

    def error(self, row: int | None, message: str, column: str | None = None) -> None:
        self.preview.error_count += 1
        if len(self.preview.errors) < MAX_ERRORS:
            self.preview.errors.append(RowError(row, message, column))
        if row is not None:
            byte, bit = divmod(row, 8)
            if byte >= len(self.error_rows):
                self.error_rows.extend(bytes(byte + 1 - len(self.error_rows) + 4096))
            self.error_rows[byte] |= 1 << bit

    # -- the pass --

    def run(self, file, name: str | None) -> ImportPreview:
        started = time.monotonic()
        self.preview.file_name = _file_name(file, name)
        try:
            with open_table(file, name) as table:
                self.preview.file_format = table.format
                self.read(table)
        except ImportFileError as exc:
            self.error(None, exc.message)
        if self.batch:
            self.flush()
        if self.preview.rows_read == 0 and self.preview.ok:
            self.error(None, _("Tệp không có dòng hồ sơ nào (chỉ có dòng tiêu đề)."))
        if any(len(bucket) for bucket in self.code_hashes):
            with suppress(ImportFileError):  # the file stops being readable where it did: already reported
                self.find_duplicates(file, name)
        self.preview.rows_with_errors = int.from_bytes(self.error_rows, "little").bit_count()
        self.preview.errors.sort(key=lambda e: (e.row is not None, e.row or 0))
        self.preview.seconds = time.monotonic() - started
        return self.preview

    def read(self, table: Table) -> None:
        columns = [table.columns[key] for key in COLUMNS]
        width = max(columns) + 1
        for number, values in table.rows:
            if len(values) < width:
                values = list(values) + [None] * (width - len(values))
            cells = [values[i] for i in columns]
            if _is_blank(cells):
                continue
            self.preview.rows_read += 1
            record = self.check(number, cells, columns)
            if record is not None:
                self.batch.append(record)
                if len(self.batch) >= BATCH_SIZE:
                    self.flush()
            if self.progress and self.preview.rows_read % self.progress_every == 0:
                self.progress(self.preview.rows_read, table.fraction(), "read")

    def check(self, row: int, cells: list, columns: list[int]) -> Record | None:
        """The row's record, or None after reporting what is wrong with it (each field named)."""
        errors: list[tuple[str, str]] = []

        def fail(column: str, message: str) -> None:
            errors.append((column, f"{COLUMN_LABELS[column]}: {message}"))

        formulas = [(COLUMNS[i], columns[i]) for i, v in enumerate(cells) if isinstance(v, Formula)]
        for column, index in formulas:
            fail(
                column,
                _("ô %(cell)s chứa công thức; hãy dán giá trị thay cho công thức.")
                % {"cell": f"{_letter(index)}{row}"},
            )
        if formulas:
            return self.report(row, errors)
        code_v, procedure_v, unit_v, point_v, channel_v, received_v, due_v, completed_v, status_v = cells

        code = _text(code_v)
        if not code:
            fail("ma_ho_so", _("bắt buộc nhập."))
        elif len(code) > CODE_MAX:
            fail("ma_ho_so", _("dài quá %(n)s ký tự.") % {"n": CODE_MAX})
        else:
            # Duplicate codes: a 64-bit hash per row, in 256 buckets; the rare equal hashes are checked
            # exactly on a second read (find_duplicates). 8 bytes a row instead of a set of strings.
            h = hash(code) & 0xFFFF_FFFF_FFFF_FFFF
            self.code_hashes[h & 0xFF].append(h)

        procedure_code = _text(procedure_v)
        procedure_id = self.procedures.get(procedure_code)
        if not procedure_code:
            fail("ma_thu_tuc", _("bắt buộc nhập."))
        elif procedure_id is None:
            fail("ma_thu_tuc", _("không có thủ tục mã «%(code)s» trong danh mục.") % {"code": procedure_code})

        unit_code = _text(unit_v)
        unit = self.units.get(unit_code)
        if not unit_code:
            fail("ma_don_vi", _("bắt buộc nhập."))
        elif unit is None:
            fail("ma_don_vi", _("không có đơn vị mã «%(code)s».") % {"code": unit_code})
        elif not self.may_import(unit):
            fail("ma_don_vi", _("bạn không được nhập hồ sơ của đơn vị «%(code)s».") % {"code": unit_code})

        point = _text(point_v)
        if not point:
            fail("noi_tiep_nhan", _("bắt buộc nhập."))
        elif len(point) > POINT_MAX:
            fail("noi_tiep_nhan", _("dài quá %(n)s ký tự.") % {"n": POINT_MAX})

        channel_text = _text(channel_v)
        channel = _choice(channel_text, CHANNELS)
        if not channel_text:
            fail("kenh", _("bắt buộc nhập (truc_tiep, truc_tuyen hoặc buu_chinh)."))
        elif channel is None:
            fail(
                "kenh",
                _("giá trị «%(value)s» không hợp lệ; dùng truc_tiep, truc_tuyen hoặc buu_chinh.")
                % {"value": channel_text},
            )

        status_text = _text(status_v)
        status = _choice(status_text, STATUSES)
        if not status_text:
            fail("trang_thai", _("bắt buộc nhập (dang_giai_quyet, da_giai_quyet, tra_lai hoặc rut)."))
        elif status is None:
            fail(
                "trang_thai",
                _("giá trị «%(value)s» không hợp lệ; dùng dang_giai_quyet, da_giai_quyet, tra_lai hoặc rut.")
                % {"value": status_text},
            )

        received = self.moment("ngay_tiep_nhan", received_v, fail, required=True, end_of_day=False)
        missing = None  # the quarter without a period already reported
        due = self.moment("ngay_hen_tra", due_v, fail, required=True, end_of_day=True)
        completed = self.moment("ngay_hoan_thanh", completed_v, fail, required=False, end_of_day=True)

        if received is not None:
            if completed is not None and completed < received:
                fail(
                    "ngay_hoan_thanh",
                    _("%(completed)s trước ngày tiếp nhận %(received)s.")
                    % {"completed": self.show(completed), "received": self.show(received)},
                )
            if (
                due is not None
                and timezone.localtime(due, self.tz).date() < timezone.localtime(received, self.tz).date()
            ):
                fail(
                    "ngay_hen_tra",
                    _("%(due)s trước ngày tiếp nhận %(received)s.")
                    % {"due": self.show(due), "received": self.show(received)},
                )
            if self.span_of(received) is None:
                missing = _quarter_label(received)
                fail("ngay_tiep_nhan", _("chưa có kỳ báo cáo quý %(q)s trong cổng.") % {"q": missing})
        if status is not None:
            if status == DossierStatus.PENDING and completed is not None:
                fail("ngay_hoan_thanh", _("hồ sơ đang giải quyết không được có ngày hoàn thành."))
            elif status != DossierStatus.PENDING and completed is None and not _text(completed_v):
                fail("ngay_hoan_thanh", _("bắt buộc nhập khi hồ sơ đã giải quyết, trả lại hoặc rút."))
        if (
            completed is not None
            and self.span_of(completed) is None
            and not (received is not None and completed < received)
            and _quarter_label(completed) != missing
        ):
            fail("ngay_hoan_thanh", _("chưa có kỳ báo cáo quý %(q)s trong cổng.") % {"q": _quarter_label(completed)})

        if errors:
            return self.report(row, errors)
        return Record(code, procedure_id, unit.pk, point, channel, received, due, completed, status, row)

    def report(self, row: int, errors: list[tuple[str, str]]) -> None:
        for column, message in errors:
            self.error(row, message, column)
        return None

    def moment(self, column, value, fail, *, required: bool, end_of_day: bool) -> dt.datetime | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                fail(column, _("bắt buộc nhập."))
            return None
        moment = parse_moment(value, end_of_day=end_of_day)
        if moment is None:
            fail(
                column,
                _("«%(value)s» không phải ngày hợp lệ; dùng dd/mm/yyyy, dd/mm/yyyy HH:MM hoặc yyyy-mm-dd.")
                % {"value": _text(value)},
            )
            return None
        if moment > self.now and timezone.localtime(moment, self.tz).date() > self.today:
            # Days, not seconds: "completed 26/11" means by the end of today, and clocks drift.
            fail(column, _("%(value)s ở tương lai.") % {"value": self.show(moment)})
            return None
        return moment

    def show(self, moment: dt.datetime) -> str:
        return timezone.localtime(moment, self.tz).strftime("%d/%m/%Y %H:%M")

    def may_import(self, unit: Unit) -> bool:
        allowed = self.allowed.get(unit.pk)
        if allowed is None:
            allowed = self.allowed[unit.pk] = permissions.has(self.user, "dossiers.import_unit", unit)
        return allowed

    def span_of(self, moment: dt.datetime) -> PeriodSpan | None:
        index = bisect_right(self.ends, moment)
        if index < len(self.spans) and self.spans[index].start <= moment:
            return self.spans[index]
        return None

    # -- the ledger, record by record (mirrors selectors.ledgers_from_records) --

    def contributions(self, record: Record) -> dict[int, tuple]:
        """period index → (unit id, reception point, counts) for each begun quarter the record is in."""
        out = {}
        received, completed, due = record.received_at, record.completed_at, record.due_at
        index = bisect_right(self.ends, received)  # the first quarter ending after reception
        while index < self.started:
            span = self.spans[index]
            if completed is not None and completed < span.start:
                break
            counts = [0] * len(COUNTS)
            if received < span.start:
                counts[CARRIED] = 1
            else:
                counts[NEW] = 1
                counts[NEW_BY_CHANNEL[record.channel]] = 1
            counts[RECEIVED] = 1
            if completed is not None and completed < span.end:
                if record.status == DossierStatus.RESOLVED:
                    counts[RESOLVED] = 1
                    same_day = timezone.localtime(completed, self.tz).date() == timezone.localtime(due, self.tz).date()
                    counts[ON_TIME if same_day else EARLY if completed < due else LATE] = 1
                else:
                    counts[RETURNED] = 1
            else:
                counts[PENDING] = 1
                counts[PENDING_WITHIN if due >= span.end else PENDING_OVERDUE] = 1
            out[index] = (record.unit_id, record.reception_point, tuple(counts))
            index += 1
        return out

    def add(self, contributions: dict[int, tuple], sign: int) -> None:
        for index, (unit_id, point, counts) in contributions.items():
            key = (unit_id, index, point)
            total = self.deltas.get(key)
            if total is None:
                total = self.deltas[key] = [0] * len(COUNTS)
            for i, value in enumerate(counts):
                if value:
                    total[i] += sign * value

    # -- a batch: compare with what is stored, check the locks, write --

    def flush(self) -> None:
        batch, self.batch = self.batch, []
        by_code: dict[str, Record] = {}
        for record in batch:
            # A code twice in one batch: keep the first; find_duplicates reports the others.
            by_code.setdefault(record.code, record)
        stored: dict[str, Record] = {}
        codes = list(by_code)
        for start in range(0, len(codes), self.lookup_chunk):
            rows = DossierRecord.objects.filter(code__in=codes[start : start + self.lookup_chunk]).values_list(
                "code", *RECORD_FIELDS
            )
            for code, *values in rows:
                stored[code] = Record(code, *values)
        to_write = []
        for record in by_code.values():
            old = stored.get(record.code)
            if old is not None and old.values() == record.values():
                self.preview.unchanged += 1
                continue
            if old is not None and old.unit_id != record.unit_id:
                old_unit = self.units_by_id.get(old.unit_id)
                if old_unit is None or not self.may_import(old_unit):
                    self.error(
                        record.row,
                        f"{COLUMN_LABELS['ma_ho_so']}: "
                        + _("hồ sơ «%(code)s» đã có, thuộc đơn vị «%(unit)s» mà bạn không được nhập.")
                        % {"code": record.code, "unit": old_unit.code if old_unit else old.unit_id},
                        "ma_ho_so",
                    )
                    continue
            new = self.contributions(record)
            before = self.contributions(old) if old is not None else {}
            changed = [
                (i, new.get(i), before.get(i))
                for i in sorted(new.keys() | before.keys())
                if new.get(i) != before.get(i)
            ]
            locked = self.locked(changed)
            if locked:
                self.error(record.row, locked)
                continue
            for index, after, previous in changed:
                for contribution in (after, previous):
                    if contribution is not None:
                        self.touched.add((contribution[0], index))
            self.add({i: c for i, c, _p in changed if c is not None}, 1)
            self.add({i: p for i, _c, p in changed if p is not None}, -1)
            if old is None:
                self.preview.created += 1
            else:
                self.preview.updated += 1
            if self.write:
                to_write.append(
                    DossierRecord(
                        code=record.code,
                        procedure_id=record.procedure_id,
                        unit_id=record.unit_id,
                        reception_point=record.reception_point,
                        channel=record.channel,
                        received_at=record.received_at,
                        due_at=record.due_at,
                        completed_at=record.completed_at,
                        status=record.status,
                    )
                )
        if to_write:
            DossierRecord.objects.bulk_create(
                to_write,
                batch_size=BATCH_SIZE,
                update_conflicts=True,
                unique_fields=["code"],
                update_fields=[name.removesuffix("_id") for name in RECORD_FIELDS] + ["updated_at"],
            )
            self.write_history([record.code for record in to_write], stored)

    def write_history(self, codes: list[str], stored: dict) -> None:
        """One history row per record written ("+" new, "~" changed), by the importing user, in bulk."""
        written = []
        for start in range(0, len(codes), self.lookup_chunk):
            written.extend(DossierRecord.objects.filter(code__in=codes[start : start + self.lookup_chunk]))
        reason = _("nhập tệp hồ sơ %(name)s") % {"name": self.preview.file_name}
        for update in (False, True):
            DossierRecord.history.bulk_history_create(
                [record for record in written if (record.code in stored) == update],
                batch_size=BATCH_SIZE,
                update=update,
                default_user=self.user,
                default_change_reason=reason,
                default_date=self.now,
            )

    def locked(self, changed) -> str | None:
        """Why the row may not change these quarters' ledgers (the first approved or closed one), or None."""
        for index, after, previous in sorted(changed, key=lambda c: c[0]):
            span = self.spans[index]
            for contribution in (after, previous):
                if contribution is None:
                    continue
                unit_id = contribution[0]
                if span.period.is_open and unit_id in span.submitted_units:
                    return submitted_message(span.label, self.units_by_id.get(unit_id), unit_id)
                if not span.period.is_open or unit_id in span.locked_units:
                    unit = self.units_by_id.get(unit_id)
                    return _(
                        "Báo cáo quý %(quarter)s của đơn vị %(unit)s đã duyệt hoặc khóa sổ: hồ sơ này làm thay "
                        "đổi sổ theo dõi của báo cáo đó."
                    ) % {"quarter": span.label, "unit": unit.code if unit else unit_id}
        return None

    # -- duplicate dossier codes --

    def find_duplicates(self, file, name) -> None:
        suspects: set[int] = set()
        for bucket in self.code_hashes:
            seen: set[int] = set()
            for h in bucket:
                if h in seen:
                    suspects.add(h)
                else:
                    seen.add(h)
        self.code_hashes = []
        if not suspects:
            return
        first_row: dict[str, int] = {}
        with open_table(file, name) as table:
            index = table.columns["ma_ho_so"]
            for number, values in table.rows:
                code = _text(values[index]) if index < len(values) else ""
                if not code or (hash(code) & 0xFFFF_FFFF_FFFF_FFFF) not in suspects:
                    continue
                if code in first_row:
                    self.error(
                        number,
                        f"{COLUMN_LABELS['ma_ho_so']}: "
                        + _("«%(code)s» trùng với dòng %(row)s: mỗi hồ sơ chỉ có một dòng.")
                        % {"code": code, "row": first_row[code]},
                        "ma_ho_so",
                    )
                else:
                    first_row[code] = number

    # -- the ledger as it will be --

    def figures(self) -> list[LedgerFigures]:
        """Every ledger row of the touched (unit, quarter): what is stored from records, plus the file's change."""
        by_period: dict[int, set[int]] = {}
        for unit_id, index in self.touched:
            by_period.setdefault(index, set()).add(unit_id)
        out = []
        for index, unit_ids in sorted(by_period.items()):
            span = self.spans[index]
            stored = {}
            ids = sorted(unit_ids)
            for start in range(0, len(ids), LOOKUP_CHUNK):
                stored.update(
                    selectors.ledgers_from_records(unit_ids=ids[start : start + LOOKUP_CHUNK], period=span.period)
                )
            points = {(u, p) for (u, p) in stored} | {
                (u, p) for (u, i, p) in self.deltas if i == index and u in unit_ids
            }
            for unit_id, point in points:
                delta = self.deltas.get((unit_id, index, point))
                values = dict(stored.get((unit_id, point)) or dict.fromkeys(COUNTS, 0))
                if delta:
                    values = {name: values[name] + delta[i] for i, name in enumerate(COUNTS)}
                if not values["received_total"]:
                    continue  # no record left there: the row disappears
                unit = self.units_by_id[unit_id]
                out.append(
                    LedgerFigures(
                        unit_id=unit_id,
                        unit_code=unit.code,
                        unit_name=unit.name,
                        period_id=span.period.pk,
                        year=span.period.year,
                        quarter=span.period.quarter,
                        reception_point=point,
                        values=values,
                        changed=bool(delta and any(delta)),
                    )
                )
        return sorted(out, key=lambda figures: figures.order)


def submitted_message(quarter: str, unit, unit_id) -> str:
    return _(
        "Báo cáo quý %(quarter)s của đơn vị %(unit)s đã gửi, đang chờ lãnh đạo duyệt: hồ sơ này làm thay đổi "
        "sổ theo dõi của báo cáo đó. Đề nghị lãnh đạo trả lại báo cáo trước khi nhập."
    ) % {"quarter": quarter, "unit": unit.code if unit else unit_id}


# --- the services ---------------------------------------------------------------------------------


def dossier_import_preview(
    *, file, user, name: str | None = None, progress=None, progress_every: int = PROGRESS_EVERY
) -> ImportPreview:
    """Read the file and say what importing it would do, without writing anything.

    `file` is a path, a Django File (an upload) or a seekable binary file; `name` overrides its name
    (for the extension). `progress(rows_read, fraction or None, stage)` is called every `progress_every`
    rows with stage "read" (and once with "ledger" when a commit starts recomputing ledgers).
    """
    permissions.require(user, "dossiers.import")
    run = _Run(user=user, write=False, progress=progress, progress_every=progress_every)
    preview = run.run(file, name)
    preview.ledgers = run.figures()
    return preview


def dossier_import_commit(
    *, file, user, name: str | None = None, progress=None, progress_every: int = PROGRESS_EVERY, engine=None
) -> ImportResult:
    """Import the file in one transaction: every record, then the ledgers; or nothing at all.

    Raises ImportFailed (a ValidationError listing the errors) when any row or the file has an error.
    Records are upserted on the dossier code, so importing the same file again changes nothing.
    `engine` replaces the file reader by another source of rows with the same checks (the API's JSON
    records: api/dossiers.py); it is a subclass of _Run.
    """
    permissions.require(user, "dossiers.import")
    started = time.monotonic()
    with transaction.atomic():
        run = (engine or _Run)(user=user, write=True, progress=progress, progress_every=progress_every)
        preview = run.run(file, name)
        if not preview.ok:
            raise ImportFailed(preview)
        reports = []
        if progress:
            progress(preview.rows_read, 1.0, "ledger")
        for unit_id, index in sorted(run.touched, key=lambda pair: (pair[1], pair[0])):
            span = run.spans[index]
            report = report_get_or_create(unit=run.units_by_id[unit_id], period=span.period)
            report = Report.objects.select_for_update().select_related("unit", "period").get(pk=report.pk)
            if report.status == ReportStatus.SUBMITTED and report.period.is_open:
                # Submitted after the file was checked: the manager reviews what was submitted.
                run.error(None, submitted_message(span.label, report.unit, unit_id))
                raise ImportFailed(preview)
            try:
                services.ledger_recompute(report=report)
            except ReportLockedError:
                # Approved (or its period closed) after the file was checked: refuse the whole import.
                run.error(
                    None,
                    _(
                        "Báo cáo quý %(quarter)s của đơn vị %(unit)s đã duyệt hoặc khóa sổ trong lúc nhập: "
                        "không nhập được, hãy xem lại tệp."
                    )
                    % {"quarter": span.label, "unit": report.unit.code},
                )
                raise ImportFailed(preview) from None
            reports.append(report)
        ledgers = ledgers_of(reports)
    return ImportResult(
        file_name=preview.file_name,
        rows_read=preview.rows_read,
        created=preview.created,
        updated=preview.updated,
        unchanged=preview.unchanged,
        reports=reports,
        ledgers=ledgers,
        seconds=time.monotonic() - started,
    )


def ledgers_of(reports: list[Report]) -> list[LedgerFigures]:
    """The computed ledger rows of these reports, as LedgerFigures."""
    by_pk = {report.pk: report for report in reports}
    ids, out = list(by_pk), []
    rows = itertools.chain.from_iterable(
        LedgerRow.objects.filter(report_id__in=ids[start : start + LOOKUP_CHUNK], source=LedgerSource.RECORDS)
        for start in range(0, len(ids), LOOKUP_CHUNK)
    )
    for row in rows:
        report = by_pk[row.report_id]
        out.append(
            LedgerFigures(
                unit_id=report.unit_id,
                unit_code=report.unit.code,
                unit_name=report.unit.name,
                period_id=report.period_id,
                year=report.period.year,
                quarter=report.period.quarter,
                reception_point=row.reception_point,
                values={name: getattr(row, name) for name in COUNTS},
                report_id=report.pk,
            )
        )
    return sorted(out, key=lambda figures: figures.order)
