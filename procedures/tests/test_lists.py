"""The procedures lists: who sees which rows, what the filters mean, what the exports hold, what they cost."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cchc import services as cchc_services
from cchc.choices import UnitKind
from procedures import services
from procedures.choices import Channel, DecisionKind, DossierStatus, OnlineLevel, ProcedureLevel, ProcedureStatus
from procedures.models import DossierRecord
from procedures.tables import (
    EARLY,
    LATE,
    ON_TIME,
    PENDING_OVERDUE,
    PENDING_WITHIN,
    DecisionTable,
    DossierTable,
    ProcedureTable,
    dossier_timeliness,
)
from tests.readers import EXPORT_READERS, csv_rows
from tests.report_page import get, query_count, records

ALL_ROWS = {"per_page": 500}
FEW, MANY = 3, 30
SIGNED_IN = ["clerk_a", "clerk_b", "manager", "viewer", "admin"]


def at(year, month, day, hour=9, minute=0) -> dt.datetime:
    """An aware moment in the portal's time zone (Asia/Ho_Chi_Minh)."""
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


# --- building rows --------------------------------------------------------------------------------


def decision(unit, number, issued_on=dt.date(2020, 2, 10), kind=DecisionKind.PUBLISH, title=""):
    return services.decision_upsert(number=number, issued_on=issued_on, issuer=unit, kind=kind, title=title)


def procedure(code, name, **fields):
    values = {
        "field": "Hộ tịch",
        "level": ProcedureLevel.COMMUNE,
        "unit_kind": UnitKind.COMMUNE,
        "statutory_days": Decimal("5"),
        "current_days": Decimal("5"),
        "online_level": OnlineLevel.NONE,
        "status": ProcedureStatus.IN_FORCE,
    }
    values.update(fields)
    return services.procedure_upsert(code=code, name=name, **values)


def dossier(
    code,
    proc,
    unit,
    *,
    received=None,
    due=None,
    completed=None,
    status=DossierStatus.PENDING,
    channel=Channel.IN_PERSON,
    point="Bộ phận một cửa",
):
    received = received or at(2020, 2, 3)
    return DossierRecord.objects.create(
        code=code,
        procedure=proc,
        unit=unit,
        reception_point=point,
        channel=channel,
        received_at=received,
        due_at=due or received + dt.timedelta(days=10),
        completed_at=completed,
        status=status,
    )


@pytest.fixture
def catalogue(unit_a, unit_b):
    """Four procedures across fields, levels, statuses and online levels; published by unit A's decision."""
    published = decision(unit_a, "12/QĐ-UBND", title="Công bố danh mục thủ tục hành chính")
    abolishing = decision(unit_b, "30/QĐ-UBND", issued_on=dt.date(2020, 3, 1))
    return {
        "birth": procedure(
            "1.000001",
            "Đăng ký khai sinh",
            statutory_days=Decimal("3"),
            current_days=Decimal("1"),
            online_level=OnlineLevel.FULL,
            published_by=published,
        ),
        "marriage": procedure("1.000002", "Đăng ký kết hôn", online_level=OnlineLevel.PARTIAL, published_by=published),
        "association": procedure(
            "2.000003",
            "Thành lập hội cấp tỉnh Cao Bằng",
            field="Tổ chức phi chính phủ",
            level=ProcedureLevel.PROVINCE,
            unit_kind=UnitKind.DEPARTMENT,
            statutory_days=Decimal("30"),
            current_days=Decimal("22.5"),
            status=ProcedureStatus.AMENDED,
        ),
        "old": procedure(
            "2.000004",
            "Cấp giấy phép cũ",
            field="Tổ chức phi chính phủ",
            level=ProcedureLevel.DISTRICT,
            unit_kind=UnitKind.DISTRICT,
            status=ProcedureStatus.ABOLISHED,
            abolished_by=abolishing,
        ),
    }


