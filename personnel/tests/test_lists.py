"""The ratings list (who sees which rows, filters, exports, the distribution, what it costs), the unit page's
map before and after a merger, and recording a merger through Django admin.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc import services as cchc_services
from cchc.choices import Role, UnitKind
from cchc.models import Report, Unit
from conftest import make_user
from personnel import services
from personnel.models import QualityRating, UnitMerger
from tests.readers import EXPORT_READERS, csv_rows

URL = "/to-chuc-can-bo/danh-gia/"
ALL_ROWS = {"per_page": 500}
FEW, MANY = 2, 20
RATING_2019 = {
    "rating_year": 2019,
    "category": "all",
    "excellent": 1809,
    "good": 18520,
    "completed": 1190,
    "not_completed": 116,
}
SHARES_2019 = ["8,36%", "85,60%", "5,50%", "0,54%"]
HEADER = [
    "Đơn vị",
    "Năm đánh giá",
    "Đối tượng",
    "Hoàn thành xuất sắc nhiệm vụ",
    "Hoàn thành tốt nhiệm vụ",
    "Hoàn thành nhiệm vụ",
    "Không hoàn thành nhiệm vụ",
    "Tổng số",
    "Tỷ lệ xuất sắc (%)",
    "Tỷ lệ tốt (%)",
    "Tỷ lệ hoàn thành (%)",
    "Tỷ lệ không hoàn thành (%)",
    "Báo cáo kỳ",
    "Tình trạng số liệu",
]
MERGER_DAY = dt.date(2020, 2, 1)


# --- building rows ---------------------------------------------------------------------------------------


def enter_ratings(report: Report, user, *rows: dict) -> Report:
    report = Report.objects.get(pk=report.pk)
    return cchc_services.report_update(
        report=report,
        user=user,
        expected_version=report.version,
        apply=lambda locked: services.ratings_save(
            report=locked, rows=[{"id": None, **r} for r in rows], delete_ids=[]
        ),
    )


@pytest.fixture
def rated(report_a, report_b, cast):
    """Unit A rated 2019 (the province's figures) and, by civil servants, 2018; unit B rated 2019."""
    enter_ratings(
        report_a,
        cast["clerk_a"],
        RATING_2019,
        {
            **RATING_2019,
            "rating_year": 2018,
            "category": "civil_servant",
            "excellent": 10,
            "good": 80,
            "completed": 9,
            "not_completed": 1,
        },
    )
    enter_ratings(
        report_b, cast["clerk_b"], {**RATING_2019, "excellent": 5, "good": 5, "completed": 0, "not_completed": 0}
    )
    return {"a": report_a, "b": report_b}


@pytest.fixture
def grow(province, period, cast):
    """grow(n): n more units under the province, each with a 2019 rating in its Q1-2020 report."""
    added = []
    clerk = cast["clerk_a"]

    def grow(count: int) -> None:
        for number in range(len(added) + 1, len(added) + 1 + count):
            unit = cchc_services.unit_upsert(
                code=f"T-N{number:03d}", name=f"Phòng thử nghiệm số {number}", kind=UnitKind.DEPARTMENT, parent=province
            )
            cchc_services.membership_grant(user=clerk, unit=unit, role=Role.CLERK)
            clerk.__dict__.pop("_cchc_memberships", None)  # the permission module caches memberships
            enter_ratings(
                cchc_services.report_get_or_create(unit=unit, period=period),
                clerk,
                {**RATING_2019, "excellent": number},
            )
            added.append(unit)

    return grow


# --- reading pages -----------------------------------------------------------------------------------------


class _Tables(HTMLParser):
    """Every <table> of a page: its id and its rows (header and body) as lists of cell texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"id": dict(attrs).get("id"), "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1]["rows"][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def tables(response) -> list[dict]:
    parser = _Tables()
    parser.feed(response.content.decode())
    return parser.tables


def rating_rows(response) -> list[list[str]]:
    """The body rows of the ratings table (the table without an id)."""
    [table] = [t for t in tables(response) if t["id"] is None]
    header, *rows = table["rows"]
    assert header == HEADER
    return [row for row in rows if len(row) == len(HEADER)]


def distribution(response) -> list[list[str]]:
    found = [t for t in tables(response) if t["id"] == "rating-distribution"]
    return found[0]["rows"][1:] if found else []


def shown_units(response) -> list[str]:
    return sorted(row[0] for row in rating_rows(response))


def get_counting(client, params) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params)
    assert response.status_code == 200, response.status_code
    return len(queries), response


# --- the ratings list ---------------------------------------------------------------------------------------


def test_the_list_is_where_the_issue_puts_it():
    assert reverse("rating_list") == URL


def test_anonymous_visitors_are_sent_to_sign_in(client, rated):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response.url


@pytest.mark.parametrize(
    "role, expected",
    [
        ("clerk_a", ["Sở Nội vụ", "Sở Nội vụ"]),
        ("clerk_b", ["Sở Tư pháp"]),
        ("manager", ["Sở Nội vụ", "Sở Nội vụ", "Sở Tư pháp"]),
        ("viewer", ["Sở Nội vụ", "Sở Nội vụ", "Sở Tư pháp"]),
        ("admin", ["Sở Nội vụ", "Sở Nội vụ", "Sở Tư pháp", "Sở Y tế tỉnh Khác"]),
    ],
)
def test_each_role_sees_the_ratings_of_its_units(client, cast, rated, unit_c, period, role, expected):
    report_c = cchc_services.report_get_or_create(unit=unit_c, period=period)
    enter_ratings(report_c, make_user("clerk_c", unit_c, Role.CLERK), RATING_2019)
    client.force_login(cast[role])
    response = client.get(URL, ALL_ROWS)
    assert response.status_code == 200
    assert "Kết quả đánh giá, xếp loại chất lượng" in response.content.decode()
    assert shown_units(response) == expected


def test_rows_show_counts_computed_total_shares_and_the_report(client, cast, rated):
    client.force_login(cast["clerk_a"])
    rows = rating_rows(client.get(URL, {"rating_year": 2019}))
    assert [row[2:] for row in rows] == [
        [
            "Cán bộ, công chức, viên chức (chung)",
            "1.809",
            "18.520",
            "1.190",
            "116",
            "21.635",
            *SHARES_2019,
            "Quý I/2020",
            "Bản nháp",
        ],
    ]


@pytest.fixture
def rated_submitted(rated, cast):
    """The same ratings with both reports submitted: what a manager's distribution counts."""
    from conftest import fill_narrative

    for key, clerk in (("a", "clerk_a"), ("b", "clerk_b")):
        report = fill_narrative(Report.objects.get(pk=rated[key].pk), cast[clerk])
        cchc_services.report_submit(report=report, user=cast[clerk], at=None)
    return rated


def test_the_rating_year_reads_2019_not_2_019(client, cast, rated_submitted):
    client.force_login(cast["manager"])
    response = client.get(URL)
    assert sorted(row[1] for row in rating_rows(response)) == ["2018", "2019", "2019"]
    assert [row[0] for row in distribution(response)] == ["2018", "2019"]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"rating_year": 2019}, [("Sở Nội vụ", "all"), ("Sở Tư pháp", "all")]),
        ({"rating_year": 2018}, [("Sở Nội vụ", "civil_servant")]),
        ({"category": "civil_servant"}, [("Sở Nội vụ", "civil_servant")]),
        ({"category": "cadre"}, []),
        ({"unit": "B"}, [("Sở Tư pháp", "all")]),
        ({"unit": "A", "rating_year": 2019}, [("Sở Nội vụ", "all")]),
    ],
)
def test_filters(client, cast, rated, unit_a, unit_b, params, expected):
    params = {**params}
    if "unit" in params:
        params["unit"] = {"A": unit_a, "B": unit_b}[params["unit"]].pk
    client.force_login(cast["manager"])
    response = client.get(URL, {**params, **ALL_ROWS})
    shown = sorted((str(r.record.unit), r.record.category) for r in response.context["table"].page.object_list)
    assert shown == expected


