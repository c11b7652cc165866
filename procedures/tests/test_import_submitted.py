"""An import may not change a submitted report (issue 16, defect 3): the manager approves what they reviewed."""

import pytest

from cchc.choices import ReportStatus
from cchc.models import Report
from procedures.importing import ImportFailed, dossier_import_commit, dossier_import_preview
from procedures.models import DossierRecord, LedgerRow
from procedures.tests.test_import import csv_upload, line, messages_of, procedure, quarters  # noqa: F401  (fixtures)


@pytest.fixture
def setup(cast, procedure, quarters):  # noqa: F811
    return cast


SUBMITTED = (
    "Dòng 2: Báo cáo quý I/2020 của đơn vị T-A đã gửi, đang chờ lãnh đạo duyệt: hồ sơ này làm thay đổi sổ theo "
    "dõi của báo cáo đó. Đề nghị lãnh đạo trả lại báo cáo trước khi nhập."
)


def test_a_row_that_would_change_a_submitted_report_is_refused_with_a_message(setup, submitted_report_a):
    version = Report.objects.get(pk=submitted_report_a.pk).version

    preview = dossier_import_preview(file=csv_upload(line("HS-1")), user=setup["clerk_a"])
    assert messages_of(preview) == [SUBMITTED]
    with pytest.raises(ImportFailed):
        dossier_import_commit(file=csv_upload(line("HS-1")), user=setup["clerk_a"])

    report = Report.objects.get(pk=submitted_report_a.pk)
    assert (report.status, report.version) == (ReportStatus.SUBMITTED, version)
    assert not DossierRecord.objects.exists() and not LedgerRow.objects.filter(report=report).exists()


def test_the_same_file_imports_once_the_manager_returns_the_report(setup, submitted_report_a):
    from cchc import services

    services.report_return(report=submitted_report_a, user=setup["manager"], reason="Nhập thêm hồ sơ")

    result = dossier_import_commit(file=csv_upload(line("HS-1")), user=setup["clerk_a"])

    assert result.created == 1 and LedgerRow.objects.filter(report=submitted_report_a).count() == 1


def test_a_report_submitted_between_preview_and_commit_refuses_the_whole_import(setup, report_a, monkeypatch):
    from conftest import fill_narrative
    from procedures import importing

    report = fill_narrative(report_a, setup["clerk_a"])
    real_run = importing.Run.run

    def submit_meanwhile(self, file, name):
        preview = real_run(self, file, name)
        from cchc import services

        services.report_submit(report=Report.objects.get(pk=report.pk), user=setup["clerk_a"], at=None)
        return preview

    monkeypatch.setattr(importing.Run, "run", submit_meanwhile)
    with pytest.raises(ImportFailed) as failed:
        dossier_import_commit(file=csv_upload(line("HS-1")), user=setup["clerk_a"])
    assert "đang chờ lãnh đạo duyệt" in " ".join(failed.value.messages)
    assert not DossierRecord.objects.exists()