@pytest.fixture
def dossiers(unit_a, unit_b, unit_c, catalogue):
    """Dossiers of units A, B and C in Q1-2020 (and one carried in from Q4-2019)."""
    birth = catalogue["birth"]
    return {
        "a_early": dossier(
            "A-001",
            birth,
            unit_a,
            received=at(2020, 1, 6),
            due=at(2020, 1, 10),
            completed=at(2020, 1, 8),
            status=DossierStatus.RESOLVED,
            channel=Channel.ONLINE,
        ),
        "a_on_time": dossier(
            "A-002",
            birth,
            unit_a,
            received=at(2020, 2, 3),
            due=at(2020, 2, 7, 17),
            completed=at(2020, 2, 7, 8),
            status=DossierStatus.RESOLVED,
        ),
        "a_late": dossier(
            "A-003",
            birth,
            unit_a,
            received=at(2020, 3, 2),
            due=at(2020, 3, 4),
            completed=at(2020, 3, 9),
            status=DossierStatus.RESOLVED,
            channel=Channel.POSTAL,
        ),
        "a_carried": dossier("A-004", birth, unit_a, received=at(2019, 12, 20), due=at(2019, 12, 30)),
        "b_pending": dossier("B-001", birth, unit_b, received=at(2020, 3, 30), point="UBND xã Thử"),
        "c_returned": dossier(
            "C-001", birth, unit_c, received=at(2020, 2, 3), completed=at(2020, 2, 4), status=DossierStatus.RETURNED
        ),
    }


# --- reading a response ---------------------------------------------------------------------------


def codes(response) -> set[str]:
    return {record.code for record in records(response)}


# --- the catalogue --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", SIGNED_IN)
def test_every_signed_in_user_sees_the_whole_catalogue(client, cast, catalogue, role):
    response = get(client, cast[role], "procedure_list")

    assert codes(response) == {p.code for p in catalogue.values()}
    page = response.content.decode()
    assert "Thành lập hội cấp tỉnh Cao Bằng" in page
    assert "12/QĐ-UBND (10/02/2020)" in page  # the publishing decision, number and date


def test_anonymous_visitor_is_sent_to_login_from_the_catalogue(client, catalogue):
    response = client.get(reverse("procedure_list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Cao Bang", {"association"}),
        ("thanh lap hoi", {"association"}),
        ("THÀNH LẬP", {"association"}),
        ("dang ky", {"birth", "marriage"}),  # đ is folded to d
        ("đăng ký kết", {"marriage"}),
        ("1.000001", {"birth"}),
        ("ho tich", {"birth", "marriage"}),  # the field is part of the search key
        ("khong co", set()),
    ],
)
def test_procedure_search_ignores_diacritics_and_case(client, cast, catalogue, query, expected):
    response = get(client, cast["clerk_a"], "procedure_list", {"q": query})

    assert codes(response) == {catalogue[key].code for key in expected}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"field": "Tổ chức phi chính phủ"}, {"association", "old"}),
        ({"field": "Hộ tịch"}, {"birth", "marriage"}),
        ({"level": ProcedureLevel.PROVINCE}, {"association"}),
        ({"level": ProcedureLevel.COMMUNE}, {"birth", "marriage"}),
        ({"status": ProcedureStatus.ABOLISHED}, {"old"}),
        ({"status": ProcedureStatus.AMENDED}, {"association"}),
        ({"online_level": OnlineLevel.FULL}, {"birth"}),
        ({"online_level": OnlineLevel.PARTIAL}, {"marriage"}),
        ({"field": "Hộ tịch", "online_level": OnlineLevel.NONE}, set()),
    ],
)
def test_procedure_filters(client, cast, catalogue, params, expected):
    response = get(client, cast["viewer"], "procedure_list", params)

    assert codes(response) == {catalogue[key].code for key in expected}


def test_field_filter_is_a_dropdown_of_the_fields_the_catalogue_holds(client, cast, catalogue):
    response = get(client, cast["clerk_b"], "procedure_list")

    field = response.context["filter"].form.fields["field"]
    assert [value for value, _label in field.choices if value] == ["Hộ tịch", "Tổ chức phi chính phủ"]


