"""One source for every number (issue 10): outputs agree because they read the same figure layer.

A 9-month span of three ledgers with carry-over shows the same received, resolved, pending and rates in the
grid, the unit page, the workbook and the narrative; the seeded "late share" and an indicator an admin
defines in Django admin (no code) show in the grid and the workbook.
"""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from cchc import services
from cchc.choices import Role
from cchc.figures import figure_keys_all
from cchc.formulas import Formula, FormulaError
from cchc.models import Unit
from conftest import fill_narrative, make_user, submit
from procedures import services as procedure_services
from reports.models import IndicatorDefinition
from reports.tests.test_export import summary_table
from reports.tests.test_views import cell

NINE_MONTHS = "2020-9M"
# (carried over as typed or None, received total, early, on time, late, pending, overdue) per quarter
LEDGERS = [
    (10, 100, 10, 65, 5, 20, 3),
    (20, 70, 5, 50, 5, 10, 2),
    (None, 40, 0, 30, 5, 5, 1),  # carry-over not typed: the previous quarter's 10 pending are inferred
]
RECEIVED = 10 + 90 + 50 + 30  # the first quarter's carry-over + every quarter's new dossiers, counted once
RESOLVED = 80 + 60 + 35
IN_TIME = 75 + 55 + 30


def ledger_row(carried, received, early, on_time, late, pending, overdue) -> dict:
    return {
        "reception_point": "Bộ phận một cửa",
        "carried_over": carried,
        "received_new": None if carried is None else received - carried,
        "received_total": received,
        "resolved_early": early,
        "resolved_on_time": on_time,
        "resolved_late": late,
        "resolved_total": early + on_time + late,
        "pending_total": pending,
        "pending_within": pending - overdue,
        "pending_overdue": overdue,
        "returned_withdrawn": 0,
    }


@pytest.fixture
def nine_months(cast, unit_a):
    """Three approved quarters of unit A's one-stop ledger."""
    for quarter, values in enumerate(LEDGERS, start=1):
        period = services.period_upsert(year=2020, quarter=quarter)
        report = services.report_get_or_create(unit=unit_a, period=period)
        procedure_services.ledger_rows_save(report=report, rows=[ledger_row(*values)], delete_ids=[])
        report = fill_narrative(report, cast["clerk_a"])
        report = services.report_submit(report=report, user=cast["clerk_a"])
        services.report_approve(report=report, user=cast["manager"])
    return unit_a


def page(client, user, name, *args, **params) -> str:
    client.force_login(user)
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200
    return response.content.decode()