def test_a_clerk_cannot_filter_to_another_units_ratings(client, cast, rated, unit_a):
    client.force_login(cast["clerk_b"])
    response = client.get(URL, {"unit": unit_a.pk, **ALL_ROWS})
    assert response.status_code == 200
    assert "Sở Nội vụ" not in [str(r.record.unit) for r in response.context["table"].page.object_list]
    assert "1.809" not in response.content.decode()
    assert not [u for u in response.context["filter"].form.fields["unit"].queryset if u == unit_a]


def test_the_distribution_sums_the_units_and_recomputes_shares(client, cast, rated_submitted):
    client.force_login(cast["manager"])
    rows = distribution(client.get(URL))
    # 2019: 1.809 + 5 excellent of 21.635 + 10 = 21.645 → 8,38%; 2018: unit A's civil servants.
    assert [row[1:] for row in rows] == [
        ["100", "10 (10,00%)", "80 (80,00%)", "9 (9,00%)", "1 (1,00%)"],
        ["21.645", "1.814 (8,38%)", "18.525 (85,59%)", "1.190 (5,50%)", "116 (0,54%)"],
    ]


def test_the_distribution_of_a_clerk_holds_only_their_unit(client, cast, rated):
    client.force_login(cast["clerk_b"])
    rows = distribution(client.get(URL))
    assert [row[1:] for row in rows] == [["10", "5 (50,00%)", "5 (50,00%)", "0 (0,00%)", "0 (0,00%)"]]


