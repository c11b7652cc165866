"""Accessibility and layout of the main pages (issue 17), checked in Chromium at 1366 px and 390 px.

axe-core (bundled by axe-playwright-python) runs with its default rules, none disabled, on the login page,
"Báo cáo của tôi", the report page (in sections), the read view, the overview and the grid: no serious or
critical violation, and no page scrolls sideways. Each page is saved as test-artifacts/a11y-<page>-<width>.png
for review (the directory is not committed).
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from cchc import services
from conftest import make_user
from tests.browser.actions import sign_in
from tests.browser.conftest import ARTIFACTS_DIR

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": (1366, 768), "phone": (390, 844)}
BLOCKING = ("serious", "critical")


def axe_blocking(page) -> list[str]:
    """The serious and critical violations of axe's default rules on the page, one line each."""
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(", ".join(n["target"]) for n in v["nodes"][:5])
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


def screenshot(request, page, name: str, width: str) -> None:
    directory = request.config.rootpath / ARTIFACTS_DIR
    directory.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(directory / f"a11y-{name}-{width}.png"), full_page=True)


def no_sideways_scroll(page) -> bool:
    """The page itself never scrolls sideways (a wide table scrolls inside its own box)."""
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.fixture
def pages_data(cast, report_a, report_b, unit_a):
    """Unit A's Q1-2020 report approved (so the overview and grid open on figures); Q2-2020 a draft."""
    from conftest import fill_narrative
    from tests.browser.test_scorecard import enter_ledger

    enter_ledger(report_a, 99, 1)
    report = fill_narrative(report_a, cast["clerk_a"])
    report = services.report_submit(report=report, user=cast["clerk_a"], at=None)
    report = services.report_approve(report=report, user=cast["manager"])
    q2 = services.period_upsert(year=2020, quarter=2)
    return {"draft": services.report_get_or_create(unit=unit_a, period=q2), "approved": report}


@pytest.mark.parametrize("width", list(WIDTHS))
def test_main_pages_have_no_serious_accessibility_violations(request, browser_page, cast, pages_data, width):
    page = browser_page
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    found = {}

    page.goto(reverse("login"))
    found["login"] = axe_blocking(page)
    screenshot(request, page, "login", width)

    sign_in(page, "clerk_a")
    visits = [
        ("my-reports", reverse("report_mine")),
        ("report", reverse("report_detail", args=[pages_data["draft"].pk])),
        ("read", reverse("report_read", args=[pages_data["approved"].pk])),
        ("overview", reverse("scorecard_overview")),
        ("grid", reverse("scorecard_grid")),
    ]
    for name, url in visits:
        page.goto(url)
        found[name] = axe_blocking(page)
        screenshot(request, page, name, width)
        assert no_sideways_scroll(page), f"{name} scrolls sideways at {WIDTHS[width][0]} px"

    blocking = {name: problems for name, problems in found.items() if problems}
    assert not blocking, "\n".join(f"{name}: {line}" for name, lines in blocking.items() for line in lines)


NAV_FITS = """() => {
    const bar = document.querySelector("nav.navbar");
    const items = Array.from(bar.querySelectorAll("#nav .nav-link, #nav > .btn, #nav .nav-user > .btn, #nav select"));
    const middles = items.map((el) => { const r = el.getBoundingClientRect(); return (r.top + r.bottom) / 2; });
    return {
        height: bar.getBoundingClientRect().height,
        right: Math.max(...items.map((el) => el.getBoundingClientRect().right)),
        tallest: Math.max(...items.map((el) => el.getBoundingClientRect().height)),
        spread: Math.max(...middles) - Math.min(...middles),
        overflow: bar.scrollWidth - bar.clientWidth,
        page: document.documentElement.scrollWidth - window.innerWidth,
    };
}"""


@pytest.mark.parametrize("who", ["manager", "admin"])
def test_navigation_fits_one_line_at_1366_with_the_user_menu_collapsed(browser_page, cast, who):
    username = who
    if who == "admin":
        admin = make_user("quantri", is_staff=True, is_superuser=True, last_name="Nguyễn Văn", first_name="Viên")
        username = admin.username
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, username)
    page.goto(reverse("unit_list"))

    fit = page.evaluate(NAV_FITS)
    # One row, no label broken over two lines ("Công việc" used to wrap for a manager), nothing past the edge.
    assert fit["height"] < 70, f"the navigation bar wraps: {fit}"
    assert fit["spread"] < 10 and fit["tallest"] < 45, f"an item of the bar wraps: {fit}"
    assert fit["right"] <= 1366 and fit["overflow"] <= 0 and fit["page"] <= 1, f"the bar overflows: {fit}"
    expect(page.get_by_role("link", name="Công việc", exact=True)).to_be_visible()
    # the user's name opens a menu with the password change and sign-out
    assert not page.get_by_role("button", name="Đăng xuất").is_visible()
    page.locator(".nav-user > .btn").click()
    assert page.get_by_role("button", name="Đăng xuất").is_visible()
    assert page.get_by_role("link", name="Đổi mật khẩu").is_visible()


def test_navigation_is_usable_on_a_phone(browser_page, cast):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "manager")
    page.goto(reverse("unit_list"))

    expect(page.get_by_role("link", name="Công việc", exact=True)).to_be_hidden()  # behind the menu button
    assert no_sideways_scroll(page)
    page.get_by_role("button", name="Mở menu").click()
    expect(page.get_by_role("link", name="Công việc", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Tình hình gửi báo cáo", exact=True)).to_be_visible()
    assert no_sideways_scroll(page)
    page.wait_for_selector("#nav.show:not(.collapsing)")  # the menu has finished opening
    page.locator(".nav-user > .btn").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    page.get_by_role("link", name="Tình hình gửi báo cáo", exact=True).click()
    expect(page).to_have_url(reverse("report_submissions"))


def test_lists_are_cards_on_a_phone(browser_page, cast, pages_data):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "clerk_a")
    page.goto(reverse("report_mine"))

    first = page.locator("table.table-stack tbody tr").first
    assert first.locator("td").first.evaluate("(td) => getComputedStyle(td).display") == "flex"
    assert "Kỳ" in first.locator("td[data-label='Kỳ']").evaluate("(td) => getComputedStyle(td, '::before').content")
    assert no_sideways_scroll(page)


def test_focus_moves_to_the_first_field_in_error(browser_page, cast, pages_data):
    page = browser_page
    sign_in(page, "clerk_a")
    page.goto(reverse("dossier_import"))
    page.get_by_role("button", name="Đọc và xem trước").click()

    page.wait_for_selector("#id_file_error")
    assert page.evaluate("() => document.activeElement && document.activeElement.id") == "id_file"
    assert page.get_by_role("alert").filter(has_text="Tệp hồ sơ: hãy chọn tệp.").count() == 1
