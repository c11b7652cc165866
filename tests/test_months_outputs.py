"""Months in the outputs (issue 11): the quarter a manager reads is built from the months, with a figure typed
into the quarter shown beside it as a check; a span cutting a quarter marks quarterly-only figures "không có số
liệu theo tháng"; and every output says the same over a month, a quarter built from months and a run of months."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cchc import services
from cchc.choices import Role, UnitKind
from cchc.models import MonthlySection
from cchc.months import month_period_upsert
from conftest import make_user, submit
from procedures import services as procedure_services


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
