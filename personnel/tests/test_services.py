"""Services and selectors of organisation and civil service: ratings (future and repeated years refused,
all or nothing through report_update), staffing figures, downsizing with its legal bases, and mergers applied
to the unit tree (validity, successor, sub-units moved, history) or refused leaving the tree as it was.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc import selectors
from cchc import services as cchc_services
from cchc.choices import UnitKind
from cchc.models import Report, Unit
from personnel import selectors as personnel_selectors
from personnel import services
from personnel.choices import StaffCategory
from personnel.models import DownsizingApproval, LegalBasis, PersonnelFigures, QualityRating, UnitMerger

RATING_2019 = {
    "rating_year": 2019,
    "category": StaffCategory.ALL,
    "excellent": 1809,
    "good": 18520,
    "completed": 1190,
    "not_completed": 116,
}
MERGER_DAY = dt.date(2020, 2, 1)
RESOLUTION = "864/NQ-UBTVQH14"


def save(report: Report, user, apply) -> Report:
    """Write through the one door the report page uses (locks, permissions, version, one transaction)."""
    report = Report.objects.get(pk=report.pk)
    return cchc_services.report_update(report=report, user=user, expected_version=report.version, apply=apply)


def save_ratings(report: Report, user, *rows: dict, delete_ids=()) -> Report:
    rows = [{"id": None, **row} for row in rows]
    return save(
        report, user, lambda locked: services.ratings_save(report=locked, rows=rows, delete_ids=list(delete_ids))
    )


def refused(report: Report, user, apply) -> list[str]:
    """Run `apply` through report_update, expect a ValidationError, and return its messages."""
    with pytest.raises(ValidationError) as caught:
        save(report, user, apply)
    return caught.value.messages


def contents(report: Report) -> tuple:
    """What a refused save must leave as it was."""
    report = Report.objects.get(pk=report.pk)
    return (
        report.version,
        list(QualityRating.objects.filter(report=report).order_by("pk").values()),
        list(PersonnelFigures.objects.filter(report=report).values()),
        list(DownsizingApproval.objects.filter(report=report).order_by("pk").values()),
    )


@pytest.fixture
def clerk(cast):
    return cast["clerk_a"]


@pytest.fixture
def q2(db):
    return cchc_services.period_upsert(year=2020, quarter=2)


@pytest.fixture
def report_a_q2(unit_a, q2):
    return cchc_services.report_get_or_create(unit=unit_a, period=q2)


@pytest.fixture
def bases(db):
    return [
        services.legal_basis_upsert(number="108/2014/NĐ-CP", name="Nghị định số 108/2014/NĐ-CP"),
        services.legal_basis_upsert(number="113/2018/NĐ-CP", name="Nghị định số 113/2018/NĐ-CP"),
    ]


# --- ratings ----------------------------------------------------------------------------------------


def test_a_rating_is_saved_with_its_unit_and_computed_shares(report_a, clerk):
    report = save_ratings(report_a, clerk, RATING_2019)
    [row] = QualityRating.objects.filter(report=report_a)
    assert row.unit_id == report_a.unit_id
    assert (row.rating_year, row.category, row.total) == (2019, "all", 21635)
    assert row.shares["excellent"] == Decimal("8.36")
    assert report.version == report_a.version + 1


@pytest.mark.parametrize("year", [2019, 2020])
def test_the_previous_or_the_current_year_may_be_rated(report_a, clerk, year):
    save_ratings(report_a, clerk, {**RATING_2019, "rating_year": year})
    assert QualityRating.objects.get(report=report_a).rating_year == year


def test_a_rating_year_after_the_periods_year_is_refused_and_nothing_is_saved(report_a, clerk):
    before = contents(report_a)
    messages = refused(
        report_a,
        clerk,
        lambda locked: services.ratings_save(
            report=locked, rows=[{**RATING_2019, "id": None, "rating_year": 2021}], delete_ids=[]
        ),
    )
    assert messages == ["Năm đánh giá 2021: không được sau năm của kỳ báo cáo (2020)."]
    assert contents(report_a) == before


def test_a_repeated_year_is_refused_naming_the_report_of_the_first_entry(report_a, report_a_q2, clerk):
    save_ratings(report_a, clerk, RATING_2019)
    before = contents(report_a_q2)
    messages = refused(
        report_a_q2,
        clerk,
        lambda locked: services.ratings_save(
            report=locked, rows=[{**RATING_2019, "id": None, "good": 18000}], delete_ids=[]
        ),
    )
    assert messages == [
        "Kết quả đánh giá năm 2019 (Cán bộ, công chức, viên chức (chung)) của đơn vị đã được nhập trong báo cáo "
        "Quý I/2020."
    ]
    assert contents(report_a_q2) == before
    assert QualityRating.objects.get().good == 18520  # the first entry is untouched


def test_a_repeated_year_in_the_same_report_is_refused_too(report_a, clerk):
    save_ratings(report_a, clerk, RATING_2019)
    before = contents(report_a)
    messages = refused(
        report_a,
        clerk,
        lambda locked: services.ratings_save(report=locked, rows=[{**RATING_2019, "id": None}], delete_ids=[]),
    )
    assert "đã được nhập trong báo cáo Quý I/2020" in messages[0]
    assert contents(report_a) == before


def test_the_same_year_twice_in_one_save_is_refused(report_a, clerk):
    before = contents(report_a)
    refused(
        report_a,
        clerk,
        lambda locked: services.ratings_save(
            report=locked, rows=[{**RATING_2019, "id": None}, {**RATING_2019, "id": None}], delete_ids=[]
        ),
    )
    assert contents(report_a) == before


def test_editing_the_saved_rating_is_not_a_repeat(report_a, clerk):
    save_ratings(report_a, clerk, RATING_2019)
    row = QualityRating.objects.get()
    save_ratings(report_a, clerk, {**RATING_2019, "id": row.pk, "good": 18521})
    assert QualityRating.objects.get().good == 18521


def test_another_category_or_another_unit_may_rate_the_same_year(report_a, report_b, clerk, cast):
    save_ratings(report_a, clerk, RATING_2019, {**RATING_2019, "category": StaffCategory.CIVIL_SERVANT})
    save_ratings(report_b, cast["clerk_b"], RATING_2019)
    assert QualityRating.objects.filter(rating_year=2019).count() == 3


def test_a_rating_deleted_and_entered_again_in_one_save_is_not_a_repeat(report_a, clerk):
    save_ratings(report_a, clerk, RATING_2019)
    old = QualityRating.objects.get()
    save_ratings(report_a, clerk, {**RATING_2019, "good": 18521}, delete_ids=[old.pk])
    assert QualityRating.objects.get().good == 18521


def test_a_refused_rating_saves_nothing_of_the_whole_section(report_a, clerk, bases):
    """Figures and downsizing written before the bad rating in the same save are rolled back."""
    before = contents(report_a)

    def apply(locked):
        services.personnel_figures_save(report=locked, values={"quota": 2101, "headcount": 2084})
        services.downsizing_save(
            report=locked,
            rows=[{"id": None, "year": 2020, "batch": "I", "cases": 43, "legal_bases": bases}],
            delete_ids=[],
        )
        services.ratings_save(
            report=locked,
            rows=[{**RATING_2019, "id": None}, {**RATING_2019, "id": None, "rating_year": 2022}],
            delete_ids=[],
        )

    assert refused(report_a, clerk, apply) == ["Năm đánh giá 2022: không được sau năm của kỳ báo cáo (2020)."]
    assert contents(report_a) == before
    assert not LegalBasis.objects.filter(approvals__isnull=False).exists()


def test_ratings_are_deleted_through_the_service(report_a, clerk):
    save_ratings(report_a, clerk, RATING_2019)
    row = QualityRating.objects.get()
    save_ratings(report_a, clerk, delete_ids=[row.pk])
    assert not QualityRating.objects.exists()


# --- staffing figures, legal bases, downsizing -----------------------------------------------------------


def test_staffing_figures_are_one_row_per_report_updated_in_place(report_a, clerk):
    save(report_a, clerk, lambda r: services.personnel_figures_save(report=r, values={"quota": 2101}))
    save(report_a, clerk, lambda r: services.personnel_figures_save(report=r, values={"headcount": 2084}))
    figures = PersonnelFigures.objects.get(report=report_a)
    assert (figures.quota, figures.headcount, figures.policy_cases) == (2101, 2084, None)


def test_negative_staffing_figures_are_refused(report_a, clerk):
    before = contents(report_a)
    messages = refused(report_a, clerk, lambda r: services.personnel_figures_save(report=r, values={"quota": -1}))
    assert messages
    assert contents(report_a) == before


def test_legal_basis_upsert_is_idempotent_and_updates_the_name(db):
    first = services.legal_basis_upsert(number="108/2014/NĐ-CP", name="Nghị định 108")
    second = services.legal_basis_upsert(number="108/2014/NĐ-CP", name="Nghị định số 108/2014/NĐ-CP")
    assert first.pk == second.pk and LegalBasis.objects.count() == 1
    assert LegalBasis.objects.get().name == "Nghị định số 108/2014/NĐ-CP"


def test_legal_basis_number_in_another_shape_is_refused(db):
    with pytest.raises(ValidationError):
        services.legal_basis_upsert(number="108-2014-ND-CP", name="Nghị định")
    assert not LegalBasis.objects.exists()


def test_legal_basis_number_is_stored_in_nfc(db):
    basis = services.legal_basis_upsert(number="108/2014/N\u0110-CP", name="Nghi\u0323 đi\u0323nh")
    assert basis.number == "108/2014/NĐ-CP" and basis.name == "Nghị định"


def test_downsizing_is_saved_with_its_legal_bases(report_a, clerk, bases):
    row = {
        "id": None,
        "year": 2020,
        "batch": "I",
        "round": 3,
        "cases": 43,
        "legal_bases": bases,
        "decision_number": "57/QĐ-UBND",
        "decision_date": dt.date(2020, 3, 2),
    }
    save(report_a, clerk, lambda r: services.downsizing_save(report=r, rows=[row], delete_ids=[]))
    approval = DownsizingApproval.objects.get(report=report_a)
    assert (approval.year, approval.batch, approval.round, approval.cases) == (2020, "I", 3, 43)
    assert set(approval.legal_bases.values_list("number", flat=True)) == {"108/2014/NĐ-CP", "113/2018/NĐ-CP"}
    assert set(bases[0].approvals.all()) == {approval}

    # The bases change in place; the history keeps them.
    change = {**row, "id": approval.pk, "legal_bases": bases[1:]}
    save(report_a, clerk, lambda r: services.downsizing_save(report=r, rows=[change], delete_ids=[]))
    assert list(approval.legal_bases.values_list("number", flat=True)) == ["113/2018/NĐ-CP"]
    latest = approval.history.latest()
    assert [m.legalbasis.number for m in latest.legal_bases.all()] == ["113/2018/NĐ-CP"]
    assert approval.history.count() > 1

    save(report_a, clerk, lambda r: services.downsizing_save(report=r, rows=[], delete_ids=[approval.pk]))
    assert not DownsizingApproval.objects.exists()
    assert LegalBasis.objects.count() == 2  # deleting an approval never deletes a decree


def test_downsizing_with_no_case_is_refused(report_a, clerk, bases):
    before = contents(report_a)
    row = {"id": None, "year": 2020, "batch": "I", "cases": 0, "legal_bases": bases}
    messages = refused(report_a, clerk, lambda r: services.downsizing_save(report=r, rows=[row], delete_ids=[]))
    assert "Số trường hợp phải lớn hơn 0." in messages
    assert contents(report_a) == before


def test_downsizing_with_a_decision_number_in_another_shape_is_refused(report_a, clerk, bases):
    row = {"id": None, "year": 2020, "batch": "I", "cases": 4, "legal_bases": bases, "decision_number": "57-QD"}
    messages = refused(report_a, clerk, lambda r: services.downsizing_save(report=r, rows=[row], delete_ids=[]))
    assert any("57-QD" in m for m in messages)
    assert not DownsizingApproval.objects.exists()


# --- selectors: last quarter's stock, the rating distribution ----------------------------------------------


def test_previous_stock_is_the_latest_earlier_report_with_quota_or_headcount(unit_a, unit_b, clerk, cast, report_a):
    q3, q4 = (cchc_services.period_upsert(year=2019, quarter=q) for q in (3, 4))
    q3_report = cchc_services.report_get_or_create(unit=unit_a, period=q3)
    q4_report = cchc_services.report_get_or_create(unit=unit_a, period=q4)
    assert personnel_selectors.personnel_stock_previous(report=report_a) == {}

    save(
        q3_report,
        clerk,
        lambda r: services.personnel_figures_save(
            report=r, values={"quota_year": 2019, "quota": 2110, "headcount": 2090}
        ),
    )
    save(q4_report, clerk, lambda r: services.personnel_figures_save(report=r, values={"quota": 2101}))
    # Another unit's later figures and the report's own figures are not "last quarter".
    b_q4 = cchc_services.report_get_or_create(unit=unit_b, period=q4)
    save(b_q4, cast["clerk_b"], lambda r: services.personnel_figures_save(report=r, values={"headcount": 5}))

    assert personnel_selectors.personnel_stock_previous(report=report_a) == {"quota": 2101}  # None is not carried over
    assert personnel_selectors.personnel_stock_previous(report=q4_report) == {
        "quota_year": 2019,
        "quota": 2110,
        "headcount": 2090,
    }


def test_a_quarter_with_only_other_figures_is_skipped(unit_a, clerk, report_a):
    q3, q4 = (cchc_services.period_upsert(year=2019, quarter=q) for q in (3, 4))
    save(
        cchc_services.report_get_or_create(unit=unit_a, period=q3),
        clerk,
        lambda r: services.personnel_figures_save(report=r, values={"quota": 2110, "headcount": 2090}),
    )
    save(
        cchc_services.report_get_or_create(unit=unit_a, period=q4),
        clerk,
        lambda r: services.personnel_figures_save(report=r, values={"policy_cases": 278}),
    )
    assert personnel_selectors.personnel_stock_previous(report=report_a) == {"quota": 2110, "headcount": 2090}


def test_rating_distribution_sums_counts_across_units_and_recomputes_shares(report_a, report_b, clerk, cast):
    # Unit A: 50% excellent of 10 people; unit B: 10% excellent of 1.000 people.
    save_ratings(report_a, clerk, {**RATING_2019, "excellent": 5, "good": 5, "completed": 0, "not_completed": 0})
    save_ratings(
        report_b, cast["clerk_b"], {**RATING_2019, "excellent": 100, "good": 800, "completed": 90, "not_completed": 10}
    )
    with CaptureQueriesContext(connection) as queries:
        [row] = personnel_selectors.rating_distribution(unit_ids=[report_a.unit_id, report_b.unit_id])
    assert len(queries) == 1
    assert (row["year"], row["total"], row["excellent"], row["good"]) == (2019, 1010, 105, 805)
    assert row["excellent_share"] == Decimal("10.40")  # 105 / 1.010, not the mean of 50% and 10% (30%)
    assert row["not_completed_share"] == Decimal("0.99")


def test_rating_distribution_by_year_and_unit(report_a, report_a_q2, clerk):
    save_ratings(report_a, clerk, RATING_2019)
    save_ratings(report_a_q2, clerk, {**RATING_2019, "rating_year": 2018, "excellent": 1})
    rows = personnel_selectors.rating_distribution(unit_ids=[report_a.unit_id])
    assert [r["year"] for r in rows] == [2018, 2019]
    assert personnel_selectors.rating_distribution(unit_ids=[report_a.unit_id], years=[2019])[0]["total"] == 21635
    assert personnel_selectors.rating_distribution(unit_ids=[]) == []


# --- mergers -----------------------------------------------------------------------------------------------


@pytest.fixture
def tree(province):
    """Three districts under the province: Bắc and Nam merge into Hà Quảng mới, which begins on the merger day.
    Bắc has a commune still active (it moves) and one abolished before the merger (it stays)."""
    district = UnitKind.DISTRICT
    north = cchc_services.unit_upsert(code="T-H-BAC", name="UBND huyện Bắc", kind=district, parent=province)
    south = cchc_services.unit_upsert(code="T-H-NAM", name="UBND huyện Nam", kind=district, parent=province)
    new = cchc_services.unit_upsert(
        code="T-H-MOI", name="UBND huyện Hà Quảng mới", kind=district, parent=province, valid_from=MERGER_DAY
    )
    commune = cchc_services.unit_upsert(code="T-X-1", name="UBND xã Một", kind=UnitKind.COMMUNE, parent=north)
    old_commune = cchc_services.unit_upsert(
        code="T-X-0", name="UBND xã Cũ", kind=UnitKind.COMMUNE, parent=north, valid_to=dt.date(2019, 12, 31)
    )
    return {"north": north, "south": south, "new": new, "commune": commune, "old_commune": old_commune}


def reload(units: dict) -> dict:
    return {key: Unit.objects.get(pk=unit.pk) for key, unit in units.items()}


def tree_state() -> list:
    return list(Unit.objects.order_by("pk").values("pk", "parent", "path", "valid_from", "valid_to", "successor"))


def test_merger_ends_the_merged_units_and_names_the_successor(tree):
    record = services.merger_apply(
        merged=[tree["north"], tree["south"]], into=tree["new"], effective_on=MERGER_DAY, resolution=RESOLUTION
    )
    units = reload(tree)
    for key in ("north", "south"):
        assert units[key].valid_to == dt.date(2020, 1, 31)
        assert units[key].successor == units["new"]
    assert units["new"].valid_to is None and units["new"].successor is None
    assert set(units["new"].predecessors.all()) == {units["north"], units["south"]}

    assert UnitMerger.objects.get() == record
    assert set(record.merged.all()) == {units["north"], units["south"]}
    assert (record.into, record.effective_on, record.resolution) == (units["new"], MERGER_DAY, RESOLUTION)
    assert services.merger_for(into=units["new"], effective_on=MERGER_DAY) == record


def test_merger_moves_the_active_sub_units_to_the_successor(tree):
    services.merger_apply(
        merged=[tree["north"], tree["south"]], into=tree["new"], effective_on=MERGER_DAY, resolution=RESOLUTION
    )
    units = reload(tree)
    assert units["commune"].parent == units["new"]
    assert units["commune"].path == f"{units['new'].path}{units['commune'].pk}/"
    assert units["old_commune"].parent == units["north"]  # ended before the merger: stays where it was
    assert set(selectors.unit_subtree(unit=units["new"])) == {units["new"], units["commune"]}
    assert list(units["north"].children.all()) == [units["old_commune"]]


def test_the_tree_before_and_after_agree_with_the_merger(tree, province):
    services.merger_apply(
        merged=[tree["north"], tree["south"]], into=tree["new"], effective_on=MERGER_DAY, resolution=RESOLUTION
    )

    def districts(day):
        return set(selectors.units_active_on(day=day).filter(kind=UnitKind.DISTRICT).values_list("code", flat=True))

    assert districts(dt.date(2020, 1, 31)) == {"T-H-BAC", "T-H-NAM"}
    assert districts(MERGER_DAY) == {"T-H-MOI"}

    # The expected reports count the tree as it stands at each quarter's end.
    q4 = cchc_services.period_upsert(year=2019, quarter=4)
    q1 = cchc_services.period_upsert(year=2020, quarter=1)
    cchc_services.period_reports_ensure(period=q4)
    cchc_services.period_reports_ensure(period=q1)
    reporting = {
        p: set(Report.objects.filter(period=p, unit__kind=UnitKind.DISTRICT).values_list("unit__code", flat=True))
        for p in (q4, q1)
    }
    assert reporting == {q4: {"T-H-BAC", "T-H-NAM"}, q1: {"T-H-MOI"}}

    [change] = selectors.unit_tree_changes(unit=Unit.objects.get(code="T-H-BAC"))
    assert change.day == MERGER_DAY and change.parent == province
    assert {u.code for u in change.before} == {"T-H-BAC", "T-H-NAM"}
    assert {u.code for u in change.after} == {"T-H-MOI"}


def test_the_unit_history_records_the_merger(tree):
    services.merger_apply(
        merged=[tree["north"], tree["south"]], into=tree["new"], effective_on=MERGER_DAY, resolution=RESOLUTION
    )
    north = Unit.objects.get(pk=tree["north"].pk)
    records = list(north.history.order_by("history_date", "history_id"))
    assert (records[0].valid_to, records[0].successor_id) == (None, None)
    assert (records[-1].valid_to, records[-1].successor_id) == (dt.date(2020, 1, 31), tree["new"].pk)
    commune = Unit.objects.get(pk=tree["commune"].pk)
    assert [h.parent_id for h in commune.history.order_by("history_date", "history_id")] == [
        tree["north"].pk,
        tree["new"].pk,
    ]
    assert UnitMerger.history.count() >= 1


def _inactive(tree, province):
    south = tree["south"]
    south.valid_to = dt.date(2019, 12, 31)
    south.save()
    return [tree["north"], south], tree["new"], "UBND huyện Nam: không còn hiệu lực vào ngày 31/01/2020"


def _itself(tree, province):
    message = "UBND huyện Hà Quảng mới: không thể sáp nhập một đơn vị vào chính nó."
    return [tree["north"], tree["new"]], tree["new"], message


def _other_kind(tree, province):
    department = cchc_services.unit_upsert(code="T-S", name="Sở Thử", kind=UnitKind.DEPARTMENT, parent=province)
    return (
        [tree["north"], department],
        tree["new"],
        (
            "Sở Thử (Sở, ban, ngành) không thể sáp nhập vào UBND huyện Hà Quảng mới (UBND huyện, thành phố): "
            "khác loại đơn vị."
        ),
    )


def _target_inactive(tree, province):
    new = tree["new"]
    new.valid_from = dt.date(2020, 3, 1)
    new.save()
    return [tree["north"], tree["south"]], new, "UBND huyện Hà Quảng mới: không có hiệu lực vào ngày 01/02/2020."


def _target_ended(tree, province):
    new = tree["new"]
    new.valid_to = dt.date(2020, 1, 15)
    new.valid_from = None
    new.save()
    return [tree["north"], tree["south"]], new, "UBND huyện Hà Quảng mới: không có hiệu lực vào ngày 01/02/2020."


def _nothing(tree, province):
    return [], tree["new"], "Các đơn vị được sáp nhập: chọn ít nhất một đơn vị."


REFUSED = {
    "inactive unit": _inactive,
    "merged into itself": _itself,
    "unit of another kind": _other_kind,
    "target not yet active": _target_inactive,
    "target already ended": _target_ended,
    "no unit": _nothing,
}


@pytest.mark.parametrize("case", REFUSED.values(), ids=REFUSED.keys())
def test_a_refused_merger_says_why_and_leaves_the_tree_unchanged(tree, province, case):
    merged, into, message = case(tree, province)
    before = tree_state()
    history_before = Unit.history.count()
    with pytest.raises(ValidationError) as caught:
        services.merger_apply(merged=merged, into=into, effective_on=MERGER_DAY, resolution=RESOLUTION)
    assert any(message in m for m in caught.value.messages), caught.value.messages
    assert tree_state() == before
    assert Unit.history.count() == history_before
    assert not UnitMerger.objects.exists()


def test_every_reason_is_listed_at_once(tree, province):
    department = cchc_services.unit_upsert(code="T-S", name="Sở Thử", kind=UnitKind.DEPARTMENT, parent=province)
    with pytest.raises(ValidationError) as caught:
        services.merger_check(merged=[tree["new"], department], into=tree["new"], effective_on=dt.date(2020, 1, 1))
    assert len(caught.value.messages) == 3, caught.value.messages


def test_a_merger_with_a_resolution_in_another_shape_is_refused(tree):
    before = tree_state()
    with pytest.raises(ValidationError):
        services.merger_apply(merged=[tree["north"]], into=tree["new"], effective_on=MERGER_DAY, resolution="864-NQ")
    assert tree_state() == before
    assert not UnitMerger.objects.exists()
