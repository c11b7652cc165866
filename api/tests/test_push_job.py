"""A long dossier push goes through the job queue (issue 20): 202, a job to poll, the inline push's answer.

API_DOSSIER_INLINE_MAX is lowered so that a few records make a "long" batch; the 10,000-record push of
test_push_10000.py runs through the job with the default setting.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from api import dossiers as api_dossiers
from api import jobs as api_jobs
from api.services import api_client_revoke
from api.tests import test_dossier_push as base
from jobs import files
from jobs.models import Job
from jobs.runner import execute
from procedures.models import DossierRecord

URL, record = base.URL, base.record
setup, pusher = base.setup, base.pusher  # the push tests' fixtures


@pytest.fixture
def long_batches(settings):
    settings.API_DOSSIER_INLINE_MAX = 2


def caller(pusher):
    """The client's account as api.authentication gives it to a request (with its client attached)."""
    user = pusher.api_client.user
    user._cchc_api_client = pusher.api_client
    return user


def push(http, batch, capture):
    with capture(execute=True):
        return http.post(URL, {"records": batch}, format="json")


def test_a_long_batch_answers_202_with_a_job_whose_result_is_the_inline_answer(
    pusher, long_batches, unit_a, settings, django_capture_on_commit_callbacks
):
    batch = [record("HS-1"), record("HS-2", kenh="truc_tuyen", trang_thai="dang_giai_quyet", ngay_hoan_thanh=None)]
    batch.append(record("HS-3", ma_don_vi="T-B"))

    response = push(pusher, batch, django_capture_on_commit_callbacks)

    assert response.status_code == 202, response.content[:300]
    job = Job.objects.get(kind="api.dossiers_push")
    url = reverse("api:job", args=[job.pk])
    assert response.json() == {"job": job.pk, "state": "queued", "records": 3, "url": url}  # run after the answer
    assert response["Location"] == url
    assert (job.user, job.input["client"], job.input["records"]) == (
        pusher.api_client.user,
        pusher.api_client.pk,
        3,
    )
    polled = pusher.get(url).json()
    assert (polled["state"], polled["done"], polled["total"], polled["percent"]) == ("done", 3, 3, 100)
    assert (polled["result"]["created"], polled["result"]["records"], polled["errors"]) == (3, 3, [])
    assert DossierRecord.objects.count() == 3

    settings.API_DOSSIER_INLINE_MAX = 10  # the same batch inline: the same answer (all unchanged now)
    inline = pusher.post(URL, {"records": batch}, format="json").json()
    again = push(pusher, batch, django_capture_on_commit_callbacks)  # idempotent by dossier code
    settings.API_DOSSIER_INLINE_MAX = 2
    again = push(pusher, batch, django_capture_on_commit_callbacks)
    second = pusher.get(again.json()["url"]).json()["result"]
    assert (second["created"], second["updated"], second["unchanged"]) == (0, 0, 3)
    assert second["ledgers"] == inline["ledgers"] and DossierRecord.objects.count() == 3


def test_a_batch_at_the_limit_stays_inline(pusher, long_batches, django_capture_on_commit_callbacks):
    response = push(pusher, [record("HS-1"), record("HS-2")], django_capture_on_commit_callbacks)

    assert response.status_code == 200 and response.json()["created"] == 2
    assert not Job.objects.exists()


def test_a_long_batch_with_bad_records_fails_its_job_with_the_errors_by_index_and_saves_nothing(
    pusher, long_batches, django_capture_on_commit_callbacks
):
    batch = [record("HS-1"), record("HS-2", ma_don_vi="KHONG-CO"), record("HS-3"), record("HS-1")]
    inline_errors = pusher.post(URL, {"records": batch[:2]}, format="json").json()["errors"]

    response = push(pusher, batch, django_capture_on_commit_callbacks)

    assert response.status_code == 202
    polled = pusher.get(response.json()["url"]).json()
    assert (polled["state"], polled["result"], polled["error_count"]) == ("failed", None, 2)
    assert polled["detail"] == "Lô có 2 lỗi: không lưu hồ sơ nào."
    assert [(e["index"], e["field"]) for e in polled["errors"]] == [(1, "ma_don_vi"), (3, "ma_ho_so")]
    assert polled["errors"][0] == inline_errors[0]  # the inline push's message, word for word
    assert not DossierRecord.objects.exists()


def test_a_cancelled_push_rolls_back_between_batches(pusher, long_batches, monkeypatch):
    monkeypatch.setattr(api_dossiers, "BATCH_SIZE", 2)
    pushed = api_jobs.dossier_push

    def cancel_after_the_first_batch(*, records, user, progress):
        def progress_then_cancel(rows, fraction, stage="read"):
            if rows:
                files.cancel_path(job.pk).touch()  # "Hủy công việc" on the job's page
            progress(rows, fraction, stage)

        return pushed(records=records, user=user, progress=progress_then_cancel)

    monkeypatch.setattr(api_jobs, "dossier_push", cancel_after_the_first_batch)
    job = api_jobs.dossier_push_enqueue(records=[record(f"HS-{n}") for n in range(5)], user=caller(pusher))

    assert execute(job.pk) == "cancelled"

    job.refresh_from_db()
    assert (job.done, job.total) == (2, 5)
    assert not DossierRecord.objects.exists()
    assert pusher.get(reverse("api:job", args=[job.pk])).json()["state"] == "cancelled"


def test_a_token_revoked_before_the_job_runs_saves_nothing(pusher, long_batches):
    records = [record("HS-1"), record("HS-2"), record("HS-3")]
    job = api_jobs.dossier_push_enqueue(records=records, user=caller(pusher))
    api_client_revoke(client=pusher.api_client)

    assert execute(job.pk) == "failed"

    job.refresh_from_db()
    assert "thu hồi hoặc hết hạn" in job.error and not DossierRecord.objects.exists()


def test_a_client_polls_its_own_jobs_only(pusher, setup, province, make_token, http, long_batches):
    job = api_jobs.dossier_push_enqueue(records=[record("HS-1")] * 3, user=caller(pusher))
    _other, token = make_token(province, read=True, push=True, name="Hệ thống khác")

    assert pusher.get(reverse("api:job", args=[job.pk])).json()["state"] == "queued"
    assert http.with_token(token).get(reverse("api:job", args=[job.pk])).status_code == 404


def test_an_admin_sees_a_pushed_batchs_job_on_the_portals_job_page(
    pusher, long_batches, client, cast, django_capture_on_commit_callbacks
):
    response = push(pusher, [record("HS-1"), record("HS-2"), record("HS-3")], django_capture_on_commit_callbacks)
    client.force_login(cast["admin"])

    page = client.get(reverse("job_detail", args=[response.json()["job"]])).content.decode()

    assert 'id="push-result"' in page and "Nhận lô hồ sơ một cửa qua API" in page
