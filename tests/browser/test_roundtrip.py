"""The Excel round-trip as a clerk does it (issue 14): download the Q2-2020 workbook from the report page,
fill it offline (openpyxl stands in for Excel), upload it, read the diff, confirm; the report page shows
the figures and the history names the file."""

import re

import openpyxl
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cchc import services
from tests.browser.actions import press, sign_in

pytestmark = pytest.mark.browser

SHEET = "3. Cải cách thủ tục hành chính"


def row_of(ws, label: str) -> int:
    return next(c.row for (c,) in ws.iter_rows(min_col=1, max_col=1) if c.value == label)


def test_clerk_fills_the_workbook_offline_uploads_it_and_confirms(browser_page, cast, unit_a, tmp_path):
    report = services.report_get_or_create(unit=unit_a, period=services.period_upsert(year=2020, quarter=2))
    page = browser_page
    sign_in(page, "clerk_a")
    page.goto(reverse("report_detail", args=[report.pk]))

    with page.expect_download() as info:
        page.get_by_role("link", name="Tải mẫu Excel", exact=True).click()
    download = info.value
    assert download.suggested_filename == "cchc-mau-t-a-2020-q2.xlsx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    ws.cell(row=row_of(ws, "Số TTHC đang thực hiện"), column=3).value = 1820
    ws.cell(row=row_of(ws, "Số quyết định công bố TTHC"), column=3).value = 12
    header = next(c for row in ws.iter_rows() for c in row if c.value == "Nơi tiếp nhận")
    columns = {c.value: c.column for c in ws[header.row] if c.value}
    new_row = {
        "Nơi tiếp nhận": "Bộ phận Một cửa Sở Nội vụ",
        "Tiếp nhận mới": 40,
        "Tiếp nhận (kể cả kỳ trước chuyển sang)": 40,
        "Đã giải quyết": 30,
        "Đang giải quyết": 10,
    }
    for name, value in new_row.items():
        ws.cell(row=header.row + 1, column=columns[name]).value = value
    wb.save(path)

    page.get_by_role("link", name="Tải lên tệp Excel", exact=True).click()
    page.get_by_label("Tệp Excel (.xlsx) đã điền từ mẫu của báo cáo này").set_input_files(str(path))
    press(page, "Xem trước thay đổi")
    diff = page.locator("#roundtrip-diff tbody tr")
    expect(diff).to_have_count(7)
    expect(diff.filter(has_text="Số TTHC đang thực hiện")).to_contain_text("1820")
    expect(diff.filter(has_text="Bộ phận Một cửa Sở Nội vụ")).to_have_count(5)  # the new ledger row's cells

    press(page, "Xác nhận lưu")
    expect(page).to_have_url(re.compile(re.escape(reverse("report_detail", args=[report.pk])) + "$"))
    expect(page.get_by_role("alert").filter(has_text="Đã lưu số liệu từ tệp")).to_contain_text(path.name)
    expect(page.get_by_label("Số TTHC đang thực hiện", exact=True)).to_have_value("1820")
    expect(page.get_by_label("Số quyết định công bố TTHC", exact=True)).to_have_value("12")

    page.get_by_role("link", name="Lịch sử thay đổi", exact=True).click()
    expect(page.locator("table tbody").filter(has_text=f"Tải lên tệp Excel: {path.name}").first).to_be_visible()
