"""Months as people click through them (issue 11): the clerk of a service centre that reports its one-stop ledger
monthly enters August 2022 and submits it; a manager approves it from the submissions of "Tháng 8/2022" and reads
that month's resolved and on-time rates on the scorecard; with July and September reported too, the manager reads
"Quý III/2022" built from the three months (the same rates as the summed flows typed as one quarter) and the run
of months July–September picked from "Từ tháng – Đến tháng".

August's figures: 200 received, 160 resolved (50 early, 90 on time, 20 late), 40 pending — resolved rate 80,00%,
on-time rate 87,50% (140 of 160).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cchc import services
from cchc.choices import ReportStatus, Role, UnitKind
from cchc.models import MonthlySection, Report
from cchc.months import month_period_upsert
from conftest import make_user, submit
from procedures import services as procedure_services
from tests.browser.actions import open_user_menu, press, sign_in

pytestmark = pytest.mark.browser

CENTRE = "Trung tâm Phục vụ hành chính công tỉnh"
POINT = "Bộ phận một cửa của Trung tâm"
RESOLVED, ON_TIME = "tthc.resolved_rate", "tthc.on_time_rate"


def url_of(name: str, *args) -> re.Pattern:
    return re.compile(re.escape(reverse(name, args=args)) + r"(\?.*)?$")


def sign_out(page: Page) -> None:
    open_user_menu(page)
    page.get_by_role("button", name="Đăng xuất", exact=True).click()
    expect(page).to_have_url(url_of("login"))


def normalised(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", "", text)


@pytest.fixture
def centre(province, cast):
    """The province's service centre, its one-stop ledger reported monthly from 2022; its clerk; Q3-2022 and
    August 2022 with their expected reports."""
    unit = services.unit_upsert(code="T-TT", name=CENTRE, kind=UnitKind.SERVICE_CENTRE, parent=province)
    MonthlySection.objects.create(
        section_key="procedures", unit_kind=UnitKind.SERVICE_CENTRE, valid_from=dt.date(2022, 1, 1), deadline_days=5
    )
    make_user("clerk_tt", unit, Role.CLERK, first_name="Thảo")
    services.period_upsert(year=2022, quarter=3)
    services.period_reports_ensure(period=month_period_upsert(year=2022, month=8))
    return unit


def ledger_reported(unit, period, *, carried: int, received: int, early: int, on_time: int, late: int) -> Report:
    """A period's ledger entered and approved through the services (what the browser does not type)."""
    report = services.report_get_or_create(unit=unit, period=period)
    resolved = early + on_time + late
    row = {
        "reception_point": POINT,
        "carried_over": carried,
        "received_new": received - carried,
        "received_total": received,
        "resolved_early": early,
        "resolved_on_time": on_time,
        "resolved_late": late,
        "resolved_total": resolved,
        "pending_total": received - resolved,
    }
    procedure_services.ledger_rows_save(report=report, rows=[row], delete_ids=[])
    return submit(report, approve=True)[0]


def pick_period(page: Page, label: str) -> None:
    page.locator("#id_period").select_option(label=label)
    page.locator("#scorecard-filter").get_by_role("button", name="Xem", exact=True).click()


def rates_of(page: Page, unit) -> tuple[str, str]:
    row = page.locator(f'#scorecard tr[data-unit="{unit.code}"]')
    return (
        normalised(row.locator(f'td[data-code="{RESOLVED}"]').inner_text()),
        normalised(row.locator(f'td[data-code="{ON_TIME}"]').inner_text()),
    )


