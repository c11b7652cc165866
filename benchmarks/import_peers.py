"""The peers `import_dossiers.py` measures the portal's import against, on the same rows (issue 12).

- `copy_csv`: PostgreSQL's own `COPY … FROM STDIN (FORMAT csv, HEADER)` of the same CSV file into a temporary
  table of the file's nine columns, dates typed (`timestamptz`, read day-first in Vietnam time): the floor of
  what any import of that file can cost on this machine, with no check and no index.
- `import_export_default`: django-import-export 4.x as its documentation sets it up (a `ModelResource` of the
  dossier record, the dossier code as the import id, foreign keys by code, its default options), importing the
  same rows (channel and status in their stored spelling, which is what its default widgets expect); it saves
  every row through the model, so simple-history writes one history row per record, as the portal does.
  Install it with `pip install -e '.[bench]'`.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path

CHANNEL = {"truc_tiep": "in_person", "truc_tuyen": "online", "buu_chinh": "postal"}
FIELDS = ("code", "procedure", "unit", "reception_point", "channel", "received_at", "due_at", "completed_at", "status")
STATUS = {"da_giai_quyet": "resolved", "dang_giai_quyet": "pending", "tra_lai": "returned", "rut": "withdrawn"}


def copy_csv(path: Path) -> float:
    """Seconds to COPY the CSV into a typed temporary table (rolled back)."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL datestyle = 'ISO, DMY'")
        cursor.execute("SET LOCAL timezone = 'Asia/Ho_Chi_Minh'")
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_copy (code text, procedure text, unit text, point text, channel text, "
            "received timestamptz, due timestamptz, completed timestamptz, status text) ON COMMIT DROP"
        )
        started = time.perf_counter()
        with cursor.cursor.copy("COPY bench_copy FROM STDIN (FORMAT csv, HEADER)") as copy, path.open("rb") as f:
            while chunk := f.read(1 << 20):
                copy.write(chunk)
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return seconds


def dossier_resource():
    from import_export import fields, resources, widgets

    from cchc.models import Unit
    from procedures.models import DossierRecord, Procedure

    class DossierResource(resources.ModelResource):
        procedure = fields.Field("procedure", "procedure", widgets.ForeignKeyWidget(Procedure, "code"))
        unit = fields.Field("unit", "unit", widgets.ForeignKeyWidget(Unit, "code"))
        received_at = fields.Field("received_at", "received_at", widgets.DateTimeWidget("%d/%m/%Y %H:%M"))
        due_at = fields.Field("due_at", "due_at", widgets.DateTimeWidget("%d/%m/%Y"))
        completed_at = fields.Field("completed_at", "completed_at", widgets.DateTimeWidget("%d/%m/%Y %H:%M"))

        class Meta:
            model = DossierRecord
            import_id_fields = ("code",)
            fields = FIELDS

    return DossierResource()


def import_export_file(source: Path, target: Path, prefix: str) -> None:
    """The same rows for django-import-export: its field names as the header, stored channel and status values,
    and the codes under another prefix (a fresh record each, as in the portal's run)."""
    with source.open(encoding="utf-8", newline="") as f, target.open("w", encoding="utf-8", newline="") as out:
        reader, writer = csv.reader(f), csv.writer(out)
        next(reader)
        writer.writerow(
            [
                "code",
                "procedure",
                "unit",
                "reception_point",
                "channel",
                "received_at",
                "due_at",
                "completed_at",
                "status",
            ]
        )
        for code, procedure, unit, point, channel, received, due, completed, status in reader:
            writer.writerow(
                [prefix + code, procedure, unit, point, CHANNEL[channel], received, due, completed, STATUS[status]]
            )


def import_export_default(path: Path) -> tuple[float, int]:
    """Seconds for django-import-export's default import of the file (reading it included), and rows imported."""
    import tablib

    started = time.perf_counter()
    dataset = tablib.Dataset().load(path.read_text(encoding="utf-8"), format="csv")
    result = dossier_resource().import_data(dataset, dry_run=False, raise_errors=True)
    seconds = time.perf_counter() - started
    return seconds, result.totals["new"] + result.totals["update"]
