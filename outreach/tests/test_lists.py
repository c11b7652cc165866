"""The outreach lists: who sees which rows, what the filters mean, what the exports hold, what they cost."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cchc import services as cchc_services
from cchc.choices import Role
from conftest import make_user, submit
from outreach import services
from outreach.choices import ItemKind, OutletKind, ReformScope
from tests.readers import EXPORT_READERS
from tests.report_page import get, query_count, records

from .builders import item, save_items

ALL_ROWS = {"per_page": 500}
FEW, MANY = 3, 30
SIGNED_IN = ["clerk_a", "clerk_b", "manager", "viewer", "admin"]


def titles(response) -> set[str]:
    return {record.title for record in records(response)}


@pytest.fixture
def items(cast, report_a, report_b, unit_c, period, outlets):
    """Items of units A, B and C in Q1-2020, and one of unit A in Q4-2019."""
    clerk_c = make_user("clerk_c", unit_c, Role.CLERK)  # the cast has no clerk of unit C
    report_c = cchc_services.report_get_or_create(unit=unit_c, period=period)
    q4 = cchc_services.report_get_or_create(
        unit=report_a.unit, period=cchc_services.period_upsert(year=2019, quarter=4)
    )
    save_items(
        report_a,
        cast["clerk_a"],
        item(outlets["newspaper"], 1, title="Sở Nội vụ công bố chỉ số CCHC", scope=ReformScope.LOCAL),
        item(
            outlets["radio"],
            2,
            title="Phóng sự một cửa điện tử",
            kind=ItemKind.REPORTAGE,
            link="https://crtv.vn/phong-su-mot-cua.html",
            published_on=dt.date(2020, 3, 5),
        ),
    )
    save_items(
        q4,
        cast["clerk_a"],
        item(
            outlets["newspaper"],
            3,
            title="Tổng kết CCHC năm 2019",
            kind=ItemKind.ARTICLE,
            published_on=dt.date(2019, 12, 20),
        ),
    )
    save_items(
        report_b,
        cast["clerk_b"],
        item(outlets["newspaper"], 4, title="Tư pháp cải cách thủ tục", scope=ReformScope.NATIONAL, link=""),
    )
    save_items(report_c, clerk_c, item(outlets["radio"], 5, title="Tỉnh khác tuyên truyền"))
    return {"q4": q4, "report_c": report_c}


# --- items ----------------------------------------------------------------------------------------

A_ITEMS = {"Sở Nội vụ công bố chỉ số CCHC", "Phóng sự một cửa điện tử", "Tổng kết CCHC năm 2019"}
B_ITEMS = {"Tư pháp cải cách thủ tục"}
C_ITEMS = {"Tỉnh khác tuyên truyền"}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("clerk_a", A_ITEMS),
        ("clerk_b", B_ITEMS),
        ("manager", A_ITEMS | B_ITEMS),
        ("viewer", A_ITEMS | B_ITEMS),
        ("admin", A_ITEMS | B_ITEMS | C_ITEMS),
    ],
)
def test_items_are_those_of_the_units_the_user_may_see(client, cast, items, role, expected):
    assert titles(get(client, cast[role], "outreach_item_list", ALL_ROWS)) == expected


@pytest.mark.parametrize("name", ["outreach_item_list", "outlet_list"])
def test_anonymous_visitors_go_to_the_login_page(client, items, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": ItemKind.REPORTAGE}, {"Phóng sự một cửa điện tử"}),
        ({"kind": ItemKind.NEWS}, {"Sở Nội vụ công bố chỉ số CCHC", "Tư pháp cải cách thủ tục"}),
        ({"scope": ReformScope.NATIONAL}, {"Tư pháp cải cách thủ tục"}),
        ({"q": "phong su"}, {"Phóng sự một cửa điện tử"}),  # diacritics ignored
        ({"q": "CÔNG BỐ"}, {"Sở Nội vụ công bố chỉ số CCHC"}),
        ({"q": "crtv.vn"}, {"Phóng sự một cửa điện tử"}),  # the link is searched too
        ({"q": "không có"}, set()),
    ],
)
def test_item_filters(client, cast, items, params, expected):
    assert titles(get(client, cast["manager"], "outreach_item_list", {**ALL_ROWS, **params})) == expected


def test_item_filters_by_outlet_unit_and_period(client, cast, items, outlets, unit_b, period):
    manager = cast["manager"]
    by_outlet = get(client, manager, "outreach_item_list", {"outlet": outlets["radio"].pk})
    assert titles(by_outlet) == {"Phóng sự một cửa điện tử"}
    assert titles(get(client, manager, "outreach_item_list", {"unit": unit_b.pk})) == B_ITEMS
    by_period = get(client, manager, "outreach_item_list", {"period": period.pk})
    assert titles(by_period) == (A_ITEMS | B_ITEMS) - {"Tổng kết CCHC năm 2019"}
    assert titles(get(client, manager, "outreach_item_list", {"period": items["q4"].period.pk})) == {
        "Tổng kết CCHC năm 2019"
    }


def test_a_clerk_picks_among_their_own_units_and_cannot_filter_into_another(client, cast, items, unit_a, unit_b):
    response = get(client, cast["clerk_a"], "outreach_item_list")
    units = response.context["filter"].form.fields["unit"].queryset
    assert list(units) == [unit_a]
    assert titles(get(client, cast["clerk_a"], "outreach_item_list", {"unit": unit_b.pk})) == set()


def test_items_are_newest_first_and_titles_link_to_the_item(client, cast, items):
    response = get(client, cast["clerk_a"], "outreach_item_list")
    assert [r.title for r in records(response)] == [
        "Phóng sự một cửa điện tử",
        "Sở Nội vụ công bố chỉ số CCHC",
        "Tổng kết CCHC năm 2019",
    ]
    page = response.content.decode()
    assert '<a href="https://crtv.vn/phong-su-mot-cua.html" target="_blank" rel="noopener noreferrer">' in page
    assert "05/03/2020" in page


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_item_export_holds_the_filtered_rows(client, cast, items, period, export_format):
    response = get(client, cast["manager"], "outreach_item_list", {"period": period.pk, "_export": export_format})
    rows = {row["Tiêu đề"]: row for row in EXPORT_READERS[export_format](response)}
    assert set(rows) == {"Sở Nội vụ công bố chỉ số CCHC", "Phóng sự một cửa điện tử", "Tư pháp cải cách thủ tục"}
    reportage = rows["Phóng sự một cửa điện tử"]
    assert reportage == {
        "Ngày đăng, phát": "05/03/2020",
        "Cơ quan báo chí": "Đài Phát thanh và Truyền hình tỉnh Cao Bằng",
        "Loại tin, bài": "Phóng sự",
        "Tiêu đề": "Phóng sự một cửa điện tử",
        "Đường dẫn": "https://crtv.vn/phong-su-mot-cua.html",
        "Phạm vi nội dung": "CCHC của địa phương",
        "Đơn vị báo cáo": "Sở Nội vụ",
        "Kỳ báo cáo": "Quý I/2020",
        "Tình trạng số liệu": "Bản nháp",  # the report is not submitted: marked, never shown as reported
    }
    assert rows["Tư pháp cải cách thủ tục"]["Phạm vi nội dung"] == "CCHC của Trung ương, cả nước"
    assert response["Content-Disposition"].endswith(f'cchc-tin-bai-tuyen-truyen-2020-q1.{export_format}"')


def add_items(report, clerk, outlet, count: int, start: int):
    report.refresh_from_db()
    save_items(report, clerk, *[item(outlet, n) for n in range(start, start + count)])


@pytest.mark.parametrize("params", [ALL_ROWS, {"_export": "csv"}, {"_export": "xlsx"}], ids=["html", "csv", "xlsx"])
def test_item_list_costs_the_same_queries_for_a_few_or_many_rows(
    client, cast, report_a, outlets, django_assert_max_num_queries, params
):
    client.force_login(cast["manager"])
    url = reverse("outreach_item_list")
    add_items(report_a, cast["clerk_a"], outlets["newspaper"], FEW, 1)
    few = query_count(client, url, params)
    add_items(report_a, cast["clerk_a"], outlets["radio"], MANY, FEW + 1)
    with django_assert_max_num_queries(few):
        response = client.get(url, params)
    assert response.status_code == 200
    if "_export" not in params:
        assert len(records(response)) == FEW + MANY


# --- outlets --------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", SIGNED_IN)
def test_every_signed_in_user_sees_the_whole_register(client, cast, items, outlets, role):
    response = get(client, cast[role], "outlet_list")
    assert {o.name for o in records(response)} == {o.name for o in outlets.values()}


@pytest.fixture
def submitted_items(items, report_a, report_b):
    """The same items with every report submitted: what the outlets' counts count for everyone."""
    submit(report_a, items["q4"], report_b, items["report_c"])
    return items