def test_a_field_that_is_not_in_the_catalogue_matches_nothing(client, cast, catalogue):
    response = get(client, cast["clerk_b"], "procedure_list", {"field": "Không có"})

    assert codes(response) == set()


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_procedure_export_holds_the_filtered_rows(client, cast, catalogue, export_format):
    response = get(client, cast["clerk_a"], "procedure_list", {"field": "Hộ tịch", "_export": export_format})

    rows = EXPORT_READERS[export_format](response)
    by_code = {row["Mã thủ tục"]: row for row in rows}
    assert set(by_code) == {"1.000001", "1.000002"}
    birth = by_code["1.000001"]
    assert birth["Tên thủ tục"] == "Đăng ký khai sinh"
    assert birth["Cắt giảm thời hạn"] == "Có"
    assert birth["Mức độ dịch vụ công trực tuyến"] == "Toàn trình"
    assert birth["Tình trạng"] == "Đang có hiệu lực"
    assert birth["Quyết định công bố"] == "12/QĐ-UBND (10/02/2020)"
    assert by_code["1.000002"]["Cắt giảm thời hạn"] == "Không"


def test_procedure_days_are_shown_the_vietnamese_way(client, cast, catalogue):
    page = get(client, cast["clerk_a"], "procedure_list", {"q": "thanh lap"}).content.decode()

    assert "22,5" in page and ">30<" in page.replace(" ", "").replace("\n", "")


def add_procedures(count: int, start: int, decision_) -> None:
    for number in range(start, start + count):
        procedure(
            f"1.{number + 100:06d}",
            f"Thủ tục thử số {number}",
            published_by=decision_,
            abolished_by=decision_ if number % 4 == 0 else None,
            status=ProcedureStatus.ABOLISHED if number % 4 == 0 else ProcedureStatus.IN_FORCE,
        )


@pytest.mark.parametrize("params", [ALL_ROWS, {"_export": "csv"}, {"_export": "xlsx"}], ids=["html", "csv", "xlsx"])
def test_procedure_list_costs_the_same_queries_for_a_few_or_many_rows(
    client, cast, unit_a, django_assert_max_num_queries, params
):
    published = decision(unit_a, "12/QĐ-UBND")
    client.force_login(cast["clerk_a"])
    url = reverse("procedure_list")
    add_procedures(FEW, 1, published)
    few = query_count(client, url, params)

    add_procedures(MANY, FEW + 1, published)
    with django_assert_max_num_queries(few):
        response = client.get(url, params)

    assert response.status_code == 200
    if "_export" not in params:
        assert len(records(response)) == FEW + MANY


# --- decisions ------------------------------------------------------------------------------------


@pytest.fixture
def decisions(unit_a, unit_b, unit_c, province):
    workflows = decision(
        unit_a,
        "45/QĐ-UBND",
        issued_on=dt.date(2020, 3, 5),
        kind=DecisionKind.WORKFLOWS,
        title="Phê duyệt quy trình nội bộ lĩnh vực hộ tịch",
    )
    services.workflows_set(decision=workflows, names=["Quy trình khai sinh", "Quy trình kết hôn", "Quy trình khác"])
    return {
        "a_workflows": workflows,
        "a_publish": decision(unit_a, "12/QĐ-UBND", issued_on=dt.date(2019, 11, 2), title="Công bố danh mục thủ tục"),
        "b_other": decision(
            unit_b, "7/QĐ-STP", issued_on=dt.date(2020, 1, 15), kind=DecisionKind.OTHER, title="Quyết định khác"
        ),
        "province": decision(province, "100/QĐ-UBND", issued_on=dt.date(2020, 2, 1), title="Của tỉnh"),
        "c_publish": decision(unit_c, "99/QĐ-UBND", issued_on=dt.date(2020, 2, 1), title="Tỉnh khác"),
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("clerk_a", {"a_workflows", "a_publish"}),
        ("clerk_b", {"b_other"}),
        ("manager", {"a_workflows", "a_publish", "b_other", "province"}),
        ("viewer", {"a_workflows", "a_publish", "b_other", "province"}),
        ("admin", {"a_workflows", "a_publish", "b_other", "province", "c_publish"}),
    ],
)
def test_decision_list_shows_the_decisions_of_the_units_the_user_may_see(client, cast, decisions, role, expected):
    response = get(client, cast[role], "decision_list")

    assert {d.pk for d in records(response)} == {decisions[key].pk for key in expected}


