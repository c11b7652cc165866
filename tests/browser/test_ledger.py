"""The one-stop ledger as a clerk types it: the derived rates appear live (static/js/ledger.js), then the
row is saved and the report submitted.

The figures are the source's: the province's public service centre received 2.084 dossiers, resolved
1.614 (1.604 on time, 10 late), 470 pending — on-time rate 99,38%, resolved rate 77,45%.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cchc.choices import ReportStatus
from cchc.models import Report
from procedures.models import LedgerRow
from tests.browser.actions import confirm_nothing_to_report, press, sign_in

pytestmark = pytest.mark.browser

POINT = "Trung tâm Phục vụ hành chính công tỉnh"


def rate_text(expected: str) -> re.Pattern:
    """`expected` ("99,38%") as Chromium's Intl may write it: any (narrow, no-break) space before the %."""
    number, sign = expected[:-1], expected[-1]
    return re.compile(rf"^\s*{re.escape(number)}[\s\u00a0\u202f]*{re.escape(sign)}\s*$")


def normalised(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", "", text)


def test_clerk_types_a_ledger_row_sees_the_rates_live_saves_and_submits(browser_page, cast, unit_a, report_a):
    page = browser_page
    sign_in(page, "clerk_a")
    expect(page).to_have_url(re.compile(re.escape(reverse("report_mine")) + r"(\?.*)?$"))
    page.goto(reverse("report_detail", args=[report_a.pk]))
    expect(page.locator("#report-status")).to_have_text("Đang soạn")

    section = page.locator("#section-procedures")
    expect(section).to_be_visible()
    row = section.locator("[data-ledger-row]").first
    resolved_rate = row.locator('[data-rate="resolved"]')
    on_time_rate = row.locator('[data-rate="on_time"]')
    expect(resolved_rate).to_have_text("—")
    expect(on_time_rate).to_have_text("—")

    def field(name):
        return row.locator(f'[name="ledger-0-{name}"]')

    field("reception_point").fill(POINT)
    field("received_total").fill("2084")
    field("resolved_on_time").fill("1604")
    field("resolved_late").fill("10")
    expect(on_time_rate).to_have_text("—")  # no resolved total yet: nothing to divide by
    field("resolved_total").fill("1614")
    field("pending_total").fill("470")

    # The rates appear as the clerk types, before anything is saved.
    expect(on_time_rate).to_have_text(rate_text("99,38%"))
    expect(resolved_rate).to_have_text(rate_text("77,45%"))
    assert normalised(on_time_rate.inner_text()) == "99,38%"
    assert normalised(resolved_rate.inner_text()) == "77,45%"
    assert not LedgerRow.objects.filter(report=report_a).exists()

    # Early resolutions count as on time: 4 early + 1.600 on time + 10 late.
    field("resolved_on_time").fill("1600")
    expect(on_time_rate).to_have_text(rate_text("99,13%"))  # 1.600 / 1.614
    field("resolved_early").fill("4")
    expect(on_time_rate).to_have_text(rate_text("99,38%"))

    press(page, "Lưu nháp")
    expect(page.get_by_role("alert").filter(has_text="Đã lưu nháp.")).to_be_visible()
    ledger = LedgerRow.objects.get(report=report_a)
    assert (ledger.reception_point, ledger.received_total, ledger.resolved_total, ledger.pending_total) == (
        POINT,
        2084,
        1614,
        470,
    )
    assert (ledger.resolved_early, ledger.resolved_on_time, ledger.resolved_late) == (4, 1600, 10)

    # After the reload the saved row shows its rates at once; the new empty row shows none.
    rows = page.locator("#section-procedures [data-ledger-row]")
    expect(rows).to_have_count(2)
    expect(rows.first.locator('[data-rate="on_time"]')).to_have_text(rate_text("99,38%"))
    expect(rows.first.locator('[data-rate="resolved"]')).to_have_text(rate_text("77,45%"))
    expect(rows.nth(1).locator('[data-rate="on_time"]')).to_have_text("—")
    expect(page.locator('[name="ledger-0-received_total"]')).to_have_value("2084")

    confirm_nothing_to_report(page)  # the sections left empty: nothing to report this quarter
    press(page, "Lưu và gửi báo cáo")
    expect(page.get_by_role("alert").filter(has_text="Đã gửi báo cáo.")).to_be_visible()
    expect(page.locator("#report-status")).to_have_text("Đã gửi")
    assert Report.objects.get(pk=report_a.pk).status == ReportStatus.SUBMITTED


def test_a_bad_ledger_row_is_shown_with_its_message_and_not_saved(browser_page, cast, report_a):
    page = browser_page
    sign_in(page, "clerk_a")
    page.goto(reverse("report_detail", args=[report_a.pk]))
    row = page.locator("#section-procedures [data-ledger-row]").first
    row.locator('[name="ledger-0-reception_point"]').fill(POINT)
    row.locator('[name="ledger-0-received_total"]').fill("2084")
    row.locator('[name="ledger-0-resolved_on_time"]').fill("1604")
    # A part larger than its whole is impossible: refused even in a draft (the checks policy's errors).
    row.locator('[name="ledger-0-resolved_late"]').fill("1700")
    row.locator('[name="ledger-0-resolved_total"]').fill("1614")
    row.locator('[name="ledger-0-pending_total"]').fill("470")
    press(page, "Lưu nháp")
    expect(page.get_by_role("alert").filter(has_text="Chưa lưu: hãy sửa các ô báo lỗi bên dưới.")).to_be_visible()
    expect(page.locator("#section-procedures .invalid-feedback").first).to_contain_text(
        "Giải quyết trễ hạn (1.700) không được lớn hơn Đã giải quyết (1.614)."
    )
    # What was typed is still there to correct, and the rates follow it.
    expect(page.locator('[name="ledger-0-resolved_late"]')).to_have_value("1700")
    expect(page.locator('#section-procedures [data-ledger-row] [data-rate="on_time"]').first).to_have_text(
        rate_text("99,38%")
    )
    assert not LedgerRow.objects.filter(report=report_a).exists()
