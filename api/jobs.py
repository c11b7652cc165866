"""A long dossier push as a background job (jobs.registry "api.dossiers_push", issue 20).

A batch above `API_DOSSIER_INLINE_MAX` records is kept as the job's input file (JSON) and pushed by the
worker through the same `api.dossiers.dossier_push` as a small batch inline: the same checks, the same
upsert on the dossier code, one transaction with the ledgers. The caller polls `/api/v1/jobs/<id>/`.
A refused batch fails the job with the per-index errors kept in its result; a cancel (an admin on the
job's page) rolls the batch back.
"""

from __future__ import annotations

import json

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from cchc import permissions
from cchc.exceptions import NotAllowed
from jobs.models import Job
from jobs.runner import JobError, Outcome
from jobs.services import job_start
from procedures.importing import ImportFailed

from .dossiers import dossier_push, errors_body
from .models import ApiClient
from .serializers.dossiers import PushResultSerializer

KIND = "api.dossiers_push"


def dossier_push_enqueue(*, records: list[dict], user) -> Job:
    """Queue the push of `records` for `user` (a client's account, or a person with a session)."""
    client = permissions.api_client(user)
    body = json.dumps({"records": records}, ensure_ascii=False).encode()
    return job_start(
        kind=KIND,
        user=user,
        input={"records": len(records), "client": client.pk if client is not None else None},
        upload=ContentFile(body, name="records.json"),
    )


def _pusher(job: Job):
    """The job's user with its API client attached again (as api.authentication does for a request), so the
    permission checks of the push are the client's scope; the client must still be usable."""
    user = job.user
    if user is None:
        raise JobError(_("Người chạy công việc không còn tồn tại."))
    client = ApiClient.objects.select_related("user", "unit").filter(pk=job.input.get("client")).first()
    if client is not None and client.user_id == user.pk:  # a retry by an admin runs with the admin's rights
        if not client.is_usable():
            raise JobError(_("Mã khóa API đã bị thu hồi hoặc hết hạn trước khi lô được xử lý: không lưu hồ sơ nào."))
        user._cchc_api_client = client
    return user


def dossier_push_job(job: Job, ctx) -> Outcome:
    """Push the kept batch; the result is the answer an inline push would have given."""
    user = _pusher(job)
    records = json.loads(ctx.input_path.read_bytes())["records"]
    total = len(records)
    ctx.progress(0, total=total, phase="read")

    def progress(rows: int, fraction: float | None, stage: str = "read") -> None:
        ctx.progress(rows, total=total, phase=stage)

    try:
        result = dossier_push(records=records, user=user, progress=progress)
    except ImportFailed as failed:
        body = errors_body(failed)
        raise JobError(body["detail"], result=body) from None
    except NotAllowed:  # the account lost its right to import meanwhile
        raise JobError(_("Bạn không có quyền gửi hồ sơ một cửa qua API.")) from None
    return Outcome(result=json.loads(json.dumps(PushResultSerializer(result).data)))
