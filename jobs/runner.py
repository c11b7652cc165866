"""Running a job inside a task: claim it, keep its heartbeat, report progress, honour cancel, end it.

Progress and the heartbeat are written by a small thread (`Pulse`) on its own database connection
(Django's connections are per thread), so they are visible while the work itself runs inside one
transaction, and a cancel is seen between batches. SQLite allows one writer: while an import's commit
holds the write lock the Pulse cannot update the Job row, so it also writes JOBS_ROOT/<id>/progress.json,
which the job page and the dead-worker check read (files.py). When the job runs inside an outer
transaction (inline in a test), the Pulse writes on the same connection instead.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, OperationalError, close_old_connections, connection, connections
from django.utils import timezone
from django.utils.translation import gettext as _

from . import files
from .choices import JobState
from .models import Job
from .registry import handler_of

logger = logging.getLogger("cchc.jobs")


class JobCancelled(Exception):
    """Raised from ctx.progress() when the user asked to cancel: the work's transaction rolls back."""


class JobError(Exception):
    """A failure the user can act on; its message (Vietnamese) is shown on the job page.

    `result` (JSON) is kept on the failed job for a caller that reads the details, e.g. the API's
    per-record errors of a pushed batch."""

    def __init__(self, message: str, *, result: dict | None = None):
        super().__init__(message)
        self.result = result


@dataclass
class Outcome:
    """What a handler returns: a small JSON-able result, and optionally a file to download."""

    result: dict = field(default_factory=dict)
    file: Path | None = None
    file_name: str = ""


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class Pulse:
    """The heartbeat thread of one running job; also the carrier of its progress and its cancel flag."""

    def __init__(self, job_id: int, *, separate: bool):
        self.job_id, self.separate = job_id, separate
        self.interval = settings.JOBS_HEARTBEAT_SECONDS
        self.progress: dict = {}
        self.cancelled = False
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name=f"job-{job_id}-pulse", daemon=True)
        self._last_inline = 0.0
        # The working thread's own connection (not the per-thread proxy): is it in SQLite's write transaction?
        self.work_connection = connections[DEFAULT_DB_ALIAS]

    def start(self) -> None:
        self.beat_file()
        if self.separate:
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=self.interval * 5)

    def report(self, **progress) -> None:
        with self._lock:
            self.progress.update(progress)
        if not self.separate and time.monotonic() - self._last_inline >= self.interval:
            self._last_inline = time.monotonic()
            self.beat()

    def cancel_seen(self) -> bool:
        if not self.cancelled and files.cancel_path(self.job_id).exists():
            self.cancelled = True
        return self.cancelled

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.interval):
                self.beat()
        finally:
            connections.close_all()  # this thread's connections only

    def beat_file(self) -> None:
        with self._lock:
            progress = dict(self.progress)
        files.write_progress(self.job_id, {**progress, "worker": worker_name()})

    def beat(self) -> None:
        self.beat_file()
        with self._lock:
            progress = dict(self.progress)
        work = self.work_connection
        # SQLite has one writer: while the work's transaction holds the lock an UPDATE would wait (and
        # stop the file beats meanwhile), so only the file carries progress then; reads still work (WAL).
        sqlite_locked = self.separate and work.vendor == "sqlite" and work.in_atomic_block
        try:
            if not sqlite_locked:
                Job.objects.filter(pk=self.job_id, state=JobState.RUNNING).update(
                    heartbeat_at=timezone.now(), **progress
                )
            if Job.objects.filter(pk=self.job_id, cancel_requested=True).exists():
                self.cancelled = True
        except OperationalError:  # SQLite: a commit holds the write lock; the file above carries on
            logger.debug("job %s: database busy, progress kept in its file", self.job_id)


class Context:
    """What a handler gets besides the job: its input file, progress reporting, a place for its result."""

    def __init__(self, job: Job, pulse: Pulse):
        self.job, self.pulse = job, pulse

    @property
    def input_path(self) -> Path:
        return files.input_path(self.job.pk)

    @property
    def result_path(self) -> Path:
        return files.result_path(self.job.pk)

    def progress(self, done: int, *, total: int | None = None, fraction: float | None = None, phase: str = "") -> None:
        """Record how far the work got; raise JobCancelled if the user cancelled. Call between batches."""
        values = {"done": int(done)}
        if total is not None:
            values["total"] = int(total)
        if fraction is not None:
            values["fraction"] = float(fraction)
        if phase:
            values["phase"] = phase
        self.pulse.report(**values)
        if self.pulse.cancel_seen():
            raise JobCancelled


def execute(job_id: int) -> str:
    """Run the job `job_id` if it is still queued; return its final state."""
    if not connection.in_atomic_block:  # a worker between tasks: drop a connection the database closed
        close_old_connections()
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=now, heartbeat_at=now, worker=worker_name()
    )
    if not claimed:  # cancelled before it started, or run already (a task delivered twice)
        return ""
    job = Job.objects.get(pk=job_id)
    pulse = Pulse(job_id, separate=not connection.in_atomic_block)
    pulse.start()
    try:
        outcome = handler_of(job.kind)(job, Context(job, pulse))
    except JobCancelled:
        return _finish(job, pulse, JobState.CANCELLED)
    except JobError as exc:
        details = Outcome(result=exc.result) if exc.result is not None else None
        return _finish(job, pulse, JobState.FAILED, error=str(exc), outcome=details)
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        message = _("Lỗi không mong đợi khi chạy công việc #%(id)s; quản trị viên đã được ghi nhật ký.") % {
            "id": job.pk
        }
        return _finish(job, pulse, JobState.FAILED, error=message)
    return _finish(job, pulse, JobState.DONE, outcome=outcome or Outcome())


def _finish(job: Job, pulse: Pulse, state: str, *, error: str = "", outcome: Outcome | None = None) -> str:
    pulse.stop()
    values = {"state": state, "finished_at": timezone.now(), "error": error, "heartbeat_at": timezone.now()}
    values.update({key: value for key, value in pulse.progress.items() if key in {"done", "total", "phase"}})
    if outcome is not None:
        values["result"] = outcome.result
        if outcome.file:
            values["result_file"] = str(outcome.file)
            values["result_name"] = outcome.file_name
    # Only a running job ends here: if the dead-worker check failed it meanwhile, that verdict stands.
    Job.objects.filter(pk=job.pk, state=JobState.RUNNING).update(**values)
    files.progress_path(job.pk).unlink(missing_ok=True)
    return state
