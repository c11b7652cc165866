"""What an import reports: the errors found, the ledger rows as they will be, the preview and the result,
and the messages that refuse a row or the whole import because a report is frozen."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cchc.models import ROMAN, Report, Unit

from ..ledger import fmt
from ..models import LEDGER_COUNTS


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
    """One ledger row (a unit's reception point in a quarter or month) as the records make it."""

    unit_id: int
    unit_code: str
    unit_name: str
    period_id: int | None  # None: a month the commit will create
    year: int
    quarter: int
    reception_point: str
    values: dict[str, int]
    changed: bool = True
    report_id: int | None = None
    month: int | None = None  # a month where the unit's kind reports the ledger monthly (issue 11)

    @property
    def period_label(self) -> str:
        if self.month is not None:
            return _("Tháng %(m)s/%(y)s") % {"m": self.month, "y": self.year}
        return f"{ROMAN[self.quarter]}/{self.year}"

    @property
    def order(self) -> tuple:
        return (self.unit_code, self.year, self.quarter, self.month or 0, self.reception_point)

    @property
    def cells(self) -> list[int]:
        """The counts in the ledger's column order (models.LEDGER_COUNTS)."""
        return [self.values[name] for name in LEDGER_COUNTS]


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


# --- why a row or an import is refused ------------------------------------------------------------


def submitted_message(quarter: str, unit: Unit | None, unit_id: int, *, month: bool = False) -> str:
    """The row changes the ledger of a report waiting for the manager's review."""
    if month:
        return _(
            "Báo cáo tháng %(month)s của đơn vị %(unit)s đã gửi, đang chờ lãnh đạo duyệt: hồ sơ này làm thay đổi "
            "sổ theo dõi của báo cáo đó. Đề nghị lãnh đạo trả lại báo cáo trước khi nhập."
        ) % {"month": quarter, "unit": unit.code if unit else unit_id}
    return _(
        "Báo cáo quý %(quarter)s của đơn vị %(unit)s đã gửi, đang chờ lãnh đạo duyệt: hồ sơ này làm thay đổi "
        "sổ theo dõi của báo cáo đó. Đề nghị lãnh đạo trả lại báo cáo trước khi nhập."
    ) % {"quarter": quarter, "unit": unit.code if unit else unit_id}


def locked_message(quarter: str, unit: Unit | None, unit_id: int, *, month: bool = False) -> str:
    """The row changes the ledger of an approved report, or of a closed quarter (or month)."""
    if month:
        return _(
            "Báo cáo tháng %(month)s của đơn vị %(unit)s đã duyệt hoặc khóa sổ: hồ sơ này làm thay "
            "đổi sổ theo dõi của báo cáo đó."
        ) % {"month": quarter, "unit": unit.code if unit else unit_id}
    return _(
        "Báo cáo quý %(quarter)s của đơn vị %(unit)s đã duyệt hoặc khóa sổ: hồ sơ này làm thay "
        "đổi sổ theo dõi của báo cáo đó."
    ) % {"quarter": quarter, "unit": unit.code if unit else unit_id}


def locked_meanwhile_message(quarter: str, unit: Unit, *, month: bool = False) -> str:
    """A report was approved (or its period closed) between the check of the file and the commit."""
    if month:
        return _(
            "Báo cáo tháng %(month)s của đơn vị %(unit)s đã duyệt hoặc khóa sổ trong lúc nhập: "
            "không nhập được, hãy xem lại tệp."
        ) % {"month": quarter, "unit": unit.code}
    return _(
        "Báo cáo quý %(quarter)s của đơn vị %(unit)s đã duyệt hoặc khóa sổ trong lúc nhập: "
        "không nhập được, hãy xem lại tệp."
    ) % {"quarter": quarter, "unit": unit.code}
