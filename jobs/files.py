"""Where a job's files live: JOBS_ROOT/<id>/ holds its input, its result and its live progress.

With several machines JOBS_ROOT must be shared storage (docs/deployment.md). The progress file is the
heartbeat that works on every database: on SQLite a running import holds the write lock until it
commits, so the Job row cannot be updated meanwhile, but this file can (runner.Pulse).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings


def root() -> Path:
    path = Path(settings.JOBS_ROOT)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def job_dir(job_id: int) -> Path:
    path = root() / str(int(job_id))
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def input_path(job_id: int) -> Path:
    return job_dir(job_id) / "input"


def result_path(job_id: int) -> Path:
    return job_dir(job_id) / "result"


def cancel_path(job_id: int) -> Path:
    return job_dir(job_id) / "cancel"


def progress_path(job_id: int) -> Path:
    return job_dir(job_id) / "progress.json"


def save_upload(job_id: int, upload) -> Path:
    """Write an uploaded file (a Django UploadedFile) as the job's input."""
    path = input_path(job_id)
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


def copy_input(source_job_id: int, target_job_id: int) -> Path:
    """The input of one job becomes another's (a commit re-reads the file its preview read)."""
    source, target = input_path(source_job_id), input_path(target_job_id)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
    return target


def write_progress(job_id: int, data: dict) -> None:
    """Replace the progress file atomically (a reader never sees half a file)."""
    directory = job_dir(job_id)
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=".progress")
    with os.fdopen(fd, "w") as out:
        json.dump(data, out)
    os.replace(temporary, progress_path(job_id))


def read_progress(job_id: int) -> tuple[dict, float] | None:
    """The progress file's data and modification time, or None."""
    path = root() / str(int(job_id)) / "progress.json"
    try:
        mtime = path.stat().st_mtime
        return json.loads(path.read_text()), mtime
    except (FileNotFoundError, ValueError):
        return None


def remove(job_id: int) -> None:
    shutil.rmtree(root() / str(int(job_id)), ignore_errors=True)