def test_decision_list_counts_the_workflows_each_decision_approves(client, cast, decisions):
    response = get(client, cast["clerk_a"], "decision_list")

    counts = {d.number: d.workflow_count for d in records(response)}
    assert counts == {"45/QĐ-UBND": 3, "12/QĐ-UBND": 0}
    assert [d.number for d in records(response)] == ["45/QĐ-UBND", "12/QĐ-UBND"]  # newest first


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "45/QĐ"}, {"a_workflows"}),
        ({"q": "hộ tịch"}, {"a_workflows"}),
        ({"q": "danh mục"}, {"a_publish"}),
        ({"kind": DecisionKind.PUBLISH}, {"a_publish", "province"}),
        ({"kind": DecisionKind.OTHER}, {"b_other"}),
        ({"year": "2019"}, {"a_publish"}),
        ({"year": "2020", "kind": DecisionKind.WORKFLOWS}, {"a_workflows"}),
    ],
)
def test_decision_filters(client, cast, decisions, params, expected):
    response = get(client, cast["manager"], "decision_list", params)

    assert {d.pk for d in records(response)} == {decisions[key].pk for key in expected}


def test_decision_year_dropdown_lists_the_years_of_the_users_decisions(client, cast, decisions, unit_c):
    decision(unit_c, "5/QĐ-UBND", issued_on=dt.date(2018, 6, 1))

    manager_years = get(client, cast["manager"], "decision_list").context["filter"].form.fields["year"].choices
    admin_years = get(client, cast["admin"], "decision_list").context["filter"].form.fields["year"].choices

    assert [value for value, _label in manager_years if value] == ["2020", "2019"]
    assert [value for value, _label in admin_years if value] == ["2020", "2019", "2018"]


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_decision_export_holds_the_filtered_rows_with_workflow_counts(client, cast, decisions, export_format):
    response = get(client, cast["manager"], "decision_list", {"year": "2020", "_export": export_format})

    rows = EXPORT_READERS[export_format](response)
    assert {row["Số hiệu"]: row["Số quy trình nội bộ"] for row in rows} == {
        "45/QĐ-UBND": "3",
        "7/QĐ-STP": "0",
        "100/QĐ-UBND": "0",
    }
    kinds = {row["Số hiệu"]: row["Loại quyết định"] for row in rows}
    assert kinds["45/QĐ-UBND"] == "Phê duyệt quy trình nội bộ"


def add_decisions(unit, count: int, start: int) -> None:
    for number in range(start, start + count):
        made = decision(unit, f"{number + 200}/QĐ-UBND", issued_on=dt.date(2020, 1, 1) + dt.timedelta(days=number))
        services.workflows_set(decision=made, names=[f"Quy trình {number}.{i}" for i in range(number % 3)])


@pytest.mark.parametrize("params", [ALL_ROWS, {"_export": "csv"}, {"_export": "xlsx"}], ids=["html", "csv", "xlsx"])
@pytest.mark.parametrize("role", ["clerk_a", "manager", "admin"])
def test_decision_list_costs_the_same_queries_for_a_few_or_many_rows(
    client, cast, unit_a, django_assert_max_num_queries, params, role
):
    client.force_login(cast[role])
    url = reverse("decision_list")
    add_decisions(unit_a, FEW, 1)
    few = query_count(client, url, params)

    add_decisions(unit_a, MANY, FEW + 1)
    with django_assert_max_num_queries(few):
        response = client.get(url, params)

    assert response.status_code == 200
    if "_export" not in params:
        assert len(records(response)) == FEW + MANY


# --- dossier records ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("clerk_a", {"A-001", "A-002", "A-003", "A-004"}),
        ("clerk_b", {"B-001"}),
        ("manager", {"A-001", "A-002", "A-003", "A-004", "B-001"}),
        ("viewer", {"A-001", "A-002", "A-003", "A-004", "B-001"}),
        ("admin", {"A-001", "A-002", "A-003", "A-004", "B-001", "C-001"}),
    ],
)
def test_dossier_list_shows_the_records_of_the_units_the_user_may_see(client, cast, dossiers, role, expected):
    response = get(client, cast[role], "dossier_list")

    assert codes(response) == expected


