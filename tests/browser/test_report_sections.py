"""The report page in sections, as people click through it (issue 17), at 1366 px and at 390 px.

A clerk fills two sections and saves each with its own "Lưu mục này" (no reload: the page's script swaps
the section in), adds a row of a repeating block without a reload, and submits after the summary, ticking
"Không phát sinh" for the sections left empty. A manager approves, reads the read view and prints it: the
PDF Chromium makes (page.pdf, A4) is checked for its page count and its text. Screenshots of each step are
written to test-artifacts/ (not committed).
"""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from cchc.choices import ReportStatus
from cchc.models import Report
from cchc.nil_sections import NilSection
from iso.models import IsoFigures
from tests.browser.actions import confirm_nothing_to_report, press, sign_in
from tests.browser.conftest import ARTIFACTS_DIR

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": (1366, 768), "phone": (390, 844)}
SHORTCOMINGS = "Một số đơn vị gửi báo cáo chậm."
NEXT_TASKS = "Rà soát, đơn giản hóa TTHC."


def shot(request, page: Page, name: str, width: str) -> None:
    directory = request.config.rootpath / ARTIFACTS_DIR
    directory.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(directory / f"sections-{name}-{width}.png"), full_page=True)


def mark_page(page: Page) -> None:
    """A flag on the window: it survives only as long as the page is not reloaded."""
    page.evaluate("() => { window.__sameDocument = true; }")


def not_reloaded(page: Page) -> bool:
    return page.evaluate("() => window.__sameDocument === true")


