"""`seed_demo`: the Cao Bằng reference data, loaded through the services, idempotently."""

import datetime as dt

import pytest
from django.core import serializers
from django.core.management import call_command

from cchc import selectors
from cchc.choices import ReportStatus
from cchc.models import FigureDefinition, FigureValue, Membership, Period, Report, Unit
from iso.models import IsoFigures
from outreach.models import MediaOutlet, OutreachCount
from personnel.models import DownsizingApproval, PersonnelFigures, QualityRating, UnitMerger
from procedures.models import LedgerRow, ProcedureFigures


def snapshot():
    models = [
        Unit,
        Period,
        Report,
        Membership,
        ProcedureFigures,
        LedgerRow,
        PersonnelFigures,
        QualityRating,
        DownsizingApproval,
        UnitMerger,
        FigureDefinition,
        FigureValue,
        IsoFigures,
        MediaOutlet,
        OutreachCount,
    ]
    return {m.__name__: serializers.serialize("json", m.objects.order_by("pk")) for m in models}


@pytest.fixture
def seeded(demo_data):
    """The demo data (conftest.py: seed_demo, once per module)."""


def test_seed_twice_gives_the_same_data(seeded):
    first = snapshot()
    call_command("seed_demo", verbosity=0)
    assert snapshot() == first


def test_the_2020_merger_is_in_the_unit_tree(seeded):
    before = {u.name for u in selectors.units_active_on(day=dt.date(2020, 1, 31)).filter(kind="district")}
    after = {u.name for u in selectors.units_active_on(day=dt.date(2020, 2, 1)).filter(kind="district")}
    assert len(before) == 13 and len(after) == 10
    assert "UBND huyện Thông Nông" in before and "UBND huyện Quảng Hòa" in after
    assert Unit.objects.get(code="CB-H-THONGNONG").successor.name == "UBND huyện Hà Quảng"
    assert Unit.objects.get(code="CB-H-PHUCHOA").successor == Unit.objects.get(code="CB-H-QUANGHOA")


def test_no_district_reports_after_the_district_level_ended(seeded):
    assert not selectors.units_active_on(day=dt.date(2026, 1, 1)).filter(kind="district").exists()
    q1_2026 = Period.objects.get(year=2026, quarter=1)
    assert not Report.objects.filter(period=q1_2026, unit__kind="district").exists()
    q1_2020 = Period.objects.get(year=2020, quarter=1)
    assert Report.objects.filter(period=q1_2020, unit__kind="district").count() == 10


def test_quarters_2019_to_2026_exist(seeded):
    assert Period.objects.count() == 32
    assert {(p.year, p.quarter) for p in Period.objects.all()} >= {(2019, 1), (2026, 4)}


def test_province_q1_2020_report_is_approved_with_the_article_text(seeded):
    report = Report.objects.get(unit__code="CB", period__year=2020, period__quarter=1)
    assert report.status == ReportStatus.APPROVED
    assert "gửi kế hoạch, báo cáo về công tác CCHC chậm" in report.shortcomings
    assert report.is_on_time


def test_demo_accounts_can_sign_in(seeded, client):
    from seeds.cao_bang import DEMO_ACCOUNTS, DEMO_PASSWORD

    for username, *_rest in DEMO_ACCOUNTS:
        assert client.login(username=username, password=DEMO_PASSWORD), username


def test_q1_2020_procedure_figures_are_entered_as_published(seeded):
    figures = ProcedureFigures.objects.get(report__unit__code="CB", report__period__year=2020)
    assert (figures.procedures_in_force, figures.procedures_reduced) == (1722, 904)
    assert (figures.decisions_workflows, figures.workflows_approved) == (3, 17)
    assert (figures.communes_on_one_stop, figures.communes_total, figures.feedback_received) == (199, 199, 85)
    centre = LedgerRow.objects.get(report__unit__code="CB-TTPVHCC", report__period__year=2020)
    assert (centre.received_total, centre.resolved_on_time, centre.resolved_late, centre.pending_total) == (
        2084,
        1604,
        10,
        470,
    )
    province = LedgerRow.objects.get(report__unit__code="CB", report__period__year=2020)
    assert (province.received_total, province.resolved_on_time, province.resolved_late, province.pending_total) == (
        14595,
        11881,
        955,
        1759,
    )
    assert Report.objects.get(unit__code="CB-TTPVHCC", period__year=2020, period__quarter=1).status == "approved"


def test_province_only_figures_are_asked_of_the_province_alone(seeded, client):
    """The service centre's clerk is not asked for the province's self-inspection figures (issue 17); the
    province's clerk is. The kinds are data: an admin can change them on the catalogue figure."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    asked = "Quyết định của UBND tỉnh được tự kiểm tra"
    assert FigureDefinition.objects.get(code="qppl_self_inspected_decisions").unit_kinds == ["province"]
    period = Period.objects.get(year=2020, quarter=2)
    for username, unit_code, shown in (("canbo.tthcc", "CB-TTPVHCC", False), ("canbo.tinh", "CB", True)):
        report = selectors_report(unit_code, period)
        client.force_login(get_user_model().objects.get(username=username))
        page = client.get(reverse("report_detail", args=[report.pk]))
        assert page.status_code == 200
        assert (asked in page.content.decode()) is shown, username


def selectors_report(unit_code: str, period: Period) -> Report:
    """The unit's report of the period (created as the clerk's page would)."""
    from cchc import services

    return services.report_get_or_create(unit=Unit.objects.get(code=unit_code), period=period)
