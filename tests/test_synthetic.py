"""The synthetic province (seeds.synthetic, `manage.py generate_synthetic`): labelled, consistent, replaceable,
never touching real units, and a scorecard over it whose query count does not grow with its units."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cchc import services
from cchc.choices import ReportStatus, UnitKind
from cchc.models import Period, Report, Unit
from cchc.services import report_check
from cchc.text import fold
from iso.models import IsoFigures
from outreach.models import OutreachCount
from personnel.models import PersonnelFigures, QualityRating
from procedures import services as procedure_services
from procedures.choices import DecisionKind
from procedures.ledger import identity_error, split_errors
from procedures.models import LedgerRow, ProcedureFigures
from reports.builder import scorecard_build
from reports.periods import PeriodSpan
from reports.selectors import scorecard_units
from seeds import synthetic

PARTS = (LedgerRow, ProcedureFigures, PersonnelFigures, QualityRating, IsoFigures, OutreachCount)


def generate(*args) -> str:
    out = StringIO()
    call_command("generate_synthetic", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def synthetic_units():
    return Unit.objects.filter(code__startswith="SYN-")


def counts() -> dict[str, int]:
    out = {"units": synthetic_units().count(), "reports": Report.objects.filter(unit__code__startswith="SYN-").count()}
    for model in PARTS:
        out[model.__name__] = model.objects.filter(report__unit__code__startswith="SYN-").count()
    return out


def ledger_values(code_prefix: str) -> dict[tuple[int, str], tuple]:
    """Each ledger row's figures keyed by (the unit's place in the tree, quarter)."""
    rows = LedgerRow.objects.filter(report__unit__code__startswith=code_prefix).select_related(
        "report__unit", "report__period"
    )
    return {
        (row.report.unit.sort_order, row.report.period.code): (
            row.carried_over,
            row.received_new,
            row.new_online,
            row.resolved_total,
            row.resolved_late,
            row.pending_total,
            row.returned_withdrawn,
        )
        for row in rows
    }


def real_data_snapshot() -> dict:
    """Everything of the non-synthetic units, as stored (including when it was last updated)."""
    return {
        "units": list(Unit.objects.exclude(code__startswith="SYN-").order_by("pk").values()),
        "reports": list(Report.objects.exclude(unit__code__startswith="SYN-").order_by("pk").values()),
        "ledger": list(LedgerRow.objects.exclude(report__unit__code__startswith="SYN-").order_by("pk").values()),
        "unit_history": Unit.history.exclude(code__startswith="SYN-").count(),
        "ledger_history": LedgerRow.history.count(),
        "periods": list(Period.objects.order_by("pk").values("pk", "year", "quarter", "is_open")),
    }


@pytest.mark.django_db
def test_command_builds_labelled_units_under_their_own_province(period):
    output = generate("--units", "40", "--quarters", "2")

    province = Unit.objects.get(code=synthetic.DEFAULT_CODE)
    assert province.kind == UnitKind.PROVINCE and province.parent is None
    assert province.name == "Tỉnh mô phỏng (dữ liệu tổng hợp)"
    units = synthetic_units().exclude(pk=province.pk)
    assert units.count() == 40
    assert {u.kind for u in units} == {UnitKind.DEPARTMENT, UnitKind.DISTRICT, UnitKind.COMMUNE}
    assert units.filter(kind=UnitKind.DEPARTMENT).count() == 8
    assert units.filter(kind=UnitKind.DISTRICT).count() == 4
    for unit in units:
        assert unit.code.startswith("SYN-01-")
        assert "mô phỏng" in unit.name and "(tổng hợp)" in unit.name
        assert unit.path.startswith(province.path) and unit.path == f"{unit.parent.path}{unit.pk}/"
        assert unit.name_search == fold(f"{unit.name} {unit.code}")
    communes = units.filter(kind=UnitKind.COMMUNE)
    assert all(c.parent.kind == UnitKind.DISTRICT for c in communes)
    assert Unit.objects.filter(name_search__contains="mo phong").count() == 41  # the folded search finds them

    # The quarters end with the latest existing period (2020-Q1 here); the one before was created.
    assert [p.code for p in Period.objects.order_by("year", "quarter")] == ["2019-Q4", "2020-Q1"]
    assert province.valid_from.isoformat() == "2019-10-01" and province.valid_to.isoformat() == "2020-03-31"
    reports = Report.objects.filter(unit__code__startswith="SYN-")
    assert reports.count() == 41 * 2
    assert set(reports.values_list("status", flat=True)) == {ReportStatus.APPROVED, ReportStatus.SUBMITTED}
    assert not reports.filter(submitted_at__isnull=True).exists()
    assert not reports.filter(status=ReportStatus.APPROVED, reviewed_at__isnull=True).exists()
    assert LedgerRow.objects.filter(report__unit__in=units).count() == 80
    assert QualityRating.objects.filter(unit__in=units).count() == 40  # one rating year per unit
    assert set(QualityRating.objects.values_list("rating_year", flat=True)) == {2019}  # published in 2020-Q1
    assert "40 đơn vị (8 sở, 4 huyện, 28 xã)" in output
    assert "82 báo cáo" in output and "giây" in output


@pytest.mark.django_db
def test_generated_figures_are_consistent_and_pass_the_submission_checks():
    generate("--units", "30", "--quarters", "3", "--end", "2024-Q2", "--seed", "7")

    rows = list(LedgerRow.objects.filter(report__unit__code__startswith="SYN-"))
    assert len(rows) == 30 * 3
    for row in rows:
        values = {f.attname: getattr(row, f.attname) for f in LedgerRow._meta.concrete_fields}
        assert identity_error(values) is None
        assert split_errors(values) == {}
        assert row.received_total == row.carried_over + row.received_new
        assert row.received_total == row.resolved_total + row.pending_total + row.returned_withdrawn
    for model in PARTS:
        objects = list(model.objects.filter(report__unit__code__startswith="SYN-"))
        assert objects, model
        for obj in objects:
            obj.full_clean()  # every field, every constraint of the model
    for rating in QualityRating.objects.all():
        assert rating.total == rating.published_total and not rating.total_mismatch
    # Every section's submission check (identities, carry-over from the previous quarter, rating totals).
    for report in Report.objects.filter(unit__code__startswith="SYN-").select_related("unit", "period"):
        assert report_check(report=report) == [], report


@pytest.mark.django_db
def test_reports_of_quarters_still_ahead_are_not_dated_in_the_future():
    today = timezone.localdate()
    current = (today.month - 1) // 3 + 1
    year, quarter = (today.year, current + 1) if current < 4 else (today.year + 1, 1)  # its deadline is ahead
    generate("--units", "6", "--quarters", "3", "--end", f"{year}-Q{quarter}")
    now = timezone.now()
    for report in Report.objects.filter(unit__code__startswith="SYN-"):
        assert report.submitted_at <= now
        assert report.reviewed_at is None or report.submitted_at <= report.reviewed_at <= now


@pytest.mark.django_db
def test_replace_gives_the_same_counts_and_figures_and_leaves_real_units_untouched(province, unit_a, period):
    report = services.report_get_or_create(unit=unit_a, period=period)
    procedure_services.ledger_rows_save(
        report=report,
        rows=[
            {
                "reception_point": "Bộ phận một cửa",
                "received_total": 10,
                "resolved_total": 8,
                "pending_total": 2,
            }
        ],
        delete_ids=[],
    )
    before = real_data_snapshot()

    generate("--units", "25", "--quarters", "4", "--end", "2020-Q4")
    first_counts, first_figures = counts(), ledger_values("SYN-")
    with pytest.raises(CommandError, match="--replace"):
        generate("--units", "25", "--quarters", "4", "--end", "2020-Q4")
    output = generate("--units", "25", "--quarters", "4", "--end", "2020-Q4", "--replace")

    assert "Đã xóa tỉnh mô phỏng SYN-01 cũ: 26 đơn vị, 104 báo cáo" in output
    assert counts() == first_counts
    assert ledger_values("SYN-") == first_figures  # same seed, same figures
    after = real_data_snapshot()
    assert after["units"] == before["units"]
    assert after["reports"] == before["reports"]
    assert after["ledger"] == before["ledger"]
    assert after["unit_history"] == before["unit_history"]
    assert after["ledger_history"] == before["ledger_history"]  # synthetic rows leave no history behind
    assert Report.objects.filter(unit__code__startswith="T").count() == 1  # no draft given to real units
    assert [p["pk"] for p in after["periods"]][: len(before["periods"])] == [p["pk"] for p in before["periods"]]

    generate("--delete")
    assert counts() == {"units": 0, "reports": 0, **{m.__name__: 0 for m in PARTS}}
    assert real_data_snapshot()["units"] == before["units"]


@pytest.mark.django_db
def test_figures_depend_on_the_seed_only_not_on_how_the_units_are_written(monkeypatch):
    generate("--units", "40", "--quarters", "2", "--end", "2021-Q2")
    written_at_once = ledger_values("SYN-")
    monkeypatch.setattr(synthetic, "CHUNK_UNITS", 7)  # each unit has its own generator: chunks do not matter
    generate("--units", "40", "--quarters", "2", "--end", "2021-Q2", "--replace")
    assert ledger_values("SYN-") == written_at_once
    generate("--units", "40", "--quarters", "2", "--end", "2021-Q2", "--replace", "--seed", "1")
    assert ledger_values("SYN-") != written_at_once
    assert ledger_values("SYN-").keys() == written_at_once.keys()


@pytest.mark.django_db
def test_refuses_codes_without_the_prefix_and_real_data_inside_the_province():
    with pytest.raises(CommandError, match="SYN-"):
        generate("--units", "3", "--quarters", "1", "--code", "CB-01")
    generate("--units", "10", "--quarters", "1", "--end", "2020-Q1")
    province = Unit.objects.get(code="SYN-01")
    district = Unit.objects.filter(code__startswith="SYN-", kind=UnitKind.DISTRICT).first()

    # A decision this command did not create, issued by a synthetic unit: nothing is deleted.
    procedure_services.decision_upsert(
        number="1/QĐ-UBND", issued_on=period_day(), issuer=district, kind=DecisionKind.OTHER
    )
    before = counts()
    with pytest.raises(CommandError, match="quyết định"):
        generate("--units", "10", "--quarters", "1", "--end", "2020-Q1", "--replace")
    assert counts() == before

    # A real unit placed under the synthetic province: refused too.
    services.unit_upsert(code="CB-X", name="Xã thật", kind=UnitKind.COMMUNE, parent=province)
    with pytest.raises(CommandError, match="CB-X"):
        generate("--delete")
    assert counts() == before


def period_day():
    return Period.objects.get(year=2020, quarter=1).start_date


@pytest.mark.django_db
def test_scorecard_over_synthetic_units_makes_the_same_queries_for_5_and_40_units():
    generate("--units", "40", "--quarters", "2", "--end", "2020-Q2")
    admin = get_user_model().objects.create_superuser("synthetic-admin", password=None)
    province = Unit.objects.get(code="SYN-01")
    span = PeriodSpan.parse("2020-H1")
    units = list(scorecard_units(user=admin, span=span, scope=province))
    assert len(units) == 40

    def build(n):
        with CaptureQueriesContext(connection) as queries:
            card = scorecard_build(span=span, units=units[:n], total_unit=province)
        return card, len(queries)

    build(5)  # warm the caches read once per process (the indicator registry, content types)
    small, small_queries = build(5)
    large, large_queries = build(40)
    assert small_queries == large_queries
    assert len(small.rows) == 5 and len(large.rows) == 40
    # Every unit has its figures; the province reports none of its own, so the total is recomputed from counts.
    received = [row.cells["tthc.dossiers_received"].value for row in large.rows]
    assert None not in received
    assert large.total.cells["tthc.dossiers_received"].value == sum(received)
    assert large.approved + large.provisional == 41