@pytest.mark.parametrize(
    ("role", "newspaper", "radio"),
    [("clerk_a", 2, 1), ("clerk_b", 1, 0), ("manager", 3, 1), ("viewer", 3, 1), ("admin", 3, 2)],
)
def test_the_item_count_of_an_outlet_counts_only_the_users_units(client, cast, submitted_items, role, newspaper, radio):
    counts = {o.name: o.item_count for o in records(get(client, cast[role], "outlet_list"))}
    assert counts == {"Báo Cao Bằng": newspaper, "Đài Phát thanh và Truyền hình tỉnh Cao Bằng": radio}


@pytest.mark.parametrize(
    ("role", "newspaper", "radio"),
    [("clerk_a", 2, 1), ("clerk_b", 1, 0), ("manager", 0, 0), ("viewer", 0, 0), ("admin", 0, 0)],
)
def test_the_item_count_leaves_out_others_drafts(client, cast, items, role, newspaper, radio):
    """Drafts are the clerk's work in progress: the unit's clerks count their own, nobody else counts them."""
    counts = {o.name: o.item_count for o in records(get(client, cast[role], "outlet_list"))}
    assert counts == {"Báo Cao Bằng": newspaper, "Đài Phát thanh và Truyền hình tỉnh Cao Bằng": radio}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "bao cao bang"}, {"Báo Cao Bằng"}),
        ({"q": "PHÁT THANH"}, {"Đài Phát thanh và Truyền hình tỉnh Cao Bằng"}),
        ({"kind": OutletKind.RADIO_TV}, {"Đài Phát thanh và Truyền hình tỉnh Cao Bằng"}),
        ({"kind": OutletKind.WEB_PORTAL}, set()),
    ],
)
def test_outlet_filters(client, cast, outlets, params, expected):
    assert {o.name for o in records(get(client, cast["clerk_b"], "outlet_list", params))} == expected


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_outlet_export(client, cast, items, export_format):
    response = get(client, cast["clerk_a"], "outlet_list", {"_export": export_format})
    rows = EXPORT_READERS[export_format](response)
    assert sorted((row["Tên cơ quan báo chí"], row["Loại hình"], row["Số tin, bài đã nhập"]) for row in rows) == [
        ("Báo Cao Bằng", "Báo, tạp chí", "2"),
        ("Đài Phát thanh và Truyền hình tỉnh Cao Bằng", "Đài phát thanh, truyền hình", "1"),
    ]


@pytest.mark.parametrize("params", [ALL_ROWS, {"_export": "csv"}, {"_export": "xlsx"}], ids=["html", "csv", "xlsx"])
def test_outlet_list_costs_the_same_queries_for_a_few_or_many_rows(
    client, cast, report_a, outlets, django_assert_max_num_queries, params
):
    client.force_login(cast["clerk_a"])
    url = reverse("outlet_list")
    add_items(report_a, cast["clerk_a"], outlets["newspaper"], 2, 1)
    few = query_count(client, url, params)
    for n in range(MANY):
        services.outlet_upsert(name=f"Trang thông tin điện tử số {n}", kind=OutletKind.WEB_PORTAL)
    add_items(report_a, cast["clerk_a"], outlets["radio"], 5, 10)
    with django_assert_max_num_queries(few):
        response = client.get(url, params)
    assert response.status_code == 200
    if "_export" not in params:
        assert len(records(response)) == MANY + 2
