"""Month periods (issue 11): stored beside the quarters, kept apart from them, rolled up by the figure layer."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from cchc import services
from cchc.figures import figures_read
from cchc.models import Period
from cchc.months import month_dates, month_period_upsert


def test_a_month_is_stored_with_its_quarter_and_dates(db):
    august = month_period_upsert(year=2022, month=8)
    assert (august.year, august.quarter, august.month) == (2022, 3, 8)
    assert (august.start_date, august.end_date) == (dt.date(2022, 8, 1), dt.date(2022, 8, 31))
    assert august.deadline == dt.date(2022, 9, 5)
    assert august.code == "2022-08"
    assert august.key == (2022, 3, 8)
    assert month_period_upsert(year=2022, month=8) == august  # idempotent
    assert month_dates(2024, 2)["end_date"] == dt.date(2024, 2, 29)
    with translation.override("vi"):
        assert str(august) == "Tháng 8/2022"


def test_months_and_their_quarter_live_side_by_side_and_quarters_stay_unambiguous(db):
    quarter = services.period_upsert(year=2022, quarter=3)
    months = [month_period_upsert(year=2022, month=m) for m in (7, 8, 9)]
    # Every (year, quarter) lookup written before months existed still finds the one quarter.
    assert Period.objects.get(year=2022, quarter=3) == quarter
    assert services.period_upsert(year=2022, quarter=3) == quarter
    assert set(Period.every.filter(year=2022, quarter=3)) == {quarter, *months}
    assert list(Period.every.filter(year=2022)) == [quarter, months[2], months[1], months[0]]


def test_the_database_refuses_a_second_month_and_a_month_outside_its_quarter(db):
    month_period_upsert(year=2022, month=8)
    with pytest.raises(IntegrityError), transaction.atomic():
        Period.every.create(year=2022, quarter=3, month=8, **month_dates(2022, 8))
    with pytest.raises(IntegrityError), transaction.atomic():
        Period.every.create(year=2022, quarter=2, month=8, **month_dates(2022, 8))
    with pytest.raises(IntegrityError), transaction.atomic():
        Period.every.create(year=2022, quarter=3, month=13, **month_dates(2022, 8))


def test_a_month_expects_reports_only_from_the_kinds_with_a_monthly_section(unit_a, unit_b, province):
    from cchc.choices import UnitKind
    from cchc.models import MonthlySection, Report

    assert services.period_reports_ensure(period=month_period_upsert(year=2022, month=7)) == 0
    MonthlySection.objects.create(
        section_key="procedures", unit_kind=UnitKind.DEPARTMENT, valid_from=dt.date(2022, 8, 1), deadline_days=7
    )
    august = month_period_upsert(year=2022, month=8)
    assert august.deadline == dt.date(2022, 9, 7)  # the setting's days after the month
    assert services.period_reports_ensure(period=august) == 2
    assert set(Report.objects.filter(period=august).values_list("unit_id", flat=True)) == {unit_a.pk, unit_b.pk}
    from cchc.months import monthly_sections

    assert monthly_sections(UnitKind.DEPARTMENT, dt.date(2022, 8, 1)) == {"procedures"}
    assert monthly_sections(UnitKind.DEPARTMENT, dt.date(2022, 7, 1)) == set()  # from August on
    assert monthly_sections(UnitKind.PROVINCE, dt.date(2022, 8, 1)) == set()


def test_a_monthly_section_names_a_section_of_the_report_page(db):
    from django.core.exceptions import ValidationError

    from cchc.models import MonthlySection

    with pytest.raises(ValidationError, match="Không có mục"):
        MonthlySection(section_key="khong-co", valid_from=dt.date(2022, 1, 1)).full_clean()


def _ledger(report, *, carried: int, new: int, resolved: int, returned: int) -> None:
    from procedures import services as procedure_services

    received = carried + new
    row = {
        "reception_point": "Bộ phận một cửa",
        "carried_over": carried,
        "received_new": new,
        "new_online": 0,
        "new_in_person": new,
        "received_total": received,
        "resolved_total": resolved,
        "returned_withdrawn": returned,
        "pending_total": received - resolved - returned,
    }
    procedure_services.ledger_rows_save(report=report, rows=[row], delete_ids=[])


def test_three_months_roll_up_to_the_quarter_typed_as_one(cast, unit_a, unit_b):
    """Flows summed, stocks from the last month, opening from the first: the same as the quarter typed whole."""
    from cchc.choices import UnitKind
    from cchc.models import MonthlySection

    MonthlySection.objects.create(
        section_key="procedures", unit_kind=UnitKind.DEPARTMENT, valid_from=dt.date(2022, 1, 1), valid_to=None
    )
    centre = services.unit_upsert(code="T-TT", name="Trung tâm PVHCC", kind=UnitKind.SERVICE_CENTRE)
    months = [(10, 100, 90, 5), (15, 80, 85, 0), (10, 60, 50, 10)]  # carried, new, resolved, returned
    for month, (carried, new, resolved, returned) in zip((7, 8, 9), months, strict=True):
        report = services.report_get_or_create(unit=unit_a, period=month_period_upsert(year=2022, month=month))
        _ledger(report, carried=carried, new=new, resolved=resolved, returned=returned)
    quarter = services.report_get_or_create(unit=centre, period=services.period_upsert(year=2022, quarter=3))
    _ledger(quarter, carried=10, new=240, resolved=225, returned=15)

    keys = [(2022, 3, 7), (2022, 3, 8), (2022, 3, 9)]
    data = figures_read(unit_ids=[unit_a.pk, centre.pk], quarters=[*keys, (2022, 3)], drafts=True)
    by_months = data.span(unit_a.pk, keys)
    as_quarter = data.span(centre.pk, [(2022, 3)])
    tthc = [key for key in as_quarter if key.startswith("tthc.")]
    assert {key: by_months[key] for key in tthc} == {key: as_quarter[key] for key in tthc}
    assert by_months["tthc.carried_over"] == 10  # opening: the first month's
    assert by_months["tthc.received_new"] == 240  # flow: summed
    assert data.as_of(unit_a.pk, keys, "tthc.received_new") == (2022, 3, 9)
    # The quarter of the monthly section is the roll-up of its months; the months never show the centre's quarter.
    assert data.span(unit_a.pk, [(2022, 3)]) == by_months
    assert data.span(centre.pk, keys) == {}


def test_carry_over_compares_with_the_month_before_and_across_the_quarter_with_its_last_month(cast, unit_a):
    from procedures.selectors import pending_previous

    june_quarter = services.report_get_or_create(unit=unit_a, period=services.period_upsert(year=2022, quarter=2))
    _ledger(june_quarter, carried=0, new=100, resolved=70, returned=0)  # pending 30 at the end of Q2
    july = services.report_get_or_create(unit=unit_a, period=month_period_upsert(year=2022, month=7))
    assert pending_previous(report=july) == {"Bộ phận một cửa": 30}  # the quarter reported whole before the first month
    _ledger(july, carried=30, new=50, resolved=60, returned=0)  # pending 20
    august = services.report_get_or_create(unit=unit_a, period=month_period_upsert(year=2022, month=8))
    assert pending_previous(report=august) == {"Bộ phận một cửa": 20}  # the month before
    september = services.report_get_or_create(unit=unit_a, period=month_period_upsert(year=2022, month=9))
    _ledger(september, carried=0, new=40, resolved=25, returned=0)  # pending 15
    october = services.report_get_or_create(unit=unit_a, period=month_period_upsert(year=2022, month=10))
    assert pending_previous(report=october) == {"Bộ phận một cửa": 15}  # across the quarter: the last month of Q3
    fourth = services.report_get_or_create(unit=unit_a, period=services.period_upsert(year=2022, quarter=4))
    assert pending_previous(report=fourth) == {"Bộ phận một cửa": 15}  # Q3 was reported monthly: its last month
