"""Done-when of issue 20: 10,000 records pushed into an empty quarter give the ledger the file import gives.

The same records are first imported as a CSV file through `dossier_import_commit` inside a savepoint that
is rolled back (the ledger it computed is kept aside), then pushed through the API in one call and read
back through the API's report endpoints. A second push of the same batch changes nothing. 10,000 records
are above API_DOSSIER_INLINE_MAX: each push is answered 202 and runs as a job, whose result is polled.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from api.services import api_client_create
from cchc import services as core
from cchc.choices import UnitKind
from procedures.choices import ProcedureLevel
from procedures.importing import COLUMNS, dossier_import_commit
from procedures.models import LEDGER_COUNTS, DossierRecord, LedgerRow
from procedures.services import procedure_upsert

COUNT = 10_000
POINTS = ("Bộ phận một cửa", "Trung tâm hành chính công")
CHANNELS = ("truc_tiep", "truc_tuyen", "buu_chinh")


def make_records(count: int) -> list[dict]:
    """Dossiers received in Q1-2020 at two units and two points: resolved early, on time, late (some in Q2),
    returned, withdrawn, or still pending. Seeded, so every run pushes the same batch."""
    rng = random.Random(20)
    start = dt.datetime(2020, 1, 1, 7, 30)
    out = []
    for n in range(count):
        received = start + dt.timedelta(days=rng.randrange(90), minutes=rng.randrange(600))
        due = (received + dt.timedelta(days=rng.randrange(1, 20))).date()
        status = rng.choice(("da_giai_quyet", "da_giai_quyet", "da_giai_quyet", "tra_lai", "rut", "dang_giai_quyet"))
        completed = None
        if status != "dang_giai_quyet":
            completed = received + dt.timedelta(days=rng.randrange(0, 40), hours=rng.randrange(8))
        out.append(
            {
                "ma_ho_so": f"000.00.{n:06d}",
                "ma_thu_tuc": "1.000001",
                "ma_don_vi": rng.choice(("T-A", "T-B")),
                "noi_tiep_nhan": rng.choice(POINTS),
                "kenh": rng.choice(CHANNELS),
                "ngay_tiep_nhan": received.strftime("%Y-%m-%dT%H:%M:%S+07:00"),
                "ngay_hen_tra": due.isoformat(),
                "ngay_hoan_thanh": completed.strftime("%Y-%m-%dT%H:%M:%S+07:00") if completed else None,
                "trang_thai": status,
            }
        )
    return out


def as_csv(records: list[dict]) -> SimpleUploadedFile:
    lines = [",".join(COLUMNS)]
    lines += [",".join(record[key] or "" for key in COLUMNS) for record in records]
    return SimpleUploadedFile("ho-so.csv", ("\n".join(lines) + "\n").encode(), content_type="text/csv")


def stored_ledger() -> dict:
    """Every ledger row in the database: (unit, quarter, reception point) → its counts."""
    rows = LedgerRow.objects.select_related("report__unit", "report__period")
    return {
        (row.report.unit.code, row.report.period.code, row.reception_point): {
            name: getattr(row, name) for name in LEDGER_COUNTS
        }
        for row in rows
    }


def ledger_through_the_api(http) -> dict:
    """The same, read as a dashboard would: the quarter's reports, then each report's ledger."""
    out = {}
    for period in ("2020-Q1", "2020-Q2"):
        reports = http.get("/api/v1/reports/", {"period": period, "page_size": 1000}).json()["results"]
        for report in reports:
            for row in http.get(f"/api/v1/reports/{report['id']}/").json()["ledger"]:
                out[(report["unit"], period, row["reception_point"])] = row["counts"]
    return out


@pytest.fixture
def empty_quarter(cast, period, province):
    procedure_upsert(
        code="1.000001",
        name="Cấp bản sao",
        field="Tư pháp",
        level=ProcedureLevel.PROVINCE,
        unit_kind=UnitKind.DEPARTMENT,
    )
    core.period_upsert(year=2020, quarter=2)
    return cast


def pushed(http, records, capture) -> dict:
    """POST the batch (a job: 202), let the job run, and poll its result."""
    with capture(execute=True):
        accepted = http.post("/api/v1/dossiers/", {"records": records}, format="json")
    assert accepted.status_code == 202, accepted.content[:500]
    polled = http.get(accepted.json()["url"]).json()
    assert polled["state"] == "done", polled
    return polled["result"]


def test_10000_pushed_records_give_the_ledger_of_the_file_import_and_a_second_push_changes_nothing(
    empty_quarter, province, http, django_capture_on_commit_callbacks
):
    records = make_records(COUNT)
    with transaction.atomic():
        result = dossier_import_commit(file=as_csv(records), user=empty_quarter["admin"])
        assert result.created == COUNT
        imported = stored_ledger()
        transaction.set_rollback(True)
    assert not DossierRecord.objects.exists() and not LedgerRow.objects.exists()
    _client, token = api_client_create(name="Một cửa điện tử", unit=province, can_push_dossiers=True)
    http.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    first = pushed(http, records, django_capture_on_commit_callbacks)

    assert (first["created"], first["records"]) == (COUNT, COUNT)
    assert stored_ledger() == imported
    assert ledger_through_the_api(http) == imported
    assert {key[1] for key in imported} == {"2020-Q1", "2020-Q2"}  # carried over into Q2 too
    history = sum(row.history.count() for row in LedgerRow.objects.all())

    second = pushed(http, records, django_capture_on_commit_callbacks)

    assert (second["created"], second["updated"], second["unchanged"]) == (0, 0, COUNT)
    assert stored_ledger() == imported
    assert sum(row.history.count() for row in LedgerRow.objects.all()) == history
