"""The scorecard screens: the overview, the grid and the unit page, as each member of the cast sees them.

Figures are entered the way clerks enter them (ledger rows through the procedures service); targets,
legends and the rubric are created directly, as an admin would in Django admin.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc import services
from cchc.choices import FigureType, Measure, ReformArea, Role, UnitKind
from cchc.models import Unit
from conftest import submit
from procedures import services as procedure_services
from reports.choices import LegendMode
from reports.models import Legend, RubricBand, RubricItem, Target

ON_TIME = "tthc.on_time_rate"
RECEIVED = "tthc.dossiers_received"
GRID, OVERVIEW, UNIT = "scorecard_grid", "scorecard_overview", "scorecard_unit"


# --- helpers --------------------------------------------------------------------------------------


def enter_ledger(report, on_time: int, late: int, received: int | None = None):
    """A unit's one-stop ledger for the quarter: `on_time` + `late` dossiers resolved (rate on_time/total)."""
    procedure_services.ledger_rows_save(
        report=report,
        rows=[
            {
                "reception_point": "Bộ phận một cửa",
                "received_total": received or on_time + late + 5,
                "resolved_on_time": on_time,
                "resolved_late": late,
                "resolved_total": on_time + late,
                # what is not resolved is pending, so the ledger's identity holds and the report can be submitted
                "pending_total": (received or on_time + late + 5) - on_time - late,
            }
        ],
        delete_ids=[],
    )
    [report] = submit(report)  # the scorecard pages show reported figures only, never a draft's
    return report


def approve(report, clerk, manager):
    [report] = submit(report, approve=True)
    return report


def get(client, user, name, *args, **params):
    client.force_login(user)
    return client.get(reverse(name, args=args), params)


def row_codes(response) -> list[str]:
    return [row.code for row in response.context["rows"]]


def unit_row(content: str, code: str) -> str:
    match = re.search(rf'<tr data-unit="{re.escape(code)}"[^>]*>(.*?)</tr>', content, re.S)
    assert match, f"no row for {code}"
    return match.group(1)


def cell(content: str, unit_code: str, indicator: str) -> dict:
    """The grid cell of a unit and an indicator: its classes, title and text."""
    match = re.search(
        rf'<td class="([^"]*)" data-code="{re.escape(indicator)}" title="([^"]*)">(.*?)</td>',
        unit_row(content, unit_code),
        re.S,
    )
    assert match, f"no cell {indicator} for {unit_code}"
    shown = re.sub(r'<span class="visually-hidden">.*?</span>', "", match.group(3))  # the band, for screen readers
    text = re.sub(r"<[^>]+>", "", shown)
    return {
        "classes": match.group(1).split(),
        "title": unescape(match.group(2)),
        "text": unescape(text).strip(),
        "html": match.group(3),
    }


@pytest.fixture
def figures(cast, report_a, report_b):
    """Unit A resolved 99 of 100 dossiers on time, unit B 80 of 100; both reports submitted, not yet approved."""
    enter_ledger(report_a, 99, 1)
    enter_ledger(report_b, 80, 20)
    return report_a, report_b


# --- pages and scope ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["manager", "viewer", "clerk_a", "admin"])
@pytest.mark.parametrize("name", [OVERVIEW, GRID])
def test_overview_and_grid_open_for_every_signed_in_role(client, cast, figures, name, role):
    response = get(client, cast[role], name, period="2020-Q1")

    assert response.status_code == 200
    assert "Quý I/2020" in response.content.decode()


@pytest.mark.parametrize("role", ["manager", "viewer"])
def test_manager_and_viewer_see_the_provinces_units_with_the_province_as_total_row(client, cast, figures, unit_c, role):
    response = get(client, cast[role], GRID, period="2020-Q1")

    assert row_codes(response) == ["T-A", "T-B"]
    assert response.context["total"].code == "T"
    content = response.content.decode()
    assert '<tr data-unit="T" class="total-row">' in content
    assert "Sở Y tế tỉnh Khác" not in content  # unit C, another province


