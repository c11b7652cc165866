"""The dossier push: JSON records through the file import's own engine, checks and ledger path.

`procedures.importing` reads a file row by row, checks each row (`Run.check`: the same rules and the
same Vietnamese messages whatever the source), upserts the records on the dossier code and recomputes
the ledgers of the touched reports in one transaction (`dossier_import_commit`). The API feeds that
engine a table made of the JSON records instead of a file: the row number of an error is the record's
index in the batch. Any error, and nothing of the batch is saved.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _

from cchc.locks import acting_as
from procedures.importing import COLUMNS, ImportFailed, ImportResult, Run, Table, dossier_import_commit
from procedures.importing.cells import cell_text
from procedures.importing.limits import BATCH_SIZE


class BatchInvalid(Exception):
    """The body is not a batch at all (not an object with a list of records, too many records)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


@dataclass(frozen=True)
class PushError:
    index: int | None
    field: str | None
    message: str


def _table(records: list) -> Table:
    """The records as the import's Table: columns in COLUMNS order, row number = index in the batch."""
    columns = {key: i for i, key in enumerate(COLUMNS)}

    def rows():
        for index, record in enumerate(records):
            yield index, [record.get(key) for key in COLUMNS]

    return Table("json", 0, columns, rows(), lambda: None)


class RecordsRun(Run):
    """The import's engine reading a list of JSON objects instead of a file (see the module's docstring)."""

    def run(self, records, name=None):
        started = time.monotonic()
        self.preview.file_name, self.preview.file_format = name or "api", "json"
        self.read(_table(records))
        if self.batch:
            self.flush()
        if self.preview.rows_read == 0 and self.preview.ok:
            self.error(None, _("Lô không có hồ sơ nào."))
        self.code_hashes = []
        self.find_duplicates_in(records)
        self.preview.rows_with_errors = int.from_bytes(self.error_rows, "little").bit_count()
        self.preview.errors.sort(key=lambda e: (e.row is not None, e.row or 0))
        self.preview.seconds = time.monotonic() - started
        return self.preview

    def find_duplicates_in(self, records: list) -> None:
        """A code twice in one batch: the later records are errors, with the import's message."""
        self.report_repeated_codes(
            ((index, cell_text(record.get("ma_ho_so"))) for index, record in enumerate(records)),
            _("«%(code)s» trùng với hồ sơ thứ %(row)s của lô: mỗi hồ sơ chỉ gửi một lần."),
        )


def records_of(data, *, limit: int) -> list[dict]:
    """The batch's records, after checking the envelope; BatchInvalid says what is wrong with it."""
    records = data.get("records") if isinstance(data, dict) else None
    if not isinstance(records, list):
        raise BatchInvalid(_("Nội dung phải là một đối tượng JSON có danh sách «records»."))
    if len(records) > limit:
        raise BatchInvalid(
            _("Lô có %(n)s hồ sơ, quá giới hạn %(max)s hồ sơ một lần: hãy chia thành nhiều lô.")
            % {"n": len(records), "max": limit},
            status=413,
        )
    bad = [i for i, record in enumerate(records) if not isinstance(record, dict)]
    if bad:
        raise BatchInvalid(
            _("Hồ sơ thứ %(indexes)s không phải đối tượng JSON.") % {"indexes": ", ".join(map(str, bad[:20]))}
        )
    return records


def dossier_push(
    *, records: list[dict], user, progress: Callable[[int, float | None, str], None] | None = None
) -> ImportResult:
    """Upsert the records and recompute the touched ledgers in one transaction, as the file import does.

    Raises ImportFailed (its `preview.errors` carry the index of each bad record) and saves nothing when
    any record is wrong or would change an approved (or otherwise locked) report. The writes are
    recorded in the history as `user`'s: the API client's own account, named after it. `progress` is the
    import's (rows read, fraction, stage), called after every batch: a long push runs as a job (api/jobs.py)
    whose progress raises out of the transaction when it is cancelled.
    """
    with acting_as(user):
        return dossier_import_commit(
            file=records, user=user, name="API", engine=RecordsRun, progress=progress, progress_every=BATCH_SIZE
        )


def errors_of(failed: ImportFailed) -> list[PushError]:
    return [PushError(e.row, e.column, e.message) for e in failed.preview.errors]


def errors_body(failed: ImportFailed) -> dict:
    """The answer to a refused batch (the 400 of an inline push, the failed job's details of a long one)."""
    preview = failed.preview
    return {
        "detail": _("Lô có %(n)s lỗi: không lưu hồ sơ nào.") % {"n": preview.error_count},
        "error_count": preview.error_count,
        "errors": [asdict(error) for error in errors_of(failed)],
    }
