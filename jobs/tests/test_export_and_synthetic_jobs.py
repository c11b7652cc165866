"""The narrative .docx of a large scope and the synthetic province as jobs (issue 13): who may start them,
state, progress by phase, the result (a file to download for the narrative), cancel, and the failures."""

from __future__ import annotations

import io
import zipfile
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from cchc.models import Report, Unit
from jobs import files
from jobs.models import Job
from jobs.runner import execute
from reports import jobs as report_jobs
from reports.tests import test_export
from seeds import jobs as seed_jobs
from seeds import synthetic

figures = test_export.figures  # unit A's and unit B's ledgers in Q1-2020 (fixture)


def document_xml(content: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(content)) as docx:
        return docx.read("word/document.xml")


# --- the narrative ---------------------------------------------------------------------------------


def test_a_manager_exports_the_narrative_as_a_job_and_downloads_the_pages_document(
    client, cast, figures, django_capture_on_commit_callbacks
):
    client.force_login(cast["manager"])
    direct = client.get(reverse("narrative_download"), {"period": "2020-Q1", "number": "12"})
    page = client.get(reverse("narrative_report"), {"period": "2020-Q1"}).content.decode()
    assert 'id="narrative-job"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("narrative_job") + "?period=2020-Q1&number=12")

    job = Job.objects.get(kind="reports.narrative")
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    assert (job.state, job.user, job.phase, job.done, job.total) == ("done", cast["manager"], "document", 2, 2)
    assert job.result["units"] >= 2 and job.result["scope"] == "UBND tỉnh Thử Nghiệm"
    shown = client.get(response["Location"]).content.decode()
    assert 'id="narrative-result"' in shown and reverse("job_download", args=[job.pk]) in shown
    file = client.get(reverse("job_download", args=[job.pk]))
    assert file["Content-Disposition"] == direct["Content-Disposition"]
    assert document_xml(b"".join(file.streaming_content)) == document_xml(direct.content)
    client.force_login(cast["viewer"])
    assert client.get(reverse("job_download", args=[job.pk])).status_code == 404  # the manager's file


@pytest.mark.parametrize("role", ["clerk_a", "viewer"])
def test_only_managers_and_admins_start_the_narrative_job(client, cast, figures, role):
    client.force_login(cast[role])

    assert 'id="narrative-job"' not in client.get(reverse("narrative_report"), {"period": "2020-Q1"}).content.decode()
    assert client.post(reverse("narrative_job") + "?period=2020-Q1").status_code == 403
    assert not Job.objects.exists()


def test_a_bad_period_goes_back_to_the_report_page_without_a_job(client, cast):
    client.force_login(cast["manager"])

    response = client.post(reverse("narrative_job") + "?period=2020-Q9")

    assert response.status_code == 302 and response["Location"].startswith(reverse("narrative_report"))
    assert not Job.objects.exists()


def test_the_narrative_job_cancelled_between_its_steps_leaves_no_file(cast, figures, monkeypatch):
    job = Job.objects.create(kind="reports.narrative", user=cast["manager"], input={"query": "period=2020-Q1"})
    built = report_jobs.narrative_build

    def build_then_cancel(**kwargs):
        narrative = built(**kwargs)
        files.cancel_path(job.pk).touch()  # "Hủy công việc" while the narrative is composed
        return narrative

    monkeypatch.setattr(report_jobs, "narrative_build", build_then_cancel)

    assert execute(job.pk) == "cancelled"

    job.refresh_from_db()
    assert (job.phase, job.done, job.result_file) == ("document", 1, "")
    assert not files.result_path(job.pk).exists()


def test_a_narrative_job_of_a_scope_the_user_may_no_longer_manage_fails_readably(cast, figures, unit_c):
    job = Job.objects.create(
        kind="reports.narrative", user=cast["manager"], input={"query": f"period=2020-Q1&scope={unit_c.pk}"}
    )

    assert execute(job.pk) == "failed"

    job.refresh_from_db()
    assert job.error == "Bạn không được xem đơn vị đã chọn."


# --- the synthetic province ------------------------------------------------------------------------


