"""Browser tests: Debian's Chromium driven through Playwright against pytest-django's live server.

Playwright never downloads a browser here: it launches the system Chromium at CHROMIUM_PATH. Without
it the browser tests are skipped, unless CCHC_REQUIRE_BROWSER=1 (CI), where a missing browser fails.
A failing test leaves a screenshot in test-artifacts/<test name>.png.
"""

import os
import re
from pathlib import Path

import pytest

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS_DIR = "test-artifacts"
TIMEOUT_MS = 15_000


def require_chromium(path: str | None = None) -> str:
    """The Chromium executable; skip the test without it, or fail when CCHC_REQUIRE_BROWSER=1."""
    path = path or CHROMIUM_PATH
    if Path(path).is_file() and os.access(path, os.X_OK):
        return path
    if os.environ.get("CCHC_REQUIRE_BROWSER") == "1":
        pytest.fail(
            f"Chromium not found at {path}, and CCHC_REQUIRE_BROWSER=1 requires the browser tests: "
            "install it with `apt-get install -y chromium`.",
            pytrace=False,
        )
    pytest.skip(
        f"Chromium not found at {path}: install it with `apt-get install -y chromium` to run browser tests "
        "(CI sets CCHC_REQUIRE_BROWSER=1 and requires them)"
    )


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item (item.rep_setup / rep_call / rep_teardown) for the fixtures."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="module")
def chromium():
    """One Chromium per test module (each test gets its own context: fresh cookies and storage).

    While Playwright runs, its sync API keeps an asyncio event loop running in the test's thread, and
    Django would take every ORM call of the test (fixtures, assertions on the database) for one made
    from async code: DJANGO_ALLOW_ASYNC_UNSAFE turns that check off, only for as long as the loop
    lives (the module), so the rest of the suite keeps Django's async-safety check.
    """
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        playwright = sync_playwright().start()
        try:
            browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
            try:
                yield browser
            finally:
                browser.close()
        finally:
            playwright.stop()


def _artifact_name(item) -> str:
    return re.sub(r"[^\w.-]+", "_", item.name).strip("_") or "test"


@pytest.fixture
def browser_locale():
    """The browser's language (its Accept-Language); a test may parametrize it, e.g. with "en-US"."""
    return "vi-VN"


@pytest.fixture
def browser_page(request, chromium, live_server, browser_locale):
    """A page in a fresh browser context whose relative URLs go to the live server.

    On failure of the test, the page is saved as test-artifacts/<test name>.png.
    """
    context = chromium.new_context(base_url=live_server.url, locale=browser_locale, timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    report = getattr(request.node, "rep_call", None)
    try:
        if report is not None and report.failed:
            directory = request.config.rootpath / ARTIFACTS_DIR
            directory.mkdir(parents=True, exist_ok=True)
            path = directory / f"{_artifact_name(request.node)}.png"
            try:
                page.screenshot(path=str(path), full_page=True)
            except Exception as exc:  # a crashed page must not hide the test's own failure
                print(f"Could not save a screenshot to {path}: {exc}")
            else:
                print(f"Screenshot of the failed test: {path}")
    finally:
        context.close()
