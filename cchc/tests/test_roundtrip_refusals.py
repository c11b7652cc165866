"""Every refusal of an upload (issue 14) says why, in Vietnamese, and leaves the database as it was."""

import io
import zipfile

import pytest

from cchc import services

from .roundtrip_helpers import PROCEDURES_SHEET, cell_of, confirm, download, fill, load, save, state, texts, upload


@pytest.fixture
def filled(report_a, cast, client):
    client.force_login(cast["clerk_a"])
    return fill(report_a, cast["clerk_a"])


def refused(client, report, data: bytes, message: str, name: str = "bao-cao.xlsx") -> None:
    before = state(report)
    response = upload(client, report, data, name=name)
    assert response.status_code == 400
    result = response.context["result"]
    said = [*response.context["refusal"], *(result.errors if result else [])]
    assert any(message in m for m in said), said
    assert message.split(":")[0] in texts(response).replace("&#x27;", "'")  # shown on the page
    assert not response.context["token"]  # nothing kept to confirm
    assert state(report) == before


def test_a_workbook_of_another_unit_is_refused(client, cast, filled, report_b):
    client.force_login(cast["clerk_b"])
    other = download(client, report_b)
    client.force_login(cast["clerk_a"])
    refused(client, filled, other, "Tệp này là báo cáo của Sở Tư pháp, kỳ 2020-Q1; không phải báo cáo đang mở")


def test_a_workbook_of_another_period_is_refused(client, filled, unit_a):
    other = services.report_get_or_create(unit=unit_a, period=services.period_upsert(year=2020, quarter=2))
    refused(client, filled, download(client, other), "Tệp này là báo cáo của Sở Nội vụ, kỳ 2020-Q2")


def test_an_approved_report_refuses_its_own_workbook(client, cast, filled):
    data = download(client, filled)
    services.report_submit(report=filled, user=cast["clerk_a"])
    approved = services.report_approve(report=filled, user=cast["manager"])
    refused(client, approved, data, "Không sửa được báo cáo này (đang “Đã duyệt”)")


def test_a_renamed_text_file_is_refused(client, filled):
    refused(client, filled, "Nơi tiếp nhận;Tiếp nhận\nTTPVHCC;12\n".encode(), "Tệp không phải bảng tính Excel .xlsx")


def test_a_zip_that_is_not_a_workbook_is_refused(client, filled):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("bao-cao.txt", "không phải Excel")
    refused(client, filled, out.getvalue(), "Tệp không phải bảng tính Excel .xlsx")


def test_a_password_protected_workbook_is_refused(client, filled):
    # Excel encrypts a protected .xlsx into an OLE compound file (as an old .xls): it starts with this header.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    refused(client, filled, ole, "Tệp có mật khẩu hoặc là tệp Excel cũ (.xls)")


def test_a_macro_workbook_is_refused(client, filled):
    source = zipfile.ZipFile(io.BytesIO(download(client, filled)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for item in source.infolist():
            archive.writestr(item, source.read(item))
        archive.writestr("xl/vbaProject.bin", b"\x00macro")
    refused(client, filled, out.getvalue(), "Tệp có macro (.xlsm)", name="bao-cao.xlsm")


def test_a_formula_without_a_cached_value_is_refused_where_a_number_belongs(client, filled):
    wb = load(download(client, filled))
    cell = cell_of(wb[PROCEDURES_SHEET], "Tổng số xã")
    cell.value = "=100+99"
    refused(
        client,
        filled,
        save(wb),
        f"Sheet '{PROCEDURES_SHEET}', ô {cell.coordinate}: là công thức chưa có giá trị tính sẵn",
    )


def test_merged_cells_are_refused(client, filled):
    wb = load(download(client, filled))
    cell = cell_of(wb[PROCEDURES_SHEET], "Tổng số xã")
    wb[PROCEDURES_SHEET].merge_cells(f"C{cell.row}:D{cell.row}")
    refused(client, filled, save(wb), f"vùng C{cell.row}:D{cell.row}: các ô bị gộp")


def test_moved_cells_are_refused(client, filled):
    wb = load(download(client, filled))
    wb[PROCEDURES_SHEET].insert_rows(6)
    refused(client, filled, save(wb), "đã bị sửa hoặc di chuyển")


def test_a_tampered_hidden_sheet_is_refused(client, filled):
    wb = load(download(client, filled))
    meta = wb["_cchc"]
    meta["A2"].value = meta["A2"].value.replace('"version": ', '"version": 1')
    refused(client, filled, save(wb), "Trang ẩn nhận diện báo cáo đã bị sửa")


def test_a_workbook_without_the_hidden_sheet_is_refused(client, filled):
    wb = load(download(client, filled))
    del wb["_cchc"]
    refused(client, filled, save(wb), "Tệp không có trang nhận diện báo cáo")


def test_a_huge_file_is_refused_before_it_is_read(client, filled, settings):
    settings.ROUNDTRIP_MAX_UPLOAD_BYTES = 4096
    refused(client, filled, download(client, filled), "Tệp quá lớn")


def test_a_negative_number_is_an_error_named_by_sheet_and_cell_and_cannot_be_confirmed(client, filled):
    wb = load(download(client, filled))
    cell = cell_of(wb[PROCEDURES_SHEET], "Số TTHC đang thực hiện")
    cell.value = -5
    before = state(filled)
    response = upload(client, filled, save(wb))
    assert response.status_code == 400
    assert response.context["result"].errors == [
        f"Sheet '{PROCEDURES_SHEET}', ô {cell.coordinate}: Số TTHC đang thực hiện: không được âm."
    ]
    assert "roundtrip-confirm-button" not in texts(response)
    assert state(filled) == before


def test_a_word_in_a_number_cell_is_an_error_named_by_sheet_and_cell(client, filled):
    wb = load(download(client, filled))
    cell = cell_of(wb[PROCEDURES_SHEET], "Tổng số xã")
    cell.value = "khoảng 200"
    response = upload(client, filled, save(wb))
    assert response.context["result"].errors == [
        f"Sheet '{PROCEDURES_SHEET}', ô {cell.coordinate}: Tổng số xã: phải là số nguyên."
    ]


def test_a_forged_confirmation_saves_nothing(client, filled):
    before = state(filled)
    response = confirm(client, filled, "khong-co-token-nay")
    assert response.status_code == 302
    assert state(filled) == before


def test_only_who_may_edit_the_report_downloads_or_uploads(client, cast, filled):
    from django.urls import reverse

    client.force_login(cast["clerk_b"])
    assert client.get(reverse("roundtrip_download", args=[filled.pk])).status_code == 403
    client.force_login(cast["manager"])
    assert client.get(reverse("roundtrip_download", args=[filled.pk])).status_code == 403
    assert client.get(reverse("roundtrip_upload", args=[filled.pk])).status_code == 403
