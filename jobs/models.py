"""The portal's record of a background job: who started what, how far it got, and how it ended.

The task libraries (django-tasks and its backends) run a task but know nothing of progress, cancel or
a worker that died; the Job row owns those. A job is started through `jobs.services.job_start`, which
creates the row and enqueues `jobs.tasks.run_job` with its id; `jobs.runner` does the rest.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import FINISHED_STATES, JobState


class Job(models.Model):
    """One run of a kind of work (registry.KINDS) for one user, with its progress and its outcome."""

    kind = models.CharField(_("loại"), max_length=50)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người chạy"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    input = models.JSONField(_("đầu vào"), default=dict, blank=True)
    input_file = models.CharField(_("tệp đầu vào"), max_length=255, blank=True)
    input_name = models.CharField(_("tên tệp đầu vào"), max_length=255, blank=True)
    state = models.CharField(_("trạng thái"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    phase = models.CharField(_("giai đoạn"), max_length=20, blank=True)
    done = models.BigIntegerField(_("đã xử lý"), default=0)
    total = models.BigIntegerField(_("tổng số"), null=True, blank=True)
    fraction = models.FloatField(_("tỉ lệ hoàn thành"), null=True, blank=True)
    cancel_requested = models.BooleanField(_("yêu cầu hủy"), default=False)
    worker = models.CharField(_("tiến trình xử lý"), max_length=120, blank=True)
    task_id = models.CharField(_("mã tác vụ"), max_length=64, blank=True)
    result = models.JSONField(_("kết quả"), default=dict, blank=True)
    result_file = models.CharField(_("tệp kết quả"), max_length=255, blank=True)
    result_name = models.CharField(_("tên tệp kết quả"), max_length=255, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    retry_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("tín hiệu sống gần nhất"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    files_removed = models.BooleanField(_("đã xóa tệp"), default=False)

    class Meta:
        verbose_name = _("công việc")
        verbose_name_plural = _("công việc")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="job_user_recent"),
            models.Index(fields=["state", "heartbeat_at"], name="job_state_heartbeat"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=JobState.values), name="job_state_valid"),
            models.CheckConstraint(condition=Q(done__gte=0), name="job_done_not_negative"),
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True) | Q(state__in=FINISHED_STATES), name="job_finished_has_end_state"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} #{self.pk}"

    @property
    def label(self) -> str:
        from .registry import kind_label

        return kind_label(self.kind)

    @property
    def finished(self) -> bool:
        return self.state in FINISHED_STATES

    @property
    def percent(self) -> int | None:
        """Progress in whole percent, when known (from the fraction of the file read, or done/total)."""
        if self.state == JobState.DONE:
            return 100
        if self.fraction is not None:
            return max(0, min(100, int(self.fraction * 100)))
        if self.total:
            return max(0, min(100, int(self.done * 100 / self.total)))
        return None