def synthetic_units():
    return Unit.objects.filter(code__startswith=synthetic.PREFIX)


def test_an_admin_builds_the_synthetic_province_as_a_job_with_its_progress(
    client, cast, period, django_capture_on_commit_callbacks
):
    client.force_login(cast["admin"])
    form = client.get(reverse("synthetic_job"))
    assert form.status_code == 200 and 'id="synthetic-start"' in form.content.decode()
    assert reverse("synthetic_job") in client.get(reverse("job_list")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("synthetic_job"),
            {"units": 12, "quarters": 2, "seed": 7, "code": "syn-07", "end": "2020-Q1", "iso_and_outreach": "on"},
        )

    job = Job.objects.get(kind="seeds.synthetic")
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    assert (job.state, job.phase, job.done, job.total) == ("done", "synthetic", 12, 12)
    assert job.input["code"] == "SYN-07" and job.input["end"] == [2020, 1]
    assert (job.result["code"], job.result["units"], job.result["periods"]) == ("SYN-07", 12, ["2019-Q4", "2020-Q1"])
    assert synthetic_units().count() == 13  # the province and its 12 units
    assert Report.objects.filter(unit__code__startswith="SYN-").count() == job.result["reports"] == 26
    assert 'id="synthetic-result"' in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("role", ["clerk_a", "manager", "viewer"])
def test_only_admins_open_or_post_the_synthetic_form(client, cast, role):
    client.force_login(cast[role])

    assert client.get(reverse("synthetic_job")).status_code == 403
    assert (
        client.post(reverse("synthetic_job"), {"units": 3, "quarters": 1, "seed": 1, "code": "SYN-01"}).status_code
        == 403
    )
    assert reverse("synthetic_job") not in client.get(reverse("job_list")).content.decode()
    assert not Job.objects.exists()


def test_the_synthetic_form_refuses_a_code_outside_syn(client, cast):
    client.force_login(cast["admin"])

    response = client.post(reverse("synthetic_job"), {"units": 3, "quarters": 1, "seed": 1, "code": "CB-01"})

    assert response.status_code == 200 and "phải bắt đầu bằng “SYN-”" in response.content.decode()
    assert not Job.objects.exists()


def test_the_synthetic_job_cancelled_between_chunks_leaves_nothing(cast, period, monkeypatch):
    monkeypatch.setattr(synthetic, "CHUNK_UNITS", 4)
    job = seed_jobs.synthetic_job_start(user=cast["admin"], units=10, quarters=1, end=(2020, 1))
    real = synthetic.chunk_write

    def chunk_then_cancel(*args, **kwargs):
        real(*args, **kwargs)
        files.cancel_path(job.pk).touch()

    monkeypatch.setattr(synthetic, "chunk_write", chunk_then_cancel)

    assert execute(job.pk) == "cancelled"

    job.refresh_from_db()
    assert (job.done, job.total) == (4, 10)
    assert not synthetic_units().exists() and not Report.objects.filter(unit__code__startswith="SYN-").exists()


def test_a_synthetic_province_that_exists_fails_the_job_unless_replaced(cast, period):
    synthetic.synthetic_province_build(units=3, quarters=1, end=(2020, 1))
    job = seed_jobs.synthetic_job_start(user=cast["admin"], units=5, quarters=1, end=(2020, 1))

    assert execute(job.pk) == "failed"
    job.refresh_from_db()
    assert job.error.startswith("Đã có tỉnh mô phỏng SYN-01")

    again = seed_jobs.synthetic_job_start(user=cast["admin"], units=5, quarters=1, end=(2020, 1), replace=True)
    assert execute(again.pk) == "done"
    again.refresh_from_db()
    assert again.result["replaced"] is True and synthetic_units().count() == 6


def test_generate_synthetic_background_queues_the_job(db, django_capture_on_commit_callbacks, period):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "generate_synthetic", "--units", "3", "--quarters", "1", "--end", "2020-Q1", "--background", stdout=out
        )

    job = Job.objects.get(kind="seeds.synthetic")
    assert f"#{job.pk}" in out.getvalue()
    assert (job.user, job.state, job.result["units"]) == (None, "done", 3)
