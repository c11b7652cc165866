"""The scorecard screens as a manager clicks through them: the overview, then down to the grid, where a cell
coloured by its band carries its target and the target's legal source on hover (the title attribute).
"""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import submit
from procedures import services as procedure_services
from reports.choices import LegendMode
from reports.models import Legend, Target
from tests.browser.actions import sign_in

pytestmark = pytest.mark.browser

ON_TIME = "tthc.on_time_rate"
TARGET_TITLE = "Chỉ tiêu: 98,00% (123/QĐ-UBND ngày 05/01/2020)"


def url_of(name: str, *args) -> re.Pattern:
    """A pattern for page URLs ending in the named route (any query string allowed)."""
    return re.compile(re.escape(reverse(name, args=args)) + r"(\?.*)?$")


def enter_ledger(report, on_time: int, late: int) -> None:
    procedure_services.ledger_rows_save(
        report=report,
        rows=[
            {
                "reception_point": "Bộ phận một cửa",
                "received_total": on_time + late,
                "resolved_on_time": on_time,
                "resolved_late": late,
                "resolved_total": on_time + late,
                "pending_total": 0,
            }
        ],
        delete_ids=[],
    )


@pytest.fixture
def scorecard_data(report_a, report_b):
    """Unit A resolved 99% of its dossiers on time, unit B 80%, against a 98% target with a legend."""
    enter_ledger(report_a, 99, 1)
    enter_ledger(report_b, 80, 20)
    submit(report_a, report_b)  # the grid shows reported figures only (drafts never)
    Target.objects.create(
        indicator=ON_TIME,
        year=2020,
        value=Decimal("0.98"),
        source_number="123/QĐ-UBND",
        source_date=dt.date(2020, 1, 5),
    )
    Legend.objects.create(
        indicator=ON_TIME, mode=LegendMode.RELATIVE, green_from=Decimal("1"), yellow_from=Decimal("0.9")
    )


def test_manager_opens_the_overview_drills_down_to_the_grid_and_reads_a_cells_target(
    browser_page, cast, unit_a, unit_b, scorecard_data
):
    page = browser_page
    sign_in(page, "manager")
    expect(page).to_have_url(url_of("report_submissions"))

    # The overview, from the navigation bar: the province's cards, the on-time rate by unit.
    page.get_by_role("navigation").get_by_role("link", name="Tổng hợp", exact=True).click()
    expect(page).to_have_url(url_of("scorecard_overview"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng hợp — Quý I/2020")
    expect(page.locator("#overview-scope")).to_have_text("UBND tỉnh Thử Nghiệm")
    card = page.locator('.area-card[data-area="3"]')
    expect(card.get_by_role("heading")).to_have_text("3. Cải cách thủ tục hành chính")
    figure = card.locator(f'.key-figure[data-code="{ON_TIME}"]')
    expect(figure.locator(".key-value")).to_have_text("89,50%*")  # 179 of 200, from the counts; drafts
    expect(figure.locator("svg title")).to_have_count(1)
    on_time = page.locator("#on-time-table tbody tr")
    expect(on_time.nth(1)).to_contain_text(unit_a.name)
    expect(on_time.nth(1)).to_contain_text("99,00%")

    # Down to the grid of the procedures area.
    card.get_by_role("link", name=re.compile(r"^Bảng điểm")).click()
    expect(page).to_have_url(url_of("scorecard_grid"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bảng điểm — Quý I/2020")
    expect(page.locator("#id_area")).to_have_value("3")
    rows = page.locator("#scorecard tbody.scorecard-rows tr")
    expect(rows).to_have_count(2)

    green = page.locator(f'#scorecard tr[data-unit="{unit_a.code}"] td[data-code="{ON_TIME}"]')
    expect(green).to_have_class(re.compile(r"\bband-green\b"))
    expect(green).to_have_attribute("title", re.compile("^" + re.escape(TARGET_TITLE)))
    expect(green).to_contain_text("99,00%")
    colour = green.evaluate("(td) => getComputedStyle(td).backgroundColor")
    assert colour == "rgb(209, 240, 217)"  # the green band, as drawn
    red = page.locator(f'#scorecard tr[data-unit="{unit_b.code}"] td[data-code="{ON_TIME}"]')
    expect(red).to_have_class(re.compile(r"\bband-red\b"))

    # Sort by the on-time rate: the header link sorts on the server, best first.
    page.locator(f'th[data-code="{ON_TIME}"] a').click()
    expect(rows.first).to_have_attribute("data-unit", unit_a.code)
    expect(page.locator(f'th[data-code="{ON_TIME}"]')).to_have_attribute("aria-sort", "descending")
    page.locator(f'th[data-code="{ON_TIME}"] a').click()
    expect(rows.first).to_have_attribute("data-unit", unit_b.code)

    # And on to unit A's page: its eight quarters, chart and table.
    page.locator(f'#scorecard tr[data-unit="{unit_a.code}"] th a').first.click()
    expect(page).to_have_url(url_of("scorecard_unit", unit_a.pk))
    indicator = page.locator(f'.unit-indicator[data-code="{ON_TIME}"]')
    expect(indicator.locator("svg")).to_have_count(1)
    expect(indicator.locator("thead th")).to_have_count(9)
