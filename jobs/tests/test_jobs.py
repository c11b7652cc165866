"""Jobs: state, progress, cooperative cancel, readable failures, dead workers, the pages, retention."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from jobs import files, selectors, services
from jobs.models import Job
from jobs.runner import JobError, Outcome, execute
from procedures.models import DossierRecord
from procedures.tests.test_import import csv_upload, line


def start(user, kind="test.work", **kwargs) -> Job:
    """Record a job without running it (the worker is the test)."""
    return Job.objects.create(kind=kind, user=user, **kwargs)


def test_a_job_records_who_state_times_progress_and_result(cast, test_kind):
    def work(job, ctx):
        for done in range(0, 30, 10):
            ctx.progress(done, total=30, phase="read")
        return Outcome(result={"answer": 42})

    test_kind.append(work)
    job = start(cast["clerk_a"], input={"x": 1})

    assert execute(job.pk) == "done"

    job.refresh_from_db()
    assert (job.state, job.result, job.total, job.phase, job.user) == (
        "done",
        {"answer": 42},
        30,
        "read",
        cast["clerk_a"],
    )
    assert job.started_at <= job.finished_at and job.error == "" and job.percent == 100
    assert execute(job.pk) == ""  # delivered twice: the second delivery does nothing


def test_a_failure_shows_a_readable_message_and_logs_the_traceback(cast, test_kind, caplog):
    def work(job, ctx):
        raise ZeroDivisionError("boom")

    test_kind.append(work)
    job = start(cast["clerk_a"])

    assert execute(job.pk) == "failed"

    job.refresh_from_db()
    assert job.error.startswith(f"Lỗi không mong đợi khi chạy công việc #{job.pk}")
    assert "ZeroDivisionError" in caplog.text and "boom" not in job.error


def test_an_expected_failure_shows_its_own_message(cast, test_kind):
    def work(job, ctx):
        raise JobError("Tệp hồ sơ: tệp rỗng.")

    test_kind.append(work)
    job = start(cast["clerk_a"])
    execute(job.pk)
    job.refresh_from_db()
    assert (job.state, job.error) == ("failed", "Tệp hồ sơ: tệp rỗng.")


def test_a_queued_job_cancelled_never_runs(cast, test_kind):
    test_kind.append(lambda job, ctx: pytest.fail("a cancelled job ran"))
    job = start(cast["clerk_a"])

    assert services.job_cancel(job=job)

    assert execute(job.pk) == ""
    job.refresh_from_db()
    assert job.state == "cancelled" and job.finished_at is not None
    assert not services.job_cancel(job=job)  # finished: nothing to cancel


def test_a_running_job_stops_at_its_next_batch_when_cancelled(cast, test_kind):
    batches = []

    def work(job, ctx):
        for batch in range(10):
            batches.append(batch)
            if batch == 3:
                services.job_cancel(job=job)  # the user clicks "Hủy" while batch 3 runs
            ctx.progress(batch)
        return Outcome()

    test_kind.append(work)
    job = start(cast["clerk_a"])

    assert execute(job.pk) == "cancelled"
    assert batches == [0, 1, 2, 3]


@pytest.fixture
def big_file(setup):
    return csv_upload(*[line(f"HS-{i}") for i in range(3000)])


@pytest.mark.django_db(transaction=True)
def test_cancelling_an_import_commit_midway_leaves_nothing_written(setup, big_file, settings, monkeypatch):
    """A worker thread commits 3,000 rows in batches of 100; the user watches the progress, then cancels."""
    import procedures.importing.limits
    import procedures.jobs

    settings.JOBS_HEARTBEAT_SECONDS = 0.05
    monkeypatch.setattr(procedures.importing.limits, "BATCH_SIZE", 100)
    monkeypatch.setattr(procedures.jobs, "BATCH_SIZE", 100)
    slow = procedures.jobs._progress

    def slowed(ctx, total=None):
        report = slow(ctx, total)

        def step(*args, **kwargs):
            time.sleep(0.05)
            report(*args, **kwargs)

        return step

    monkeypatch.setattr(procedures.jobs, "_progress", slowed)
    job = start(setup["admin"], kind="dossiers.import", input={"rows": 3000}, input_name="ho-so.csv")
    files.save_upload(job.pk, big_file)

    def worker():
        try:
            execute(job.pk)
        finally:
            connections.close_all()

    thread = threading.Thread(target=worker)
    thread.start()
    deadline = time.monotonic() + 60
    seen = 0
    while seen < 500 and time.monotonic() < deadline:  # progress is visible outside the import's transaction
        time.sleep(0.05)
        seen = selectors.job_live(job=Job.objects.get(pk=job.pk)).done
    assert seen >= 500
    services.job_cancel(job=Job.objects.get(pk=job.pk))
    thread.join(timeout=60)

    job.refresh_from_db()
    assert job.state == "cancelled" and job.done < 3000
    assert DossierRecord.objects.count() == 0


def test_a_running_job_whose_heartbeat_lapsed_is_marked_failed(cast, settings):
    settings.JOBS_HEARTBEAT_LAPSE_SECONDS = 60
    long_ago = timezone.now() - dt.timedelta(minutes=5)
    dead = start(cast["clerk_a"], state="running", started_at=long_ago, heartbeat_at=long_ago)
    alive = start(cast["clerk_a"], state="running", started_at=long_ago, heartbeat_at=timezone.now())
    alive_by_file = start(cast["clerk_a"], state="running", started_at=long_ago, heartbeat_at=long_ago)
    files.write_progress(alive_by_file.pk, {"done": 10})  # SQLite: a commit holds the lock, the file beats

    assert services.jobs_fail_stale() == 1

    dead.refresh_from_db()
    assert dead.state == "failed" and "Tiến trình xử lý đã dừng đột ngột" in dead.error
    assert Job.objects.get(pk=alive.pk).state == Job.objects.get(pk=alive_by_file.pk).state == "running"


def test_files_are_kept_until_the_retention_period_then_removed(cast, settings):
    settings.JOBS_RETENTION_HOURS = 24
    now = timezone.now()
    old = start(cast["clerk_a"], state="done", finished_at=now - dt.timedelta(hours=25))
    recent = start(cast["clerk_a"], state="failed", finished_at=now - dt.timedelta(hours=1))
    running = start(cast["clerk_a"], state="running")
    for job in (old, recent, running):
        files.input_path(job.pk).write_text("x")

    assert services.jobs_cleanup() == 1

    assert not files.input_path(old.pk).exists()
    assert files.input_path(recent.pk).exists() and files.input_path(running.pk).exists()


def test_the_pages_show_a_users_own_jobs_only(client, cast):
    mine = start(cast["clerk_a"], kind="dossiers.preview", input_name="cua-toi.csv")
    theirs = start(cast["clerk_b"], kind="dossiers.preview", input_name="cua-nguoi-khac.csv")
    client.force_login(cast["clerk_a"])

    page = client.get(reverse("job_list")).content.decode()

    assert "cua-toi.csv" in page and "cua-nguoi-khac.csv" not in page
    assert client.get(reverse("job_detail", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("job_cancel", args=[theirs.pk])).status_code == 404
    detail = client.get(reverse("job_detail", args=[mine.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in detail and "htmx" in detail and "Hủy công việc" in detail
    client.force_login(cast["admin"])
    assert "cua-nguoi-khac.csv" in client.get(reverse("job_list")).content.decode()


def test_the_job_page_polls_a_partial_with_the_live_progress_until_done(client, cast):
    job = start(cast["clerk_a"], kind="dossiers.import", state="running", heartbeat_at=timezone.now(), total=100)
    files.write_progress(job.pk, {"done": 40, "total": 100, "phase": "read"})
    client.force_login(cast["clerk_a"])

    partial = client.get(reverse("job_detail", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()

    assert "<html" not in partial and 'value="40"' in partial and "Đọc và kiểm tra tệp: 40 dòng / 100" in partial
    Job.objects.filter(pk=job.pk).update(state="done", finished_at=timezone.now(), result={"file_name": "a.csv"})
    partial = client.get(reverse("job_detail", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in partial and "Đã nhập a.csv." in partial


def test_a_failed_import_can_be_retried_from_its_kept_file(client, cast, django_capture_on_commit_callbacks):
    job = start(cast["clerk_a"], kind="dossiers.preview", state="failed", finished_at=timezone.now())
    job.input_file = str(files.input_path(job.pk))
    job.input_name = "ho-so.csv"
    job.save()
    files.input_path(job.pk).write_text("ma_ho_so\n")
    client.force_login(cast["clerk_a"])

    response = client.post(reverse("job_retry", args=[job.pk]))

    retry = Job.objects.exclude(pk=job.pk).get()
    assert response["Location"] == reverse("job_detail", args=[retry.pk])
    assert retry.retry_of == job and retry.input_name == "ho-so.csv"
    assert files.input_path(retry.pk).read_text() == "ma_ho_so\n"
