"""Reads of jobs: a user's list, and a running job's live progress (row merged with its progress file)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cchc import permissions

from . import files
from .choices import JobState
from .models import Job

PHASES = {
    "read": _("Đọc và kiểm tra tệp"),
    "ledger": _("Tính lại sổ theo dõi"),
    "write": _("Ghi dữ liệu"),
    "export": _("Tính và xuất bảng"),
    "narrative": _("Soạn báo cáo từ số liệu"),
    "document": _("Viết tệp Word"),
    "synthetic": _("Tạo đơn vị, báo cáo và số liệu mô phỏng"),
}


def jobs_visible(*, user) -> QuerySet[Job]:
    """The jobs a user sees: their own (admins: everyone's)."""
    queryset = Job.objects.select_related("user")
    return queryset if permissions.is_admin(user) else queryset.filter(user=user)


def job_live(*, job: Job) -> Job:
    """The job with the newest progress: a running job's file is fresher than its row on SQLite."""
    if job.state == JobState.RUNNING:
        kept = files.read_progress(job.pk)
        if kept:
            data = kept[0]
            job.done = data.get("done", job.done)
            job.total = data.get("total", job.total)
            job.fraction = data.get("fraction", job.fraction)
            job.phase = data.get("phase", job.phase)
    return job
