"""The import's engine, shared by the preview, the commit and the API push: one pass over the rows.

The file is streamed: one pass reads a row, checks it (`fast.FastCheck`, else `rows.RowCheck`) and, in batches
of `limits.BATCH_SIZE`, compares the records with those already stored under the same dossier codes, refuses
changes to frozen reports' ledgers, counts the ledger change (`counts.LedgerChange`) and, when writing,
gathers the batch in the database (`write.RawWriter`), written at once by `finish_writes()` once the whole
file is known to be right. What stays in memory for the whole file is small and does not hold rows: the lookups
(codes → ids, periods), one counter per (unit, period, reception point), at most `limits.MAX_ERRORS`
messages, one bit per row (rows with an error) and 8 bytes per row for duplicate dossier codes (a 64-bit
hash, checked exactly on a second read of the file when two hashes meet).
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Callable, Iterable
from contextlib import suppress
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from ..models import DossierRecord
from . import limits
from .cells import cell_text
from .counts import LedgerChange, changes, contributions
from .fast import FastCheck
from .lookups import Lookups
from .readers import Table, file_name, is_blank, open_table
from .results import ImportFileError, ImportPreview, RowError
from .rows import Record, RowCheck
from .vocabulary import COLUMN_LABELS, COLUMNS, RECORD_FIELDS
from .write import RawWriter

Progress = Callable[[int, float | None, str], None]


class Run:
    """One pass over the rows: checks every row and counts the ledger change, optionally writing.

    The API's push subclasses it to read JSON records instead of a file (api/dossiers.py). Writing gathers the
    checked records in a temporary table (`write.RawWriter`); `finish_writes()` upserts them all at once after
    the whole file has been checked. `OrmRun` keeps the former ORM path (a `bulk_create` per batch), the
    reference the set-based path is compared with (procedures/tests/test_import_paths.py)."""

    def __init__(
        self, *, user, write: bool, progress: Progress | None = None, progress_every: int = limits.PROGRESS_EVERY
    ) -> None:
        self.user, self.write = user, write
        self.progress, self.progress_every = progress, progress_every
        self.preview = ImportPreview()
        self.error_rows = bytearray()  # one bit per row number: that row has an error
        self.code_hashes = [array("Q") for _ in range(256)]  # duplicate codes, see remember_code
        self.batch: list[Record] = []
        self.lookups = Lookups(user)
        self.change = LedgerChange()
        batch = limits.BATCH_SIZE
        self.lookup_chunk = max(1, min(batch, (connection.features.max_query_params or batch) - 1))
        self.writer: RawWriter | None = None
        self.fast = FastCheck(self.lookups)

    # -- errors --

    def error(self, row: int | None, message: str, column: str | None = None) -> None:
        self.preview.error_count += 1
        if len(self.preview.errors) < limits.MAX_ERRORS:
            self.preview.errors.append(RowError(row, message, column))
        if row is not None:
            byte, bit = divmod(row, 8)
            if byte >= len(self.error_rows):
                self.error_rows.extend(bytes(byte + 1 - len(self.error_rows) + 4096))
            self.error_rows[byte] |= 1 << bit

    # -- the pass --

    def run(self, file: Any, name: str | None) -> ImportPreview:
        started = time.monotonic()
        self.preview.file_name = file_name(file, name)
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
            if is_blank(cells):
                continue
            self.preview.rows_read += 1
            record = self.check(number, cells, columns)
            if record is not None:
                self.batch.append(record)
                if len(self.batch) >= limits.BATCH_SIZE:
                    self.flush()
            if self.progress and self.preview.rows_read % self.progress_every == 0:
                self.progress(self.preview.rows_read, table.fraction(), "read")

    def check(self, row: int, cells: list, columns: list[int]) -> Record | None:
        """The row's record, or None after reporting what is wrong with it (each field named)."""
        record = self.fast.record(row, cells)
        if record is not None:
            self.remember_code(record.code)
            return record
        check = RowCheck(self.lookups, row)
        record = check.record(cells, columns)
        if check.code:
            self.remember_code(check.code)
        for column, message in check.errors:
            self.error(row, message, column)
        return record

    # -- a batch: compare with what is stored, check the locks, write --

    def flush(self) -> None:
        batch, self.batch = self.batch, []
        by_code: dict[str, Record] = {}
        for record in batch:
            # A code twice in one batch: keep the first; find_duplicates reports the others.
            by_code.setdefault(record.code, record)
        stored = self.stored(list(by_code))
        to_write = [record for record in by_code.values() if self.compare(record, stored.get(record.code))]
        if to_write and self.write:
            self.upsert(to_write, stored)

    def stored(self, codes: list[str]) -> dict[str, Record]:
        """The records stored under these codes."""
        stored: dict[str, Record] = {}
        if connection.vendor == "postgresql":
            # One array parameter instead of 2,000: the driver does not split a long parameter list per query.
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT code, {', '.join(RECORD_FIELDS)} FROM {DossierRecord._meta.db_table} WHERE code = ANY(%s)",
                    [codes],
                )
                for code, *values in cursor.fetchall():
                    stored[code] = Record(code, *values)
            return stored
        for start in range(0, len(codes), self.lookup_chunk):
            rows = DossierRecord.objects.filter(code__in=codes[start : start + self.lookup_chunk]).values_list(
                "code", *RECORD_FIELDS
            )
            for code, *values in rows:
                stored[code] = Record(code, *values)
        return stored

    def compare(self, record: Record, old: Record | None) -> bool:
        """Count what the record changes (new, changed, unchanged; its ledgers); whether to write it.

        A record moved from a unit the user may not import for, or changing a frozen report's ledger, is
        an error instead."""
        if old is None and self.write and self.change.touch_new(record, self.lookups):
            self.preview.created += 1  # a new record whose reports are all open: no counts needed to write it
            return True
        if old is not None and old.values() == record.values():
            self.preview.unchanged += 1
            return False
        if old is not None and old.unit_id != record.unit_id and not self.may_move(record, old):
            return False
        changed = changes(
            contributions(record, self.lookups), contributions(old, self.lookups) if old is not None else {}
        )
        locked = self.lookups.why_locked(changed)
        if locked:
            self.error(record.row, locked)
            return False
        self.change.apply(changed)
        if old is None:
            self.preview.created += 1
        else:
            self.preview.updated += 1
        return True

    def may_move(self, record: Record, old: Record) -> bool:
        """A stored record moves to another unit only when the user may import for its old unit too."""
        old_unit = self.lookups.units_by_id.get(old.unit_id)
        if old_unit is not None and self.lookups.may_import(old_unit):
            return True
        self.error(
            record.row,
            f"{COLUMN_LABELS['ma_ho_so']}: "
            + _("hồ sơ «%(code)s» đã có, thuộc đơn vị «%(unit)s» mà bạn không được nhập.")
            % {"code": record.code, "unit": old_unit.code if old_unit else old.unit_id},
            "ma_ho_so",
        )
        return False

    def reason(self) -> str:
        """The history's change reason of every record the import writes."""
        return _("nhập tệp hồ sơ %(name)s") % {"name": self.preview.file_name}

    def upsert(self, records: list[Record], stored: dict[str, Record]) -> None:
        """Gather the batch for the set-based write ("+" a new code, "~" a changed record)."""
        if self.writer is None:
            self.writer = RawWriter(user=self.user, reason=self.reason(), now=self.lookups.now)
        self.writer.add((record, "~" if record.code in stored else "+") for record in records)

    def finish_writes(self) -> None:
        """Write what the pass gathered: one upsert and one history insert (nothing for the ORM path)."""
        if self.writer is not None:
            self.writer.finish()
            self.writer = None

    # -- the former ORM path, kept as the reference --

    def orm_upsert(self, records: list[Record], stored: dict[str, Record]) -> None:
        """Write the batch in one statement (insert, or update on the dossier code), then its history."""
        DossierRecord.objects.bulk_create(
            [
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
                for record in records
            ],
            batch_size=limits.BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=[name.removesuffix("_id") for name in RECORD_FIELDS] + ["updated_at"],
        )
        self.write_history([record.code for record in records], stored)

    def write_history(self, codes: list[str], stored: dict) -> None:
        """One history row per record written ("+" new, "~" changed), by the importing user, in bulk."""
        written = []
        for start in range(0, len(codes), self.lookup_chunk):
            written.extend(DossierRecord.objects.filter(code__in=codes[start : start + self.lookup_chunk]))
        reason = self.reason()
        for update in (False, True):
            DossierRecord.history.bulk_history_create(
                [record for record in written if (record.code in stored) == update],
                batch_size=limits.BATCH_SIZE,
                update=update,
                default_user=self.user,
                default_change_reason=reason,
                default_date=self.lookups.now,
            )

    # -- duplicate dossier codes --

    def remember_code(self, code: str) -> None:
        """Duplicate codes: a 64-bit hash per row, in 256 buckets; the rare equal hashes are checked
        exactly on a second read (find_duplicates). 8 bytes a row instead of a set of strings."""
        h = hash(code) & 0xFFFF_FFFF_FFFF_FFFF
        self.code_hashes[h & 0xFF].append(h)

    def suspects(self) -> set[int]:
        """The hashes met twice (then forgets the hashes)."""
        suspects: set[int] = set()
        for bucket in self.code_hashes:
            seen: set[int] = set()
            for h in bucket:
                if h in seen:
                    suspects.add(h)
                else:
                    seen.add(h)
        self.code_hashes = []
        return suspects

    def find_duplicates(self, file: Any, name: str | None) -> None:
        """Read the file again and report every row whose code an earlier row has."""
        suspects = self.suspects()
        if not suspects:
            return
        with open_table(file, name) as table:
            index = table.columns["ma_ho_so"]
            codes = ((number, cell_text(values[index]) if index < len(values) else "") for number, values in table.rows)
            self.report_repeated_codes(
                ((number, code) for number, code in codes if code and hash(code) & 0xFFFF_FFFF_FFFF_FFFF in suspects),
                _("«%(code)s» trùng với dòng %(row)s: mỗi hồ sơ chỉ có một dòng."),
            )

    def report_repeated_codes(self, numbered_codes: Iterable[tuple[int, str]], message: str) -> None:
        """Every (row, code) whose code an earlier row has is an error naming that earlier row (`message` takes
        %(code)s and %(row)s): the file import's second pass and the API's batch share this rule."""
        first_row: dict[str, int] = {}
        for number, code in numbered_codes:
            if not code:
                continue
            if code in first_row:
                self.error(
                    number,
                    f"{COLUMN_LABELS['ma_ho_so']}: " + message % {"code": code, "row": first_row[code]},
                    "ma_ho_so",
                )
            else:
                first_row[code] = number


class OrmRun(Run):
    """The import as it wrote before the set-based path: Django's `bulk_create(update_conflicts=True)` per batch
    and simple-history's `bulk_history_create`. Kept callable (`dossier_import_commit(engine=OrmRun)`) so that a
    test compares both paths' records, history and ledgers on the same file."""

    def upsert(self, records: list[Record], stored: dict[str, Record]) -> None:
        self.orm_upsert(records, stored)
