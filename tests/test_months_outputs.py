"""Months in the outputs (issue 11): the quarter a manager reads is built from the months, with a figure typed
into the quarter shown beside it as a check; a span cutting a quarter marks quarterly-only figures "không có số
liệu theo tháng"; and every output says the same over a month, a quarter built from months and a run of months."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc import services
from cchc.choices import Role, UnitKind
from cchc.models import MonthlySection
from cchc.months import month_period_upsert
from conftest import fill_narrative, make_user, submit
from procedures import services as procedure_services
from tests.test_outputs_agree import quarter_ledgers


def ledger(report, *, new: int, resolved: int, carried: int = 0, on_time: int | None = None):
    on_time = resolved if on_time is None else on_time
    row = {
        "reception_point": "Bộ phận một cửa",
        "carried_over": carried,
        "received_new": new,
        "new_online": 0,
        "new_in_person": new,
        "received_total": carried + new,
        "resolved_total": resolved,
        "resolved_early": 0,
        "resolved_on_time": on_time,
        "resolved_late": resolved - on_time,
        "returned_withdrawn": 0,
        "pending_total": carried + new - resolved,
        "pending_overdue": 0,
    }
    procedure_services.ledger_rows_save(report=report, rows=[row], delete_ids=[])
    return report


@pytest.fixture
def centre(cast, province):
    MonthlySection.objects.create(
        section_key="procedures", unit_kind=UnitKind.SERVICE_CENTRE, valid_from=dt.date(2022, 1, 1)
    )
    unit = services.unit_upsert(code="T-TT", name="Trung tâm PVHCC", kind=UnitKind.SERVICE_CENTRE, parent=province)
    make_user("clerk_tt", unit=unit, role=Role.CLERK)
    return unit


def months_entered(unit, figures=((100, 90, 80), (80, 70, 70), (60, 50, 40))):
    """July–September 2022 entered and submitted: (new, resolved, resolved on time) each, carry-over chained."""
    carried = 5
    for month, (new, resolved, on_time) in zip((7, 8, 9), figures, strict=True):
        report = services.report_get_or_create(unit=unit, period=month_period_upsert(year=2022, month=month))
        submit(ledger(report, new=new, resolved=resolved, carried=carried, on_time=on_time))
        carried += new - resolved


def test_the_unit_page_shows_a_typed_quarter_beside_the_months_roll_up(client, cast, centre):
    months_entered(centre)
    quarter = services.report_get_or_create(unit=centre, period=services.period_upsert(year=2022, quarter=3))
    submit(ledger(quarter, new=200, resolved=190, carried=5))  # 240 new over the months: differs
    client.force_login(cast["admin"])
    page = client.get(reverse("scorecard_unit", args=[centre.pk]), {"period": "2022-Q3"}).content.decode()
    assert 'id="month-checks"' in page
    row = page[page.index('data-code="tthc.received_new"') :]
    row = row[: row.index("</tr>")]
    assert "240" in row and "200" in row and "khác số tổng hợp từ các tháng" in row
    carried = page[page.index('data-code="tthc.carried_over"') :]
    assert "khớp" in carried[: carried.index("</tr>")]


def test_no_check_table_where_nothing_is_reported_monthly(client, cast, unit_a):
    report = services.report_get_or_create(unit=unit_a, period=services.period_upsert(year=2022, quarter=3))
    submit(ledger(report, new=10, resolved=10))
    client.force_login(cast["admin"])
    page = client.get(reverse("scorecard_unit", args=[unit_a.pk]), {"period": "2022-Q3"}).content.decode()
    assert 'id="month-checks"' not in page


def test_a_span_cutting_a_quarter_marks_quarterly_only_figures_in_every_output(cast, centre, tmp_path):
    """July–August 2022 cuts Q3: the centre's ledger (monthly) shows its rates; its officials' ratings (reported
    quarterly) read "không có số liệu theo tháng" on the scorecard, the grid's cells, the CSV, the workbook and
    the narrative, not as not reported."""
    import openpyxl
    from django.core.management import call_command
    from django.utils import translation

    from reports.builder import scorecard_build
    from reports.narrative import narrative_build
    from reports.periods import PeriodSpan
    from reports.templatetags.reports_tags import cell_value

    months_entered(centre)
    span = PeriodSpan.parse("2022-07-01..2022-08-31", months=True)
    assert span.cut_quarters == [(2022, 3)]
    with translation.override("vi"):
        card = scorecard_build(span=span, units=[centre])
        cells, columns = card.rows[0].cells, {c.code: c for c in card.columns}
        assert cells["tthc.resolved_rate"].value is not None and not cells["tthc.resolved_rate"].no_monthly
        rated = cells["cv.share_good"]
        assert rated.value is None and rated.no_monthly
        assert cell_value(rated, columns["cv.share_good"]) == "không có số liệu theo tháng"
        assert cell_value(cells["tthc.resolved_rate"], columns["tthc.resolved_rate"]) != "không có số liệu theo tháng"
        whole = scorecard_build(span=PeriodSpan.parse("2022-Q3"), units=[centre]).rows[0].cells
        assert whole["cv.share_good"].value is None and not whole["cv.share_good"].no_monthly  # just not reported

        text = narrative_build(span=span, scope=centre).text
        assert "không có số liệu theo tháng" in text
        assert "không có số liệu theo tháng" not in narrative_build(span=PeriodSpan.parse("2022-Q3"), scope=centre).text

        for name in ("thang.csv", "thang.xlsx"):
            call_command("export_report", "--period", span.code, "--output", str(tmp_path / name))
    assert "không có số liệu theo tháng" in (tmp_path / "thang.csv").read_text(encoding="utf-8-sig")
    book = openpyxl.load_workbook(tmp_path / "thang.xlsx")
    texts = {cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row}
    assert "không có số liệu theo tháng" in texts


# --- all outputs agree over months (the property of tests/test_outputs_agree.py, for month spans) -----------------


@pytest.mark.parametrize("kind", ["month", "quarter", "run"])
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_output_agrees_over_months(db, cast, province, tmp_path, kind, data):
    """Three centres enter their ledger monthly (January to the n-th month of 2020, approved); a month, the quarter
    built from its months, and a run of months read the same in the scorecard, the workbook, the CSV and the
    narrative, and equal the hand computation over the months."""
    import csv
    import io

    import openpyxl
    from django.core.management import call_command
    from django.db import transaction

    from reports.builder import scorecard_build
    from reports.narrative import narrative_build
    from reports.periods import PeriodSpan
    from reports.registry import by_code
    from reports.tests.test_export import summary_table
    from tests.test_outputs_agree import ON_TIME, RECEIVED, as_number, expected, vn

    count = data.draw(st.integers(3 if kind == "quarter" else 1, 5))  # the quarter: its three months at least
    per_unit = data.draw(st.lists(quarter_ledgers(count), min_size=3, max_size=3))
    with transaction.atomic():
        MonthlySection.objects.create(
            section_key="procedures", unit_kind=UnitKind.SERVICE_CENTRE, valid_from=dt.date(2020, 1, 1)
        )
        units = []
        for code in ("TT-A", "TT-B", "TT-C"):
            unit = services.unit_upsert(
                code=code, name=f"Trung tâm {code}", kind=UnitKind.SERVICE_CENTRE, parent=province
            )
            services.membership_grant(user=cast["clerk_a"], unit=unit, role=Role.CLERK)
            units.append(unit)
        cast["clerk_a"].__dict__.pop("_cchc_memberships", None)
        for unit, ledgers in zip(units, per_unit, strict=True):
            for month, ledger in enumerate(ledgers, start=1):
                report = services.report_get_or_create(unit=unit, period=month_period_upsert(year=2020, month=month))
                procedure_services.ledger_rows_save(report=report, rows=[ledger], delete_ids=[])
                report = services.report_submit(report=fill_narrative(report, cast["clerk_a"]), user=cast["clerk_a"])
                services.report_approve(report=report, user=cast["manager"])
        if kind == "month":
            span, chosen = PeriodSpan.parse(f"2020-{count:02d}", months=True), slice(count - 1, count)
        elif kind == "quarter":
            span, chosen = PeriodSpan.parse("2020-Q1"), slice(0, 3)
        else:
            last = dt.date(2020, count + 1, 1) - dt.timedelta(days=1)
            span, chosen = PeriodSpan.parse(f"2020-01-01..{last.isoformat()}", months=True), slice(0, count)
        hand = [expected(ledgers[chosen]) for ledgers in per_unit]

        indicators = [by_code()[c] for c in ("tthc.dossiers_received", "tthc.on_time_rate")]
        card = scorecard_build(span=span, units=units, indicators=indicators)
        output = tmp_path / "report.xlsx"
        call_command("export_report", period=span.code, format="xlsx", output=str(output), verbosity=0)
        headers, rows = summary_table(openpyxl.load_workbook(output)["Tổng hợp"])
        book = openpyxl.load_workbook(output)["Tổng hợp"]
        csv_path = tmp_path / "report.csv"
        call_command("export_report", period=span.code, format="csv", output=str(csv_path), verbosity=0)
        table = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
        csv_rows = {line[1]: dict(zip(table[0], line, strict=False)) for line in table[1:]}

        def csv_value(code: str, header: str):
            [column] = [h for h in table[0] if h.startswith(header.rsplit(" (", 1)[0])]
            return as_number(csv_rows[code][column])

        for unit, want, row in zip(units, hand, card.rows, strict=True):
            rate = Decimal(want["in_time"]) / want["resolved"] if want["resolved"] else None
            assert row.cells["tthc.dossiers_received"].value == want["received"]
            assert as_number(book.cell(rows[unit.code], headers[RECEIVED]).value) == want["received"]
            assert csv_value(unit.code, RECEIVED) == want["received"]
            if rate is None:
                assert row.cells["tthc.on_time_rate"].value is None
            else:
                assert row.cells["tthc.on_time_rate"].value == rate
                assert abs(as_number(book.cell(rows[unit.code], headers[ON_TIME]).value) - rate) < Decimal("1e-9")
                assert abs(csv_value(unit.code, ON_TIME) - rate) <= Decimal("0.00005")
            text = narrative_build(span=span, scope=unit).text
            assert f"tiếp nhận {vn(want['received'])} hồ sơ" in text
            assert f"đang giải quyết {vn(want['pending'])} hồ sơ" in text
        assert card.total.cells["tthc.dossiers_received"].value == sum(w["received"] for w in hand)
        assert card.approved == len(units)  # every month approved: the quarter built from them too
        transaction.set_rollback(True)