def percent(numerator, denominator) -> str:
    value = (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.01"))
    return f"{value:.2f}".replace(".", ",") + "%"


def workbook(tmp_path, period, scope="") -> openpyxl.Workbook:
    output = tmp_path / "report.xlsx"
    call_command("export_report", period=period, format="xlsx", output=str(output), scope=scope, verbosity=0)
    return openpyxl.load_workbook(output)


def summary_value(book, header: str, unit_code: str):
    headers, rows = summary_table(book["Tổng hợp"])
    return book["Tổng hợp"].cell(rows[unit_code], headers[header]).value


def test_a_nine_month_span_reads_the_same_in_grid_unit_page_workbook_and_narrative(client, cast, nine_months, tmp_path):
    manager = cast["manager"]
    grid = page(client, manager, "scorecard_grid", period=NINE_MONTHS)
    assert cell(grid, "T-A", "tthc.dossiers_received")["text"] == "180"
    assert cell(grid, "T-A", "tthc.resolved_rate")["text"].startswith(percent(RESOLVED, RECEIVED))
    assert cell(grid, "T-A", "tthc.on_time_rate")["text"].startswith(percent(IN_TIME, RESOLVED))
    assert cell(grid, "T-A", "tthc.pending_overdue")["text"] == "1"  # a stock: the last quarter's

    # The unit page shows each quarter of the span: the same per-quarter values as the grid of that quarter.
    unit_page = unescape(page(client, manager, "scorecard_unit", nine_months.pk, period=NINE_MONTHS))
    for quarter, (_c, _r, early, on_time, late, _p, _o) in enumerate(LEDGERS, start=1):
        quarter_grid = page(client, manager, "scorecard_grid", period=f"2020-Q{quarter}")
        shown = cell(quarter_grid, "T-A", "tthc.on_time_rate")["text"]
        assert shown.startswith(percent(early + on_time, early + on_time + late))
        assert f"{['I', 'II', 'III'][quarter - 1]}/2020: {shown.rstrip('*').strip()}" in unit_page

    book = workbook(tmp_path, NINE_MONTHS)
    received = summary_value(book, "Hồ sơ tiếp nhận (kể cả kỳ trước chuyển sang) (hồ sơ)", "T-A")
    assert received == RECEIVED
    assert summary_value(book, "Tỷ lệ hồ sơ đã giải quyết (%)", "T-A") == pytest.approx(RESOLVED / RECEIVED)
    assert summary_value(book, "Tỷ lệ giải quyết đúng hạn (%)", "T-A") == pytest.approx(IN_TIME / RESOLVED)

    narrative = unescape(page(client, manager, "narrative_report", period=NINE_MONTHS, scope=nine_months.pk))
    text = re.sub(r"<[^>]+>", " ", narrative)
    text = re.sub(r"\s+", " ", text)
    # Received, late and pending: the same numbers as the grid's and the workbook's.
    assert "đã tiếp nhận 180 hồ sơ" in text and "trễ hạn 15 hồ sơ" in text and "đang giải quyết 5 hồ sơ" in text


# --- indicators as formulas -------------------------------------------------------------------------------


@pytest.fixture
def demo(demo_data):
    """The demo data (conftest.py: seed_demo, once per module)."""


@pytest.fixture
def province_manager(demo):
    return make_user("quanly.thu", Unit.objects.get(code="CB"), Role.MANAGER)


def test_the_seeded_late_share_shows_in_the_grid_and_the_workbook(client, province_manager, tmp_path):
    grid = page(client, province_manager, "scorecard_grid", period="2020-Q1")
    assert cell(grid, "CB-TTPVHCC", "tthc.late_share")["text"].startswith("0,62%")  # 10 of 1.614
    book = workbook(tmp_path, "2020-Q1")
    assert summary_value(book, "Tỷ lệ hồ sơ giải quyết trễ hạn (%)", "CB-TTPVHCC") == pytest.approx(10 / 1614)


def test_an_admin_defines_an_indicator_without_code_and_it_shows_everywhere(client, demo, tmp_path):
    admin = make_user("quantri", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(
        reverse("admin:reports_indicatordefinition_add"),
        {
            "code": "tthc.pending_share",
            "name": "Tỷ lệ hồ sơ đang giải quyết",
            "name_en": "Pending share of received",
            "area": "3",
            "unit_of_measure": "%",
            "numerator": "tthc.pending_total",
            "denominator": "tthc.received_total",
            "decimals": "2",
            "direction": "lower",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert IndicatorDefinition.objects.filter(code="tthc.pending_share").exists()
    grid = page(client, admin, "scorecard_grid", period="2020-Q1")
    assert cell(grid, "CB-TTPVHCC", "tthc.pending_share")["text"].startswith("22,55%")  # 470 of 2.084
    book = workbook(tmp_path, "2020-Q1")
    assert summary_value(book, "Tỷ lệ hồ sơ đang giải quyết (%)", "CB-TTPVHCC") == pytest.approx(470 / 2084)


@pytest.mark.parametrize(
    ("numerator", "message"),
    [
        ("tthc.not_a_figure", "Số liệu “tthc.not_a_figure” chưa được khai báo."),
        ("tthc.resolved_total + cv.rated", "khác đơn vị tính"),
        ("tthc.pending_total + tthc.resolved_total", "Số liệu “tthc.pending_total” là số tại thời điểm"),
        ("tthc.resolved_total +", "Công thức kết thúc giữa chừng."),
    ],
)
def test_the_admin_form_refuses_a_formula_that_does_not_fit_and_names_the_figure(client, db, numerator, message):
    admin = make_user("quantri", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(
        reverse("admin:reports_indicatordefinition_add"),
        {
            "code": "x.bad",
            "name": "Sai",
            "area": "3",
            "unit_of_measure": "%",
            "numerator": numerator,
            "denominator": "tthc.received_total",
            "decimals": "2",
            "direction": "higher",
        },
    )
    assert response.status_code == 200
    assert message in unescape(response.content.decode())
    assert not IndicatorDefinition.objects.filter(code="x.bad").exists()


def test_every_standard_indicator_is_a_valid_formula(db):
    keys = figure_keys_all()
    standard = IndicatorDefinition.objects.filter(standard=True)
    assert standard.count() >= 11
    for definition in standard:
        definition.full_clean()
        Formula(definition.numerator).check(keys)


def test_a_zero_denominator_is_no_value_not_an_error():
    assert Formula("a / b").evaluate({"a": Decimal(1), "b": Decimal(0)}) is None
    assert Formula("a - (b * 2)").evaluate({"a": Decimal(5), "b": Decimal(2)}) == 1
    with pytest.raises(FormulaError):
        Formula("a ** b")


def test_other_outcomes_and_online_levels_survive_the_roll_up(cast, unit_a):
    """Per-level rows stay per level over a span, and processed counts the other outcomes."""
    from cchc.figures import figures_read
    from reports.registry import by_code

    rows = {
        1: {"received_new": 50, "new_online": 30, "new_online_partial": 10, "new_online_full": 20, "other": 5},
        2: {"received_new": 40, "new_online": 20, "new_online_partial": 5, "new_online_full": 15, "other": 0},
    }
    for quarter, values in rows.items():
        period = services.period_upsert(year=2020, quarter=quarter)
        report = services.report_get_or_create(unit=unit_a, period=period)
        received = values["received_new"]
        row = {
            "reception_point": "Bộ phận một cửa",
            "carried_over": 0,
            "received_new": received,
            "new_online": values["new_online"],
            "new_in_person": received - values["new_online"],
            "new_online_partial": values["new_online_partial"],
            "new_online_full": values["new_online_full"],
            "received_total": received,
            "resolved_total": received - values["other"] - 2,
            "returned_withdrawn": 2,
            "other_outcomes": values["other"],
            "other_outcomes_note": "Chuyển cơ quan khác xử lý" if values["other"] else "",
            "pending_total": 0,
        }
        procedure_services.ledger_rows_save(report=report, rows=[row], delete_ids=[])
        submit(report)  # the figure read leaves drafts out
    data = figures_read(unit_ids=[unit_a.pk], quarters=[(2020, 1), (2020, 2)])
    span = data.span(unit_a.pk, [(2020, 1), (2020, 2)])
    assert span["tthc.received_new@online_level:partial"] == 15
    assert span["tthc.received_new@online_level:full"] == 35
    assert span["tthc.received_new@channel:online"] == 50
    assert span["tthc.other_outcomes"] == 5
    assert span["tthc.processed"] == 90  # resolved 81 + returned 4 + other 5
    share = by_code()["tthc.resolved_share_processed"].evaluate(span)
    assert (share.numerator, share.denominator) == (81, 90)
    # The narrative says the breakdowns ("trong đó …") with the same numbers.
    from reports.narrative import narrative_build
    from reports.periods import PeriodSpan

    text = narrative_build(span=PeriodSpan.parse("2020-H1"), scope=unit_a).text
    assert "kết quả khác 5 hồ sơ" in text
    assert "tiếp nhận mới trực tuyến 50 hồ sơ (toàn trình 35, một phần 15)" in text
