"""The quality rating as a clerk types it: the total and each grade's share appear live (static/js/rating.js),
in Vietnamese format, before anything is saved; then the row is saved (the server shows the same shares) and
the report submitted.

The figures are the source's: of 21.635 cadres, civil servants and public employees rated for 2019, 1.809
excellent (8,36%), 18.520 good (85,60%), 1.190 completed (5,50%), 116 not completing (0,54%).
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cchc.choices import ReportStatus
from cchc.models import Report
from personnel.models import QualityRating
from tests.browser.actions import confirm_nothing_to_report, press, sign_in

pytestmark = pytest.mark.browser

COUNTS = {"excellent": "1809", "good": "18520", "completed": "1190", "not_completed": "116"}
SHARES = {"excellent": "8,36%", "good": "85,60%", "completed": "5,50%", "not_completed": "0,54%"}
SPACE = r"[\s\u00a0\u202f]*"  # Intl may put a (narrow) no-break space in a formatted number


def exactly(value: str) -> re.Pattern:
    """The text `value`, whatever whitespace or no-break spaces surround or split it."""
    return re.compile("^" + SPACE + SPACE.join(re.escape(char) for char in value) + SPACE + "$")


def url_of(name: str, *args) -> re.Pattern:
    return re.compile(re.escape(reverse(name, args=args)) + r"(\?.*)?$")


def expect_shares(row, total: str, shares: dict[str, str]) -> None:
    expect(row.locator('[data-rating="total"]')).to_have_text(exactly(total))
    for grade, value in shares.items():
        expect(row.locator(f'[data-share="{grade}"]')).to_have_text(exactly(value))


def test_clerk_sees_total_and_shares_while_typing_then_saves_and_submits(browser_page, cast, unit_a, report_a):
    page = browser_page
    detail_url = url_of("report_detail", report_a.pk)

    sign_in(page, "clerk_a")
    expect(page).to_have_url(url_of("report_mine"))
    page.locator("table tbody tr").filter(has_text=unit_a.name).get_by_role("link", name="Mở", exact=True).click()
    expect(page).to_have_url(detail_url)
    expect(page.locator("#report-status")).to_have_text("Đang soạn")

    section = page.locator("#section-personnel")
    row = section.locator("fieldset[data-rating-row]").first
    expect_shares(row, "—", dict.fromkeys(SHARES, "—"))

    row.locator('[name="ratings-0-rating_year"]').fill("2019")
    expect(row.locator('[name="ratings-0-category"]')).to_have_value("all")
    row.locator('[name="ratings-0-excellent"]').fill(COUNTS["excellent"])
    # One grade typed: its share is of the total so far (100%), the others are not computed yet.
    expect_shares(row, "1.809", {"excellent": "100,00%", "good": "—"})
    for grade in ("good", "completed", "not_completed"):
        row.locator(f'[name="ratings-0-{grade}"]').fill(COUNTS[grade])

    # Before saving: the total and the four shares, computed in the page, in Vietnamese format.
    expect_shares(row, "21.635", SHARES)
    assert not QualityRating.objects.exists()

    # A correction is followed live, then undone.
    row.locator('[name="ratings-0-not_completed"]').fill("")
    expect_shares(row, "21.519", {"not_completed": "—", "excellent": "8,41%"})
    row.locator('[name="ratings-0-not_completed"]').fill(COUNTS["not_completed"])
    expect_shares(row, "21.635", SHARES)

    press(page, "Lưu nháp")
    expect(page.get_by_role("alert").filter(has_text="Đã lưu nháp.")).to_have_count(1)
    expect(page).to_have_url(detail_url)
    [saved] = QualityRating.objects.filter(report=report_a)
    assert (saved.rating_year, saved.category, saved.total) == (2019, "all", 21635)
    assert [saved.excellent, saved.good, saved.completed, saved.not_completed] == [1809, 18520, 1190, 116]

    # The saved row shows the same figures, now from the server; an empty row follows for the next one.
    row = page.locator("#section-personnel fieldset[data-rating-row]").first
    expect(row.locator('[name="ratings-0-excellent"]')).to_have_value("1809")
    expect_shares(row, "21.635", SHARES)
    expect_shares(page.locator("#section-personnel fieldset[data-rating-row]").nth(1), "—", dict.fromkeys(SHARES, "—"))

    confirm_nothing_to_report(page)  # the sections left empty: nothing to report this quarter
    press(page, "Lưu và gửi báo cáo")
    expect(page.get_by_role("alert").filter(has_text="Đã gửi báo cáo.")).to_have_count(1)
    expect(page.locator("#report-status")).to_have_text("Đã gửi")
    report = Report.objects.get(pk=report_a.pk)
    assert report.status == ReportStatus.SUBMITTED and report.submitted_by == cast["clerk_a"]
    assert QualityRating.objects.get(report=report_a).total == 21635
