"""Starting, cancelling, retrying jobs, and the housekeeping that keeps them honest.

`job_start(kind=..., user=..., input=..., upload=...)` is the door for every kind of background work
(the import page, the API, management commands): it records the Job and enqueues `tasks.run_job` once
the surrounding transaction commits (so a worker on another connection always finds the row).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import files
from .choices import FINISHED_STATES, JobState
from .models import Job
from .registry import KINDS

logger = logging.getLogger("cchc.jobs")


def _enqueue(job_id: int) -> None:
    from .tasks import run_job

    result = run_job.enqueue(job_id)
    # An immediate backend has run the job by now; never overwrite what it recorded.
    Job.objects.filter(pk=job_id).update(task_id=str(result.id)[:64])


def job_start(*, kind: str, user, input: dict | None = None, upload=None, input_from: Job | None = None) -> Job:
    """Record a job and queue it. `upload` (an UploadedFile) or `input_from` (a job whose input file
    this one re-reads, e.g. a commit after its preview) give the input file."""
    if kind not in KINDS:
        raise ValueError(f"Unknown job kind {kind!r}")
    with transaction.atomic():
        job = Job.objects.create(kind=kind, user=user, input=input or {})
        if upload is not None:
            files.save_upload(job.pk, upload)
            job.input_name = upload.name
        elif input_from is not None:
            files.copy_input(input_from.pk, job.pk)
            job.input_name = input_from.input_name
        job.input_file = str(files.input_path(job.pk)) if (upload is not None or input_from is not None) else ""
        job.save(update_fields=["input_file", "input_name"])
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def job_cancel(*, job: Job) -> bool:
    """Ask a job to stop. A queued job is cancelled at once; a running one stops at its next batch and
    its work rolls back. Returns False when the job had already finished."""
    if job.state in FINISHED_STATES:
        return False
    files.cancel_path(job.pk).touch()  # seen by the worker even while SQLite's write lock is held
    now = timezone.now()
    try:
        if Job.objects.filter(pk=job.pk, state=JobState.QUEUED).update(
            state=JobState.CANCELLED, cancel_requested=True, finished_at=now
        ):
            return True
        if connection.vendor != "sqlite":  # SQLite: a running import holds the write lock; the file is enough
            Job.objects.filter(pk=job.pk, state=JobState.RUNNING).update(cancel_requested=True)
    except OperationalError:  # SQLite busy with the job's own commit: the cancel file is enough
        logger.info("job %s: cancel recorded in its file only (database busy)", job.pk)
    return True


def job_retry(*, job: Job, user) -> Job:
    """Start the same work again (a failed or cancelled job), from the same input file if it is kept."""
    upload_kept = bool(job.input_file) and files.input_path(job.pk).exists()
    if job.input_file and not upload_kept:
        raise ValueError(_("Tệp đầu vào của công việc này đã được dọn; hãy tải tệp lên lại."))
    retry = job_start(kind=job.kind, user=user, input=job.input, input_from=job if upload_kept else None)
    Job.objects.filter(pk=retry.pk).update(retry_of=job)
    return retry


def _last_sign_of_life(job: Job) -> dt.datetime | None:
    moments = [job.heartbeat_at] if job.heartbeat_at else []
    kept = files.read_progress(job.pk)
    if kept:
        moments.append(dt.datetime.fromtimestamp(kept[1], tz=dt.UTC))
    return max(moments) if moments else None


def jobs_fail_stale(now: dt.datetime | None = None) -> int:
    """Mark failed every running job whose heartbeat lapsed (its worker died): never "running" forever.

    The heartbeat is the Job row's or its progress file's, whichever is newer (files.py). The work of a
    dead worker was inside one transaction, which the database rolled back when the connection died."""
    now = now or timezone.now()
    lapse = dt.timedelta(seconds=settings.JOBS_HEARTBEAT_LAPSE_SECONDS)
    failed = 0
    for job in Job.objects.filter(state=JobState.RUNNING, heartbeat_at__lt=now - lapse):
        seen = _last_sign_of_life(job)
        if seen and seen >= now - lapse:
            continue
        failed += Job.objects.filter(pk=job.pk, state=JobState.RUNNING).update(
            state=JobState.FAILED,
            finished_at=now,
            error=_(
                "Tiến trình xử lý đã dừng đột ngột (không còn tín hiệu từ %(since)s); không có gì được lưu. "
                "Bạn có thể chạy lại công việc."
            )
            % {"since": timezone.localtime(seen).strftime("%H:%M:%S %d/%m/%Y") if seen else "?"},
        )
        logger.warning("job %s: worker %s stopped sending heartbeats; marked failed", job.pk, job.worker)
    return failed


def jobs_cleanup(now: dt.datetime | None = None) -> int:
    """Remove the files of jobs finished longer ago than JOBS_RETENTION_HOURS (the rows stay)."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(hours=settings.JOBS_RETENTION_HOURS)
    old = Job.objects.filter(state__in=FINISHED_STATES, finished_at__lt=cutoff, files_removed=False)
    ids = list(old.values_list("pk", flat=True))
    for job_id in ids:
        files.remove(job_id)
    Job.objects.filter(pk__in=ids).update(files_removed=True)
    return len(ids)
