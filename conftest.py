"""Shared test fixtures: a small province and the named cast every permission test uses.

The cast: clerk A (clerk of unit A), clerk B (clerk of unit B), the manager above A (manager of the
province, whose subtree holds A and B), a viewer of the province, an admin (superuser), and an
anonymous visitor. Unit C sits outside the province, so even the manager may not see it.
"""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from cchc import services
from cchc.choices import Role, UnitKind

PASSWORD = "Mat-khau-thu-nghiem-1"


@pytest.fixture
def province(db):
    return services.unit_upsert(code="T", name="UBND tỉnh Thử Nghiệm", kind=UnitKind.PROVINCE)


@pytest.fixture
def unit_a(province):
    return services.unit_upsert(code="T-A", name="Sở Nội vụ", kind=UnitKind.DEPARTMENT, parent=province)


@pytest.fixture
def unit_b(province):
    return services.unit_upsert(code="T-B", name="Sở Tư pháp", kind=UnitKind.DEPARTMENT, parent=province)


@pytest.fixture
def unit_c(db):
    """A unit of another province: outside every scope of the cast but the admin's."""
    other = services.unit_upsert(code="X", name="UBND tỉnh Khác", kind=UnitKind.PROVINCE)
    return services.unit_upsert(code="X-A", name="Sở Y tế tỉnh Khác", kind=UnitKind.DEPARTMENT, parent=other)


@pytest.fixture
def period(db):
    return services.period_upsert(year=2020, quarter=1)


def make_user(username, unit=None, role=None, **extra):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if unit is not None:
        services.membership_grant(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def cast(province, unit_a, unit_b):
    """The named users, by role: clerk_a, clerk_b, manager, viewer, admin, anonymous."""
    return {
        "clerk_a": make_user("clerk_a", unit_a, Role.CLERK, first_name="An"),
        "clerk_b": make_user("clerk_b", unit_b, Role.CLERK, first_name="Bình"),
        "manager": make_user("manager", province, Role.MANAGER, first_name="Mai"),
        "viewer": make_user("viewer", province, Role.VIEWER, first_name="Vân"),
        "admin": make_user("admin", is_superuser=True, is_staff=True),
        "anonymous": AnonymousUser(),
    }


@pytest.fixture
def report_a(unit_a, period):
    return services.report_get_or_create(unit=unit_a, period=period)


@pytest.fixture
def report_b(unit_b, period):
    return services.report_get_or_create(unit=unit_b, period=period)


def fill_narrative(report, user):
    """Give a report the text its submission check requires, through the save service."""

    def apply(locked):
        locked.shortcomings = "Một số đơn vị gửi báo cáo chậm."
        locked.next_tasks = "Rà soát, đơn giản hóa TTHC."

    return services.report_update(report=report, user=user, expected_version=report.version, apply=apply)


@pytest.fixture
def submitted_report_a(report_a, cast):
    report = fill_narrative(report_a, cast["clerk_a"])
    return services.report_submit(report=report, user=cast["clerk_a"], at=None)


@pytest.fixture
def approved_report_a(submitted_report_a, cast):
    return services.report_approve(report=submitted_report_a, user=cast["manager"])


@pytest.fixture
def today():
    return dt.date(2020, 3, 16)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Hashing passwords at production strength dominates the suite's time; tests need no strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