def test_clerk_b_does_not_see_unit_a_dossiers_even_when_asking_for_unit_a(client, cast, dossiers, unit_a):
    response = get(client, cast["clerk_b"], "dossier_list", {"unit": unit_a.pk})

    assert codes(response) == set()
    assert "A-001" not in response.content.decode()
    assert response.context["filter"].form.errors  # unit A is not among clerk B's choices


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("clerk_a", {"unit_a"}),
        ("clerk_b", {"unit_b"}),
        ("manager", {"province", "unit_a", "unit_b"}),
        ("admin", {"province", "unit_a", "unit_b", "unit_c", "other"}),
    ],
)
def test_dossier_unit_dropdown_offers_only_the_users_visible_units(
    client, cast, province, unit_a, unit_b, unit_c, role, expected
):
    units = {"province": province, "unit_a": unit_a, "unit_b": unit_b, "unit_c": unit_c, "other": unit_c.parent}

    response = get(client, cast[role], "dossier_list")

    offered = {choice[0].value for choice in response.context["filter"].form.fields["unit"].choices if choice[0]}
    assert offered == {units[key].pk for key in expected}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"unit": "UNIT_A"}, {"A-001", "A-002", "A-003", "A-004"}),
        ({"unit": "UNIT_B"}, {"B-001"}),
        ({"period": "Q1"}, {"A-001", "A-002", "A-003", "B-001"}),  # A-004 was received in Q4-2019
        ({"period": "Q4"}, {"A-004"}),
        ({"channel": Channel.ONLINE}, {"A-001"}),
        ({"channel": Channel.POSTAL}, {"A-003"}),
        ({"status": DossierStatus.PENDING}, {"A-004", "B-001"}),
        ({"status": DossierStatus.RESOLVED, "period": "Q1", "unit": "UNIT_A"}, {"A-001", "A-002", "A-003"}),
        ({"code": "a-00"}, {"A-001", "A-002", "A-003", "A-004"}),
    ],
)
def test_dossier_filters(client, cast, dossiers, unit_a, unit_b, period, params, expected):
    previous = cchc_services.period_upsert(year=2019, quarter=4)
    values = {"UNIT_A": unit_a.pk, "UNIT_B": unit_b.pk, "Q1": period.pk, "Q4": previous.pk}
    params = {key: values.get(value, value) for key, value in params.items()}

    response = get(client, cast["manager"], "dossier_list", params)

    assert codes(response) == expected


def test_quarter_filter_takes_the_quarters_days_in_the_portals_time_zone(client, cast, unit_a, period, catalogue):
    proc = catalogue["birth"]
    dossier("LAST", proc, unit_a, received=at(2020, 3, 31, 23, 30))  # 16:30 UTC on 31/03
    dossier("NEXT", proc, unit_a, received=at(2020, 4, 1, 0, 30))  # still 31/03 in UTC
    dossier("FIRST", proc, unit_a, received=at(2020, 1, 1, 0, 10))  # 31/12/2019 in UTC

    response = get(client, cast["clerk_a"], "dossier_list", {"period": period.pk})

    assert codes(response) == {"LAST", "FIRST"}
    assert "Tiếp nhận trong quý" in response.content.decode()


def test_dossier_timeliness_follows_the_ledgers_rules(catalogue, unit_a):
    proc, now = catalogue["birth"], at(2020, 3, 15, 12)
    due = at(2020, 3, 10, 17)

    def judged(**fields):
        return dossier_timeliness(
            DossierRecord(procedure=proc, unit=unit_a, received_at=at(2020, 3, 2), due_at=due, **fields), now
        )

    resolved = DossierStatus.RESOLVED
    assert judged(status=resolved, completed_at=at(2020, 3, 9, 16)) == EARLY
    assert judged(status=resolved, completed_at=at(2020, 3, 10, 8)) == ON_TIME
    assert judged(status=resolved, completed_at=at(2020, 3, 10, 23, 59)) == ON_TIME  # the same local day
    assert judged(status=resolved, completed_at=at(2020, 3, 11, 0, 1)) == LATE
    assert judged(status=DossierStatus.PENDING) == PENDING_OVERDUE
    assert (
        dossier_timeliness(DossierRecord(status=DossierStatus.PENDING, due_at=at(2020, 3, 16)), now) == PENDING_WITHIN
    )
    assert judged(status=DossierStatus.RETURNED, completed_at=at(2020, 3, 3)) is None
    assert judged(status=DossierStatus.WITHDRAWN, completed_at=at(2020, 3, 3)) is None


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_dossier_export_holds_the_filtered_rows_with_timeliness(
    client, cast, dossiers, catalogue, unit_a, export_format
):
    dossier("A-005", catalogue["birth"], unit_a, received=timezone.now(), due=timezone.now() + dt.timedelta(days=5))

    response = get(client, cast["clerk_a"], "dossier_list", {"unit": unit_a.pk, "_export": export_format})

    rows = {row["Mã hồ sơ"]: row for row in EXPORT_READERS[export_format](response)}
    assert {code: row["Tiến độ"] for code, row in rows.items()} == {
        "A-001": "Trước hạn",
        "A-002": "Đúng hạn",
        "A-003": "Trễ hạn",
        "A-004": "Đang giải quyết, quá hạn",
        "A-005": "Đang giải quyết, trong hạn",
    }
    early = rows["A-001"]
    assert early["Ngày tiếp nhận"] == "06/01/2020 09:00"  # local time, as the clerk typed it
    assert early["Hình thức nộp"] == "Trực tuyến"
    assert early["Trạng thái"] == "Đã giải quyết"
    assert early["Thủ tục"] == "1.000001 — Đăng ký khai sinh"
    assert early["Đơn vị tiếp nhận"] == "Sở Nội vụ"
    assert rows["A-004"]["Ngày hoàn thành"] == "—"  # empty cells read as the page shows them


