"""POST /api/v1/dossiers/: the file import's checks, messages and ledger path, for JSON records.

Units T-A, T-B of the test province (conftest.py); the period fixture is Q1-2020 (plus Q4-2019, Q2-2020).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc import services as core
from cchc.choices import ReportStatus, UnitKind
from conftest import fill_narrative
from procedures.choices import ProcedureLevel
from procedures.models import LEDGER_COUNTS, DossierRecord, LedgerRow, LedgerSource
from procedures.services import procedure_upsert

PROC = "1.000001"
URL = "/api/v1/dossiers/"


def record(code="HS-1", **changes):
    base = {
        "ma_ho_so": code,
        "ma_thu_tuc": PROC,
        "ma_don_vi": "T-A",
        "noi_tiep_nhan": "Bộ phận một cửa",
        "kenh": "truc_tiep",
        "ngay_tiep_nhan": "2020-01-06T08:30:00+07:00",
        "ngay_hen_tra": "2020-01-10",
        "ngay_hoan_thanh": "2020-01-09T16:00:00+07:00",
        "trang_thai": "da_giai_quyet",
    }
    base.update(changes)
    return base


@pytest.fixture
def setup(cast, period):
    procedure_upsert(
        code=PROC, name="Cấp bản sao", field="Tư pháp", level=ProcedureLevel.PROVINCE, unit_kind=UnitKind.DEPARTMENT
    )
    core.period_upsert(year=2019, quarter=4)
    core.period_upsert(year=2020, quarter=2)
    return cast


@pytest.fixture
def pusher(setup, province, make_token, http):
    client, token = make_token(province, read=True, push=True, name="Một cửa điện tử tỉnh")
    http.with_token(token)
    http.api_client = client
    return http


def ledger_counts(unit, quarter=1, point="Bộ phận một cửa") -> dict:
    row = LedgerRow.objects.get(
        report__unit=unit, report__period__year=2020, report__period__quarter=quarter, reception_point=point
    )
    assert row.source == LedgerSource.RECORDS
    return {name: getattr(row, name) for name in LEDGER_COUNTS}


def test_push_saves_records_and_the_ledger_and_a_second_push_changes_nothing(pusher, unit_a):
    batch = [record("HS-1"), record("HS-2", kenh="truc_tuyen", trang_thai="dang_giai_quyet", ngay_hoan_thanh=None)]

    first = pusher.post(URL, {"records": batch}, format="json")

    assert first.status_code == 200, first.json()
    assert (first.json()["created"], first.json()["updated"], first.json()["unchanged"]) == (2, 0, 0)
    counts = ledger_counts(unit_a)
    assert (counts["received_total"], counts["resolved_total"], counts["pending_total"]) == (2, 1, 1)
    assert (counts["new_in_person"], counts["new_online"]) == (1, 1)
    answer_ledger = {(row["unit"], row["period"]): row["counts"] for row in first.json()["ledgers"]}
    assert answer_ledger[("T-A", "2020-Q1")] == counts

    second = pusher.post(URL, {"records": batch}, format="json")

    assert second.status_code == 200
    assert (second.json()["created"], second.json()["updated"], second.json()["unchanged"]) == (0, 0, 2)
    assert DossierRecord.objects.count() == 2
    assert ledger_counts(unit_a) == counts


def test_a_batch_with_bad_records_saves_nothing_and_names_each_error_by_index(pusher, unit_a):
    batch = [
        record("HS-1"),
        record("HS-2", ma_don_vi="KHONG-CO"),
        record("HS-3"),
        record("HS-4", kenh="fax", ngay_tiep_nhan="32/01/2020"),
        record("HS-1"),
    ]

    response = pusher.post(URL, {"records": batch}, format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["error_count"] == 4
    errors = [(e["index"], e["field"], e["message"]) for e in body["errors"]]
    assert (1, "ma_don_vi", "Mã đơn vị: không có đơn vị mã «KHONG-CO».") in errors
    assert (3, "kenh", "Kênh nộp: giá trị «fax» không hợp lệ; dùng truc_tiep, truc_tuyen hoặc buu_chinh.") in errors
    assert any(i == 3 and f == "ngay_tiep_nhan" and "«32/01/2020» không phải ngày hợp lệ" in m for i, f, m in errors)
    assert any(i == 4 and f == "ma_ho_so" and "«HS-1» trùng với hồ sơ thứ 0" in m for i, f, m in errors)
    assert DossierRecord.objects.count() == 0
    assert not LedgerRow.objects.exists()


def test_the_messages_are_the_file_imports_own(pusher):
    """The same bad value gives the same message through the API as in an imported file."""
    response = pusher.post(URL, {"records": [record(ma_thu_tuc="9.999999", trang_thai="")]}, format="json")

    messages = {e["message"] for e in response.json()["errors"]}
    assert messages == {
        "Mã thủ tục: không có thủ tục mã «9.999999» trong danh mục.",
        "Trạng thái: bắt buộc nhập (dang_giai_quyet, da_giai_quyet, tra_lai hoặc rut).",
    }


def test_a_record_for_an_approved_report_is_refused_like_the_import(pusher, cast, report_a, unit_a):
    report = fill_narrative(report_a, cast["clerk_a"])
    report = core.report_submit(report=report, user=cast["clerk_a"], at=None)
    core.report_approve(report=report, user=cast["manager"])

    response = pusher.post(URL, {"records": [record()]}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["index"] == 0
    assert "đã duyệt hoặc khóa sổ" in response.json()["errors"][0]["message"]
    assert report_a.__class__.objects.get(pk=report_a.pk).status == ReportStatus.APPROVED
    assert DossierRecord.objects.count() == 0


def test_the_ledger_history_names_the_api_client(pusher, unit_a):
    pusher.post(URL, {"records": [record()]}, format="json")

    row = LedgerRow.objects.get(report__unit=unit_a)
    entry = row.history.latest()
    assert entry.history_user == pusher.api_client.user
    assert entry.history_user.first_name == "Một cửa điện tử tỉnh"


def test_a_batch_over_the_limit_is_refused_whole(pusher, settings):
    settings.API_DOSSIER_BATCH_MAX = 2

    response = pusher.post(URL, {"records": [record("A"), record("B"), record("C")]}, format="json")

    assert response.status_code == 413
    assert "quá giới hạn 2 hồ sơ" in response.json()["detail"]
    assert DossierRecord.objects.count() == 0


@pytest.mark.parametrize("body", [[], {"records": "x"}, {"ho_so": []}, {"records": [1, 2]}])
def test_a_body_that_is_not_a_batch_is_a_clear_400(pusher, body):
    response = pusher.post(URL, body, format="json")

    assert response.status_code == 400
    assert response.json()["detail"]


def test_a_read_only_token_cannot_push(setup, province, make_token, http):
    _client, token = make_token(province, read=True, push=False)

    response = http.with_token(token).post(URL, {"records": [record()]}, format="json")

    assert response.status_code == 403
    assert DossierRecord.objects.count() == 0


def test_a_clerk_pushes_with_the_session_for_their_own_unit_only(setup, http):
    http.force_login(setup["clerk_a"])

    mine = http.post(URL, {"records": [record("HS-1")]}, format="json")
    other = http.post(URL, {"records": [record("HS-2", ma_don_vi="T-B")]}, format="json")

    assert mine.status_code == 200
    assert other.status_code == 400
    assert other.json()["errors"][0]["message"] == "Mã đơn vị: bạn không được nhập hồ sơ của đơn vị «T-B»."
    assert reverse("api:dossiers") == URL