def test_clerk_sees_only_their_own_units_row_and_no_total_row(client, cast, figures):
    response = get(client, cast["clerk_a"], GRID, period="2020-Q1")

    assert row_codes(response) == ["T-A"]
    assert not response.context["scope"].show_total
    content = response.content.decode()
    assert "Sở Tư pháp" not in content
    assert cell(content, "T-A", ON_TIME)["text"].startswith("99,00%")


def test_clerk_b_never_sees_unit_a(client, cast, figures, unit_a):
    clerk_b = cast["clerk_b"]
    for name in (GRID, OVERVIEW):
        response = get(client, clerk_b, name, period="2020-Q1")
        assert response.status_code == 200
        assert "Sở Nội vụ" not in response.content.decode()
        assert "99,00%" not in response.content.decode()
    assert get(client, clerk_b, UNIT, unit_a.pk).status_code == 403
    assert get(client, clerk_b, GRID, parent=unit_a.pk).status_code == 403
    assert get(client, clerk_b, OVERVIEW, scope=unit_a.pk).status_code == 403


def test_manager_cannot_open_a_unit_of_another_province(client, cast, unit_c, period):
    manager = cast["manager"]
    assert get(client, manager, UNIT, unit_c.pk).status_code == 403
    assert get(client, manager, GRID, parent=unit_c.pk).status_code == 403
    assert get(client, manager, GRID, parent=999_999).status_code == 404
    assert get(client, manager, GRID, parent="abc").status_code == 404


def test_anonymous_visitors_go_to_the_login_page(client, period):
    for name in (GRID, OVERVIEW):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_a_user_without_units_is_told_so(client, period):
    user = get_user_model().objects.create_user("nobody", password="x")
    response = get(client, user, GRID)

    assert response.status_code == 200
    assert "Bạn chưa được giao đơn vị nào" in response.content.decode()


def test_drill_down_from_the_province_to_a_districts_communes(client, cast, province, period):
    district = services.unit_upsert(code="T-H1", name="UBND huyện Một", kind=UnitKind.DISTRICT, parent=province)
    commune = services.unit_upsert(code="T-H1-X1", name="UBND xã Một", kind=UnitKind.COMMUNE, parent=district)
    enter_ledger(services.report_get_or_create(unit=commune, period=period), 45, 5)
    manager = cast["manager"]

    everything = get(client, manager, GRID, period="2020-Q1")
    assert row_codes(everything) == ["T-A", "T-B", "T-H1", "T-H1-X1"]
    drill = reverse(GRID) + f"?period=2020-Q1&amp;parent={district.pk}"
    assert drill in everything.content.decode()

    communes = get(client, manager, GRID, period="2020-Q1", parent=district.pk)
    assert row_codes(communes) == ["T-H1-X1"]
    assert communes.context["total"].code == "T-H1"
    content = communes.content.decode()
    assert cell(content, "T-H1-X1", ON_TIME)["text"].startswith("90,00%")
    assert cell(content, "T-H1", ON_TIME)["text"].startswith("90,00%")  # recomputed from the communes' counts
    trail = re.search(r'<ol class="breadcrumb[^>]*>(.*?)</ol>', content, re.S).group(1)
    assert "UBND tỉnh Thử Nghiệm" in trail and "UBND huyện Một" in trail


def test_kind_filter(client, cast, province, period):
    services.unit_upsert(code="T-H1", name="UBND huyện Một", kind=UnitKind.DISTRICT, parent=province)

    response = get(client, cast["manager"], GRID, period="2020-Q1", kind=UnitKind.DISTRICT)

    assert row_codes(response) == ["T-H1"]


def test_area_filter_shows_that_areas_columns_only(client, cast, figures):
    response = get(client, cast["manager"], GRID, period="2020-Q1", area=int(ReformArea.PROCEDURES))

    codes = {c.code for _area, _label, columns in response.context["areas"] for c in columns}
    assert ON_TIME in codes
    assert all(code.startswith("tthc.") for code in codes)


