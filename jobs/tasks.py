"""The tasks the queue runs (database backend by default, RQ on Redis to scale: docs/deployment.md)."""

from __future__ import annotations

from .compat import task


@task()
def run_job(job_id: int) -> str:
    """Run one portal job (jobs.runner): every kind of background work goes through this task."""
    from .runner import execute

    return execute(job_id)


@task()
def sweep_jobs() -> dict:
    """Fail jobs whose worker died, and remove the files of jobs past their retention."""
    from . import services

    return {"failed": services.jobs_fail_stale(), "cleaned": services.jobs_cleanup()}
