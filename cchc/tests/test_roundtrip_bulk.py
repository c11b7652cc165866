"""Bulk upload (issue 14): one workbook per unit, each report saved all-or-nothing on its own."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc import services
from cchc.choices import Role
from conftest import make_user
from procedures import services as procedure_services
from procedures.models import ProcedureFigures

from .roundtrip_helpers import PROCEDURES_SHEET, cell_of, download, load, save, state


@pytest.fixture
def clerk_ab(unit_a, unit_b):
    user = make_user("clerk_ab", unit_a, Role.CLERK)
    services.membership_grant(user=user, unit=unit_b, role=Role.CLERK)
    return user


def workbook_with(client, report, value: int) -> bytes:
    wb = load(download(client, report))
    cell_of(wb[PROCEDURES_SHEET], "Số TTHC đang thực hiện").value = value
    return save(wb)


def files(**named: bytes) -> list:
    return [SimpleUploadedFile(name, data, content_type="application/octet-stream") for name, data in named.items()]


def test_each_report_is_saved_on_its_own_and_the_page_says_which(client, clerk_ab, report_a, report_b):
    client.force_login(clerk_ab)
    a, b = workbook_with(client, report_a, 1820), workbook_with(client, report_b, 640)
    url = reverse("roundtrip_bulk")
    dry = client.post(url, {"files": files(**{"a.xlsx": a, "b.xlsx": b, "ghi-chu.xlsx": b"not a workbook"})})
    rows = {row.name: row for row in dry.context["rows"]}
    assert rows["a.xlsx"].token and rows["b.xlsx"].token
    assert rows["ghi-chu.xlsx"].messages == (
        "Tệp không phải bảng tính Excel .xlsx: hãy tải lên tệp mẫu đã điền, lưu dạng .xlsx.",
    )
    assert not ProcedureFigures.objects.exists()  # the dry run saved nothing

    def portal_edit(locked):  # B is saved on its page between the dry run and the confirmation
        procedure_services.procedure_figures_save(report=locked, values={"procedures_in_force": 600})

    services.report_update(report=report_b, user=clerk_ab, expected_version=report_b.version, apply=portal_edit)
    before_b = state(report_b)

    done = client.post(url, {"token": [rows["a.xlsx"].token, rows["b.xlsx"].token]})
    outcome = {row.name: row for row in done.context["rows"]}
    assert outcome["a.xlsx"].saved and not outcome["b.xlsx"].saved
    assert outcome["b.xlsx"].messages == ("Báo cáo vừa được lưu ở nơi khác: hãy tải tệp lên lại để xem so sánh mới.",)
    assert ProcedureFigures.objects.get(report=report_a).procedures_in_force == 1820
    assert ProcedureFigures.objects.get(report=report_b).procedures_in_force == 600
    assert state(report_b) == before_b


def test_a_workbook_of_a_unit_the_clerk_does_not_act_for_is_refused(client, cast, report_a, report_b):
    client.force_login(cast["clerk_b"])
    other = download(client, report_b)
    client.force_login(cast["clerk_a"])
    before = state(report_b)
    response = client.post(reverse("roundtrip_bulk"), {"files": files(**{"b.xlsx": other})})
    (row,) = response.context["rows"]
    assert row.messages == ("Tệp này là báo cáo của một đơn vị bạn không phụ trách.",)
    assert row.report is None and not row.token
    assert state(report_b) == before
