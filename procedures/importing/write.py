"""The import's set-based write: checked records gathered in a temporary table, then one upsert and one
history insert for the whole file (issue 12).

- PostgreSQL: each batch is streamed into the temporary table with `COPY … FROM STDIN` (psycopg's
  `cursor.copy`), so the server parses it while Python checks the next batch;
- SQLite: each batch is one `executemany` of an INSERT into the same temporary table.

`finish()` then runs the same two statements on both databases: `INSERT … SELECT … ON CONFLICT (code) DO
UPDATE` into the dossier-record table, and `INSERT … SELECT` of one history row per written record (joined
back on the code, so the history carries the record's id), by the importing user with the file's name as the
reason. No model instance is built per row. The approval lock is checked before: every report the file
touches is read (and row-locked) in one query per chunk of units (`reports_frozen`), and the ledger rows the
recompute writes afterwards are report parts under the database triggers of cchc/lockdb.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import connection

from ..models import DossierRecord
from .rows import Record
from .vocabulary import RECORD_FIELDS

TEMP = "cchc_import_dossiers"
# The temporary table's columns: the record's fields in `Record` order, then the history type ("+" or "~").
FIELDS = ("code", *RECORD_FIELDS)
TYPES = {
    "postgresql": (
        "varchar(80)",
        "bigint",
        "bigint",
        "varchar(200)",
        "varchar(16)",
        "timestamptz",
        "timestamptz",
        "timestamptz",
        "varchar(16)",
        "text",  # the history type, "+" or "~"
    ),
    "sqlite": ("text", "integer", "integer", "text", "text", "text", "text", "text", "text", "text"),
}

BINARY_TYPES = ["varchar", "int8", "int8", "varchar", "varchar", "timestamptz", "timestamptz", "timestamptz"]
BINARY_TYPES += ["varchar", "text"]


class RawWriter:
    """The records to write, gathered batch by batch in a temporary table; `finish()` writes them all."""

    def __init__(self, *, user, reason: str, now: dt.datetime) -> None:
        self.user_id = getattr(user, "pk", None)
        self.reason, self.now = reason, now
        self.vendor = connection.vendor
        self.rows = 0
        columns = ", ".join(
            f"{name} {kind}" for name, kind in zip((*FIELDS, "history_type"), TYPES[self.vendor], strict=True)
        )
        with connection.cursor() as cursor:
            # A second import in the same transaction (tests, a job retried) finds the table of the first one.
            cursor.execute(f"DROP TABLE IF EXISTS {TEMP}")
            tail = " ON COMMIT DROP" if self.vendor == "postgresql" else ""
            cursor.execute(f"CREATE TEMPORARY TABLE {TEMP} ({columns}){tail}")

    def add(self, records: Iterable[tuple[Record, str]]) -> None:
        """Gather a batch: (record, history type) pairs, "+" for a new code and "~" for a changed record."""
        if self.vendor == "postgresql":
            self._copy(records)
        else:
            self._insert(records)

    def _copy(self, records: Iterable[tuple[Record, str]]) -> None:
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg's own cursor under Django's wrapper
            # Binary: the server reads the values as they are, instead of parsing text dates.
            with raw.copy(f"COPY {TEMP} FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types(BINARY_TYPES)
                write = copy.write_row
                for r, kind in records:
                    write(
                        (
                            r.code,
                            r.procedure_id,
                            r.unit_id,
                            r.reception_point,
                            r.channel,
                            r.received_at,
                            r.due_at,
                            r.completed_at,
                            r.status,
                            kind,
                        )
                    )
                    self.rows += 1

    def _insert(self, records: Iterable[tuple[Record, str]]) -> None:
        # Django's own conversion, so the stored text is what the ORM writes and compares (UTC, no offset).
        adapt = connection.ops.adapt_datetimefield_value
        values = [
            (
                r.code,
                r.procedure_id,
                r.unit_id,
                r.reception_point,
                r.channel,
                adapt(r.received_at),
                adapt(r.due_at),
                adapt(r.completed_at),
                r.status,
                kind,
            )
            for r, kind in records
        ]
        self.rows += len(values)
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {TEMP} VALUES ({', '.join(['%s'] * 10)})", values)

    def finish(self) -> None:
        """The upsert of every gathered record and their history, in two statements; the table is dropped."""
        table = DossierRecord._meta.db_table
        history = DossierRecord.history.model._meta.db_table
        adapt = connection.ops.adapt_datetimefield_value
        now = adapt(self.now)
        updated = ", ".join(f"{name} = excluded.{name}" for name in (*FIELDS[1:], "updated_at"))
        fields = ", ".join(FIELDS)
        with connection.cursor() as cursor:
            if self.rows:
                # "WHERE true": SQLite's parser otherwise reads ON CONFLICT as part of the SELECT's join.
                cursor.execute(
                    f"INSERT INTO {table} (created_at, updated_at, {fields}) "
                    f"SELECT %s, %s, {fields} FROM {TEMP} WHERE true "
                    f"ON CONFLICT (code) DO UPDATE SET {updated}",
                    [now, now],
                )
            if self.rows and getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
                record_fields = ", ".join(f"d.{name}" for name in FIELDS)
                cursor.execute(
                    f"INSERT INTO {history} (id, {fields}, history_date, history_change_reason, history_type, "
                    f"history_user_id) SELECT d.id, {record_fields}, %s, %s, t.history_type, %s "
                    f"FROM {TEMP} t JOIN {table} d ON d.code = t.code",
                    [now, self.reason, self.user_id],
                )
            cursor.execute(f"DROP TABLE IF EXISTS {TEMP}")
