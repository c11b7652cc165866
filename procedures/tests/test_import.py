"""Dossier-record import: preview, commit, idempotence, atomic refusal, every bad input, the ledger, the page.

Files are built in the tests (CSV text, XLSX through openpyxl), a few rows each. Periods: Q4-2019,
Q1-2020 (the `period` fixture) and Q2-2020; units T-A (clerk_a's) and T-B (clerk_b's).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from cchc import services as core
from cchc.choices import ReportStatus, UnitKind
from cchc.exceptions import NotAllowed
from cchc.models import Report
from conftest import fill_narrative
from jobs.models import Job
from procedures import importing
from procedures.choices import Channel, DossierStatus, ProcedureLevel
from procedures.importing import (
    COLUMNS,
    ImportFailed,
    dossier_import_commit,
    dossier_import_preview,
)
from procedures.importing.cells import parse_moment
from procedures.models import LEDGER_COUNTS, DossierRecord, LedgerRow, LedgerSource
from procedures.services import procedure_upsert

PROC = "1.000001"
HEADER = ",".join(COLUMNS)


def line(
    code="HS-1",
    procedure=PROC,
    unit="T-A",
    point="Bộ phận một cửa",
    channel="truc_tiep",
    received="06/01/2020 08:30",
    due="10/01/2020",
    completed="09/01/2020 16:00",
    status="da_giai_quyet",
    sep=",",
):
    return sep.join([code, procedure, unit, point, channel, received, due, completed, status])


def csv_upload(*lines, header=HEADER, name="ho-so.csv", bom=False, encoding="utf-8"):
    text = "\n".join([header, *lines]) + "\n"
    data = (("\ufeff" if bom else "") + text).encode(encoding)
    return SimpleUploadedFile(name, data, content_type="text/csv")


def xlsx_upload(rows, *, name="ho-so.xlsx", merge=None, header=COLUMNS):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def local(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


def ledger(unit, year, quarter, point="Bộ phận một cửa") -> dict:
    row = LedgerRow.objects.get(
        report__unit=unit, report__period__year=year, report__period__quarter=quarter, reception_point=point
    )
    assert row.source == LedgerSource.RECORDS
    return {name: getattr(row, name) for name in LEDGER_COUNTS}


def figures_of(preview_or_result) -> dict:
    return {(f.unit_code, f.period_label, f.reception_point): f.values for f in preview_or_result.ledgers}


def messages_of(preview) -> list[str]:
    return [str(error) for error in preview.errors]


@pytest.fixture
def procedure(db):
    return procedure_upsert(
        code=PROC,
        name="Cấp bản sao từ sổ gốc",
        field="Tư pháp",
        level=ProcedureLevel.PROVINCE,
        unit_kind=UnitKind.DEPARTMENT,
    )


@pytest.fixture
def quarters(period):
    """Q4-2019, Q1-2020 and Q2-2020."""
    return {
        "2019-Q4": core.period_upsert(year=2019, quarter=4),
        "2020-Q1": period,
        "2020-Q2": core.period_upsert(year=2020, quarter=2),
    }


@pytest.fixture
def setup(cast, procedure, quarters):
    return cast


# --- preview ---------------------------------------------------------------------------------------


def test_preview_counts_rows_lists_errors_by_row_and_saves_nothing(setup):
    upload = csv_upload(
        line("HS-1"),
        line("HS-2", procedure="9.999999"),
        line("HS-3", channel="truc_tiep", status="dang_giai_quyet", completed=""),
        "",  # a blank line is skipped, not an error
        line("HS-4", received="32/01/2020"),
    )

    preview = dossier_import_preview(file=upload, user=setup["clerk_a"])

    assert (preview.rows_read, preview.rows_valid, preview.rows_with_errors) == (4, 2, 2)
    assert preview.file_format == "csv"
    assert messages_of(preview) == [
        "Dòng 3: Mã thủ tục: không có thủ tục mã «9.999999» trong danh mục.",
        "Dòng 6: Ngày tiếp nhận: «32/01/2020» không phải ngày hợp lệ; dùng dd/mm/yyyy, dd/mm/yyyy HH:MM hoặc "
        "yyyy-mm-dd.",
    ]
    assert [(e.row, e.column) for e in preview.errors] == [(3, "ma_thu_tuc"), (6, "ngay_tiep_nhan")]
    assert (preview.created, preview.updated, preview.unchanged) == (2, 0, 0)
    assert not preview.ok
    assert DossierRecord.objects.count() == 0 and LedgerRow.objects.count() == 0


def test_preview_shows_the_ledger_the_file_would_produce(setup, unit_a):
    upload = csv_upload(
        line("HS-1", channel="truc_tiep"),
        line("HS-2", channel="truc_tuyen", completed="", status="dang_giai_quyet", due="20/01/2020"),
        line("HS-3", channel="buu_chinh", completed="15/01/2020 10:00", status="tra_lai"),
    )

    preview = dossier_import_preview(file=upload, user=setup["clerk_a"])

    assert preview.ok
    q1 = figures_of(preview)[("T-A", "I/2020", "Bộ phận một cửa")]
    assert q1 == {
        "carried_over": 0,
        "received_new": 3,
        "new_in_person": 1,
        "new_online": 1,
        "new_postal": 1,
        "received_total": 3,
        "resolved_early": 1,
        "resolved_on_time": 0,
        "resolved_late": 0,
        "resolved_total": 1,
        "pending_within": 0,
        "pending_overdue": 1,
        "pending_total": 1,
        "returned_withdrawn": 1,
    }
    q2 = figures_of(preview)[("T-A", "II/2020", "Bộ phận một cửa")]
    assert (q2["carried_over"], q2["received_total"], q2["pending_overdue"]) == (1, 1, 1)
    assert DossierRecord.objects.count() == 0


# --- commit ----------------------------------------------------------------------------------------


def test_commit_saves_the_records_and_the_ledgers_computed_from_them(setup, unit_a):
    upload = csv_upload(
        line("HS-1"),
        line("HS-2", completed="10/01/2020 09:00"),
        line("HS-3", completed="", status="dang_giai_quyet", due="10/07/2020"),
    )

    result = dossier_import_commit(file=upload, user=setup["clerk_a"])

    assert (result.rows_read, result.created, result.updated, result.unchanged) == (3, 3, 0, 0)
    record = DossierRecord.objects.get(code="HS-1")
    assert (record.unit, record.channel, record.status) == (unit_a, Channel.IN_PERSON, DossierStatus.RESOLVED)
    assert record.received_at == local(2020, 1, 6, 8, 30)
    assert record.due_at == local(2020, 1, 10, 23, 59, 59)  # a date alone is due by the end of that day
    q1 = ledger(unit_a, 2020, 1)
    assert (q1["received_total"], q1["resolved_early"], q1["resolved_on_time"], q1["pending_within"]) == (3, 1, 1, 1)
    assert ledger(unit_a, 2020, 2)["carried_over"] == 1
    assert sorted((r.period.quarter, r.unit.code) for r in result.reports) == [(1, "T-A"), (2, "T-A")]
    assert set(figures_of(result)) == {("T-A", "I/2020", "Bộ phận một cửa"), ("T-A", "II/2020", "Bộ phận một cửa")}


def test_preview_figures_are_what_the_commit_computes_also_over_stored_records(setup, unit_a):
    dossier_import_commit(
        file=csv_upload(
            line("OLD-1"), line("OLD-2", completed="", status="dang_giai_quyet", received="20/12/2019 08:00")
        ),
        user=setup["clerk_a"],
    )
    upload = csv_upload(
        line("OLD-2", received="20/12/2019 08:00", completed="05/04/2020 10:00", due="31/12/2019"),  # late
        line("NEW-1", point="Trung tâm phục vụ hành chính công", channel="truc_tuyen"),
        line("NEW-2", received="02/04/2020", completed="", status="dang_giai_quyet", due="30/06/2020"),
    )

    preview = dossier_import_preview(file=upload, user=setup["clerk_a"])
    result = dossier_import_commit(file=upload, user=setup["clerk_a"])

    assert (preview.created, preview.updated, preview.unchanged) == (2, 1, 0)
    assert figures_of(preview) == figures_of(result)
    assert {key[:2] for key in figures_of(result)} == {("T-A", "IV/2019"), ("T-A", "I/2020"), ("T-A", "II/2020")}


def test_reimporting_the_same_file_changes_nothing(setup, unit_a):
    upload = csv_upload(line("HS-1"), line("HS-2", completed="", status="dang_giai_quyet"))
    dossier_import_commit(file=upload, user=setup["clerk_a"])
    records = list(DossierRecord.objects.order_by("code").values())
    rows = list(LedgerRow.objects.order_by("pk").values())
    reports = list(Report.objects.order_by("pk").values())

    preview = dossier_import_preview(file=upload, user=setup["clerk_a"])
    result = dossier_import_commit(file=upload, user=setup["clerk_a"])

    assert (preview.created, preview.updated, preview.unchanged, preview.ledgers) == (0, 0, 2, [])
    assert (result.created, result.updated, result.unchanged, result.reports) == (0, 0, 2, [])
    assert list(DossierRecord.objects.order_by("code").values()) == records
    assert list(LedgerRow.objects.order_by("pk").values()) == rows
    assert list(Report.objects.order_by("pk").values()) == reports


def test_a_changed_row_updates_its_record_and_the_ledger(setup, unit_a):
    dossier_import_commit(file=csv_upload(line("HS-1", completed="", status="dang_giai_quyet")), user=setup["clerk_a"])
    assert ledger(unit_a, 2020, 2)["pending_total"] == 1

    result = dossier_import_commit(file=csv_upload(line("HS-1", completed="09/01/2020 16:00")), user=setup["clerk_a"])

    assert (result.created, result.updated) == (0, 1)
    assert DossierRecord.objects.get(code="HS-1").status == DossierStatus.RESOLVED
    assert ledger(unit_a, 2020, 1)["resolved_total"] == 1
    assert not LedgerRow.objects.filter(report__period__quarter=2, source=LedgerSource.RECORDS).exists()


def test_one_bad_row_saves_nothing_at_all(setup, monkeypatch):
    monkeypatch.setattr(importing.limits, "BATCH_SIZE", 2)  # the good rows are written before the bad one is read
    upload = csv_upload(line("HS-1"), line("HS-2"), line("HS-3"), line("HS-4", unit="KHONG-CO"))
    reports_before = Report.objects.count()

    with pytest.raises(ImportFailed) as failed:
        dossier_import_commit(file=upload, user=setup["admin"])

    assert isinstance(failed.value, ValidationError)
    assert failed.value.messages == ["Dòng 5: Mã đơn vị: không có đơn vị mã «KHONG-CO»."]
    assert failed.value.preview.rows_with_errors == 1
    assert DossierRecord.objects.count() == 0
    assert LedgerRow.objects.count() == 0
    assert Report.objects.count() == reports_before


# --- the ledger from records -----------------------------------------------------------------------


def test_ledger_carries_pending_dossiers_over_and_counts_a_late_completion(setup, unit_a):
    upload = csv_upload(
        # received in Q4-2019, still pending at its end, completed late in Q1-2020
        line("A", received="15/12/2019 09:00", due="27/12/2019", completed="10/01/2020 10:00"),
        # received in Q1, pending at its end (due in Q2), completed on the due day in Q2
        line("B", received="25/03/2020 14:00", due="08/04/2020", completed="08/04/2020 17:00"),
        # received in Q1, completed early in Q1
        line("C", received="02/03/2020", due="12/03/2020", completed="10/03/2020"),
        # received in Q4, withdrawn in Q4: not in Q1 at all
        line("D", received="01/10/2019", due="10/10/2019", completed="03/10/2019", status="rut"),
    )

    dossier_import_commit(file=upload, user=setup["clerk_a"])

    zero = dict.fromkeys(LEDGER_COUNTS, 0)
    assert ledger(unit_a, 2019, 4) == {
        **zero,
        "received_new": 2,
        "new_in_person": 2,
        "received_total": 2,
        "pending_overdue": 1,
        "pending_total": 1,
        "returned_withdrawn": 1,
    }
    assert ledger(unit_a, 2020, 1) == {
        **zero,
        "carried_over": 1,
        "received_new": 2,
        "new_in_person": 2,
        "received_total": 3,
        "resolved_early": 1,
        "resolved_late": 1,
        "resolved_total": 2,
        "pending_within": 1,
        "pending_total": 1,
    }
    assert ledger(unit_a, 2020, 2) == {
        **zero,
        "carried_over": 1,
        "received_total": 1,
        "resolved_on_time": 1,
        "resolved_total": 1,
    }


def test_the_report_section_shows_the_ledger_as_computed(client, setup, unit_a):
    dossier_import_commit(file=csv_upload(line("HS-1")), user=setup["clerk_a"])
    report = Report.objects.get(unit=unit_a, period__year=2020, period__quarter=1)
    client.force_login(setup["clerk_a"])

    page = client.get(reverse("report_detail", args=[report.pk])).content.decode()

    assert "Tính từ hồ sơ đã nhập" in page
    assert 'value="Bộ phận một cửa"' in page


# --- bad rows --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"procedure": "1.999999"}, "ma_thu_tuc", "Mã thủ tục: không có thủ tục mã «1.999999» trong danh mục."),
        ({"unit": "T-Z"}, "ma_don_vi", "Mã đơn vị: không có đơn vị mã «T-Z»."),
        (
            {"completed": "05/01/2020 10:00"},
            "ngay_hoan_thanh",
            "Ngày hoàn thành: 05/01/2020 10:00 trước ngày tiếp nhận 06/01/2020 08:30.",
        ),
        (
            {"channel": "fax"},
            "kenh",
            "Kênh nộp: giá trị «fax» không hợp lệ; dùng truc_tiep, truc_tuyen hoặc buu_chinh.",
        ),
        (
            {"status": "xong"},
            "trang_thai",
            "Trạng thái: giá trị «xong» không hợp lệ; dùng dang_giai_quyet, da_giai_quyet, tra_lai hoặc rut.",
        ),
        (
            {"due": "2020-13-01"},
            "ngay_hen_tra",
            "Ngày hẹn trả: «2020-13-01» không phải ngày hợp lệ; dùng dd/mm/yyyy, dd/mm/yyyy HH:MM hoặc yyyy-mm-dd.",
        ),
        (
            {"received": "hôm qua"},
            "ngay_tiep_nhan",
            "Ngày tiếp nhận: «hôm qua» không phải ngày hợp lệ; dùng dd/mm/yyyy, dd/mm/yyyy HH:MM hoặc yyyy-mm-dd.",
        ),
        ({"received": ""}, "ngay_tiep_nhan", "Ngày tiếp nhận: bắt buộc nhập."),
        ({"code": ""}, "ma_ho_so", "Mã hồ sơ: bắt buộc nhập."),
        ({"point": ""}, "noi_tiep_nhan", "Nơi tiếp nhận: bắt buộc nhập."),
        (
            {"status": "dang_giai_quyet"},
            "ngay_hoan_thanh",
            "Ngày hoàn thành: hồ sơ đang giải quyết không được có ngày hoàn thành.",
        ),
        (
            {"completed": ""},
            "ngay_hoan_thanh",
            "Ngày hoàn thành: bắt buộc nhập khi hồ sơ đã giải quyết, trả lại hoặc rút.",
        ),
        (
            {"due": "01/01/2020"},
            "ngay_hen_tra",
            "Ngày hẹn trả: 01/01/2020 23:59 trước ngày tiếp nhận 06/01/2020 08:30.",
        ),
        (
            {"received": "06/01/2018", "due": "10/01/2018", "completed": "09/01/2018"},
            "ngay_tiep_nhan",
            "Ngày tiếp nhận: chưa có kỳ báo cáo quý I/2018 trong cổng.",
        ),
        ({"completed": "09/01/2099"}, "ngay_hoan_thanh", "Ngày hoàn thành: 09/01/2099 23:59 ở tương lai."),
    ],
)
def test_a_bad_row_names_the_field_and_the_problem(setup, changes, column, message):
    preview = dossier_import_preview(file=csv_upload(line("OK-1"), line(**changes)), user=setup["clerk_a"])

    assert messages_of(preview) == [f"Dòng 3: {message}"]
    assert [(e.row, e.column) for e in preview.errors] == [(3, column)]
    assert (preview.rows_read, preview.rows_with_errors) == (2, 1)


def test_a_completion_in_a_quarter_without_period_is_an_error(setup, quarters):
    quarters["2020-Q2"].delete()

    preview = dossier_import_preview(file=csv_upload(line(completed="02/04/2020")), user=setup["clerk_a"])

    assert messages_of(preview) == ["Dòng 2: Ngày hoàn thành: chưa có kỳ báo cáo quý II/2020 trong cổng."]


def test_a_dossier_completed_today_is_not_in_the_future(setup):
    today = timezone.localdate()
    core.period_upsert(year=today.year, quarter=(today.month - 1) // 3 + 1)
    day = today.strftime("%d/%m/%Y")

    preview = dossier_import_preview(file=csv_upload(line(received=day, due=day, completed=day)), user=setup["clerk_a"])

    assert preview.ok, messages_of(preview)


def test_several_problems_of_one_row_are_all_listed_and_the_row_counts_once(setup):
    preview = dossier_import_preview(
        file=csv_upload(line(procedure="x", channel="fax", status="?")), user=setup["clerk_a"]
    )

    assert [e.column for e in preview.errors] == ["ma_thu_tuc", "kenh", "trang_thai"]
    assert (preview.rows_read, preview.rows_with_errors, preview.error_count) == (1, 1, 3)


def test_a_dossier_code_twice_in_the_file_is_an_error_even_across_batches(setup, monkeypatch):
    monkeypatch.setattr(importing.limits, "BATCH_SIZE", 2)
    upload = csv_upload(line("HS-1"), line("HS-2"), line("HS-3"), line("HS-1"), line("HS-3"))

    preview = dossier_import_preview(file=upload, user=setup["clerk_a"])

    assert messages_of(preview) == [
        "Dòng 5: Mã hồ sơ: «HS-1» trùng với dòng 2: mỗi hồ sơ chỉ có một dòng.",
        "Dòng 6: Mã hồ sơ: «HS-3» trùng với dòng 4: mỗi hồ sơ chỉ có một dòng.",
    ]
    assert preview.rows_with_errors == 2
    with pytest.raises(ImportFailed):
        dossier_import_commit(file=upload, user=setup["clerk_a"])
    assert DossierRecord.objects.count() == 0


def test_errors_shown_are_capped_and_the_rest_counted(setup, monkeypatch):
    monkeypatch.setattr(importing.limits, "MAX_ERRORS", 3)
    preview = dossier_import_preview(
        file=csv_upload(*[line(f"HS-{i}", unit="T-Z") for i in range(5)]), user=setup["clerk_a"]
    )

    assert (len(preview.errors), preview.error_count, preview.rows_with_errors) == (3, 5, 5)
    assert preview.messages()[-1] == "… và 2 lỗi khác."


# --- bad files -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("ho-so.pdf", b"%PDF-1.4 ..."), "Tệp «ho-so.pdf» không phải CSV hoặc XLSX."),
        (SimpleUploadedFile("ho-so.csv", b"\x89PNG\r\n\x1a\n\x00\x00"), "Tệp không phải CSV hoặc XLSX."),
        (
            SimpleUploadedFile("ho-so.xlsx", b"PK\x03\x04 not really a zip"),
            "Tệp không phải CSV hoặc XLSX (không mở được dạng bảng tính XLSX).",
        ),
        (
            SimpleUploadedFile("ho-so.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
            "Tệp là XLS (Excel 97–2003), không phải CSV hoặc XLSX: hãy lưu lại dạng XLSX.",
        ),
        (
            SimpleUploadedFile("ho-so.csv", "ma_ho_so,ngày\nHS-1,Hà Giang\n".encode("cp1258")),
            "Tệp không phải CSV mã UTF-8 hoặc XLSX: hãy lưu CSV với bảng mã UTF-8.",
        ),
        (SimpleUploadedFile("ho-so.csv", b""), "Tệp rỗng: không có dòng nào."),
        (SimpleUploadedFile("ho-so.csv", b"\n \n"), "Tệp rỗng: không có dòng nào."),
        (csv_upload(), "Tệp không có dòng hồ sơ nào (chỉ có dòng tiêu đề)."),
        (
            csv_upload(line(), header=HEADER.replace(",kenh", "").replace(",trang_thai", "")),
            "Thiếu cột: kenh, trang_thai. Dòng tiêu đề phải có các cột: " + ", ".join(COLUMNS) + ".",
        ),
        (csv_upload(line(), header=HEADER + ",ma_ho_so"), "Dòng tiêu đề: cột «ma_ho_so» có hai lần."),
        (
            csv_upload(line(), name="ho-so.xlsx", header="ghi chú: đây là tệp văn bản"),
            "Tệp «ho-so.xlsx» không phải tệp XLSX/CSV: nội dung không phải bảng tính XLSX (có thể tệp đã bị đổi đuôi).",
        ),
    ],
    ids=[
        "pdf",
        "binary",
        "broken-zip",
        "xls",
        "not-utf8",
        "empty",
        "blank",
        "header-only",
        "missing-columns",
        "twice",
        "text-renamed-xlsx",
    ],
)
def test_a_file_that_cannot_be_imported_says_why_and_saves_nothing(setup, upload, message):
    preview = dossier_import_preview(file=upload, user=setup["clerk_a"])

    assert messages_of(preview) == [message]
    with pytest.raises(ImportFailed):
        upload.seek(0)
        dossier_import_commit(file=upload, user=setup["clerk_a"])
    assert DossierRecord.objects.count() == 0


def test_xlsx_with_a_formula_is_refused_with_the_cell(setup):
    upload = xlsx_upload(
        [
            [
                "HS-1",
                PROC,
                "T-A",
                "Bộ phận một cửa",
                "truc_tiep",
                dt.datetime(2020, 1, 6, 8, 30),
                dt.datetime(2020, 1, 10),
                "=F2+3",
                "da_giai_quyet",
            ],
        ]
    )

    preview = dossier_import_preview(file=upload, user=setup["clerk_a"])

    assert messages_of(preview) == ["Dòng 2: Ngày hoàn thành: ô H2 chứa công thức; hãy dán giá trị thay cho công thức."]


def test_xlsx_with_merged_header_cells_is_refused(setup):
    upload = xlsx_upload(
        [["HS-1", PROC, "T-A", "Bộ phận một cửa", "truc_tiep", "06/01/2020", "10/01/2020", "", "dang_giai_quyet"]],
        merge="A1:B1",
    )

    preview = dossier_import_preview(file=upload, user=setup["clerk_a"])

    assert messages_of(preview) == ["Dòng tiêu đề có ô gộp (A1:B1): hãy bỏ gộp ô để mỗi cột có một tiêu đề riêng."]


def test_merged_cells_below_the_header_are_not_a_header_problem(setup):
    rows = [
        ["HS-1", PROC, "T-A", "Bộ phận một cửa", "truc_tiep", "06/01/2020", "10/01/2020", "", "dang_giai_quyet"],
        ["", "", "", "", "", "", "", "", ""],
        ["", "", "", "", "", "", "", "", ""],
    ]
    upload = xlsx_upload(rows, merge="A4:I4")

    assert dossier_import_preview(file=upload, user=setup["clerk_a"]).ok


# --- accepted shapes -------------------------------------------------------------------------------


def test_xlsx_with_real_date_cells_imports_like_csv(setup, unit_a):
    upload = xlsx_upload(
        [
            [
                "HS-1",
                PROC,
                "T-A",
                "Bộ phận một cửa",
                "truc_tiep",
                dt.datetime(2020, 1, 6, 8, 30),
                dt.datetime(2020, 1, 10),
                dt.datetime(2020, 1, 9, 16, 0),
                "da_giai_quyet",
            ],
            [
                12345,
                PROC,
                "T-A",
                "Bộ phận một cửa",
                "online",
                dt.datetime(2020, 1, 7),
                dt.datetime(2020, 1, 7),
                None,
                "pending",
            ],
            [None] * 9,  # trailing empty rows are not rows
        ]
    )

    result = dossier_import_commit(file=upload, user=setup["clerk_a"])

    assert (result.rows_read, result.created) == (2, 2)
    second = DossierRecord.objects.get(code="12345")
    assert (second.received_at, second.due_at) == (local(2020, 1, 7), local(2020, 1, 7, 23, 59, 59))
    assert ledger(unit_a, 2020, 1)["resolved_early"] == 1


def test_csv_with_bom_semicolons_vietnamese_headers_and_labels(setup):
    header = ";".join(
        [
            "Mã hồ sơ",
            "Mã thủ tục",
            "Mã đơn vị",
            "Nơi tiếp nhận",
            "Kênh",
            "Ngày tiếp nhận",
            "Ngày hẹn trả",
            "Ngày hoàn thành",
            "Trạng thái",
            "Ghi chú",
        ]
    )
    rows = [
        line("HS-1", channel="Trực tuyến", status="Đã giải quyết", sep=";") + ";thêm cột",
        line(
            "HS-2",
            channel="buu_chinh",
            status="Rút hồ sơ",
            received="2020-01-06 08:30",
            due="2020-01-10",
            completed="2020-01-07T09:15:00",
            sep=";",
        )
        + ";",
    ]

    preview = dossier_import_preview(file=csv_upload(*rows, header=header, bom=True), user=setup["clerk_a"])

    assert preview.ok, messages_of(preview)
    assert preview.rows_read == 2


def test_dates_in_every_documented_shape():
    hcm = dt.timezone(dt.timedelta(hours=7))
    assert parse_moment("06/01/2020 08:30", end_of_day=False) == dt.datetime(2020, 1, 6, 8, 30, tzinfo=hcm)
    assert parse_moment("6/1/2020", end_of_day=False) == dt.datetime(2020, 1, 6, tzinfo=hcm)
    assert parse_moment("06/01/2020", end_of_day=True) == dt.datetime(2020, 1, 6, 23, 59, 59, tzinfo=hcm)
    assert parse_moment("2020-01-06", end_of_day=False) == dt.datetime(2020, 1, 6, tzinfo=hcm)
    assert parse_moment("2020-01-06 08:30:15", end_of_day=False) == dt.datetime(2020, 1, 6, 8, 30, 15, tzinfo=hcm)
    assert parse_moment("2020-01-06T01:30:00Z", end_of_day=False) == dt.datetime(2020, 1, 6, 8, 30, tzinfo=hcm)
    assert parse_moment(dt.datetime(2020, 1, 6, 8, 30), end_of_day=True) == dt.datetime(2020, 1, 6, 8, 30, tzinfo=hcm)
    for bad in ("31/02/2020", "2020/01/06", "06-01-20", "", "06/01/2020 25:00", 43831):
        assert parse_moment(bad, end_of_day=False) is None, bad


# --- permissions and locks -------------------------------------------------------------------------


def test_a_clerk_importing_another_units_rows_gets_row_errors(setup):
    upload = csv_upload(line("HS-1", unit="T-A"), line("HS-2", unit="T-B"))

    preview = dossier_import_preview(file=upload, user=setup["clerk_a"])

    assert messages_of(preview) == ["Dòng 3: Mã đơn vị: bạn không được nhập hồ sơ của đơn vị «T-B»."]
    with pytest.raises(ImportFailed):
        dossier_import_commit(file=upload, user=setup["clerk_a"])
    assert dossier_import_commit(file=upload, user=setup["admin"]).created == 2


def test_a_clerk_cannot_move_another_units_record_into_their_own(setup):
    dossier_import_commit(file=csv_upload(line("HS-1", unit="T-B")), user=setup["clerk_b"])

    preview = dossier_import_preview(file=csv_upload(line("HS-1", unit="T-A")), user=setup["clerk_a"])

    assert messages_of(preview) == ["Dòng 2: Mã hồ sơ: hồ sơ «HS-1» đã có, thuộc đơn vị «T-B» mà bạn không được nhập."]


@pytest.mark.parametrize("role", ["manager", "viewer"])
def test_managers_and_viewers_may_not_import(setup, role):
    with pytest.raises(NotAllowed):
        dossier_import_preview(file=csv_upload(line()), user=setup[role])


def test_a_row_that_would_change_an_approved_report_is_an_error(setup, approved_report_a):
    upload = csv_upload(line("HS-1"), line("HS-2", received="02/04/2020", due="10/04/2020", completed="09/04/2020"))

    preview = dossier_import_preview(file=upload, user=setup["clerk_a"])

    assert messages_of(preview) == [
        "Dòng 2: Báo cáo quý I/2020 của đơn vị T-A đã duyệt hoặc khóa sổ: hồ sơ này làm thay đổi sổ theo dõi của "
        "báo cáo đó."
    ]
    assert approved_report_a.status == ReportStatus.APPROVED


def test_a_row_in_a_closed_period_is_an_error_even_for_the_admin(setup, quarters):
    closed = quarters["2019-Q4"]
    closed.is_open = False
    closed.save()

    preview = dossier_import_preview(
        file=csv_upload(line(received="20/12/2019", due="24/12/2019", completed="23/12/2019")), user=setup["admin"]
    )

    assert messages_of(preview) == [
        "Dòng 2: Báo cáo quý IV/2019 của đơn vị T-A đã duyệt hoặc khóa sổ: hồ sơ này làm thay đổi sổ theo dõi của "
        "báo cáo đó."
    ]


def test_reimporting_into_an_approved_report_is_fine_when_nothing_changes(setup, unit_a, cast):
    upload = csv_upload(line("HS-1"))
    dossier_import_commit(file=upload, user=cast["clerk_a"])
    report = Report.objects.get(unit=unit_a, period__year=2020, period__quarter=1)
    report = fill_narrative(report, cast["clerk_a"])
    report = core.report_submit(report=report, user=cast["clerk_a"], at=None)
    core.report_approve(report=report, user=cast["manager"])

    assert dossier_import_commit(file=upload, user=cast["clerk_a"]).unchanged == 1


# --- the page --------------------------------------------------------------------------------------


def test_the_page_is_for_clerks_and_admins(client, setup):
    url = reverse("dossier_import")
    assert url == "/thu-tuc/nhap-ho-so/"
    for role, status in [("clerk_a", 200), ("admin", 200), ("manager", 403), ("viewer", 403)]:
        client.force_login(setup[role])
        assert client.get(url).status_code == status, role


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """A POST that starts a job; the job runs (immediate backend) when the request's transaction commits."""

    def post(url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


def test_upload_preview_then_commit(client, setup, unit_a, post):
    client.force_login(setup["clerk_a"])
    url = reverse("dossier_import")

    response = post(
        url,
        {"action": "preview", "file": csv_upload(line("HS-1"), line("HS-2"))},
    )

    preview_job = Job.objects.get(kind="dossiers.preview")
    assert response.status_code == 302 and response["Location"] == reverse("job_detail", args=[preview_job.pk])
    page = client.get(response["Location"]).content.decode()
    assert 'data-count="rows_read">2<' in page and 'data-count="rows_with_errors">0<' in page
    assert "Bộ phận một cửa" in page and 'id="import-ledger"' in page and 'value="commit"' in page
    assert DossierRecord.objects.count() == 0

    response = post(url, {"action": "commit", "job": preview_job.pk})

    import_job = Job.objects.get(kind="dossiers.import")
    assert response["Location"] == reverse("job_detail", args=[import_job.pk])
    assert import_job.state == "done" and import_job.user == setup["clerk_a"]
    assert DossierRecord.objects.count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "Đã nhập ho-so.csv." in page
    report = Report.objects.get(unit=unit_a, period__year=2020, period__quarter=1)
    assert reverse("report_detail", args=[report.pk]) in page

    again = post(url, {"action": "commit", "job": preview_job.pk})
    assert again["Location"] == reverse("job_detail", args=[import_job.pk])  # a second click starts nothing new
    assert Job.objects.filter(kind="dossiers.import").count() == 1


def test_a_preview_with_errors_has_no_commit_button_and_a_forged_commit_saves_nothing(client, setup, post):
    client.force_login(setup["clerk_a"])
    url = reverse("dossier_import")

    response = post(
        url,
        {"action": "preview", "file": csv_upload(line("HS-1"), line("HS-2", unit="T-B"))},
    )

    page = client.get(response["Location"]).content.decode()
    assert "Dòng 3: Mã đơn vị: bạn không được nhập hồ sơ của đơn vị «T-B»." in page
    assert 'value="commit"' not in page
    preview_job = Job.objects.get(kind="dossiers.preview")
    response = post(url, {"action": "commit", "job": preview_job.pk})
    assert response["Location"] == url
    assert "Không có bản xem trước hợp lệ" in client.get(url).content.decode()
    assert DossierRecord.objects.count() == 0 and not Job.objects.filter(kind="dossiers.import").exists()


def test_another_users_preview_is_not_accepted(client, setup, post):
    client.force_login(setup["clerk_a"])
    url = reverse("dossier_import")
    post(url, {"action": "preview", "file": csv_upload(line())})
    preview_job = Job.objects.get(kind="dossiers.preview")
    client.force_login(setup["clerk_b"])

    response = post(url, {"action": "commit", "job": preview_job.pk})

    assert response.status_code == 302 and response["Location"] == url
    assert client.get(reverse("job_detail", args=[preview_job.pk])).status_code == 404
    assert DossierRecord.objects.count() == 0


def test_the_upload_form_refuses_other_extensions(client, setup):
    client.force_login(setup["clerk_a"])

    response = client.post(reverse("dossier_import"), {"action": "preview", "file": SimpleUploadedFile("a.txt", b"x")})

    assert response.status_code == 400
    assert "Tệp hồ sơ: phải là tệp CSV hoặc XLSX." in response.content.decode()


# --- the command -----------------------------------------------------------------------------------


def write(tmp_path, upload) -> Path:
    path = tmp_path / upload.name
    path.write_bytes(upload.read())
    return path


def test_command_previews_then_imports_with_progress(setup, tmp_path, unit_a):
    path = write(tmp_path, csv_upload(line("HS-1"), line("HS-2"), line("HS-3")))
    out, err = io.StringIO(), io.StringIO()

    call_command("import_dossiers", str(path), "--preview", "--progress-every", "1", stdout=out, stderr=err)

    assert "đã đọc 3 dòng, 3 dòng hợp lệ, 0 dòng có lỗi" in out.getvalue()
    assert "3 dòng" in err.getvalue() and "dòng/giây" in err.getvalue()
    assert DossierRecord.objects.count() == 0

    call_command("import_dossiers", str(path), "--user", "clerk_a", stdout=out, stderr=err)

    assert "3 hồ sơ mới" in out.getvalue()
    assert ledger(unit_a, 2020, 1)["received_total"] == 3


def test_command_fails_with_the_error_list_and_saves_nothing(setup, tmp_path):
    path = write(tmp_path, csv_upload(line("HS-1"), line("HS-2", unit="T-B")))
    err = io.StringIO()

    with pytest.raises(CommandError, match="1 lỗi ở 1 dòng"):
        call_command("import_dossiers", str(path), "--user", "clerk_a", stdout=io.StringIO(), stderr=err)

    assert "Dòng 3: Mã đơn vị: bạn không được nhập hồ sơ của đơn vị «T-B»." in err.getvalue()
    assert DossierRecord.objects.count() == 0


def test_command_runs_as_the_admin_without_user(setup, tmp_path):
    path = write(tmp_path, csv_upload(line("HS-1", unit="T-A"), line("HS-2", unit="T-B")))

    call_command("import_dossiers", str(path), stdout=io.StringIO(), stderr=io.StringIO())

    assert DossierRecord.objects.count() == 2
    with pytest.raises(CommandError, match="không có quyền nhập hồ sơ"):
        call_command("import_dossiers", str(path), "--user", "manager", stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError, match="Không thấy tệp"):
        call_command("import_dossiers", str(tmp_path / "none.csv"), stdout=io.StringIO(), stderr=io.StringIO())


def test_a_missing_file_is_named_once_and_announced(client, setup):
    client.force_login(setup["clerk_a"])
    page = client.post(reverse("dossier_import"), {"action": "preview"}).content.decode()

    assert page.count("Tệp hồ sơ: hãy chọn tệp.") == 1
    assert "Tệp hồ sơ (CSV hoặc XLSX): Tệp hồ sơ" not in page
    assert 'id="id_file_error" role="alert"' in page and 'aria-describedby="id_file_helptext id_file_error"' in page


def test_the_ledgers_are_recomputed_in_a_job_for_the_clerks_units_only(client, setup, unit_a, post):
    upload = csv_upload(line("HS-1"), line("HS-2"), line("HS-3", unit="T-B"))
    importing.dossier_import_commit(file=write_upload(upload), user=setup["admin"])
    LedgerRow.objects.all().delete()  # e.g. lost after an admin's correction
    client.force_login(setup["clerk_a"])

    response = post(reverse("dossier_import"), {"action": "recompute"})

    job = Job.objects.get(kind="ledgers.recompute")
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    assert (job.state, job.result) == ("done", {"reports": 1, "skipped": 0})
    assert ledger(unit_a, 2020, 1)["received_new"] == 2
    assert not LedgerRow.objects.filter(report__unit__code="T-B").exists()  # not clerk A's unit
    assert "Đã tính lại sổ theo dõi của 1 báo cáo" in client.get(response["Location"]).content.decode()


def write_upload(upload) -> io.BytesIO:
    buffer = io.BytesIO(upload.read())
    buffer.name = upload.name
    return buffer
