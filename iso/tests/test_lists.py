"""The ISO register list: who sees which rows, what the filters mean, what the exports hold, what they cost."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc import services as cchc_services
from cchc.choices import Role, UnitKind
from iso.choices import IsoStandard, IsoStatus
from iso.tables import IsoAdoptionTable
from iso.tests.helpers import adopt, child_unit
from tests.readers import EXPORT_READERS

URL_NAME = "iso_adoption_list"
ALL_ROWS = {"per_page": 500}
FEW, MANY = 3, 30


@pytest.fixture
def register(unit_a, unit_b, unit_c, archive):
    """Unit A announced on 2015 (e-ISO), its archive transitioning (paper), unit B building (paper), unit C
    (another province) applying (e-ISO)."""
    return {
        "a": adopt(
            unit_a,
            status=IsoStatus.ANNOUNCED,
            announcement_number="41/QĐ-SNV",
            announced_on=dt.date(2020, 3, 2),
            last_internal_audit_on=dt.date(2020, 1, 15),
            last_management_review_on=dt.date(2020, 2, 20),
            electronic=True,
        ),
        "archive": adopt(archive, status=IsoStatus.TRANSITIONING, standard=IsoStandard.ISO_9001_2008),
        "b": adopt(unit_b, status=IsoStatus.BUILDING),
        "c": adopt(unit_c, electronic=True),
    }


def get(client, user, params=None):
    client.force_login(user)
    return client.get(reverse(URL_NAME), params or {})


def units(response) -> set[str]:
    assert response.status_code == 200, response.status_code
    return {row.record.unit.name for row in response.context["table"].page.object_list}


A, ARCHIVE, B, C = "Sở Nội vụ", "Chi cục Văn thư - Lưu trữ", "Sở Tư pháp", "Sở Y tế tỉnh Khác"


# --- scope ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, expected",
    [
        ("clerk_a", {A}),
        ("clerk_b", {B}),
        ("manager", {A, ARCHIVE, B}),
        ("viewer", {A, ARCHIVE, B}),
        ("admin", {A, ARCHIVE, B, C}),
    ],
)
def test_each_role_sees_the_register_rows_of_its_units(client, cast, register, role, expected):
    assert units(get(client, cast[role], ALL_ROWS)) == expected


def test_anonymous_visitor_is_sent_to_login(client, register):
    response = client.get(reverse(URL_NAME))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_clerk_cannot_reach_another_units_row_through_the_filter(client, cast, register, unit_b):
    response = get(client, cast["clerk_a"], {"unit": unit_b.pk})

    assert units(response) == set()  # not a choice for this clerk: the filter refuses it, nothing leaks
    choices = [str(label) for value, label in response.context["filter"].form.fields["unit"].choices if value]
    assert choices == [A]


# --- filters --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"standard": IsoStandard.ISO_9001_2015}, {A, B}),
        ({"standard": IsoStandard.ISO_9001_2008}, {ARCHIVE}),
        ({"status": IsoStatus.ANNOUNCED}, {A}),
        ({"status": IsoStatus.TRANSITIONING}, {ARCHIVE}),
        ({"status": IsoStatus.DISCONTINUED}, set()),
        ({"electronic": "true"}, {A}),
        ({"electronic": "false"}, {ARCHIVE, B}),
        ({"electronic": ""}, {A, ARCHIVE, B}),
        ({"standard": IsoStandard.ISO_9001_2015, "electronic": "false"}, {B}),
    ],
    ids=lambda value: str(value),
)
def test_filters(client, cast, register, params, expected):
    assert units(get(client, cast["manager"], params)) == expected


def test_the_e_iso_filter_starts_empty(client, cast, register):
    field = get(client, cast["manager"]).context["filter"].form.fields["electronic"]

    assert [value for value, _label in field.choices] == ["", "true", "false"]


def test_unit_filter(client, cast, register, archive):
    assert units(get(client, cast["manager"], {"unit": archive.pk})) == {ARCHIVE}


def test_the_page_shows_the_register_the_vietnamese_way(client, cast, register):
    page = get(client, cast["clerk_a"]).content.decode()

    for expected in (
        "Sổ đăng ký áp dụng ISO 9001",
        "TCVN ISO 9001:2015",
        "Đã công bố phù hợp",
        "41/QĐ-SNV",
        "02/03/2020",
        "15/01/2020",
        "20/02/2020",
        "ISO điện tử",
    ):
        assert expected in page, expected


# --- export ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_export_holds_the_filtered_rows_in_scope(client, cast, register, export_format):
    response = get(client, cast["manager"], {"standard": IsoStandard.ISO_9001_2015, "_export": export_format})

    rows = {row["Đơn vị"]: row for row in EXPORT_READERS[export_format](response)}
    assert set(rows) == {A, B}
    a = rows[A]
    assert a["Tiêu chuẩn"] == "TCVN ISO 9001:2015"
    assert a["Tình trạng"] == "Đã công bố phù hợp"
    assert a["Quyết định công bố"] == "41/QĐ-SNV"
    assert a["Ngày công bố"] == "02/03/2020"
    assert a["Đánh giá nội bộ gần nhất"] == "15/01/2020"
    assert a["Xem xét của lãnh đạo gần nhất"] == "20/02/2020"
    assert a["Hình thức"] == "ISO điện tử"
    assert a["Phạm vi áp dụng"].startswith("Các thủ tục hành chính")
    assert rows[B]["Hình thức"] == "Hồ sơ giấy"
    assert rows[B]["Ngày công bố"] == rows[B]["Quyết định công bố"] == "—"


def test_export_file_name(client, cast, register):
    response = get(client, cast["admin"], {"_export": "csv"})

    assert response["Content-Disposition"].endswith('filename="cchc-ap-dung-iso-9001-moi-ky.csv"')


# --- cost -----------------------------------------------------------------------------------------


def add_rows(parent, count: int, start: int, *, clerk=None) -> None:
    """`count` units under `parent`, each with a register row; a clerk given becomes clerk of each
    (a clerk sees only the rows of their own units)."""
    statuses = list(IsoStatus)
    for number in range(start, start + count):
        status = statuses[number % len(statuses)]
        extra = (
            {"announcement_number": f"{number}/QĐ-UBND", "announced_on": dt.date(2020, 1, 2)}
            if status == IsoStatus.ANNOUNCED
            else {}
        )
        unit = child_unit(parent, f"T-N{number:03d}", f"Phòng thử nghiệm số {number}", kind=UnitKind.DEPARTMENT)
        adopt(
            unit,
            status=status,
            electronic=bool(number % 2),
            standard=IsoStandard.ISO_9001_2008 if status == IsoStatus.TRANSITIONING else IsoStandard.ISO_9001_2015,
            **extra,
        )
        if clerk is not None:
            cchc_services.membership_grant(user=clerk, unit=unit, role=Role.CLERK)


def query_count(client, url, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return len(queries)


@pytest.mark.parametrize("params", [ALL_ROWS, {"_export": "csv"}, {"_export": "xlsx"}], ids=["html", "csv", "xlsx"])
@pytest.mark.parametrize("role", ["clerk_a", "manager", "admin"])
def test_the_list_costs_the_same_queries_for_a_few_or_many_rows(
    client, cast, province, django_assert_max_num_queries, params, role
):
    clerk = cast[role] if role == "clerk_a" else None
    client.force_login(cast[role])
    url = reverse(URL_NAME)
    add_rows(province, FEW, 1, clerk=clerk)
    few = query_count(client, url, params)

    add_rows(province, MANY, FEW + 1, clerk=clerk)
    with django_assert_max_num_queries(few):
        response = client.get(url, params)

    assert response.status_code == 200
    if "_export" not in params:
        assert len(response.context["table"].page.object_list) == FEW + MANY
    else:
        assert len(EXPORT_READERS[params["_export"]](response)) == FEW + MANY


# --- sorting --------------------------------------------------------------------------------------


def orderable_columns() -> list[str]:
    return [name for name, column in IsoAdoptionTable.base_columns.items() if column.orderable is not False]


def test_every_orderable_column_sorts_both_ways(client, cast, register):
    client.force_login(cast["admin"])
    for column in orderable_columns():
        for sort in (column, f"-{column}"):
            response = client.get(reverse(URL_NAME), {"sort": sort})
            assert response.status_code == 200, sort
            assert len(units(response)) == 4, sort
