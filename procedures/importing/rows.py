"""One row of an import file: its checks, field by field, and the dossier record it gives.

`RowCheck` checks a row's nine cells in the columns' order and names the column of every problem, so
the preview lists them all at once ("Dòng 12: Mã đơn vị: …"). The messages are the same whatever the
source of the rows (a file, or the API's JSON records).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.models import Unit

from ..choices import DossierStatus
from .cells import cell_text, choice, parse_moment
from .lookups import Lookups, quarter_label
from .readers import Formula, column_letter
from .vocabulary import CHANNELS, CODE_MAX, COLUMN_LABELS, COLUMNS, POINT_MAX, STATUSES

# A coded column's messages (value missing, value unknown), naming its codes. Lazy: translated only when
# a row fails, not for every row read.
CHANNEL_MESSAGES = (
    gettext_lazy("bắt buộc nhập (truc_tiep, truc_tuyen hoặc buu_chinh)."),
    gettext_lazy("giá trị «%(value)s» không hợp lệ; dùng truc_tiep, truc_tuyen hoặc buu_chinh."),
)
STATUS_MESSAGES = (
    gettext_lazy("bắt buộc nhập (dang_giai_quyet, da_giai_quyet, tra_lai hoặc rut)."),
    gettext_lazy("giá trị «%(value)s» không hợp lệ; dùng dang_giai_quyet, da_giai_quyet, tra_lai hoặc rut."),
)


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


class RowCheck:
    """The checks of one row. After `record()`, `errors` holds (column, message) for each problem, and
    `code` the dossier code when that cell is valid (the duplicate check counts it even if others fail)."""

    __slots__ = ("lookups", "row", "errors", "code")

    def __init__(self, lookups: Lookups, row: int) -> None:
        self.lookups, self.row = lookups, row
        self.errors: list[tuple[str, str]] = []
        self.code = ""

    def fail(self, column: str, message: str) -> None:
        self.errors.append((column, f"{COLUMN_LABELS[column]}: {message}"))

    def record(self, cells: list, columns: list[int]) -> Record | None:
        """The row's record, or None when anything is wrong with it (`errors` then says what)."""
        if self.formulas(cells, columns):
            return None
        code_v, procedure_v, unit_v, point_v, channel_v, received_v, due_v, completed_v, status_v = cells
        code = self.dossier_code(code_v)
        procedure_id = self.procedure(procedure_v)
        unit = self.unit(unit_v)
        point = self.reception_point(point_v)
        channel = self.coded("kenh", channel_v, CHANNELS, *CHANNEL_MESSAGES)
        status = self.coded("trang_thai", status_v, STATUSES, *STATUS_MESSAGES)
        received = self.moment("ngay_tiep_nhan", received_v, required=True, end_of_day=False)
        due = self.moment("ngay_hen_tra", due_v, required=True, end_of_day=True)
        completed = self.moment("ngay_hoan_thanh", completed_v, required=False, end_of_day=True)
        missing = self.dates_after_reception(received, due, completed)
        self.completion_fits_status(status, completed, completed_v)
        self.completion_has_period(received, completed, missing)
        if self.errors:
            return None
        return Record(code, procedure_id, unit.pk, point, channel, received, due, completed, status, self.row)

    # -- the cells, one by one --

    def formulas(self, cells: list, columns: list[int]) -> bool:
        """Formula cells are refused (their value is whatever the exporter last computed); any there?"""
        found = [(COLUMNS[i], columns[i]) for i, v in enumerate(cells) if isinstance(v, Formula)]
        for column, index in found:
            self.fail(
                column,
                _("ô %(cell)s chứa công thức; hãy dán giá trị thay cho công thức.")
                % {"cell": f"{column_letter(index)}{self.row}"},
            )
        return bool(found)

    def dossier_code(self, value: object) -> str:
        code = cell_text(value)
        if not code:
            self.fail("ma_ho_so", _("bắt buộc nhập."))
        elif len(code) > CODE_MAX:
            self.fail("ma_ho_so", _("dài quá %(n)s ký tự.") % {"n": CODE_MAX})
        else:
            self.code = code
        return code

    def procedure(self, value: object) -> int | None:
        code = cell_text(value)
        procedure_id = self.lookups.procedures.get(code)
        if not code:
            self.fail("ma_thu_tuc", _("bắt buộc nhập."))
        elif procedure_id is None:
            self.fail("ma_thu_tuc", _("không có thủ tục mã «%(code)s» trong danh mục.") % {"code": code})
        return procedure_id

    def unit(self, value: object) -> Unit | None:
        code = cell_text(value)
        unit = self.lookups.units.get(code)
        if not code:
            self.fail("ma_don_vi", _("bắt buộc nhập."))
        elif unit is None:
            self.fail("ma_don_vi", _("không có đơn vị mã «%(code)s».") % {"code": code})
        elif not self.lookups.may_import(unit):
            self.fail("ma_don_vi", _("bạn không được nhập hồ sơ của đơn vị «%(code)s».") % {"code": code})
        return unit

    def reception_point(self, value: object) -> str:
        point = cell_text(value)
        if not point:
            self.fail("noi_tiep_nhan", _("bắt buộc nhập."))
        elif len(point) > POINT_MAX:
            self.fail("noi_tiep_nhan", _("dài quá %(n)s ký tự.") % {"n": POINT_MAX})
        return point

    def coded(self, column: str, value: object, vocabulary: dict, required: Promise, invalid: Promise) -> str | None:
        """A coded cell's member; `required` and `invalid` are the column's messages (naming its codes)."""
        text = cell_text(value)
        found = choice(text, vocabulary)
        if not text:
            self.fail(column, str(required))
        elif found is None:
            self.fail(column, str(invalid) % {"value": text})
        return found

    def moment(self, column: str, value: object, *, required: bool, end_of_day: bool) -> dt.datetime | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(column, _("bắt buộc nhập."))
            return None
        moment = parse_moment(value, end_of_day=end_of_day)
        if moment is None:
            self.fail(
                column,
                _("«%(value)s» không phải ngày hợp lệ; dùng dd/mm/yyyy, dd/mm/yyyy HH:MM hoặc yyyy-mm-dd.")
                % {"value": cell_text(value)},
            )
            return None
        lookups = self.lookups
        if moment > lookups.now and timezone.localtime(moment, lookups.tz).date() > lookups.today:
            # Days, not seconds: "completed 26/11" means by the end of today, and clocks drift.
            self.fail(column, _("%(value)s ở tương lai.") % {"value": self.show(moment)})
            return None
        return moment

    def show(self, moment: dt.datetime) -> str:
        return timezone.localtime(moment, self.lookups.tz).strftime("%d/%m/%Y %H:%M")

    # -- the cells together --

    def dates_after_reception(
        self, received: dt.datetime | None, due: dt.datetime | None, completed: dt.datetime | None
    ) -> str | None:
        """Completion and due date not before reception, and reception in a quarter the portal has.
        Returns the label of that missing quarter (already reported), if any."""
        if received is None:
            return None
        tz = self.lookups.tz
        if completed is not None and completed < received:
            self.fail(
                "ngay_hoan_thanh",
                _("%(completed)s trước ngày tiếp nhận %(received)s.")
                % {"completed": self.show(completed), "received": self.show(received)},
            )
        if due is not None and timezone.localtime(due, tz).date() < timezone.localtime(received, tz).date():
            self.fail(
                "ngay_hen_tra",
                _("%(due)s trước ngày tiếp nhận %(received)s.")
                % {"due": self.show(due), "received": self.show(received)},
            )
        if self.lookups.span_of(received) is None:
            missing = quarter_label(received)
            self.fail("ngay_tiep_nhan", _("chưa có kỳ báo cáo quý %(q)s trong cổng.") % {"q": missing})
            return missing
        return None

    def completion_fits_status(self, status: str | None, completed: dt.datetime | None, value: object) -> None:
        """A pending dossier has no completion date; any other has one."""
        if status is None:
            return
        if status == DossierStatus.PENDING and completed is not None:
            self.fail("ngay_hoan_thanh", _("hồ sơ đang giải quyết không được có ngày hoàn thành."))
        elif status != DossierStatus.PENDING and completed is None and not cell_text(value):
            self.fail("ngay_hoan_thanh", _("bắt buộc nhập khi hồ sơ đã giải quyết, trả lại hoặc rút."))

    def completion_has_period(
        self, received: dt.datetime | None, completed: dt.datetime | None, missing: str | None
    ) -> None:
        """The completion falls in a quarter the portal has (unless already said of it or of reception)."""
        if (
            completed is not None
            and self.lookups.span_of(completed) is None
            and not (received is not None and completed < received)
            and quarter_label(completed) != missing
        ):
            self.fail(
                "ngay_hoan_thanh", _("chưa có kỳ báo cáo quý %(q)s trong cổng.") % {"q": quarter_label(completed)}
            )