def save_section(page: Page, key: str) -> None:
    """Press the section's "Lưu mục này" and wait for the answer to be swapped in (its heading takes focus)."""
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator(f"#section-{key} [data-section-save]").click()
    assert answer.value.status == 200
    expect(page.locator(f"#section-title-{key}")).to_be_focused()
    expect(page.get_by_role("alert").filter(has_text="Đã lưu mục")).to_have_count(1)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_clerk_saves_sections_adds_a_row_submits_and_manager_prints(request, browser_page, cast, report_a, width):
    page = browser_page
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    sign_in(page, "clerk_a")
    page.goto(reverse("report_detail", args=[report_a.pk]))
    nav = page.locator("#section-nav")
    expect(nav.locator('[data-section="iso"] [data-state]')).to_have_attribute("data-state", "empty")
    mark_page(page)

    # Two sections, each saved on its own; what is typed in the other one stays on the page unsaved.
    page.get_by_label("Hạn chế", exact=True).fill(SHORTCOMINGS)
    page.get_by_label("Nhiệm vụ trọng tâm kỳ tới", exact=True).fill(NEXT_TASKS)
    page.locator('[name="iso-units_applying"]').fill("3")
    save_section(page, "narrative")
    assert not_reloaded(page)
    report = Report.objects.get(pk=report_a.pk)
    assert report.shortcomings == SHORTCOMINGS and not IsoFigures.objects.filter(report=report).exists()
    expect(page.locator('[name="iso-units_applying"]')).to_have_value("3")  # still typed, not yet saved
    save_section(page, "iso")
    assert not_reloaded(page)
    assert IsoFigures.objects.get(report=report_a).units_applying == 3
    assert Report.objects.get(pk=report_a.pk).version == report_a.version + 2
    for key in ("narrative", "iso"):
        expect(nav.locator(f'[data-section="{key}"] [data-state]')).to_have_attribute("data-state", "filled")
    shot(request, page, "two-saved", width)

    # A row of a repeating block, added and removed without a reload.
    ratings = page.locator('#section-personnel [data-formset="ratings"] [data-row]:visible')
    before = ratings.count()
    page.locator('#section-personnel [data-add-row="ratings"]').click()
    expect(ratings).to_have_count(before + 1)
    expect(page.locator(f'[name="ratings-{before}-excellent"]')).to_be_visible()
    assert page.locator("#id_ratings-TOTAL_FORMS").input_value() == str(before + 1)
    page.locator(f'[name="ratings-{before}-excellent"]').fill("1809")
    expect(ratings.last.locator('[data-rating="total"]')).to_have_text("1.809")  # the live total works in it
    ratings.last.get_by_role("button", name="Xóa dòng").click()
    expect(ratings).to_have_count(before)
    ledger = page.locator("#section-procedures [data-ledger-row]:visible")
    rows = ledger.count()
    page.locator('#section-procedures [data-add-row="ledger"]').click()
    expect(ledger).to_have_count(rows + 1)
    ledger.last.locator('[data-figure="received_total"]').fill("200")
    ledger.last.locator('[data-figure="resolved_total"]').fill("150")
    expect(ledger.last.locator('[data-rate="resolved"]')).to_contain_text("75,00")
    ledger.last.get_by_role("button", name="Xóa dòng").click()
    expect(ledger).to_have_count(rows)
    assert not_reloaded(page)

    # The summary before submitting: empty sections with "Không phát sinh", warnings, explanations.
    summary = page.locator("#submit-summary")
    expect(summary.locator("#summary-empty")).to_contain_text("Không phát sinh")
    expect(summary.locator("#summary-empty")).not_to_contain_text("Hạn chế, nguyên nhân")
    shot(request, page, "summary", width)
    press(page, "Lưu và gửi báo cáo")
    expect(page.get_by_role("alert").filter(has_text="chưa có số liệu").first).to_be_visible()
    assert Report.objects.get(pk=report_a.pk).status == ReportStatus.DRAFT
    confirm_nothing_to_report(page)
    press(page, "Lưu và gửi báo cáo")
    expect(page.get_by_role("alert").filter(has_text="Đã gửi báo cáo.")).to_have_count(1)
    report = Report.objects.get(pk=report_a.pk)
    assert report.status == ReportStatus.SUBMITTED
    nil = set(NilSection.objects.filter(report=report).values_list("section_key", flat=True))
    assert "iso" not in nil and "narrative" not in nil and "personnel" in nil

    # The manager approves, then reads the report as a document and prints it.
    page.context.clear_cookies()
    sign_in(page, "manager")
    page.goto(reverse("report_detail", args=[report_a.pk]))
    # The report page itself shows the manager the read document (no input boxes), the review beneath it.
    document = page.locator("#report-document")
    expect(document.locator("#report-status")).to_have_text("Đã gửi")
    expect(document).to_contain_text(SHORTCOMINGS)
    assert document.locator("input, textarea, select").count() == 0
    expect(page.locator("#report-form")).to_have_count(0)
    expect(page.locator("#review")).to_be_visible()
    shot(request, page, "manager-reads", width)
    page.get_by_role("button", name="Duyệt", exact=True).click()
    expect(page.get_by_role("alert").filter(has_text="Đã duyệt báo cáo.")).to_have_count(1)
    expect(document.locator("#report-status")).to_have_text("Đã duyệt")
    page.locator("#report-read-link").click()
    expect(page).to_have_url(reverse("report_read", args=[report_a.pk]))
    document = page.locator("#report-document")
    expect(document.locator("#report-status")).to_have_text("Đã duyệt")
    expect(document.locator("#report-submitted")).to_contain_text("An")
    expect(document).to_contain_text(SHORTCOMINGS)
    expect(document.locator("#read-personnel")).to_contain_text("Không phát sinh trong kỳ.")
    assert document.locator("input, textarea, select").count() == 0
    shot(request, page, "read", width)

    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    assert 1 <= len(pdf.pages) <= 4, len(pdf.pages)
    box = pdf.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 1.5 and abs(float(box.height) - 841.9) < 1.5  # A4 in points
    printed = " ".join(p.extract_text() for p in pdf.pages)
    assert "Không phát sinh trong kỳ." in printed and SHORTCOMINGS in printed
    assert "Đăng xuất" not in printed and "Về trang báo cáo" not in printed  # no navigation, no buttons
    directory = request.config.rootpath / ARTIFACTS_DIR
    (directory / f"sections-read-{width}.pdf").write_bytes(page.pdf(format="A4"))