# --- periods --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("2020-Q1", "Quý I/2020"),
        ("2020-H1", "6 tháng đầu năm 2020"),
        ("2020-9M", "9 tháng năm 2020"),
        ("2020", "Năm 2020"),
        ("2020-q1", "Quý I/2020"),
    ],
)
def test_period_parameter(client, cast, figures, code, label):
    response = get(client, cast["manager"], GRID, period=code)

    assert response.status_code == 200
    assert response.context["span"].label == label
    assert f'<h1 class="h3">Bảng điểm — {label}</h1>' in response.content.decode()


def test_the_current_quarter_is_the_default_period(client, cast, figures):
    response = get(client, cast["manager"], GRID)

    assert response.context["span"].code == "2020-Q1"
    assert cell(response.content.decode(), "T-A", ON_TIME)["text"].startswith("99,00%")


def test_a_longer_span_rolls_the_quarters_up(client, cast, figures, unit_a):
    q2 = services.period_upsert(year=2020, quarter=2)
    enter_ledger(services.report_get_or_create(unit=unit_a, period=q2), 1, 99)

    response = get(client, cast["manager"], GRID, period="2020-H1")

    assert cell(response.content.decode(), "T-A", ON_TIME)["text"].startswith("50,00%")  # 100 / 200


@pytest.mark.parametrize("name", [GRID, OVERVIEW, UNIT])
@pytest.mark.parametrize("code", ["2020-Q5", "quý 1", "20-Q1"])
def test_a_bad_period_gives_a_clear_message_not_a_500(client, cast, unit_a, period, name, code):
    args = (unit_a.pk,) if name == UNIT else ()

    response = get(client, cast["manager"], name, *args, period=code)

    assert response.status_code == 400
    content = response.content.decode()
    assert "không hợp lệ: dùng 2022-08, 2022-Q3, 2022-H1, 2022-9M, 2022 hoặc 2019-10-01..2020-08-31." in content
    assert 'id="id_period"' in content  # the selector stays, to pick a good one


def test_a_period_that_is_not_set_up_shows_empty_cells_and_says_so(client, cast, figures):
    response = get(client, cast["manager"], GRID, period="2019-Q4")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Chưa có kỳ báo cáo 2019-Q4" in content
    assert cell(content, "T-A", ON_TIME)["text"] == "—"


def test_without_any_period_the_page_says_so(client, cast):
    response = get(client, cast["manager"], GRID)

    assert response.status_code == 200
    assert "Chưa có kỳ báo cáo nào" in response.content.decode()


# --- the grid's cells -----------------------------------------------------------------------------


def test_sorting_by_an_indicator_puts_missing_values_last_either_way(client, cast, figures, province, period):
    services.unit_upsert(code="T-C", name="Sở Công Thương", kind=UnitKind.DEPARTMENT, parent=province)
    manager = cast["manager"]

    assert row_codes(get(client, manager, GRID, period="2020-Q1", sort=ON_TIME, dir="desc")) == ["T-A", "T-B", "T-C"]
    assert row_codes(get(client, manager, GRID, period="2020-Q1", sort=ON_TIME, dir="asc")) == ["T-B", "T-A", "T-C"]
    assert row_codes(get(client, manager, GRID, period="2020-Q1", sort="name", dir="asc")) == ["T-C", "T-A", "T-B"]
    assert row_codes(get(client, manager, GRID, period="2020-Q1", sort="name", dir="desc")) == ["T-B", "T-A", "T-C"]
    # An unknown column is ignored: the units' own order (sort order, then name).
    assert row_codes(get(client, manager, GRID, period="2020-Q1", sort="nope")) == ["T-C", "T-A", "T-B"]


def test_sorting_links_toggle_the_direction_and_mark_the_column(client, cast, figures):
    response = get(client, cast["manager"], GRID, period="2020-Q1", sort=ON_TIME, dir="desc")
    content = unescape(response.content.decode())

    assert f'data-code="{ON_TIME}" aria-sort="descending"><a href="?period=2020-Q1&sort={ON_TIME}&dir=asc"' in content


def test_sorting_by_points_and_rank(client, cast, figures, rubric):
    manager = cast["manager"]
    assert row_codes(get(client, manager, GRID, period="2020-Q1", sort="points")) == ["T-A", "T-B"]
    assert row_codes(get(client, manager, GRID, period="2020-Q1", sort="rank", dir="desc")) == ["T-B", "T-A"]


