"""The lists (and their csv/xlsx exports) cost a fixed number of queries, however many rows they show.

Each test opens a list with a few rows and counts the queries, then adds many more rows and checks,
with pytest-django's `django_assert_max_num_queries`, that the same page costs no more: a column that
reaches through a relation without `select_related` would add one query per row. The HTML lists are
opened with `per_page` large enough that every row is rendered.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cchc import services
from cchc.choices import ReportStatus, Role, UnitKind
from cchc.models import Report, Unit
from tests.readers import EXPORT_READERS

FEW = 3
MANY = 30
ALL_ROWS = {"per_page": 500}

UNIT_COLUMN = "Đơn vị"
STATUS_COLUMN = "Trạng thái"
UNIT_NAME_COLUMN = "Tên đơn vị"


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """The cast's passwords are never checked here (force_login); hashing them slowly only costs time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- building rows --------------------------------------------------------------------------------


def add_units(parent: Unit, count: int, *, start: int) -> list[Unit]:
    """`count` departments under `parent`; every fifth one merged into the one before it."""
    units = []
    for number in range(start, start + count):
        previous = units[-1] if units else None
        merged = previous is not None and number % 5 == 0
        units.append(
            services.unit_upsert(
                code=f"T-N{number:03d}",
                name=f"Phòng thử nghiệm số {number}",
                kind=UnitKind.DEPARTMENT,
                parent=parent,
                valid_to=dt.date(2020, 3, 31) if merged else None,
                successor=previous if merged else None,
            )
        )
    return units


def add_reports(units: list[Unit], period, *, clerk, manager) -> list[Report]:
    """A report per unit: a third stay drafts, a third are submitted on time, a third submitted late and approved."""
    reports = []
    for index, unit in enumerate(units):
        services.membership_grant(user=clerk, unit=unit, role=Role.CLERK)
        clerk.__dict__.pop("_cchc_memberships", None)  # the permission module caches memberships on the user
        report = services.report_get_or_create(unit=unit, period=period)
        if index % 3:
            report = fill_narrative(report, clerk)
            on_time = timezone.make_aware(dt.datetime(2020, 3, 10, 9, 0))
            report = services.report_submit(report=report, user=clerk, at=on_time if index % 3 == 1 else None)
            if index % 3 == 2:
                report = services.report_approve(report=report, user=manager)
        reports.append(report)
    return reports


def fill_narrative(report: Report, user) -> Report:
    def apply(locked):
        locked.shortcomings = "Một số đơn vị gửi báo cáo chậm."
        locked.next_tasks = "Rà soát, đơn giản hóa TTHC."

    return services.report_update(report=report, user=user, expected_version=report.version, apply=apply)


@pytest.fixture
def grow(province, period, cast):
    """grow(n): add n more units under the province, each with a report in mixed states."""
    added = []

    def grow(count: int) -> list[Report]:
        units = add_units(province, count, start=len(added) + 1)
        added.extend(units)
        return add_reports(units, period, clerk=cast["clerk_a"], manager=cast["manager"])

    return grow


# --- measuring ------------------------------------------------------------------------------------


def get_counting(client, url, params) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return len(queries), response


def table_unit_names(response) -> list[str]:
    return [str(row.record.unit) for row in response.context["table"].page.object_list]


def expected_rows(reports) -> dict[str, str]:
    """unit name → status shown, for the reports a list should contain."""
    return {report.unit.name: Report.objects.get(pk=report.pk).get_status_display() for report in reports}


def exported_rows(response, export_format) -> dict[str, str]:
    rows = EXPORT_READERS[export_format](response)
    exported = {row[UNIT_COLUMN]: row[STATUS_COLUMN] for row in rows}
    assert len(exported) == len(rows), "a unit appears twice in the export"
    return exported


# --- "My reports" ---------------------------------------------------------------------------------


def test_my_reports_list_costs_the_same_queries_for_3_or_33_reports(
    client, cast, report_a, report_b, grow, django_assert_max_num_queries
):
    client.force_login(cast["clerk_a"])
    url = reverse("report_mine")
    reports = [report_a, *grow(FEW)]

    few_queries, response = get_counting(client, url, ALL_ROWS)
    assert sorted(table_unit_names(response)) == sorted(r.unit.name for r in reports)

    reports += grow(MANY)
    with django_assert_max_num_queries(few_queries):
        response = client.get(url, ALL_ROWS)

    assert response.status_code == 200
    assert sorted(table_unit_names(response)) == sorted(r.unit.name for r in reports)
    assert report_b.unit.name not in table_unit_names(response)


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_my_reports_export_holds_every_report_of_the_clerk_and_costs_the_same_queries(
    client, cast, report_a, report_b, grow, django_assert_max_num_queries, export_format
):
    client.force_login(cast["clerk_a"])
    url = reverse("report_mine")
    params = {"_export": export_format}
    reports = [report_a, *grow(FEW)]

    few_queries, response = get_counting(client, url, params)
    assert exported_rows(response, export_format) == expected_rows(reports)

    reports += grow(MANY)
    with django_assert_max_num_queries(few_queries):
        response = client.get(url, params)

    assert response.status_code == 200
    exported = exported_rows(response, export_format)
    assert exported == expected_rows(reports)
    assert len(exported) == 1 + FEW + MANY  # more than a page: the export is not paginated
    assert report_b.unit.name not in exported
    assert set(exported.values()) == {"Đang soạn", "Đã gửi", "Đã duyệt"}


