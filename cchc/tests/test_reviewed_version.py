"""Approve, return and reopen carry the version the manager reviewed (issue 16, defect 3)."""

import pytest
from django.urls import reverse

from cchc import services
from cchc.choices import ReportStatus
from cchc.exceptions import WorkflowError
from cchc.models import Report


def _review(client, report, action, version, reason=""):
    return client.post(
        reverse("report_review", args=[report.pk]),
        {"action": action, "version": version, "reason": reason},
        follow=True,
    )


def test_the_review_form_carries_the_version_on_the_page(client, cast, submitted_report_a):
    client.force_login(cast["manager"])
    page = client.get(reverse("report_detail", args=[submitted_report_a.pk])).content.decode()
    review = page[page.index('id="review"') :]
    assert f'name="version" value="{submitted_report_a.version}"' in review


@pytest.mark.parametrize("action", ["approve", "return"])
def test_a_decision_on_a_report_changed_since_it_was_reviewed_is_refused(client, cast, submitted_report_a, action):
    from procedures.models import LedgerRow

    reviewed = submitted_report_a.version
    # Meanwhile an admin corrects a ledger row of the submitted report in Django admin.
    client.force_login(cast["admin"])
    response = client.post(
        reverse("admin:procedures_ledgerrow_add"),
        {
            "report": submitted_report_a.pk,
            "reception_point": "Bộ phận một cửa",
            "received_total": 5,
            "resolved_total": 5,
            "pending_total": 0,
            "source": "typed",
            "carry_over_note": "",
        },
    )
    assert response.status_code == 302 and LedgerRow.objects.filter(report=submitted_report_a).exists()

    client.force_login(cast["manager"])
    page = _review(client, submitted_report_a, action, reviewed, reason="Thiếu số liệu").content.decode()

    assert "Báo cáo đã thay đổi kể từ khi bạn mở trang" in page
    assert Report.objects.get(pk=submitted_report_a.pk).status == ReportStatus.SUBMITTED


def test_a_decision_on_the_reviewed_version_goes_through(client, cast, submitted_report_a):
    client.force_login(cast["manager"])
    _review(client, submitted_report_a, "approve", submitted_report_a.version)
    assert Report.objects.get(pk=submitted_report_a.pk).status == ReportStatus.APPROVED


def test_the_reopen_service_compares_the_version_too(cast, approved_report_a):
    with pytest.raises(WorkflowError, match="đã thay đổi"):
        services.report_reopen(
            report=approved_report_a, user=cast["manager"], reason="Sửa", expected_version=approved_report_a.version - 1
        )
    assert Report.objects.get(pk=approved_report_a.pk).status == ReportStatus.APPROVED