def test_missing_data_is_shown_as_missing_not_zero(client, cast, report_a, report_b):
    enter_ledger(report_a, 99, 1)  # unit B enters nothing

    content = get(client, cast["manager"], GRID, period="2020-Q1").content.decode()

    missing = cell(content, "T-B", ON_TIME)
    assert missing["text"] == "—"
    assert "missing" in missing["classes"]
    assert "chưa có số liệu" in missing["title"]
    assert cell(content, "T-B", RECEIVED)["text"] == "—"


def test_rates_show_as_percentages_and_counts_with_thousands_separators(client, cast, report_a):
    enter_ledger(report_a, 1604, 10, received=2084)

    content = get(client, cast["manager"], GRID, period="2020-Q1").content.decode()

    assert cell(content, "T-A", ON_TIME)["text"].startswith("99,38%")
    assert cell(content, "T-A", RECEIVED)["text"].startswith("2.084")


def test_provisional_figures_are_marked_until_the_report_is_approved(client, cast, figures):
    report_a, _report_b = figures
    manager = cast["manager"]

    content = get(client, manager, GRID, period="2020-Q1").content.decode()
    submitted = cell(content, "T-A", ON_TIME)
    assert "provisional-mark" in submitted["html"] and submitted["text"] == "99,00%*"
    assert "số liệu chưa duyệt" in submitted["title"]
    assert "số liệu chưa duyệt" in content  # the legend

    approve(report_a, cast["clerk_a"], manager)
    content = get(client, manager, GRID, period="2020-Q1").content.decode()
    approved = cell(content, "T-A", ON_TIME)
    assert approved["text"] == "99,00%"
    assert "provisional" not in approved["classes"]
    assert cell(content, "T-B", ON_TIME)["text"] == "80,00%*"


def test_the_target_and_its_legal_source_are_in_the_cells_title(client, cast, figures):
    Target.objects.create(
        indicator=ON_TIME,
        year=2020,
        value=Decimal("0.98"),
        source_number="123/QĐ-UBND",
        source_date=dt.date(2020, 1, 5),
    )

    content = get(client, cast["manager"], GRID, period="2020-Q1").content.decode()

    assert cell(content, "T-A", ON_TIME)["title"].startswith("Chỉ tiêu: 98,00% (123/QĐ-UBND ngày 05/01/2020)")
    assert cell(content, "T-A", RECEIVED)["title"].startswith("chưa có chỉ tiêu")


def test_a_unit_target_wins_over_the_target_for_all_units(client, cast, figures, unit_b):
    Target.objects.create(indicator=ON_TIME, year=2020, value=Decimal("0.98"))
    Target.objects.create(indicator=ON_TIME, year=2020, unit=unit_b, value=Decimal("0.75"))

    content = get(client, cast["manager"], GRID, period="2020-Q1").content.decode()

    assert cell(content, "T-A", ON_TIME)["title"].startswith("Chỉ tiêu: 98,00%")
    assert cell(content, "T-B", ON_TIME)["title"].startswith("Chỉ tiêu: 75,00%")


@pytest.fixture
def legend(db):
    """On-time rate: target 98%; green from 100% of the target, yellow from 90% of it."""
    Target.objects.create(
        indicator=ON_TIME,
        year=2020,
        value=Decimal("0.98"),
        source_number="123/QĐ-UBND",
        source_date=dt.date(2020, 1, 5),
    )
    return Legend.objects.create(
        indicator=ON_TIME, mode=LegendMode.RELATIVE, green_from=Decimal("1"), yellow_from=Decimal("0.9")
    )


@pytest.fixture
def rubric(db):
    """On-time rate scores 2 points from 95%, 1 point from 85%."""
    item = RubricItem.objects.create(
        name="Tỷ lệ giải quyết đúng hạn", indicator=ON_TIME, area=ReformArea.PROCEDURES, max_points=Decimal("2")
    )
    RubricBand.objects.create(item=item, threshold=Decimal("0.95"), points=Decimal("2"))
    RubricBand.objects.create(item=item, threshold=Decimal("0.85"), points=Decimal("1"))
    return item


