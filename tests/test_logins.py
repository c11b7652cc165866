"""Logins resist brute force (issue 16, Medium 5) and passwords follow Vietnamese rules (Low 15).

Five wrong passwords for one username from one address lock that pair out, on the portal's login and on
/quan-tri/; the lockout page is Vietnamese and the right password no longer helps until the cool-off
ends; another address or another username is not locked; every failure is logged.
"""

from __future__ import annotations

import logging

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import PASSWORD

LOGINS = {"portal": "login", "admin": "admin:login"}


def attempt(client, view, username, password, address="203.0.113.7"):
    return client.post(reverse(LOGINS[view]), {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.parametrize("view", list(LOGINS))
def test_five_wrong_passwords_lock_the_user_out_from_that_address(client, cast, view, settings):
    settings.AXES_FAILURE_LIMIT = 5
    user = cast["admin"]
    for _ in range(4):
        assert attempt(client, view, user.username, "sai-mat-khau").status_code == 200  # the form again

    locked = attempt(client, view, user.username, "sai-mat-khau")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Tạm khóa đăng nhập" in page and "15 phút" in page

    # Locked: the right password does not sign in now, from that address...
    response = attempt(client, view, user.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # ...but the same user from another address, and another user from that address, still can.
    assert attempt(client, view, user.username, PASSWORD, address="198.51.100.9").status_code == 302
    client.logout()
    other = cast["manager"]
    other.is_staff = True
    other.save()
    assert attempt(client, view, other.username, PASSWORD).status_code == 302


def test_a_success_before_the_limit_resets_the_count(client, cast):
    user = cast["clerk_a"]
    for _ in range(4):
        attempt(client, "portal", user.username, "sai-mat-khau")
    assert attempt(client, "portal", user.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "portal", user.username, "sai-mat-khau").status_code == 200


def test_failures_are_logged_with_the_request(client, cast, caplog):
    with caplog.at_level(logging.WARNING, logger="axes"):
        attempt(client, "portal", "clerk_a", "sai-mat-khau")
    failures = [r for r in caplog.records if r.name.startswith("axes") and "clerk_a" in r.getMessage()]
    assert failures, [r.getMessage() for r in caplog.records]
    assert "203.0.113.7" in failures[0].getMessage()


def test_behind_the_proxy_the_forwarded_address_is_counted_not_the_proxys(client, cast, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for index in range(5):
        client.post(
            reverse("login"),
            {"username": "clerk_a", "password": "sai"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{index}, 203.0.113.7",  # the first hop is the client's to forge
        )
    response = client.post(
        reverse("login"),
        {"username": "clerk_a", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert response.status_code == 429
    other = client.post(
        reverse("login"),
        {"username": "clerk_a", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert other.status_code == 302


@pytest.mark.parametrize(
    "password, message",
    [
        ("Ngan#12", "Mật khẩu quá ngắn: cần ít nhất 10 ký tự."),
        ("1234567890123", "Mật khẩu không được chỉ gồm chữ số."),
        ("password1234", "Mật khẩu này quá phổ biến, dễ bị đoán."),
    ],
)
def test_password_rules_speak_vietnamese_and_want_ten_characters(cast, password, message):
    with pytest.raises(ValidationError) as caught:
        validate_password(password, user=cast["clerk_a"])
    assert message in caught.value.messages


def test_a_ten_character_password_is_accepted(cast):
    validate_password("Cao#Bang-1", user=cast["clerk_a"])


def test_the_password_change_page_says_it_in_vietnamese(client, cast):
    client.force_login(cast["clerk_a"])
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Ngan#12", "new_password2": "Ngan#12"},
    )
    assert response.status_code == 200
    assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in response.content.decode()
