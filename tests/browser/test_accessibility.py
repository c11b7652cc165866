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


def test_navigation_fits_one_line_at_1366_with_the_user_menu_collapsed(browser_page, db):
    admin = make_user("quantri", is_staff=True, is_superuser=True, last_name="Nguyễn Văn", first_name="Viên")
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, admin.username)
    page.goto(reverse("unit_list"))

    nav = page.locator("nav.navbar").bounding_box()
    assert nav["height"] < 70, f"the navigation bar wraps: {nav['height']} px tall"
    language = page.get_by_label("Ngôn ngữ").bounding_box()
    assert language["x"] + language["width"] <= 1366
    # the user's name opens a menu with the password change and sign-out
    assert not page.get_by_role("button", name="Đăng xuất").is_visible()
    page.get_by_role("button", name="Nguyễn Văn Viên").click()
    assert page.get_by_role("button", name="Đăng xuất").is_visible()
    assert page.get_by_role("link", name="Đổi mật khẩu").is_visible()


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
