"""A quarter of a section reported monthly is the roll-up of its months (issue 11, cchc/figures_months.py): the
figure typed into the quarter is only a check, the quarter is approved only when all its months are, and a
month has only the monthly sections' figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cchc import services
from cchc.choices import FigureType, ReportStatus, UnitKind
from cchc.figures import figures_read
from cchc.models import MonthlySection, Report
from cchc.months import month_period_upsert
from conftest import make_user, submit

Q3 = (2022, 3)
MONTHS = [(2022, 3, 7), (2022, 3, 8), (2022, 3, 9)]


def _ledger(report, *, new: int, resolved: int, carried: int = 0) -> None:
    from procedures import services as procedure_services

    row = {
        "reception_point": "Bộ phận một cửa",
        "carried_over": carried,
        "received_new": new,
        "new_online": 0,
        "new_in_person": new,
        "received_total": carried + new,
        "resolved_total": resolved,
        "returned_withdrawn": 0,
        "pending_total": carried + new - resolved,
    }
    procedure_services.ledger_rows_save(report=report, rows=[row], delete_ids=[])


@pytest.fixture
def centre(cast):
    MonthlySection.objects.create(
        section_key="procedures", unit_kind=UnitKind.SERVICE_CENTRE, valid_from=dt.date(2022, 1, 1)
    )
    unit = services.unit_upsert(code="T-TT", name="Trung tâm PVHCC", kind=UnitKind.SERVICE_CENTRE)
    make_user("clerk_tt", unit=unit, role="clerk")
    return unit


def _months(unit, figures=((100, 90), (80, 70), (60, 50))) -> list[Report]:
    out, carried = [], 5
    for month, (new, resolved) in zip((7, 8, 9), figures, strict=True):
        report = services.report_get_or_create(unit=unit, period=month_period_upsert(year=2022, month=month))
        _ledger(report, new=new, resolved=resolved, carried=carried)
        carried = carried + new - resolved
        out.append(report)
    return out


def test_the_quarter_is_its_months_and_a_typed_quarter_is_only_a_check(centre):
    submit(*_months(centre))
    quarter = services.report_get_or_create(unit=centre, period=services.period_upsert(year=2022, quarter=3))
    _ledger(quarter, new=200, resolved=200, carried=5)  # typed differently from the months (240 new)
    submit(quarter)

    data = figures_read(unit_ids=[centre.pk], quarters=[Q3])
    values = data.span(centre.pk, [Q3])
    assert values["tthc.received_new"] == 240  # flows summed over the months, not the 200 typed
    assert values["tthc.carried_over"] == 5  # opening: July's
    assert values["tthc.pending_total"] == 35  # stock: September's
    assert data.checks[(centre.pk, Q3)]["tthc.received_new"] == (Decimal(200), Decimal(240))
    assert data.checks[(centre.pk, Q3)]["tthc.carried_over"] == (Decimal(5), Decimal(5))


def test_quarterly_sections_of_the_quarter_stay_as_typed(centre):
    """Only the monthly section comes from the months: the catalogue's figures of the quarter are the quarter's."""
    from cchc.models import FigureValue

    definition = services.figure_definition_upsert(
        code="hop", name="Số cuộc họp", area=1, unit_of_measure="cuộc", value_type=FigureType.INTEGER
    )
    submit(*_months(centre))
    quarter = services.report_get_or_create(unit=centre, period=services.period_upsert(year=2022, quarter=3))
    FigureValue.objects.create(report=quarter, definition=definition, number=Decimal(4))
    august = Report.objects.get(unit=centre, period__month=8)
    FigureValue.objects.create(report=august, definition=definition, number=Decimal(9))  # not a monthly section
    submit(quarter)

    data = figures_read(unit_ids=[centre.pk], quarters=[Q3, (2022, 3, 8)])
    assert data.span(centre.pk, [Q3])["figure.hop"] == 4
    assert "figure.hop" not in data.span(centre.pk, [(2022, 3, 8)])  # quarterly only: no monthly value
    assert data.unavailable([centre.pk], [(2022, 3, 8)], "figure.hop")
    assert not data.unavailable([centre.pk], [(2022, 3, 8)], "tthc.received_new")
    assert not data.unavailable([centre.pk], [Q3], "figure.hop")  # a whole quarter has it


def test_the_quarter_counts_as_approved_only_when_all_its_months_are(centre):
    from reports.builder import scorecard_build
    from reports.periods import PeriodSpan

    july, august, september = _months(centre)
    quarter_id = services.period_upsert(year=2022, quarter=3).pk

    def status():
        return figures_read(unit_ids=[centre.pk], quarters=[Q3]).statuses.get((centre.pk, quarter_id))

    assert status() is None  # every month a draft: nothing reported
    submit(july, approve=True)
    submit(august, approve=True)
    assert status() == ReportStatus.SUBMITTED  # September missing (a draft): provisional
    data = figures_read(unit_ids=[centre.pk], quarters=[Q3])
    assert data.span(centre.pk, [Q3])["tthc.received_new"] == 180  # the draft month is left out
    submit(september)
    assert status() == ReportStatus.SUBMITTED
    card = scorecard_build(span=PeriodSpan.parse("2022-Q3"), units=[centre])
    assert (card.approved, card.provisional, card.rows[0].provisional) == (0, 1, True)  # the scorecard's flag
    submit(september, approve=True)
    assert status() == ReportStatus.APPROVED
    card = scorecard_build(span=PeriodSpan.parse("2022-Q3"), units=[centre])
    assert (card.approved, card.provisional, card.rows[0].provisional) == (1, 0, False)


def test_the_read_is_a_constant_number_of_queries(centre, unit_a, unit_b, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    submit(*_months(centre))
    periods = [services.period_upsert(year=2022, quarter=q) for q in (2, 3, 4)]

    def queries(unit_ids, keys, **kwargs) -> int:
        with CaptureQueriesContext(connection) as captured:
            figures_read(unit_ids=unit_ids, quarters=keys, **kwargs)
        return len(captured)

    queries([centre.pk], [Q3])  # the monthly-section settings are read once, then kept in the cache
    one = queries([centre.pk], [Q3])
    one_given = queries([centre.pk], [Q3], periods=[periods[1]], unit_kinds={centre.pk: centre.kind})
    others = []
    for n in range(4):
        unit = services.unit_upsert(code=f"T-TT{n}", name=f"Trung tâm {n}", kind=UnitKind.SERVICE_CENTRE)
        make_user(f"clerk_tt{n}", unit=unit, role="clerk")
        submit(*_months(unit))
        others.append(unit.pk)
    many = [centre.pk, unit_a.pk, unit_b.pk, *others]
    keys = [(2022, 2), Q3, (2022, 4)]
    assert queries(many, keys) == one
    kinds = {u.pk: u.kind for u in services.Unit.objects.filter(pk__in=many)}
    assert queries(many, keys, periods=periods, unit_kinds=kinds) == one_given
    with django_assert_max_num_queries(one):
        data = figures_read(unit_ids=many, quarters=keys)
    assert len([key for key in data.raw if key[1] == Q3]) == 1 + len(others)


def test_every_figure_belongs_to_a_section_of_the_report_page(db):
    """The mapping figure → section (`FigureSource.section`) names sections that exist, so a monthly setting of a
    section (`MonthlySection.section_key`) reaches its figures."""
    from cchc.figures import figures_all
    from cchc.figures_months import figure_section
    from cchc.sections import all_sections

    services.figure_definition_upsert(code="hop", name="Số cuộc họp", area=1, value_type=FigureType.INTEGER)
    keys = {section.key for section in all_sections()}
    sections = {code: figure_section(figure) for code, figure in figures_all().items()}
    assert set(sections.values()) <= keys
    assert sections["tthc.received_new"] == "procedures"
    assert sections["figure.hop"] == "figures_1"
    assert {sections[c] for c in sections if c.startswith(("cv.", "tcbm."))} == {"personnel"}


def test_a_setting_saved_or_deleted_is_read_at_once(cast):
    """The settings are cached (one query after a change): saving or deleting one is seen by the next read."""
    unit = services.unit_upsert(code="T-TT", name="Trung tâm PVHCC", kind=UnitKind.SERVICE_CENTRE)
    make_user("clerk_tt", unit=unit, role="clerk")
    submit(*_months(unit))
    assert figures_read(unit_ids=[unit.pk], quarters=[Q3]).span(unit.pk, [Q3]) == {}  # quarterly: not typed
    setting = MonthlySection.objects.create(
        section_key="procedures", unit_kind=UnitKind.SERVICE_CENTRE, valid_from=dt.date(2022, 1, 1)
    )
    assert figures_read(unit_ids=[unit.pk], quarters=[Q3]).span(unit.pk, [Q3])["tthc.received_new"] == 240
    setting.delete()
    assert figures_read(unit_ids=[unit.pk], quarters=[Q3]).span(unit.pk, [Q3]) == {}
