"""The same jobs through the RQ backend (Redis): enqueued by job_start, run by an RQ worker.

CI must run it (CI=true: Redis at REDIS_URL, default 127.0.0.1:6379, is required); elsewhere it is skipped
with a message when no Redis answers.
"""

from __future__ import annotations

import os
import random

import pytest

from jobs import services
from jobs.models import Job

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def redis_url():
    from redis import Redis
    from redis.exceptions import RedisError

    url = REDIS_URL.rsplit("/", 1)[0] + f"/{random.randint(1, 15)}"  # a database of its own, mostly
    try:
        Redis.from_url(url, socket_connect_timeout=2).ping()
    except RedisError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs Redis at {REDIS_URL} for the RQ backend test: {exc}")
        pytest.skip(f"no Redis at {REDIS_URL} ({exc}): the RQ backend test runs in CI")
    return url


@pytest.fixture
def rq_backend(settings, redis_url):
    settings.RQ_QUEUES = {"default": {"URL": redis_url, "DEFAULT_TIMEOUT": 600}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    import django_rq

    queue = django_rq.get_queue("default")
    queue.empty()
    yield queue
    queue.empty()


def test_a_job_goes_through_redis_and_an_rq_worker(cast, rq_backend, django_capture_on_commit_callbacks):
    from django_tasks_rq import Job as TaskJob
    from rq import SimpleWorker

    with django_capture_on_commit_callbacks(execute=True):
        job = services.job_start(kind="reminders.send", user=cast["admin"])

    assert rq_backend.count == 1 and Job.objects.get(pk=job.pk).state == "queued"  # waiting in Redis
    worker = SimpleWorker([rq_backend], connection=rq_backend.connection, job_class=TaskJob)
    assert worker.work(burst=True)

    job.refresh_from_db()
    assert job.state == "done" and job.result == {"created": 0, "sent": 0, "failed": 0}
    assert job.task_id and rq_backend.count == 0
