"""The dossier-import template (issue 14): its XLSX and CSV are read by the import as they come, with
Vietnamese headers; the short codes work as well; the second sheet lists the catalogue's procedure codes."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.choices import UnitKind
from procedures.choices import ProcedureLevel
from procedures.importing import COLUMNS, dossier_import_preview
from procedures.models import DossierRecord
from procedures.services import procedure_upsert

CODES = ("1.001001", "1.001002", "2.000003")


@pytest.fixture
def catalogue(db):
    for i, code in enumerate(CODES):
        procedure_upsert(
            code=code,
            name=f"Thủ tục thử {i + 1}",
            field="Tư pháp",
            level=ProcedureLevel.PROVINCE,
            unit_kind=UnitKind.DEPARTMENT,
        )


def get(client, user, fmt: str = ""):
    client.force_login(user)
    response = client.get(reverse("dossier_import_template") + (f"?format={fmt}" if fmt else ""))
    assert response.status_code == 200
    return response


def test_the_xlsx_template_has_vietnamese_headers_three_samples_and_the_codes(client, cast, catalogue, period):
    response = get(client, cast["clerk_a"])
    assert response["Content-Disposition"] == 'attachment; filename="cchc-nhap-ho-so-mau.xlsx"'
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(wb["Hồ sơ"].iter_rows(values_only=True))
    assert rows[0] == (
        "Mã hồ sơ", "Mã thủ tục", "Mã đơn vị", "Nơi tiếp nhận", "Kênh nộp",
        "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày hoàn thành", "Trạng thái",
    )  # fmt: skip
    assert [row[0] for row in rows[1:]] == ["MAU-001", "MAU-002", "MAU-003"]
    assert {row[2] for row in rows[1:]} == {"T-A"}  # the clerk's own unit
    codes = list(wb["Mã thủ tục"].iter_rows(min_row=2, values_only=True))
    assert [code for code, _name in codes] == list(CODES)

    upload = SimpleUploadedFile("mau.xlsx", response.content)
    preview = dossier_import_preview(file=upload, user=cast["clerk_a"])
    assert [e.message for e in preview.errors] == []
    assert (preview.rows_read, preview.rows_valid) == (3, 3)
    assert DossierRecord.objects.count() == 0


def test_the_csv_template_is_read_by_the_import(client, cast, catalogue, period):
    response = get(client, cast["clerk_a"], "csv")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Mã hồ sơ,Mã thủ tục,Mã đơn vị,Nơi tiếp nhận,Kênh nộp,")
    preview = dossier_import_preview(file=SimpleUploadedFile("mau.csv", response.content), user=cast["clerk_a"])
    assert [e.message for e in preview.errors] == [] and preview.rows_valid == 3


def test_short_codes_and_vietnamese_headers_are_both_accepted(cast, catalogue, period):
    row = "HS-1,1.001001,T-A,Bộ phận Một cửa,truc_tiep,02/01/2020,09/01/2020,07/01/2020,da_giai_quyet"
    for header in (",".join(COLUMNS), "Mã hồ sơ,Mã thủ tục,Mã đơn vị,Nơi tiếp nhận,Kênh nộp,Ngày tiếp nhận,"
                   "Ngày hẹn trả,Ngày hoàn thành,Trạng thái"):  # fmt: skip
        body = header + "\n" + row
        preview = dossier_import_preview(file=SimpleUploadedFile("hs.csv", body.encode()), user=cast["clerk_a"])
        assert [e.message for e in preview.errors] == [] and preview.rows_valid == 1, header


def test_the_import_page_links_to_both_templates(client, cast):
    client.force_login(cast["clerk_a"])
    page = client.get(reverse("dossier_import")).content.decode()
    assert reverse("dossier_import_template") in page and "?format=csv" in page