# --- "Submissions" --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["manager", "viewer", "admin"])
def test_submissions_list_costs_the_same_queries_for_a_few_or_many_units(
    client, cast, period, report_a, report_b, unit_c, grow, django_assert_max_num_queries, role
):
    report_c = services.report_get_or_create(unit=unit_c, period=period)
    client.force_login(cast[role])
    url = reverse("report_submissions")
    params = {"period": period.pk, **ALL_ROWS}
    reports = [report_a, report_b, *grow(FEW)] + ([report_c] if role == "admin" else [])

    few_queries, response = get_counting(client, url, params)
    assert sorted(table_unit_names(response)) == sorted(r.unit.name for r in reports)

    reports += grow(MANY)
    with django_assert_max_num_queries(few_queries):
        response = client.get(url, params)

    assert response.status_code == 200
    assert sorted(table_unit_names(response)) == sorted(r.unit.name for r in reports)
    summary = response.context["summary"]
    assert summary.expected == len(reports)
    assert summary.approved == sum(r.status == ReportStatus.APPROVED for r in reports)


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_submissions_export_holds_the_province_but_not_unit_c_and_costs_the_same_queries(
    client, cast, period, report_a, report_b, unit_c, grow, django_assert_max_num_queries, export_format
):
    report_c = services.report_get_or_create(unit=unit_c, period=period)
    client.force_login(cast["manager"])
    url = reverse("report_submissions")
    params = {"period": period.pk, "_export": export_format}
    reports = [report_a, report_b, *grow(FEW)]

    few_queries, response = get_counting(client, url, params)
    assert exported_rows(response, export_format) == expected_rows(reports)

    reports += grow(MANY)
    with django_assert_max_num_queries(few_queries):
        response = client.get(url, params)

    assert response.status_code == 200
    exported = exported_rows(response, export_format)
    assert exported == expected_rows(reports)
    assert len(exported) == 2 + FEW + MANY
    assert report_c.unit.name not in exported


def test_submissions_export_without_a_period_uses_the_current_period(client, cast, report_a, report_b):
    client.force_login(cast["manager"])

    response = client.get(reverse("report_submissions"), {"_export": "csv"})

    assert exported_rows(response, "csv") == expected_rows([report_a, report_b])


# --- units ----------------------------------------------------------------------------------------


def unit_names(response) -> list[str]:
    return [row.record.name for row in response.context["table"].page.object_list]


@pytest.mark.parametrize("role", ["clerk_a", "manager", "admin"])
def test_unit_list_costs_the_same_queries_for_a_few_or_many_units(
    client, cast, province, unit_c, django_assert_max_num_queries, role
):
    client.force_login(cast[role])
    url = reverse("unit_list")
    add_units(province, FEW, start=1)

    few_queries, response = get_counting(client, url, ALL_ROWS)
    shown = len(unit_names(response))

    add_units(province, MANY, start=FEW + 1)
    with django_assert_max_num_queries(few_queries):
        response = client.get(url, ALL_ROWS)

    assert response.status_code == 200
    names = unit_names(response)
    assert len(names) == shown + (MANY if role != "clerk_a" else 0)
    assert (unit_c.name in names) == (role == "admin")


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_unit_list_export_holds_every_unit_and_costs_the_same_queries(
    client, cast, province, unit_c, django_assert_max_num_queries, export_format
):
    client.force_login(cast["admin"])
    url = reverse("unit_list")
    params = {"_export": export_format}
    add_units(province, FEW, start=1)

    few_queries, response = get_counting(client, url, params)
    assert {row[UNIT_NAME_COLUMN] for row in EXPORT_READERS[export_format](response)} == set(
        Unit.objects.values_list("name", flat=True)
    )

    add_units(province, MANY, start=FEW + 1)
    with django_assert_max_num_queries(few_queries):
        response = client.get(url, params)

    rows = EXPORT_READERS[export_format](response)
    assert len(rows) == Unit.objects.count()
    assert {row[UNIT_NAME_COLUMN] for row in rows} == set(Unit.objects.values_list("name", flat=True))
