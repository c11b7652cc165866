"""The report workflow: the state machine, reasons, checks, optimistic concurrency, expected reports."""

import datetime as dt

import pytest
from django.utils import timezone

from cchc import selectors, services
from cchc.choices import ReportStatus, UnitKind
from cchc.exceptions import ConcurrencyConflict, NotAllowed, SubmissionInvalid, WorkflowError
from cchc.models import Report
from conftest import fill_narrative


def test_clerk_submits_a_complete_draft(report_a, cast):
    report = fill_narrative(report_a, cast["clerk_a"])
    report = services.report_submit(report=report, user=cast["clerk_a"])
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_by == cast["clerk_a"] and report.submitted_at is not None


def test_submission_runs_the_sections_checks(report_a, cast, blocking_section):
    with pytest.raises(SubmissionInvalid) as excinfo:
        services.report_submit(report=report_a, user=cast["clerk_a"])
    assert excinfo.value.messages == ["Mục thử: Nguyên nhân: chưa nhập."]
    assert Report.objects.get(pk=report_a.pk).status == ReportStatus.DRAFT


def test_manager_cannot_approve_a_draft(report_a, cast):
    with pytest.raises(WorkflowError, match="Chỉ duyệt được báo cáo đã gửi"):
        services.report_approve(report=report_a, user=cast["manager"])


def test_approved_report_cannot_be_submitted_again(approved_report_a, cast):
    with pytest.raises(WorkflowError, match="Không thể gửi"):
        services.report_submit(report=approved_report_a, user=cast["clerk_a"])


def test_return_needs_a_reason(submitted_report_a, cast):
    with pytest.raises(WorkflowError, match="Lý do"):
        services.report_return(report=submitted_report_a, user=cast["manager"], reason="  ")
    assert Report.objects.get(pk=submitted_report_a.pk).status == ReportStatus.SUBMITTED


def test_returned_report_keeps_the_reason_and_can_be_resubmitted(submitted_report_a, cast):
    report = services.report_return(report=submitted_report_a, user=cast["manager"], reason="Thiếu số liệu quý")
    assert report.status == ReportStatus.RETURNED and report.return_reason == "Thiếu số liệu quý"
    report = services.report_submit(report=report, user=cast["clerk_a"])
    assert report.status == ReportStatus.SUBMITTED


def test_reopen_needs_an_approved_report_and_a_reason(submitted_report_a, approved_report_a, cast):
    with pytest.raises(WorkflowError, match="Lý do"):
        services.report_reopen(report=approved_report_a, user=cast["manager"], reason="")
    report = services.report_reopen(report=approved_report_a, user=cast["manager"], reason="Sai số liệu")
    assert report.status == ReportStatus.RETURNED and report.reopen_reason == "Sai số liệu"
    with pytest.raises(WorkflowError, match="Chỉ mở lại"):
        services.report_reopen(report=report, user=cast["manager"], reason="lần nữa")


def test_reopened_report_can_be_edited_again(approved_report_a, cast):
    report = services.report_reopen(report=approved_report_a, user=cast["manager"], reason="Sai số liệu")

    def apply(locked):
        locked.shortcomings = "Đã sửa"

    report = services.report_update(report=report, user=cast["clerk_a"], expected_version=report.version, apply=apply)
    assert Report.objects.get(pk=report.pk).shortcomings == "Đã sửa"


def test_services_ask_the_permission_module(submitted_report_a, cast):
    with pytest.raises(NotAllowed):
        services.report_approve(report=submitted_report_a, user=cast["viewer"])
    with pytest.raises(NotAllowed):
        services.report_approve(report=submitted_report_a, user=cast["clerk_b"])
    with pytest.raises(NotAllowed):
        fill_narrative(submitted_report_a, cast["clerk_a"])  # submitted: no longer editable


def test_clerk_of_another_unit_cannot_save(report_a, cast):
    with pytest.raises(NotAllowed):
        fill_narrative(report_a, cast["clerk_b"])


def test_second_save_from_the_same_version_is_a_conflict_naming_the_change(report_a, cast):
    version = report_a.version

    def first(locked):
        locked.shortcomings = "Bản của người thứ nhất"

    def second(locked):
        locked.shortcomings = "Bản của người thứ hai"

    services.report_update(report=report_a, user=cast["clerk_a"], expected_version=version, apply=first)
    with pytest.raises(ConcurrencyConflict) as excinfo:
        services.report_update(report=report_a, user=cast["clerk_a"], expected_version=version, apply=second)
    changes = excinfo.value.changes
    assert any(c.field == "hạn chế" and c.new == "Bản của người thứ nhất" for c in changes)
    assert Report.objects.get(pk=report_a.pk).shortcomings == "Bản của người thứ nhất"


def test_every_save_moves_the_version_on(report_a, cast):
    before = report_a.version
    report = fill_narrative(report_a, cast["clerk_a"])
    assert report.version == before + 1


def test_expected_reports_follow_unit_validity(province, period):
    services.unit_upsert(
        code="OLD", name="Huyện cũ", kind=UnitKind.DISTRICT, parent=province, valid_to=dt.date(2020, 1, 31)
    )
    services.unit_upsert(
        code="NEW", name="Huyện mới", kind=UnitKind.DISTRICT, parent=province, valid_from=dt.date(2020, 2, 1)
    )
    created = services.period_reports_ensure(period=period)
    codes = set(Report.objects.filter(period=period).values_list("unit__code", flat=True))
    assert "NEW" in codes and "OLD" not in codes
    assert created == len(codes)
    assert services.period_reports_ensure(period=period) == 0


def test_submission_summary_counts_on_time_and_late(report_a, report_b, cast, period):
    on_time = timezone.make_aware(dt.datetime(2020, 3, 20, 23, 59))
    late = timezone.make_aware(dt.datetime(2020, 3, 21, 0, 1))
    services.report_submit(report=fill_narrative(report_a, cast["clerk_a"]), user=cast["clerk_a"], at=on_time)
    services.report_submit(report=fill_narrative(report_b, cast["clerk_b"]), user=cast["clerk_b"], at=late)
    summary = selectors.submission_summary(period=period, reports=Report.objects.all())
    assert (summary.expected, summary.submitted, summary.on_time, summary.late, summary.missing) == (2, 2, 1, 1, 0)
    assert Report.objects.get(pk=report_b.pk).days_late() == 1
