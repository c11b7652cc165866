"""The set-based write (temporary table, one upsert, history in one INSERT … SELECT) gives the same records,
history and ledgers as the former ORM path (`OrmRun`: bulk_create per batch) on the same files (issue 12).

Both paths import the same generated file (new records over three quarters, two units, every status), then a
second file that changes part of it, inside one savepoint each; what each wrote is read back and compared.
Run on SQLite and on PostgreSQL (DATABASE_URL=postgres://…).
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from procedures.importing import dossier_import_commit, limits
from procedures.importing.run import OrmRun, Run
from procedures.models import LEDGER_COUNTS, DossierRecord, LedgerRow
from procedures.tests.test_import import csv_upload, line, procedure, quarters  # noqa: F401  (fixtures)


@pytest.fixture
def setup(cast, procedure, quarters):  # noqa: F811
    return cast


STATUSES = ("da_giai_quyet", "da_giai_quyet", "da_giai_quyet", "tra_lai", "rut", "dang_giai_quyet")


def rows(n: int, seed: int, *, changed_every: int = 0) -> list[str]:
    """n dossiers received Oct 2019 – Jun 2020 (Q4-2019…Q2-2020), completed up to 40 days later or pending."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        received = dt.datetime(2019, 10, 1, 8) + dt.timedelta(hours=rng.randrange(0, 270 * 24))
        status = rng.choice(STATUSES)
        completed = received + dt.timedelta(days=rng.randint(0, 40), hours=rng.randint(0, 5))
        if status == "dang_giai_quyet" or completed >= dt.datetime(2020, 6, 30):
            status, completed_text = "dang_giai_quyet", ""
        else:
            completed_text = completed.strftime("%d/%m/%Y %H:%M")
        point = rng.choice(("Bộ phận một cửa", "Trung tâm"))
        if changed_every and i % changed_every == 0:
            point = "Điểm mới"
        out.append(
            line(
                f"HS-{i:05d}",
                unit=rng.choice(("T-A", "T-B")),
                point=point,
                channel=rng.choice(("truc_tiep", "truc_tuyen", "buu_chinh")),
                received=received.strftime("%d/%m/%Y %H:%M"),
                due=(received + dt.timedelta(days=rng.randint(0, 20))).strftime("%d/%m/%Y"),
                completed=completed_text,
                status=status,
            )
        )
    return out


def snapshot() -> dict:
    records = sorted(
        DossierRecord.objects.values_list(
            "code",
            "procedure__code",
            "unit__code",
            "reception_point",
            "channel",
            "received_at",
            "due_at",
            "completed_at",
            "status",
        )
    )
    history = sorted(
        DossierRecord.history.values_list(
            "code", "history_type", "history_user__username", "history_change_reason", "reception_point", "status"
        )
    )
    # Every history row carries its record's id (the raw path joins the written rows back on the code).
    ids_match = set(DossierRecord.history.values_list("id", "code")) == set(
        DossierRecord.objects.values_list("id", "code")
    )
    ledgers = sorted(
        (
            row.report.unit.code,
            row.report.period.year,
            row.report.period.quarter,
            row.reception_point,
            row.source,
            row.report.status,
            tuple(getattr(row, name) for name in LEDGER_COUNTS),
        )
        for row in LedgerRow.objects.select_related("report__unit", "report__period")
    )
    return {"records": records, "history": history, "history_ids_match": ids_match, "ledgers": ledgers}


def import_with(engine: type[Run], files: list, user) -> tuple[dict, list]:
    """Import the files one after the other with `engine`, read back what was written, then undo it all."""
    results = []
    with transaction.atomic():
        for name, lines in files:
            result = dossier_import_commit(file=csv_upload(*lines, name=name), user=user, engine=engine)
            results.append((result.created, result.updated, result.unchanged, len(result.reports)))
        seen = snapshot()
        transaction.set_rollback(True)
    return seen, results


@pytest.mark.django_db(transaction=False)
def test_the_set_based_write_and_the_orm_path_give_the_same_records_history_and_ledgers(setup, monkeypatch):
    monkeypatch.setattr(limits, "BATCH_SIZE", 97)  # several batches, one not full
    files = [("lan-1.csv", rows(600, seed=7)), ("lan-2.csv", rows(650, seed=7, changed_every=5))]

    orm, orm_results = import_with(OrmRun, files, setup["admin"])
    raw, raw_results = import_with(Run, files, setup["admin"])

    assert raw_results == orm_results
    assert orm_results[0][0] == 600 and orm_results[1][:3] == (50, 120, 480)  # the second file changes and adds
    assert len(orm["records"]) == 650 and len(orm["history"]) == 650 + 120
    assert {t for _c, t, *_rest in orm["history"]} == {"+", "~"}
    assert len(orm["ledgers"]) >= 12  # 2 units × 3 quarters × 2+ reception points
    assert raw == orm
    assert raw["history_ids_match"]


@pytest.mark.django_db(transaction=False)
def test_the_write_is_a_constant_number_of_statements_whatever_the_rows(setup, monkeypatch):
    monkeypatch.setattr(limits, "BATCH_SIZE", 50)

    def statements(n: int, seed: int) -> int:
        with transaction.atomic():
            lines = rows(n, seed=seed)
            with CaptureQueriesContext(connection) as captured:
                dossier_import_commit(file=csv_upload(*lines), user=setup["admin"])
            transaction.set_rollback(True)
        writes = [q["sql"] for q in captured if "procedures_dossierrecord" in q["sql"] and "INSERT" in q["sql"]]
        return len(writes)

    # One upsert into the record table and one history insert, for 40 rows as for 400 (8 batches).
    assert statements(40, 1) == statements(400, 1) == 2


def test_a_report_approved_after_the_check_refuses_the_import_before_any_record_is_written(
    setup, report_a, monkeypatch
):
    from cchc.models import Report
    from conftest import fill_narrative, submit
    from procedures import importing
    from procedures.importing import ImportFailed

    real_run = importing.Run.run

    def approve_meanwhile(self, file, name):
        preview = real_run(self, file, name)
        submit(fill_narrative(Report.objects.get(pk=report_a.pk), setup["clerk_a"]), approve=True)
        return preview

    monkeypatch.setattr(importing.Run, "run", approve_meanwhile)
    written = []
    monkeypatch.setattr(importing.Run, "finish_writes", lambda self: written.append(self))
    with pytest.raises(ImportFailed) as failed:
        dossier_import_commit(file=csv_upload(line("HS-1")), user=setup["admin"])
    assert "đã duyệt hoặc khóa sổ trong lúc nhập" in " ".join(failed.value.messages)
    assert written == []  # refused by the check of the touched reports, before the write
    assert not DossierRecord.objects.exists() and not DossierRecord.history.exists()
