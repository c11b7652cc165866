"""The scorecard's cost and its cache: a constant number of queries at 10 and 300 units, the trend quarters
from the same build as the span (and equal to building each quarter alone), one build per page, and cached
scorecards that every write to an input invalidates at once (a target, an indicator's formula, a report
part saved, report parts updated in bulk).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.choices import ReformArea
from cchc.models import Unit
from conftest import submit
from procedures import services as procedure_services
from procedures.models import LedgerRow
from reports import selectors
from reports.builder import scorecard_build
from reports.indicator_models import IndicatorDefinition
from reports.models import Legend, RubricBand, RubricItem, Target
from reports.periods import PeriodSpan
from reports.scope import last_quarters
from reports.selectors import scorecard_units
from seeds import synthetic

ON_TIME = "tthc.on_time_rate"
LATE_SHARE = "test.late_share"


def scoring_for(code: str, year: int) -> None:
    """A target, a legend and a two-band rubric item, as an admin configures them."""
    Target.objects.create(indicator=code, year=year, value=Decimal("0.9"), source_number="1/QĐ-UBND")
    Legend.objects.create(indicator=code, green_from=Decimal(1), yellow_from=Decimal("0.8"))
    item = RubricItem.objects.create(name="Đúng hạn", indicator=code, area=ReformArea.PROCEDURES, max_points=2)
    RubricBand.objects.create(item=item, threshold=Decimal("0.9"), points=2)
    RubricBand.objects.create(item=item, threshold=Decimal("0.7"), points=1)


@pytest.fixture
def synthetic_province(db):
    synthetic.synthetic_province_build(units=300, quarters=4, end=(2020, 4))
    scoring_for(ON_TIME, 2020)
    admin = get_user_model().objects.create_superuser("speed-admin", password=None)
    province = Unit.objects.get(code="SYN-01")
    span = PeriodSpan.parse("2020")
    units = list(scorecard_units(user=admin, span=span, scope=province))
    assert len(units) == 300
    return span, province, units


@pytest.mark.parametrize("size", [10, 300])
def test_a_build_with_its_trend_quarters_makes_at_most_13_queries(synthetic_province, size):
    span, province, units = synthetic_province
    history = last_quarters(span)

    def build():
        return scorecard_build(
            span=span, units=units[:size], total_unit=province, follow_successors=True, history=history
        )

    # The first build of a data version also reads the registry, targets, legends and the rubric (five
    # queries), the periods (with the subtree's size) and the mergers (19 measured); later builds reuse them
    # until a write to any of them bumps the version: one query per figure table, the reports' statuses and
    # the ISO register's history (12 measured; the bound, issue 12's 15 tightened, leaves one for an input a
    # later issue adds).
    with CaptureQueriesContext(connection) as first:
        build()
    assert len(first) <= 20
    with CaptureQueriesContext(connection) as queries:
        card = build()
    assert len(queries) <= 13, "\n".join(q["sql"][:120] for q in queries.captured_queries)
    assert len(card.rows) == size and len(card.history) == 8
    assert all(row.cells[ON_TIME].band for row in card.rows)
    assert all(row.points is not None for row in card.rows)


def test_the_trend_quarters_equal_each_quarter_built_alone(synthetic_province):
    span, province, units = synthetic_province
    history = last_quarters(span)
    card = scorecard_build(
        span=span, units=units[:20], total_unit=province, follow_successors=True, history=history, history_rows=True
    )
    for past in card.history:
        alone = scorecard_build(span=past.span, units=units[:20], total_unit=province, follow_successors=True)
        assert past.span == alone.span and past.approved == alone.approved
        for mine, theirs in [(past.total, alone.total), *zip(past.rows, alone.rows, strict=True)]:
            for code, cell in theirs.cells.items():
                got = mine.cells[code]
                assert (got.value, got.target, got.band, got.points, got.provisional) == (
                    cell.value,
                    cell.target,
                    cell.band,
                    cell.points,
                    cell.provisional,
                ), (past.span.code, mine.code, code)
            assert (mine.points, mine.rank) == (theirs.points, theirs.rank)


def cells_of(card):
    """Every number, colour and flag of a scorecard (rows, total, history), for comparing two builds."""
    rows = [card.total, *card.rows, *(r for past in card.history for r in [past.total, *past.rows])]
    out = [(card.approved, card.provisional)] + [(past.approved, past.provisional) for past in card.history]
    for row in rows:
        out.append((row.code, row.points, row.rank, row.provisional, sorted(row.points_by_area.items())))
        for code, c in sorted(row.cells.items()):
            out.append((code, c.value, c.numerator, c.denominator, c.target, c.band, c.points, c.provisional))
    return out


@pytest.mark.parametrize("size", [300, 250])
def test_a_build_read_by_the_subtree_path_equals_one_read_by_the_ids(synthetic_province, size, monkeypatch):
    """At 300 units the figures are read by the province's path (no IN list of ids); at 250 of them too, and the
    50 units under the province not asked are dropped: the same scorecard as reading by the ids, bound as one
    array or as an IN list."""
    from cchc import figure_units, figures
    from reports.scorecard import load

    span, province, units = synthetic_province
    subtrees = []
    reading = figures.figures_read

    def spying(**kwargs):
        subtrees.append(kwargs.get("subtree"))
        return reading(**kwargs)

    monkeypatch.setattr(load, "figures_read", spying)

    def build():
        return scorecard_build(
            span=span,
            units=units[:size],
            total_unit=province,
            follow_successors=True,
            history=last_quarters(span),
            history_rows=True,
        )

    by_path = build()
    monkeypatch.setattr(load, "SUBTREE_FROM", 10**9)
    with CaptureQueriesContext(connection) as queries:
        by_array = build()  # the ids bound as one array (figure_units.ids_bound_once)
    assert any("json_each" in q["sql"] or "unnest" in q["sql"] for q in queries.captured_queries)
    monkeypatch.setattr(figure_units, "MANY_IDS", 10**9)
    by_ids = build()  # a plain IN list
    assert subtrees == [province.path, None, None]
    assert len(by_path.rows) == size
    assert cells_of(by_path) == cells_of(by_ids) == cells_of(by_array)


def test_the_garbage_collector_is_paused_during_a_build_and_restored_after(synthetic_province, monkeypatch):
    import gc

    from reports import builder
    from reports.scorecard import load

    span, province, units = synthetic_province
    seen = []
    reading = load.figures_read

    def spying(**kwargs):
        seen.append(gc.isenabled())
        return reading(**kwargs)

    monkeypatch.setattr(load, "figures_read", spying)
    assert gc.isenabled()
    scorecard_build(span=span, units=units[:5], total_unit=province)
    assert seen == [False] and gc.isenabled()

    def failing(**kwargs):
        raise RuntimeError("read failed")

    monkeypatch.setattr(load, "figures_read", failing)
    with pytest.raises(RuntimeError):
        scorecard_build(span=span, units=units[:5], total_unit=province)
    assert gc.isenabled()
    gc.disable()  # a process that runs without the collector keeps it off
    try:
        with builder.collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


# --- the cache ----------------------------------------------------------------------------------


def enter_ledger(report, on_time: int, late: int):
    procedure_services.ledger_rows_save(
        report=report,
        rows=[
            {
                "reception_point": "Bộ phận một cửa",
                "received_total": on_time + late + 5,
                "resolved_on_time": on_time,
                "resolved_late": late,
                "resolved_total": on_time + late,
                "pending_total": 5,
            }
        ],
        delete_ids=[],
    )


@pytest.fixture
def cached(cast, province, unit_a, unit_b, report_a, report_b):
    enter_ledger(report_a, 90, 10)
    enter_ledger(report_b, 80, 20)
    submit(report_a, report_b)  # scorecards read reported figures only (drafts are never shown)
    span = PeriodSpan.parse("2020-Q1")

    def card():
        return selectors.scorecard_get(span=span, units=[unit_a, unit_b], total_unit=province)

    return card


def on_time(card, row: int = 0):
    return card.rows[row].cells[ON_TIME]


def test_an_unchanged_scorecard_is_served_from_the_cache(cached):
    first = cached()
    with CaptureQueriesContext(connection) as queries:
        again = cached()
    assert len(queries) == 0
    assert on_time(again).value == on_time(first).value == Decimal("0.9")


def test_a_target_edit_is_seen_at_once(cached):
    assert on_time(cached()).target is None
    target = Target.objects.create(indicator=ON_TIME, year=2020, value=Decimal("0.95"))
    assert on_time(cached()).target == Decimal("0.95")
    target.value = Decimal("0.85")
    target.save()
    assert on_time(cached()).target == Decimal("0.85")


def test_an_indicator_formula_edit_is_seen_at_once(cached):
    definition = IndicatorDefinition.objects.create(
        code=LATE_SHARE,
        name="Tỷ lệ trễ hạn (thử)",
        area=ReformArea.PROCEDURES,
        numerator="tthc.resolved_late",
        denominator="tthc.resolved_total",
    )
    assert cached().rows[0].cells[LATE_SHARE].value == Decimal("0.1")
    definition.numerator = "tthc.resolved_on_time"
    definition.save()
    assert cached().rows[0].cells[LATE_SHARE].value == Decimal("0.9")


def test_saving_a_report_part_invalidates(cached, report_a):
    assert on_time(cached()).value == Decimal("0.9")
    row = LedgerRow.objects.get(report=report_a)
    row.resolved_on_time, row.resolved_late = 70, 30
    row.save()
    assert on_time(cached()).value == Decimal("0.7")


def test_a_bulk_update_of_report_parts_invalidates(cached, report_a):
    assert on_time(cached()).value == Decimal("0.9")
    LedgerRow.objects.filter(report=report_a).update(resolved_on_time=60, resolved_late=40)
    assert on_time(cached()).value == Decimal("0.6")


def test_deleting_a_report_part_invalidates(cached, report_a):
    assert not on_time(cached()).missing
    LedgerRow.objects.filter(report=report_a).delete()
    assert on_time(cached()).missing


# --- one build per page ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["scorecard_overview", "scorecard_unit"])
def test_the_overview_and_the_unit_page_build_once_for_all_quarters_shown(
    client, cast, cached, unit_a, monkeypatch, name
):
    calls = []

    def counting(**kwargs):
        calls.append(kwargs)
        return scorecard_build(**kwargs)

    monkeypatch.setattr(selectors, "scorecard_build", counting)
    client.force_login(cast["manager"])
    args = [unit_a.pk] if name == "scorecard_unit" else []
    response = client.get(reverse(name, args=args), {"period": "2020-Q1"})
    assert response.status_code == 200
    assert len(calls) == 1 and len(calls[0]["history"]) == 8
    client.get(reverse(name, args=args), {"period": "2020-Q1"})
    assert len(calls) == 1  # the second view is served from the cache


# --- pinned page costs ----------------------------------------------------------------------------

# Measured on 2026-11-30 (SQLite and PostgreSQL): first request of a data version (the build's reads
# included), then the same page again (served from the cache). The bounds leave no room for a query per
# unit, per indicator or per quarter.
# The grid also marks cells whose figures have plausibility warnings (cchc/plausibility): every figure source
# read once over the span and the eight quarters before it, on every request (not cached), +20; each figure
# read also reads the reports' statuses once, so drafts are left out (+1 for the marks' read, cold and warm).
# Issue 11: the monthly-section settings (which quarters are built from months) are read on the first build after
# they change or the cache is emptied, then kept in the cache: +1 on the first request only.
# Issue 11: the period picker lists each year's stored months (one query, cold and warm).
PAGE_QUERIES = {"scorecard_overview": (34, 14), "scorecard_grid": (55, 35), "scorecard_unit": (29, 10)}


@pytest.mark.parametrize("name", sorted(PAGE_QUERIES))
def test_scorecard_pages_keep_their_query_counts(client, cast, cached, unit_a, name, django_assert_max_num_queries):
    cold, warm = PAGE_QUERIES[name]
    client.force_login(cast["manager"])
    args = [unit_a.pk] if name == "scorecard_unit" else []
    url = reverse(name, args=args) + "?period=2020-Q1"
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as again:
        assert client.get(url).status_code == 200
    assert len(first) <= cold, (len(first), len(again))
    assert len(again) <= warm, (len(first), len(again))
