"""Outreach as a clerk records it: an item added in the report's items list, saved, and counted in the
section's table of counts by outlet and kind (the cell goes from "—" to 1).
"""

import datetime as dt
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from outreach import services
from outreach.choices import ItemKind, OutletKind
from outreach.models import OutreachItem
from tests.browser.actions import press, sign_in

pytestmark = pytest.mark.browser

TITLE = "Cao Bằng đẩy mạnh tuyên truyền cải cách hành chính"
LINK = "https://baocaobang.vn/cao-bang-day-manh-tuyen-truyen-cai-cach-hanh-chinh.html"


def test_clerk_records_an_outreach_item_and_sees_the_count_change(browser_page, cast, unit_a, report_a):
    newspaper = services.outlet_upsert(name="Báo Cao Bằng", kind=OutletKind.NEWSPAPER)
    services.outlet_upsert(name="Đài Phát thanh và Truyền hình tỉnh Cao Bằng", kind=OutletKind.RADIO_TV)
    page = browser_page
    sign_in(page, "clerk_a")
    expect(page).to_have_url(re.compile(re.escape(reverse("report_mine")) + r"(\?.*)?$"))
    page.locator("table tbody tr").filter(has_text=unit_a.name).get_by_role("link", name="Mở", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(reverse("report_detail", args=[report_a.pk])) + r"$"))

    section = page.locator("#section-outreach")
    # the card's heading (its header also holds the section's state and its "Lưu mục này")
    expect(section.locator("#section-title-outreach")).to_have_text("Công tác tuyên truyền cải cách hành chính")
    counts = section.locator("#outreach-counts")
    news_cell = counts.locator(f'tr[data-outlet="{newspaper.pk}"] td[data-kind="news"]')
    expect(news_cell).to_have_text("—")
    expect(counts.locator('tr[data-outlet="total"] td[data-kind="total"]')).to_have_text("—")

    row = section.locator("[data-outreach-item]").first

    def field(name):
        return row.locator(f'[name="outreach_items-0-{name}"]')

    field("outlet").select_option(label="Báo Cao Bằng")
    field("published_on").fill("10/02/2020")
    field("kind").select_option(label="Tin")
    field("title").fill(TITLE)
    field("link").fill(LINK)
    field("scope").select_option(label="CCHC của địa phương")
    press(page, "Lưu nháp")

    expect(page.get_by_role("alert")).to_have_text(["Đã lưu nháp."])
    counts = page.locator("#section-outreach #outreach-counts")
    expect(counts.locator(f'tr[data-outlet="{newspaper.pk}"] td[data-kind="news"]')).to_have_text("1")
    expect(counts.locator(f'tr[data-outlet="{newspaper.pk}"] td[data-kind="total"]')).to_have_text("1")
    expect(counts.locator('tr[data-outlet="total"] td[data-kind="total"]')).to_have_text("1")
    expect(page.locator("#outreach-counts-source")).to_have_text("Tính từ các tin, bài đã nhập.")
    # The saved item is shown again in the list, with an empty row for the next one.
    expect(page.locator('[name="outreach_items-0-title"]')).to_have_value(TITLE)
    expect(page.locator('[name="outreach_items-1-title"]')).to_have_value("")

    saved = OutreachItem.objects.get(report=report_a)
    assert (saved.outlet, saved.kind, saved.published_on, saved.link) == (
        newspaper,
        ItemKind.NEWS,
        dt.date(2020, 2, 10),
        LINK,
    )