def test_cells_are_coloured_by_band_when_a_target_and_a_legend_exist(client, cast, figures, legend):
    content = get(client, cast["manager"], GRID, period="2020-Q1").content.decode()

    green, red = cell(content, "T-A", ON_TIME), cell(content, "T-B", ON_TIME)
    assert "band-green" in green["classes"]
    assert "Mức: Đạt" in green["title"]
    assert "band-red" in red["classes"]  # 80% is 82% of the target
    assert "(Chưa đạt)" in red["html"]  # the band in words, not only in colour
    assert not [c for c in cell(content, "T-A", RECEIVED)["classes"] if c.startswith("band-")]


def test_no_colour_without_a_legend(client, cast, figures):
    Target.objects.create(indicator=ON_TIME, year=2020, value=Decimal("0.98"))

    content = get(client, cast["manager"], GRID, period="2020-Q1").content.decode()

    assert not [c for c in cell(content, "T-A", ON_TIME)["classes"] if c.startswith("band-")]


def test_points_and_rank_columns(client, cast, figures, rubric):
    content = get(client, cast["manager"], GRID, period="2020-Q1").content.decode()

    a, b = unit_row(content, "T-A"), unit_row(content, "T-B")
    assert re.search(r'<td class="num points"[^>]*>2</td>\s*<td class="num rank">1</td>', a)
    assert re.search(r'<td class="num points"[^>]*>0</td>\s*<td class="num rank">2</td>', b)
    assert "Điểm: 2/2" in cell(content, "T-A", ON_TIME)["title"]


# --- query counts ---------------------------------------------------------------------------------


def add_departments(province, period, clerk, count: int, start: int) -> None:
    for number in range(start, start + count):
        unit = services.unit_upsert(
            code=f"T-N{number:03d}", name=f"Phòng thử nghiệm số {number}", kind=UnitKind.DEPARTMENT, parent=province
        )
        report = services.report_get_or_create(unit=unit, period=period)
        enter_ledger(report, 50 + number % 40, 10)


@pytest.mark.parametrize("name", [GRID, OVERVIEW])
def test_query_count_does_not_grow_with_units(client, cast, province, period, django_assert_max_num_queries, name):
    manager = cast["manager"]
    client.force_login(manager)
    url = reverse(name) + "?period=2020-Q1"
    add_departments(province, period, cast["clerk_a"], 3, 0)
    client.get(url)  # warm caches (sessions, content types)
    cache.clear()  # the scorecard itself is built, not served from the cache (as after any write)
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert len(response.context["scorecard"].rows) == 5

    add_departments(province, period, cast["clerk_a"], 27, 3)
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    assert len(response.context["scorecard"].rows) == 32


def add_figures(numbers) -> None:
    """Numeric figures of the catalogue: each becomes an indicator (all read by one shared source)."""
    for number in numbers:
        services.figure_definition_upsert(
            code=f"test_figure_{number}",
            name=f"Số liệu thử {number}",
            name_en="",
            area=ReformArea.INSTITUTIONS,
            unit_of_measure="văn bản",
            value_type=FigureType.INTEGER,
            measure=Measure.FLOW,
            display_order=number,
        )


def test_unit_page_query_count_does_not_grow_with_indicators(
    client, cast, unit_a, report_a, django_assert_max_num_queries
):
    enter_ledger(report_a, 99, 1)
    services.period_upsert(year=2019, quarter=4)
    add_figures([0])
    client.force_login(cast["manager"])
    url = reverse(UNIT, args=[unit_a.pk]) + "?period=2020-Q1"
    client.get(url)
    cache.clear()  # the scorecard itself is built, not served from the cache (as after any write)
    with CaptureQueriesContext(connection) as few:
        client.get(url)

    add_figures(range(1, 8))
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    assert "Số liệu thử 7" in response.content.decode()


# --- the unit page --------------------------------------------------------------------------------


