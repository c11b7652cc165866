"""What a person does in the browser tests: sign in, press a button (checking HTML5 validation first)."""

from django.urls import reverse
from playwright.sync_api import Page

from conftest import PASSWORD


def sign_in(page: Page, username: str) -> None:
    page.goto(reverse("login"))
    page.get_by_label("Tên đăng nhập", exact=True).fill(username)
    page.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()


def press(page: Page, name: str) -> None:
    """Click the submit button `name`, first making sure the browser's own form validation won't stop it."""
    button = page.get_by_role("button", name=name, exact=True)
    invalid = button.evaluate(
        """(b) => (!b.form || b.formNoValidate || b.form.noValidate) ? [] : Array.from(b.form.elements)
            .filter((el) => el.willValidate && !el.checkValidity())
            .map((el) => `${el.name}: ${el.validationMessage}`)"""
    )
    assert not invalid, f"the browser would not submit the form of “{name}” (HTML5 validation): {invalid}"
    button.click()


def open_user_menu(page: Page) -> None:
    """Open the collapsed user menu (the button with the user's name) in the navigation bar."""
    page.locator(".nav-user .dropdown-toggle").click()


def confirm_nothing_to_report(page: Page) -> None:
    """In the report page's submit summary, tick "Không phát sinh" for every section it lists as empty
    (submitting refuses an empty section without it)."""
    for box in page.locator("#summary-empty input[type=checkbox]").all():
        box.check()