def test_returned_dossier_has_no_timeliness(client, cast, dossiers):
    response = get(client, cast["admin"], "dossier_list", {"code": "C-001", "_export": "csv"})

    assert [(row["Mã hồ sơ"], row["Tiến độ"]) for row in csv_rows(response)] == [("C-001", "—")]


def add_dossiers(unit, proc, count: int, start: int) -> None:
    statuses = [DossierStatus.PENDING, DossierStatus.RESOLVED, DossierStatus.RETURNED]
    for number in range(start, start + count):
        status = statuses[number % 3]
        received = at(2020, 1, 1) + dt.timedelta(days=number)
        dossier(
            f"N-{number:04d}",
            proc,
            unit,
            received=received,
            status=status,
            completed=None if status == DossierStatus.PENDING else received + dt.timedelta(days=number % 7),
            channel=list(Channel)[number % 3],
        )


@pytest.mark.parametrize("params", [ALL_ROWS, {"_export": "csv"}, {"_export": "xlsx"}], ids=["html", "csv", "xlsx"])
@pytest.mark.parametrize("role", ["clerk_a", "manager", "admin"])
def test_dossier_list_costs_the_same_queries_for_a_few_or_many_rows(
    client, cast, unit_a, catalogue, django_assert_max_num_queries, params, role
):
    client.force_login(cast[role])
    url = reverse("dossier_list")
    add_dossiers(unit_a, catalogue["birth"], FEW, 1)
    few = query_count(client, url, params)

    add_dossiers(unit_a, catalogue["marriage"], MANY, FEW + 1)
    with django_assert_max_num_queries(few):
        response = client.get(url, params)

    assert response.status_code == 200
    if "_export" not in params:
        assert len(records(response)) == FEW + MANY


# --- navigation -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", SIGNED_IN)
def test_navigation_links_the_procedures_lists_and_the_tabs_link_each_other(client, cast, role):
    page = get(client, cast[role], "dossier_list").content.decode()

    for name in ("procedure_list", "decision_list", "dossier_list"):
        assert f'href="{reverse(name)}"' in page
    # The import is offered to those who may import: clerks and admins.
    assert (f'href="{reverse("dossier_import")}"' in page) == (role in ("clerk_a", "clerk_b", "admin"))


# --- sorting --------------------------------------------------------------------------------------


def orderable_columns(table_class) -> list[str]:
    return [name for name, column in table_class.base_columns.items() if column.orderable is not False]


@pytest.mark.parametrize(
    ("name", "table_class"),
    [("procedure_list", ProcedureTable), ("decision_list", DecisionTable), ("dossier_list", DossierTable)],
)
def test_every_orderable_column_sorts_both_ways(client, cast, dossiers, decisions, name, table_class):
    client.force_login(cast["admin"])
    for column in orderable_columns(table_class):
        for sort in (column, f"-{column}"):
            response = client.get(reverse(name), {"sort": sort})
            assert response.status_code == 200, sort
            assert records(response), sort
