"""Dossier records, the source of the ledger, have a history written in bulk by the import (issue 16, defect 14)."""

import pytest

from procedures.importing import dossier_import_commit
from procedures.models import DossierRecord
from procedures.tests.test_import import csv_upload, line, procedure, quarters  # noqa: F401  (fixtures)


@pytest.fixture
def setup(cast, procedure, quarters):  # noqa: F811
    return cast


def test_the_import_writes_one_history_row_per_record_with_user_and_file(setup):
    dossier_import_commit(file=csv_upload(line("HS-1"), line("HS-2"), name="thang-3.csv"), user=setup["clerk_a"])

    rows = list(DossierRecord.history.order_by("code"))
    assert [(r.code, r.history_type) for r in rows] == [("HS-1", "+"), ("HS-2", "+")]
    assert {r.history_user for r in rows} == {setup["clerk_a"]}
    assert {r.history_change_reason for r in rows} == {"nhập tệp hồ sơ thang-3.csv"}


def test_a_changed_record_gets_a_change_row_and_an_unchanged_one_none(setup):
    dossier_import_commit(file=csv_upload(line("HS-1"), line("HS-2")), user=setup["clerk_a"])
    changed = line("HS-2", point="Điểm tiếp nhận mới")
    dossier_import_commit(file=csv_upload(line("HS-1"), changed), user=setup["clerk_a"])

    assert DossierRecord.history.filter(code="HS-1").count() == 1
    latest = DossierRecord.history.filter(code="HS-2").latest()
    assert latest.history_type == "~" and latest.reception_point == "Điểm tiếp nhận mới"
    assert latest.prev_record.reception_point != "Điểm tiếp nhận mới"


def test_history_is_written_in_bulk_not_row_by_row(setup):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(first, n):
        lines = [line(f"HS-{k}") for k in range(first, first + n)]
        with CaptureQueriesContext(connection) as captured:
            dossier_import_commit(file=csv_upload(*lines), user=setup["clerk_a"])
        return len(captured)

    queries_for(0, 1)  # the report and its ledger row exist from now on
    assert queries_for(100, 5) == queries_for(200, 60)
    assert DossierRecord.history.count() == 66