def test_a_centre_enters_a_month_and_the_manager_reads_it(browser_page, cast, centre):
    page = browser_page
    august = Report.objects.get(unit=centre, period__month=8)

    # The clerk finds August in "Báo cáo của tôi" (the latest quarter and its months) and opens it.
    sign_in(page, "clerk_tt")
    expect(page).to_have_url(url_of("report_mine"))
    row = page.locator("table tbody tr").filter(has_text="Tháng 8/2022")
    expect(row).to_have_count(1)
    row.get_by_role("link", name="Mở", exact=True).click()
    expect(page).to_have_url(url_of("report_detail", august.pk))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tháng 8/2022")
    expect(page.locator("#month-report-note")).to_be_visible()
    # A month asks only the ledger: no narrative, no personnel section.
    expect(page.locator("#section-procedures")).to_be_visible()
    expect(page.locator("#section-narrative")).to_have_count(0)
    expect(page.locator("#section-personnel")).to_have_count(0)

    ledger = page.locator("#section-procedures [data-ledger-row]").first
    for name, value in {
        "reception_point": POINT,
        "received_total": "200",
        "resolved_early": "50",
        "resolved_on_time": "90",
        "resolved_late": "20",
        "resolved_total": "160",
        "pending_total": "40",
    }.items():
        ledger.locator(f'[name="ledger-0-{name}"]').fill(value)
    expect(ledger.locator('[data-rate="on_time"]')).to_contain_text("87,50")
    press(page, "Lưu và gửi báo cáo")
    expect(page.get_by_role("alert").filter(has_text="Đã gửi báo cáo.")).to_be_visible()
    expect(page.locator("#report-status")).to_have_text("Đã gửi")
    sign_out(page)

    # The manager picks August on the submissions page: the centre alone owes it; they approve it.
    sign_in(page, "manager")
    expect(page).to_have_url(url_of("report_submissions"))
    page.locator("#id_period").select_option(label="Tháng 8/2022")
    page.get_by_role("button", name="Lọc", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tình hình gửi báo cáo — Tháng 8/2022")
    expect(page.locator('[data-figure="expected"]')).to_have_text("1")
    expect(page.locator('[data-figure="submitted"]')).to_have_text("1")
    page.locator("table tbody tr").filter(has_text=CENTRE).get_by_role("link", name="Mở", exact=True).click()
    press(page, "Duyệt")
    expect(page.locator("#report-status")).to_have_text("Đã duyệt")
    assert Report.objects.get(pk=august.pk).status == ReportStatus.APPROVED

    # The scorecard of "Tháng 8/2022", picked from the period selector.
    page.goto(reverse("scorecard_grid"))
    pick_period(page, "Tháng 8/2022")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bảng điểm — Tháng 8/2022")
    assert rates_of(page, centre) == ("80,00%", "87,50%")  # 160 of 200; 140 of 160


def test_the_manager_reads_three_months_together(browser_page, cast, centre, unit_a):
    """July, August and September entered, each month carrying the one before's 40 pending: the three months' flows
    are summed, the pending stock is September's. 530 received, 490 resolved (130 early, 310 on time, 50 late), 40
    pending: resolved rate 92,45% (490 of 530), on-time rate 89,80% (440 of 490) — what the same flows typed as
    one quarter give (unit A, a department reporting quarterly)."""
    for month, carried, received, early, on_time, late in (
        (7, 0, 200, 40, 100, 20),
        (8, 40, 200, 50, 90, 20),
        (9, 40, 210, 40, 120, 10),
    ):
        period = month_period_upsert(year=2022, month=month)
        ledger_reported(centre, period, carried=carried, received=received, early=early, on_time=on_time, late=late)
    quarter = services.period_upsert(year=2022, quarter=3)
    ledger_reported(unit_a, quarter, carried=0, received=530, early=130, on_time=310, late=50)
    page = browser_page
    sign_in(page, "manager")
    page.goto(reverse("scorecard_grid"))

    # Quý III/2022, picked from the list: the centre's quarter is built from its three months and reads as the
    # same flows typed as one quarter by unit A.
    pick_period(page, "Quý III/2022")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bảng điểm — Quý III/2022")
    assert rates_of(page, unit_a) == ("92,45%", "89,80%")
    assert rates_of(page, centre) == ("92,45%", "89,80%")

    # The run of months July–September, from the picker's "từ tháng – đến tháng": the same rates.
    page.locator("#id_from").fill("2022-07")
    page.locator("#id_to").fill("2022-09")
    page.locator("#scorecard-filter").get_by_role("button", name="Xem", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bảng điểm — Từ 01/07/2022 đến 30/09/2022")
    assert rates_of(page, centre) == ("92,45%", "89,80%")