@pytest.mark.parametrize("params, total", [({"rating_year": 2019}, "21.635"), ({"category": "all"}, "21.635")])
def test_the_distribution_follows_the_filters(client, cast, rated, unit_a, params, total):
    client.force_login(cast["clerk_a"])
    rows = distribution(client.get(URL, {"unit": unit_a.pk, **params}))
    assert [row[1] for row in rows] == [total]


@pytest.mark.parametrize("username", ["quanly.snv", "canbo.tinh", "xem.ubnd"])
def test_seeded_ratings_list_shows_the_provinces_2019_shares(client, demo_data, username):
    client.force_login(get_user_model().objects.get(username=username))
    response = client.get(URL)
    [row] = rating_rows(response)
    assert row[0] == "UBND tỉnh Cao Bằng" and row[2] == "Cán bộ, công chức, viên chức (chung)"
    assert row[3:] == ["1.809", "18.520", "1.190", "116", "21.635", *SHARES_2019, "Quý I/2020", "Đã duyệt"]
    [year] = distribution(response)
    assert year[1:] == ["21.635", "1.809 (8,36%)", "18.520 (85,60%)", "1.190 (5,50%)", "116 (0,54%)"]
    page = response.content.decode()
    for value in SHARES_2019:
        assert value in page


def test_no_ratings_no_distribution(client, cast, report_a):
    client.force_login(cast["manager"])
    response = client.get(URL)
    assert response.status_code == 200
    assert distribution(response) == [] and rating_rows(response) == []


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_exports_hold_the_visible_filtered_rows_with_shares(client, cast, rated, export_format):
    client.force_login(cast["manager"])
    response = client.get(URL, {"_export": export_format, "rating_year": 2019})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'filename="cchc-danh-gia-xep-loai-2019.{export_format}"')
    rows = EXPORT_READERS[export_format](response)
    assert list(rows[0]) == HEADER
    by_unit = {row["Đơn vị"]: row for row in rows}
    assert set(by_unit) == {"Sở Nội vụ", "Sở Tư pháp"}
    nv = by_unit["Sở Nội vụ"]
    assert [str(nv[column]) for column in HEADER[3:8]] == ["1809", "18520", "1190", "116", "21635"]
    assert [nv[column] for column in HEADER[8:12]] == SHARES_2019
    assert nv["Báo cáo kỳ"] == "Quý I/2020"


def test_a_clerks_export_holds_only_their_unit(client, cast, rated):
    client.force_login(cast["clerk_b"])
    rows = csv_rows(client.get(URL, {"_export": "csv"}))
    assert {row["Đơn vị"] for row in rows} == {"Sở Tư pháp"}


@pytest.mark.parametrize("params", [ALL_ROWS, {"_export": "csv"}, {"_export": "xlsx"}])
def test_the_list_costs_the_same_queries_for_a_few_or_many_ratings(
    client, cast, rated, grow, django_assert_max_num_queries, params
):
    client.force_login(cast["manager"])
    grow(FEW)
    few_queries, response = get_counting(client, params)
    grow(MANY)
    with django_assert_max_num_queries(few_queries):
        response = client.get(URL, params)
    assert response.status_code == 200
    if "_export" not in params:
        assert len(rating_rows(response)) == 3 + FEW + MANY


# --- the unit page: the map before and after a merger ------------------------------------------------------------


