"""ISO services and selectors: the register keeps its status history, bad input saves nothing, the register
is read as it stood at the end of a period, over the reporting unit's subtree, in one query."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc import services as cchc_services
from cchc.choices import UnitKind
from iso import selectors, services
from iso.choices import IsoStandard, IsoStatus
from iso.models import IsoAdoption, IsoFigures
from iso.tests.helpers import IN_Q1, SCOPE, adopt, at, child_unit

# --- the register ---------------------------------------------------------------------------------


def test_upsert_creates_then_updates_the_one_row_of_the_unit(unit_a, cast):
    first = services.adoption_upsert(unit=unit_a, standard=IsoStandard.ISO_9001_2008, scope=SCOPE, user=cast["admin"])
    second = services.adoption_upsert(
        unit=unit_a,
        standard=IsoStandard.ISO_9001_2008,
        scope=SCOPE,
        status=IsoStatus.APPLIED,
        electronic=True,
        user=cast["admin"],
    )

    assert first.pk == second.pk
    assert IsoAdoption.objects.count() == 1
    row = IsoAdoption.objects.get()
    assert (row.status, row.electronic) == (IsoStatus.APPLIED, True)
    assert [h.status for h in row.history.order_by("history_date")] == [IsoStatus.BUILDING, IsoStatus.APPLIED]
    assert row.history.latest().history_user == cast["admin"]


def test_upsert_with_nothing_changed_records_no_history(unit_a):
    adopt(unit_a)
    adopt(unit_a)

    assert IsoAdoption.objects.get().history.count() == 1


def test_status_history_is_kept_through_the_transition_to_2015(unit_a, cast):
    row = adopt(unit_a, standard=IsoStandard.ISO_9001_2008, status=IsoStatus.BUILDING, when=at(2017, 1, 5))
    row = services.adoption_set_status(adoption=row, status=IsoStatus.APPLIED, at=at(2017, 6, 1))
    row = services.adoption_set_status(
        adoption=row,
        status=IsoStatus.ANNOUNCED,
        announcement_number="88/QĐ-SNV",
        announced_on=dt.date(2017, 12, 20),
        at=at(2017, 12, 20),
    )
    row = services.adoption_set_status(
        adoption=row,
        status=IsoStatus.TRANSITIONING,
        at=at(2019, 3, 1),
        user=cast["admin"],
        reason="Bắt đầu chuyển đổi theo kế hoạch năm 2019",
    )
    row = services.adoption_set_status(
        adoption=row,
        status=IsoStatus.ANNOUNCED,
        standard=IsoStandard.ISO_9001_2015,
        announcement_number="41/QĐ-SNV",
        announced_on=dt.date(2020, 3, 2),
        at=at(2020, 3, 2),
    )

    history = list(row.history.order_by("history_date").values_list("status", "standard", "announcement_number"))
    assert history == [
        ("building", "9001:2008", ""),
        ("applied", "9001:2008", ""),
        ("announced", "9001:2008", "88/QĐ-SNV"),
        ("transitioning", "9001:2008", "88/QĐ-SNV"),
        ("announced", "9001:2015", "41/QĐ-SNV"),
    ]
    transition = row.history.get(status=IsoStatus.TRANSITIONING)
    assert transition.history_user == cast["admin"]
    assert transition.history_change_reason == "Bắt đầu chuyển đổi theo kế hoạch năm 2019"
    # As it stood at any moment, from the history.
    assert IsoAdoption.history.as_of(at(2019, 6, 30)).get(unit=unit_a).status == IsoStatus.TRANSITIONING


def test_a_back_dated_write_does_not_back_date_the_next_one(unit_a):
    row = adopt(unit_a, when=at(2018, 1, 1))
    row.electronic = True
    row.save()  # e.g. an admin's later edit of the same object

    dates = list(row.history.order_by("history_date").values_list("history_date", flat=True))
    assert dates[0] == at(2018, 1, 1) and dates[1].year > 2020


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"status": IsoStatus.ANNOUNCED}, "announcement_number"),
        (
            {"status": IsoStatus.ANNOUNCED, "announcement_number": "41-QĐ", "announced_on": dt.date(2020, 3, 2)},
            "announcement_number",
        ),
        ({"status": IsoStatus.TRANSITIONING}, "standard"),
        (
            {"status": IsoStatus.ANNOUNCED, "announcement_number": "41/QĐ-SNV", "announced_on": dt.date(2099, 1, 1)},
            "announced_on",
        ),
    ],
    ids=["announced without decision", "number in wrong shape", "2015 cannot transition", "future date"],
)
def test_a_refused_status_change_saves_nothing(unit_a, changes, field):
    row = adopt(unit_a, standard=IsoStandard.ISO_9001_2015)

    with pytest.raises(ValidationError) as exc:
        services.adoption_set_status(adoption=row, **changes)

    assert field in exc.value.message_dict
    row.refresh_from_db()
    assert row.status == IsoStatus.APPLIED and row.history.count() == 1


def test_a_refused_new_row_saves_nothing(unit_a):
    with pytest.raises(ValidationError) as exc:
        services.adoption_upsert(
            unit=unit_a,
            standard=IsoStandard.ISO_9001_2015,
            scope=SCOPE,
            announcement_number="QĐ 125",
            announced_on=dt.date(2019, 1, 1),
        )

    assert exc.value.message_dict["announcement_number"] == [
        "Số hiệu văn bản “QĐ 125” không đúng định dạng (ví dụ: 57/QĐ-UBND, 108/2014/NĐ-CP)."
    ]
    assert not IsoAdoption.objects.exists() and not IsoAdoption.history.exists()


# --- the report's figures -------------------------------------------------------------------------


def update(report, user, apply):
    return cchc_services.report_update(report=report, user=user, expected_version=report.version, apply=apply)


def test_figures_save_creates_then_updates(report_a, cast):
    update(report_a, cast["clerk_a"], lambda r: services.iso_figures_save(report=r, values={"units_applying": 5}))
    report_a.refresh_from_db()
    update(
        report_a,
        cast["clerk_a"],
        lambda r: services.iso_figures_save(report=r, values={"units_applying": 6, "units_on_2015": 4}),
    )

    figures = IsoFigures.objects.get(report=report_a)
    assert (figures.units_applying, figures.units_on_2015, figures.units_transitioning) == (6, 4, None)
    assert figures.history.count() == 2


def test_figures_save_refuses_a_part_above_the_total_and_saves_nothing(report_a, cast):
    with pytest.raises(ValidationError):
        update(
            report_a,
            cast["clerk_a"],
            lambda r: services.iso_figures_save(report=r, values={"units_applying": 2, "units_announced": 3}),
        )

    assert not IsoFigures.objects.exists()
    report_a.refresh_from_db()
    assert report_a.version == 1


def test_seed_saves_the_articles_72_units_typed(report_a, cast):
    from seeds.iso import q1_2020_province_values, save_q1_2020

    assert q1_2020_province_values() == {"units_applying": 72}
    update(report_a, cast["clerk_a"], save_q1_2020)

    figures = IsoFigures.objects.get(report=report_a)
    assert (figures.units_applying, figures.units_on_2015, figures.units_announced) == (72, None, None)
    assert not IsoAdoption.objects.exists()  # no adoption is invented


# --- the register's figures for a report ----------------------------------------------------------


@pytest.fixture
def register(province, unit_a, unit_b, unit_c, archive):
    """Q1-2020: unit A announced on 2015 this quarter, its archive transitioning, unit B building, unit C
    (another province) applying."""
    adopt(unit_a, status=IsoStatus.ANNOUNCED, announcement_number="41/QĐ-SNV", announced_on=dt.date(2020, 3, 2))
    adopt(archive, status=IsoStatus.TRANSITIONING, standard=IsoStandard.ISO_9001_2008)
    adopt(unit_b, status=IsoStatus.BUILDING)
    adopt(unit_c)


def report_of(unit, period):
    return cchc_services.report_get_or_create(unit=unit, period=period)


def test_register_figures_count_the_reporting_units_subtree(register, province, unit_a, unit_b, period):
    assert selectors.register_figures(report=report_of(province, period)) == {
        "units_applying": 2,
        "units_on_2015": 1,
        "units_transitioning": 1,
        "units_announced": 1,
    }
    assert selectors.register_figures(report=report_of(unit_a, period)) == {
        "units_applying": 2,
        "units_on_2015": 1,
        "units_transitioning": 1,
        "units_announced": 1,
    }
    # Unit B's system is being built: the register covers it, with zeros (not "not reported").
    assert selectors.register_figures(report=report_of(unit_b, period)) == {
        "units_applying": 0,
        "units_on_2015": 0,
        "units_transitioning": 0,
        "units_announced": 0,
    }


def test_register_figures_are_empty_when_the_subtree_has_no_row(register, province, period):
    lonely = child_unit(province, "T-D", "Sở Xây dựng", kind=UnitKind.DEPARTMENT)

    assert selectors.register_figures(report=report_of(lonely, period)) == {}


def test_announced_counts_only_announcements_within_the_quarter(unit_a, unit_b, province, period):
    adopt(unit_a, status=IsoStatus.ANNOUNCED, announcement_number="41/QĐ-SNV", announced_on=dt.date(2020, 3, 31))
    adopt(unit_b, status=IsoStatus.ANNOUNCED, announcement_number="9/QĐ-STP", announced_on=dt.date(2019, 12, 31))

    figures = selectors.register_figures(report=report_of(province, period))
    assert (figures["units_applying"], figures["units_announced"]) == (2, 1)


def test_the_register_is_read_as_it_stood_at_the_end_of_the_period(unit_a, province, period):
    """A change after the quarter does not rewrite it; a row recorded after the quarter is not in it."""
    row = adopt(unit_a, status=IsoStatus.APPLIED)
    services.adoption_set_status(adoption=row, status=IsoStatus.DISCONTINUED, at=at(2020, 4, 15))
    later = child_unit(province, "T-D", "Sở Xây dựng", kind=UnitKind.DEPARTMENT)
    adopt(later, when=at(2020, 5, 1))
    next_quarter = cchc_services.period_upsert(year=2020, quarter=2)

    assert selectors.register_figures(report=report_of(province, period))["units_applying"] == 1
    assert selectors.register_figures(report=report_of(later, period)) == {}
    assert selectors.register_figures(report=report_of(province, next_quarter))["units_applying"] == 1  # only "later"
    assert selectors.register_figures(report=report_of(unit_a, next_quarter))["units_applying"] == 0


def test_units_no_longer_active_at_the_period_end_are_not_counted(province, period):
    merged = child_unit(province, "T-M", "UBND huyện Cũ", kind=UnitKind.DISTRICT, valid_to=dt.date(2020, 1, 31))
    adopt(merged)

    assert selectors.register_figures(report=report_of(province, period)) == {}


def test_register_figures_cost_one_query_whatever_the_register_holds(province, period, register):
    report = report_of(province, period)
    report = type(report).objects.select_related("unit", "period").get(pk=report.pk)
    with CaptureQueriesContext(connection) as few:
        selectors.register_figures(report=report)
    for number in range(10):
        adopt(child_unit(province, f"T-N{number}", f"Phòng {number}"), when=IN_Q1 + dt.timedelta(hours=number))
    with CaptureQueriesContext(connection) as many:
        figures = selectors.register_figures(report=report)

    assert len(few) == len(many) == 1
    assert figures["units_applying"] == 12


def test_twelve_months_before():
    assert selectors.twelve_months_before(dt.date(2020, 3, 31)) == dt.date(2019, 4, 1)
    assert selectors.twelve_months_before(dt.date(2020, 12, 31)) == dt.date(2020, 1, 1)
    assert selectors.twelve_months_before(dt.date(2024, 2, 29)) == dt.date(2023, 3, 1)