def test_unit_page_shows_eight_quarters_with_chart_table_targets_and_points(
    client, cast, unit_a, report_a, legend, rubric
):
    q4 = services.period_upsert(year=2019, quarter=4)
    enter_ledger(services.report_get_or_create(unit=unit_a, period=q4), 90, 10)
    enter_ledger(report_a, 99, 1)

    response = get(client, cast["clerk_a"], UNIT, unit_a.pk, period="2020-Q1")

    assert response.status_code == 200
    assert response.context["labels"] == [
        "II/2018",
        "III/2018",
        "IV/2018",
        "I/2019",
        "II/2019",
        "III/2019",
        "IV/2019",
        "I/2020",
    ]
    content = response.content.decode()
    block = re.search(rf'data-code="{re.escape(ON_TIME)}">(.*?)</table>', content, re.S).group(1)
    assert "<svg" in block and "<title" in block
    assert "Tỷ lệ giải quyết đúng hạn — Sở Nội vụ, 8 quý gần nhất" in block
    assert "I/2020: 99,00%" in block  # the point's own title
    assert block.count("—") >= 6  # the quarters without figures
    assert "90,00%" in block and "99,00%" in block
    assert "98,00%" in block  # the target (2020); 2019 has none
    assert "2/2" in block and "1/2" in block  # the points of Q1-2020 and Q4-2019
    assert "Đạt" in block


def test_unit_page_of_a_unit_with_children_links_to_their_grid(client, cast, province, period):
    response = get(client, cast["manager"], UNIT, province.pk, period="2020-Q1")

    assert response.status_code == 200
    assert reverse(GRID) + f"?period=2020-Q1&amp;parent={province.pk}" in response.content.decode()


def test_unit_page_of_a_missing_unit_is_not_found(client, cast):
    assert get(client, cast["manager"], UNIT, 999_999).status_code == 404


# --- the overview ---------------------------------------------------------------------------------


def test_overview_has_a_card_per_reform_area(client, cast, figures):
    response = get(client, cast["manager"], OVERVIEW, period="2020-Q1")

    content = response.content.decode()
    areas = re.findall(r'<section class="card h-100 area-card" data-area="(\d)"', content)
    assert areas == ["1", "2", "3", "4", "5", "6", "7"]
    assert "Chưa có chỉ tiêu nào của lĩnh vực này." in content  # public finance: no indicator yet


def test_overview_key_figures_have_band_trend_and_chart(client, cast, figures, legend, province, period):
    q4 = services.period_upsert(year=2019, quarter=4)
    enter_ledger(services.report_get_or_create(unit=province, period=q4), 80, 20)
    enter_ledger(services.report_get_or_create(unit=province, period=period), 95, 5)  # the province's own figure

    content = get(client, cast["manager"], OVERVIEW, period="2020-Q1").content.decode()

    card = re.search(r'data-area="3".*?</section>', content, re.S).group(0)
    figure = re.search(rf'data-code="{re.escape(ON_TIME)}">(.*?)</svg>', card, re.S).group(1)
    assert "95,00%" in figure
    assert "band-yellow" in figure  # 95% is 97% of the 98% target
    assert "▲" in figure and "So với Quý IV/2019: +15,00 điểm %" in figure
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart sparkline"' in figure
    assert "IV/2019: 80,00%" in figure  # the chart's description spells out its figures
    assert "Chỉ tiêu: 98,00% (123/QĐ-UBND ngày 05/01/2020)" in figure


def test_overview_shows_submission_completeness_and_timeliness(client, cast, report_a, report_b):
    manager = cast["manager"]
    submit(report_a)  # B's report stays a draft

    response = get(client, manager, OVERVIEW, period="2020-Q1")

    [item] = response.context["summaries"]
    assert (item["summary"].expected, item["summary"].submitted) == (2, 1)
    assert "50,0%" in response.content.decode()


def test_overview_charts_the_on_time_rate_by_unit_with_a_table(client, cast, figures):
    content = get(client, cast["manager"], OVERVIEW, period="2020-Q1").content.decode()

    section = re.search(r'id="overview-on-time".*?</section>', content, re.S).group(0)
    assert 'class="chart bar-chart"' in section
    assert "<title" in section
    table = re.search(r'id="on-time-table">(.*?)</table>', section, re.S).group(1)
    assert table.index("Sở Nội vụ") < table.index("Sở Tư pháp")  # best first
    assert "99,00%" in table and "80,00%" in table
    assert "89,50%" in table  # the total, from the counts: 179 / 200