def tree_lists(response) -> list[tuple[str, list[str], list[str]]]:
    """Each change on the unit page: (header, units before, units after)."""

    class Changes(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.changes, self.target, self.text = [], None, None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "section" and "tree-change" in (attrs.get("class") or ""):
                self.changes.append(["", [], []])
            elif tag == "div" and attrs.get("class") == "card-header" and self.changes:
                self.target, self.text = "header", []
            elif tag == "ul" and attrs.get("data-tree"):
                self.target = attrs["data-tree"]
            elif tag == "li" and self.target in ("before", "after"):
                self.text = []

        def handle_endtag(self, tag):
            if tag == "div" and self.target == "header":
                self.changes[-1][0] = " ".join("".join(self.text).split())
                self.target, self.text = None, None
            elif tag == "li" and self.text is not None and self.target in ("before", "after"):
                self.changes[-1][1 if self.target == "before" else 2].append(" ".join("".join(self.text).split()))
                self.text = None
            elif tag == "ul":
                self.target = None

        def handle_data(self, data):
            if self.text is not None:
                self.text.append(data)

    parser = Changes()
    parser.feed(response.content.decode())
    return [tuple(change) for change in parser.changes]


def test_seeded_thong_nong_shows_the_map_before_and_after_the_merger(client, demo_data):
    client.force_login(get_user_model().objects.get(username="quanly.snv"))
    thong_nong = Unit.objects.get(code="CB-H-THONGNONG")
    response = client.get(f"/don-vi/{thong_nong.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "đến 31/01/2020" in page
    assert f'href="/don-vi/{Unit.objects.get(code="CB-H-HAQUANG-2020").pk}/">UBND huyện Hà Quảng</a>' in page

    [(header, before, after)] = tree_lists(response)
    assert header == "Thay đổi ngày 01/02/2020 (UBND tỉnh Cao Bằng)"
    assert "UBND huyện Thông Nông" in before and "UBND huyện Thông Nông" not in after
    assert "UBND huyện Hà Quảng (trước 01/02/2020)" in before and "UBND huyện Hà Quảng" not in before
    assert "UBND huyện Hà Quảng" in after and "UBND huyện Hà Quảng (trước 01/02/2020)" not in after
    districts_before = [name for name in before if "huyện" in name or "thành phố" in name]
    districts_after = [name for name in after if "huyện" in name or "thành phố" in name]
    assert (len(districts_before), len(districts_after)) == (13, 10)


def test_seeded_new_district_names_its_predecessors(client, demo_data):
    client.force_login(get_user_model().objects.get(username="quanly.snv"))
    ha_quang = Unit.objects.get(code="CB-H-HAQUANG-2020")
    response = client.get(f"/don-vi/{ha_quang.pk}/")
    page = response.content.decode()
    for code in ("CB-H-HAQUANG", "CB-H-THONGNONG"):
        old = Unit.objects.get(code=code)
        assert f'href="/don-vi/{old.pk}/">{old.name}</a>' in page
    headers = [header for header, _before, _after in tree_lists(response)]
    assert "Thay đổi ngày 01/02/2020 (UBND tỉnh Cao Bằng)" in headers


@pytest.fixture
def districts(province):
    north = cchc_services.unit_upsert(code="T-H-BAC", name="UBND huyện Bắc", kind=UnitKind.DISTRICT, parent=province)
    south = cchc_services.unit_upsert(code="T-H-NAM", name="UBND huyện Nam", kind=UnitKind.DISTRICT, parent=province)
    new = cchc_services.unit_upsert(
        code="T-H-MOI", name="UBND huyện Mới", kind=UnitKind.DISTRICT, parent=province, valid_from=MERGER_DAY
    )
    commune = cchc_services.unit_upsert(code="T-X-1", name="UBND xã Một", kind=UnitKind.COMMUNE, parent=north)
    return {"north": north, "south": south, "new": new, "commune": commune}


def test_a_merged_units_page_shows_the_map_before_and_after(client, cast, districts):
    services.merger_apply(
        merged=[districts["north"], districts["south"]],
        into=districts["new"],
        effective_on=MERGER_DAY,
        resolution="864/NQ-UBTVQH14",
    )
    client.force_login(cast["manager"])
    [(header, before, after)] = tree_lists(client.get(f"/don-vi/{districts['north'].pk}/"))
    assert header == "Thay đổi ngày 01/02/2020 (UBND tỉnh Thử Nghiệm)"
    assert before == ["Sở Nội vụ", "Sở Tư pháp", "UBND huyện Bắc", "UBND huyện Nam"]
    assert after == ["Sở Nội vụ", "Sở Tư pháp", "UBND huyện Mới"]
    # The new district lists its sub-unit and its predecessors.
    page = client.get(f"/don-vi/{districts['new'].pk}/").content.decode()
    assert "UBND xã Một" in page and "UBND huyện Bắc" in page and "UBND huyện Nam" in page


def test_a_unit_page_is_scoped(client, cast, districts):
    client.force_login(cast["clerk_b"])
    assert client.get(f"/don-vi/{districts['north'].pk}/").status_code == 403


# --- Django admin: recording a merger applies it ---------------------------------------------------------


@pytest.fixture
def admin_client(client, cast):
    client.force_login(cast["admin"])
    return client


def tree_state() -> list:
    return list(Unit.objects.order_by("pk").values("pk", "parent", "path", "valid_from", "valid_to", "successor"))


def merger_form(districts, **changes) -> dict:
    data = {
        "merged": [districts["north"].pk, districts["south"].pk],
        "into": districts["new"].pk,
        "effective_on": "01/02/2020",
        "resolution": "864/NQ-UBTVQH14",
        "_save": "Lưu",
    }
    data.update(changes)
    return data


def test_recording_a_merger_in_admin_applies_it(admin_client, districts):
    response = admin_client.post(reverse("admin:personnel_unitmerger_add"), merger_form(districts))
    assert response.status_code == 302, response.content.decode()[:2000]
    record = UnitMerger.objects.get()
    assert set(record.merged.all()) == {districts["north"], districts["south"]}
    assert (record.into, record.effective_on) == (districts["new"], MERGER_DAY)
    for key in ("north", "south"):
        unit = Unit.objects.get(pk=districts[key].pk)
        assert (unit.valid_to, unit.successor) == (dt.date(2020, 1, 31), districts["new"])
    assert Unit.objects.get(pk=districts["commune"].pk).parent == districts["new"]
    changelist = admin_client.get(reverse("admin:personnel_unitmerger_changelist"))
    assert "UBND huyện Mới" in changelist.content.decode()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"merged": ["NEW"]}, "UBND huyện Mới: không thể sáp nhập một đơn vị vào chính nó."),
        ({"merged": ["A"]}, "Sở Nội vụ (Sở, ban, ngành) không thể sáp nhập vào UBND huyện Mới"),
        ({"effective_on": "01/01/2020"}, "UBND huyện Mới: không có hiệu lực vào ngày 01/01/2020."),
        ({"resolution": "864-NQ"}, "Số hiệu văn bản “864-NQ” không đúng định dạng"),
    ],
)
def test_an_invalid_merger_in_admin_shows_why_and_changes_nothing(admin_client, districts, unit_a, changes, message):
    if changes.get("merged") == ["NEW"]:
        changes["merged"] = [districts["north"].pk, districts["new"].pk]
    elif changes.get("merged") == ["A"]:
        changes["merged"] = [unit_a.pk]
    before = tree_state()
    response = admin_client.post(reverse("admin:personnel_unitmerger_add"), merger_form(districts, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert tree_state() == before
    assert not UnitMerger.objects.exists()


def test_an_inactive_unit_in_admin_is_refused(admin_client, districts):
    south = districts["south"]
    south.valid_to = dt.date(2019, 12, 31)
    south.save()
    before = tree_state()
    response = admin_client.post(reverse("admin:personnel_unitmerger_add"), merger_form(districts))
    assert response.status_code == 200
    assert "UBND huyện Nam: không còn hiệu lực vào ngày 31/01/2020 nên không thể sáp nhập." in (
        response.content.decode()
    )
    assert tree_state() == before and not UnitMerger.objects.exists()


def test_a_recorded_merger_is_not_edited_in_admin(admin_client, districts):
    record = services.merger_apply(
        merged=[districts["north"]], into=districts["new"], effective_on=MERGER_DAY, resolution="864/NQ-UBTVQH14"
    )
    url = reverse("admin:personnel_unitmerger_change", args=[record.pk])
    response = admin_client.post(url, merger_form(districts, resolution="999/NQ-UBTVQH14"))
    assert response.status_code == 403
    assert UnitMerger.objects.get().resolution == "864/NQ-UBTVQH14"


def test_ratings_are_listed_in_admin_with_their_total(admin_client, rated):
    response = admin_client.get(reverse("admin:personnel_qualityrating_changelist"), {"q": "So Noi vu"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sở Nội vụ" in page and "Sở Tư pháp" not in page
    assert QualityRating.objects.filter(unit__name="Sở Nội vụ").count() == 2
