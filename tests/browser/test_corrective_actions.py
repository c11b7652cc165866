"""A corrective action in the browser: the manager records one on a red cell of the 2020-Q1 grid, and the clerk
of the responsible unit finds it on their 2020-Q2 report page and answers with progress (issue 15)."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cchc import services
from conftest import submit
from reports.choices import LegendMode
from reports.models import Legend, Target
from reports.publishing.choices import ActionStatus
from reports.publishing.models import CorrectiveAction
from tests.browser.actions import press, sign_in
from tests.browser.test_scorecard import enter_ledger

pytestmark = pytest.mark.browser

ON_TIME = "tthc.on_time_rate"
WHAT = "Rà soát quy trình một cửa, nhắc cán bộ trả hồ sơ đúng hẹn."
PROGRESS = "Đã tập huấn lại 12 cán bộ một cửa; tỷ lệ đúng hạn tháng 4 đạt 97%."


@pytest.fixture
def red_cell(cast, report_a, report_b):
    """Unit A resolved half its dossiers on time in 2020-Q1 (red against 98 %); 2020-Q2 is open."""
    enter_ledger(report_a, 50, 50)
    enter_ledger(report_b, 99, 1)
    submit(report_a, report_b)  # the grid shows reported figures only (drafts never)
    Target.objects.create(indicator=ON_TIME, year=2020, value=Decimal("0.98"))
    Legend.objects.create(
        indicator=ON_TIME, mode=LegendMode.RELATIVE, green_from=Decimal(1), yellow_from=Decimal("0.9")
    )
    q2 = services.period_upsert(year=2020, quarter=2)
    return services.report_get_or_create(unit=report_a.unit, period=q2)


def test_manager_records_an_action_on_a_red_cell_and_the_clerk_answers_next_quarter(browser_page, cast, red_cell):
    page = browser_page
    sign_in(page, "manager")
    page.goto(reverse("scorecard_grid") + "?period=2020-Q1")
    red = page.locator(f'tr[data-unit="T-A"] td[data-code="{ON_TIME}"]')
    expect(red).to_have_class(re.compile(r"\bband-red\b"))
    red.get_by_role("link", name="Ghi hành động khắc phục").click()

    page.get_by_label("Việc cần làm").fill(WHAT)
    page.get_by_label("Đơn vị chịu trách nhiệm").select_option(label="Sở Nội vụ")
    page.get_by_label("Hạn hoàn thành").fill("2020-06-30")
    press(page, "Ghi hành động")
    expect(page.locator("#action-description")).to_have_text(WHAT)
    expect(page.locator("#action-status")).to_have_text("Chưa thực hiện")

    page.context.clear_cookies()
    sign_in(page, "clerk_a")
    page.goto(reverse("report_detail", args=[red_cell.pk]))
    panel = page.locator("#report-corrective-actions")
    expect(panel).to_contain_text(WHAT)
    expect(panel.locator(".overdue")).to_have_count(1)  # due 30/06/2020: long past
    panel.get_by_role("link", name=WHAT).click()
    page.get_by_label("Tiến độ, kết quả").fill(PROGRESS)
    page.get_by_label("Trạng thái").select_option(label="Đang thực hiện")
    press(page, "Gửi cập nhật")

    expect(page.locator("#action-updates")).to_contain_text(PROGRESS)
    expect(page.locator("#action-status")).to_have_text("Đang thực hiện")
    action = CorrectiveAction.objects.get()
    assert (action.status, action.responsible_unit, action.due_date) == (
        ActionStatus.IN_PROGRESS,
        red_cell.unit,
        dt.date(2020, 6, 30),
    )
    assert action.updates.get().author == cast["clerk_a"]