def test_overview_charts_the_rating_distribution(client, cast, province, period):
    from personnel import services as personnel_services

    report = services.report_get_or_create(unit=province, period=period)
    personnel_services.ratings_save(
        report=report,
        delete_ids=[],
        rows=[
            {
                "rating_year": 2019,
                "category": "all",
                "excellent": 10,
                "good": 60,
                "completed": 25,
                "not_completed": 5,
            }
        ],
    )
    submit(report)

    content = get(client, cast["manager"], OVERVIEW, period="2020-Q1").content.decode()

    section = re.search(r'id="overview-ratings".*?</section>', content, re.S).group(0)
    assert "năm 2019" in section and 'class="chart bar-chart"' in section
    assert "10,00%" in section and "60,00%" in section


def test_clerks_overview_is_their_own_unit(client, cast, figures):
    response = get(client, cast["clerk_a"], OVERVIEW, period="2020-Q1")

    assert response.context["scope"].unit.code == "T-A"
    content = response.content.decode()
    assert "Sở Tư pháp" not in content and "80,00%" not in content


# --- navigation -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "shown"), [("manager", True), ("viewer", True), ("clerk_a", True), ("admin", True)])
def test_navigation_links(client, cast, period, role, shown):
    content = get(client, cast[role], "unit_list").content.decode()

    assert (f'href="{reverse(OVERVIEW)}">Tổng hợp</a>' in content) is shown
    assert (f'href="{reverse(GRID)}">Bảng điểm</a>' in content) is shown


def test_no_navigation_links_for_a_user_without_a_role(client, period):
    user = get_user_model().objects.create_user("nobody", password="x")
    content = get(client, user, "unit_list").content.decode()

    assert f'href="{reverse(GRID)}"' not in content


# --- the seeded province --------------------------------------------------------------------------


@pytest.fixture
def seeded(demo_data):
    return get_user_model().objects.get(username="quanly.snv")


def test_seeded_q1_2020_grid_shows_the_published_figures(client, seeded):
    response = get(client, seeded, GRID, period="2020-Q1")

    content = response.content.decode()
    assert response.context["total"].code == "CB"
    assert cell(content, "CB-TTPVHCC", ON_TIME)["text"] == "99,38%"
    assert cell(content, "CB", ON_TIME)["text"] == "92,56%"
    assert cell(content, "CB", "cv.share_excellent")["text"] == "8,36%"
    assert cell(content, "CB", "iso.units_applying")["text"] == "72"
    assert cell(content, "CB-TTPVHCC", RECEIVED)["text"] == "2.084"
    assert "CB-TTPVHCC" in row_codes(response)


def test_seeded_q1_2020_overview_shows_the_published_figures(client, seeded):
    content = get(client, seeded, OVERVIEW, period="2020-Q1").content.decode()

    for figure in ("99,38%", "92,56%", "8,36%", ">72<"):
        assert figure in content, figure
    assert '<p class="lead mb-2" id="overview-scope">UBND tỉnh Cao Bằng</p>' in content


def test_seeded_clerk_of_the_service_centre_sees_only_its_row(client, seeded):
    clerk = get_user_model().objects.get(username="canbo.tthcc")
    response = get(client, clerk, GRID, period="2020-Q1")

    assert row_codes(response) == ["CB-TTPVHCC"]
    assert "92,56%" not in response.content.decode()


def test_a_manager_of_a_department_sees_its_subtree(client, seeded):
    office = Unit.objects.get(code="CB-VP")
    user = get_user_model().objects.create_user("quanly.vp", password="x")
    services.membership_grant(user=user, unit=office, role=Role.MANAGER)

    response = get(client, user, GRID, period="2020-Q1")

    assert row_codes(response) == ["CB-TTPVHCC"]
    assert response.context["total"].code == "CB-VP"
