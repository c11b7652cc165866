"""The report workflow as people click through it: a clerk saves and submits, a manager approves,
and the approved report is locked for the clerk. Also: the login page's language switch.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cchc.choices import ReportStatus
from tests.browser.actions import confirm_nothing_to_report, open_user_menu, press, sign_in

pytestmark = pytest.mark.browser

SHORTCOMINGS = "Một số đơn vị gửi báo cáo chậm; số liệu TTHC chưa khớp giữa các sở."
CAUSES = "Cán bộ đầu mối thay đổi, chưa được tập huấn."
NEXT_TASKS = "Rà soát, đơn giản hóa TTHC; tập huấn cán bộ đầu mối."


def url_of(name: str, *args) -> re.Pattern:
    """A pattern for page URLs ending in the named route (any query string allowed)."""
    return re.compile(re.escape(reverse(name, args=args)) + r"(\?.*)?$")


def sign_out(page: Page) -> None:
    open_user_menu(page)
    page.get_by_role("button", name="Đăng xuất", exact=True).click()
    expect(page).to_have_url(url_of("login"))
    expect(page.get_by_role("heading", name="Đăng nhập", exact=True)).to_be_visible()


def expect_messages(page: Page, *texts: str) -> None:
    """The page shows exactly these flash messages, in this order (so no error slipped in beside them)."""
    expect(page.get_by_role("alert")).to_have_text(list(texts))


def open_report_row(page: Page, unit_name: str) -> None:
    page.locator("table tbody tr").filter(has_text=unit_name).get_by_role("link", name="Mở", exact=True).click()


def narrative_fields(page: Page) -> dict:
    return {
        "shortcomings": page.get_by_label("Hạn chế", exact=True),
        "causes": page.get_by_label("Nguyên nhân", exact=True),
        "next_tasks": page.get_by_label("Nhiệm vụ trọng tâm kỳ tới", exact=True),
    }


def test_clerk_submits_manager_approves_report_is_locked(browser_page, cast, unit_a, report_a, report_b, client):
    page = browser_page
    detail_url = url_of("report_detail", report_a.pk)

    # The clerk signs in and lands on their reports: unit A's row (not unit B's) is there.
    sign_in(page, "clerk_a")
    expect(page).to_have_url(url_of("report_mine"))
    expect(page.get_by_role("heading", name="Báo cáo của tôi", exact=True)).to_be_visible()
    rows = page.locator("table tbody tr")
    expect(rows.filter(has_text=unit_a.name)).to_have_count(1)
    expect(rows.filter(has_text=report_b.unit.name)).to_have_count(0)

    open_report_row(page, unit_a.name)
    expect(page).to_have_url(detail_url)
    expect(page.locator("#report-status")).to_have_text("Đang soạn")

    # Save a draft.
    fields = narrative_fields(page)
    fields["shortcomings"].fill(SHORTCOMINGS)
    fields["causes"].fill(CAUSES)
    fields["next_tasks"].fill(NEXT_TASKS)
    press(page, "Lưu nháp")
    expect_messages(page, "Đã lưu nháp.")
    expect(page).to_have_url(detail_url)
    expect(page.locator("#report-status")).to_have_text("Đang soạn")
    fields = narrative_fields(page)
    expect(fields["shortcomings"]).to_have_value(SHORTCOMINGS)
    expect(fields["causes"]).to_have_value(CAUSES)
    expect(fields["next_tasks"]).to_have_value(NEXT_TASKS)

    # Submit it.
    confirm_nothing_to_report(page)  # the sections left empty: nothing to report this quarter
    press(page, "Lưu và gửi báo cáo")
    expect_messages(page, "Đã gửi báo cáo.")
    expect(page.locator("#report-status")).to_have_text("Đã gửi")
    sign_out(page)

    # The manager lands on the submissions, sees unit A's report submitted and approves it.
    sign_in(page, "manager")
    expect(page).to_have_url(url_of("report_submissions"))
    expect(page.get_by_role("heading", name="Tình hình gửi báo cáo")).to_be_visible()
    row = page.locator("table tbody tr").filter(has_text=unit_a.name)
    expect(row).to_have_count(1)
    expect(row.locator(".badge")).to_have_text("Đã gửi")
    open_report_row(page, unit_a.name)
    expect(page).to_have_url(detail_url)
    expect(page.locator("#report-status")).to_have_text("Đã gửi")
    press(page, "Duyệt")
    expect_messages(page, "Đã duyệt báo cáo.")
    expect(page.locator("#report-status")).to_have_text("Đã duyệt")
    sign_out(page)

    # The clerk comes back: the approved report is read-only.
    sign_in(page, "clerk_a")
    expect(page).to_have_url(url_of("report_mine"))
    expect(page.locator("table tbody tr").filter(has_text=unit_a.name).locator(".badge")).to_have_text("Đã duyệt")
    open_report_row(page, unit_a.name)
    expect(page).to_have_url(detail_url)
    expect(page.locator("#report-status")).to_have_text("Đã duyệt")
    # Issue 17: the page shows the approved report as the read document, not as disabled inputs.
    document = page.locator("#report-document")
    expect(document).to_contain_text(SHORTCOMINGS)
    assert page.locator("#report-document input, #report-document textarea").count() == 0
    expect(page.locator("#report-form")).to_have_count(0)
    expect(page.get_by_role("button", name="Lưu nháp", exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name="Lưu và gửi báo cáo", exact=True)).to_have_count(0)
    expect(page.locator("#review")).to_have_count(0)

    # A clerk who builds the form in the page and posts it anyway is refused.
    page.evaluate(
        """() => {
            const form = document.createElement("form");
            form.method = "post";
            form.action = window.location.pathname;
            const fields = {
                csrfmiddlewaretoken: document.querySelector('[name="csrfmiddlewaretoken"]').value,
                action: "save",
                "narrative-shortcomings": "Sửa sau khi đã duyệt",
            };
            for (const [name, value] of Object.entries(fields)) {
                const input = document.createElement("input");
                input.type = "hidden"; input.name = name; input.value = value;
                form.appendChild(input);
            }
            document.body.appendChild(form);
            form.submit();
        }"""
    )
    expect(page.get_by_role("heading", name="Không có quyền truy cập", exact=True)).to_be_visible()

    # So is a direct POST, outside the browser.
    report_a.refresh_from_db()
    client.force_login(cast["clerk_a"])
    response = client.post(
        reverse("report_detail", args=[report_a.pk]),
        {
            "version": report_a.version,
            "action": "save",
            "narrative-shortcomings": "Sửa sau khi đã duyệt",
            "narrative-causes": "",
            "narrative-next_tasks": "Sửa sau khi đã duyệt",
        },
    )
    assert response.status_code == 403

    report_a.refresh_from_db()
    assert report_a.status == ReportStatus.APPROVED
    assert report_a.submitted_by == cast["clerk_a"]
    assert report_a.reviewed_by == cast["manager"]
    assert report_a.shortcomings == SHORTCOMINGS
    assert report_a.causes == CAUSES
    assert report_a.next_tasks == NEXT_TASKS


@pytest.mark.parametrize("browser_locale", ["vi-VN", "en-US"])
def test_login_page_is_vietnamese_and_switches_to_english(browser_page, browser_locale, db):
    """Vietnamese whatever language the browser asks for, until the user picks English in the navbar."""
    page = browser_page
    assert page.evaluate("navigator.language") == browser_locale
    page.goto(reverse("login"))
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", name="Đăng nhập", exact=True)).to_be_visible()
    language = page.locator('select[name="language"]')
    expect(language).to_have_value("vi")

    with page.expect_navigation():
        language.select_option("en")  # the select submits its form on change

    expect(page).to_have_url(url_of("login"))
    expect(html).to_have_attribute("lang", "en")
    expect(page.locator('select[name="language"]')).to_have_value("en")
