"""The round-trip property on the seeded demo (seed_demo): the Q1-2020 reports that hold figures (ledger
rows, ratings, outreach items, ISO and catalogue figures), reopened for correction, give workbooks that,
uploaded unchanged, change nothing and write nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count

from cchc import services
from cchc.choices import ReportStatus, Role
from cchc.models import Period, Report
from conftest import make_user

from .roundtrip_helpers import download, state, upload

PARTS = (
    "procedures_ledgerrow_set",
    "procedures_procedurefigures_set",
    "personnel_qualityrating_set",
    "outreach_outreachitem_set",
    "outreach_directiondocument_set",
    "iso_isofigures_set",
)


@pytest.fixture
def seeded(demo_data):
    """The demo data (conftest.py: seed_demo, once per module)."""


def test_seeded_workbooks_round_trip_unchanged(seeded, client):
    Period.objects.filter(year=2020, quarter=1).update(is_open=True)
    admin = get_user_model().objects.filter(is_superuser=True).first() or make_user("root", is_superuser=True)
    total = sum((Count(part, distinct=True) for part in PARTS[1:]), Count(PARTS[0], distinct=True))
    reports = list(
        Report.objects.filter(period__year=2020, period__quarter=1)
        .annotate(parts=total)
        .filter(parts__gt=0)
        .order_by("-parts")
        .select_related("unit", "period")[:4]
    )
    assert reports, "seed_demo gives Q1-2020 reports with figures"
    for report in reports:
        if report.status == ReportStatus.APPROVED:
            report = services.report_reopen(report=report, user=admin, reason="Kiểm tra tải mẫu Excel")
        elif report.status == ReportStatus.SUBMITTED:
            report = services.report_return(report=report, user=admin, reason="Kiểm tra tải mẫu Excel")
        client.force_login(make_user(f"clerk-{report.unit.code}", report.unit, Role.CLERK))
        data = download(client, report)
        before = state(report)
        result = upload(client, report, data).context["result"]
        assert (result.errors, result.changes, result.conflicts) == ([], [], []), report
        assert state(report) == before
